"""The plan: its versions, the priorities under each axis, the recommendations with the findings that
justify them, their means, the partner organisations that carry them, and their progress."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plan.choices import (
    MeansKind,
    PlanKind,
    PlanStatus,
    PowerLevel,
    RecommendationStatus,
    ResourceRole,
)
from plan.permissions import (
    PlanQuerySet,
    PriorityQuerySet,
    ProgressUpdateQuerySet,
    RecommendationPartQuerySet,
    RecommendationQuerySet,
)
from pli.concurrency import Versioned
from vocabulary.models import Framework

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
YEARS = [MinValueValidator(1990), MaxValueValidator(2100)]


def new_content_token() -> str:
    """A value never used before: the key under which the parts of a plan's pages are cached."""
    return secrets.token_hex(8)


class Plan(Versioned):
    """A PLI of a commune or the PPLI of a province, in one version (e.g. PPLI 2016-2019, PPLI 2.0)."""

    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices, default=PlanKind.PPLI)
    title = models.CharField(_("title"), max_length=200)
    version_label = models.CharField(
        _("version"), max_length=60, blank=True, help_text=_("e.g. PPLI 2016-2019, PPLI 2.0")
    )
    territory = models.ForeignKey(
        "territory.Territory", on_delete=models.PROTECT, related_name="plans", verbose_name=_("territory")
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEARS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEARS)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.PREPARATION
    )
    carriers = models.CharField(
        _("carried by"), max_length=255, blank=True, help_text=_("e.g. Province de Namur, CLPS, C.A.I.")
    )
    framework = models.CharField(
        _("framework of axes"), max_length=20, choices=Framework.choices, default=Framework.PCS_2014
    )
    diagnostic = models.ForeignKey(
        "diagnostic.Diagnostic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        verbose_name=_("diagnostic"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("e.g. Conseil provincial de Namur")
    )
    closed_on = models.DateField(pgettext_lazy("plan", "closed on"), null=True, blank=True)
    closed_by = models.CharField(
        _("closed by"), max_length=200, blank=True, help_text=_("e.g. the plenary assembly of November 2019")
    )
    plenary = models.ForeignKey(
        "network.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_settled",
        limit_choices_to={"kind": "plenary"},
        verbose_name=_("plenary assembly that adopted or closed it"),
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_versions",
        verbose_name=_("previous version"),
    )
    summary = models.TextField(_("summary"), blank=True)
    is_published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("published at"))
    is_demo = models.BooleanField(default=False, editable=False, verbose_name=_("demo content"))
    # Renewed at every save of a plan and by plan/services.py at every write of what its pages show
    # (priorities, recommendations, means, resources, progress): the cached parts are keyed by it
    # (plan/cache.py). A random value, so that a stale copy saved again can never bring back an old key.
    # Not in the audit trail (accounts.audit leaves out fields named *token).
    content_token = models.CharField(max_length=16, default=new_content_token, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_period_in_order",
                violation_error_message=_("The last year cannot come before the first year."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plan:plan_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.content_token = new_content_token()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "content_token"}
        super().save(*args, **kwargs)
        # The other plans' pages link to their previous and next versions (title, publication): a
        # plan's change renews them all (plans are few, and saved seldom).
        Plan.objects.exclude(pk=self.pk).update(content_token=new_content_token())
        from plan.cache import forget_public_tokens  # plan.cache reads this module

        forget_public_tokens()

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    @property
    def can_be_published(self) -> bool:
        return self.status in (PlanStatus.ADOPTED, PlanStatus.CLOSED)

    @property
    def is_public(self) -> bool:
        """Readable by anybody: published, and adopted or closed (as PlanQuerySet.published() says)."""
        return self.is_published and self.can_be_published


class Priority(Versioned):
    """A priority of the plan under one of its axes, justified by findings."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("plan")
    )
    axis = models.ForeignKey("vocabulary.Axis", on_delete=models.PROTECT, verbose_name=_("axis"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("priority"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    findings = models.ManyToManyField(
        "diagnostic.Finding",
        blank=True,
        related_name="priorities",
        verbose_name=_("findings that justify it"),
    )
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        editable=False,
        verbose_name=_("copied from"),
    )

    objects = PriorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["axis__order", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="priority_number_unique_in_plan",
                violation_error_message=_("Another priority of this plan already has this number."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("plan:priority_detail", args=[self.pk])


class Recommendation(Versioned):
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("priority")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("recommendation"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    findings = models.ManyToManyField(
        "diagnostic.Finding", blank=True, related_name="recommendations", verbose_name=_("findings cited")
    )
    territories = models.ManyToManyField(
        "territory.Territory", blank=True, related_name="recommendations", verbose_name=_("territories")
    )
    publics = models.ManyToManyField("vocabulary.Public", blank=True, verbose_name=_("public"))
    addressed_to = models.ManyToManyField(
        "network.Organisation",
        blank=True,
        through="Addressee",
        related_name="recommendations_received",
        verbose_name=_("addressed to (organisations)"),
    )
    addressed_levels = models.JSONField(_("addressed to (levels of power)"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.TO_LAUNCH,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=PERCENT)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        editable=False,
        verbose_name=_("copied from"),
    )

    # Renewed at every save of the recommendation and by plan/cache.py at every write of what its own
    # line and API item show (means, resources, progress; its priority's number, the names it quotes):
    # its cached line and item are keyed by it, so that a progress post computes one recommendation
    # again, not the whole plan (the plan's own content token covers the plan's parts).
    content_token = models.CharField(max_length=16, default=new_content_token, editable=False)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["priority__axis__order", "priority__number", "number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="recommendation_progress_max_100"
            ),
            models.UniqueConstraint(
                fields=["priority", "number"],
                name="recommendation_number_unique_in_priority",
                violation_error_message=_("Another recommendation of this priority already has this number."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plan:recommendation_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.content_token = new_content_token()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "content_token"}
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        return f"{self.priority.number}.{self.number}"

    def addressed_level_labels(self) -> list[str]:
        labels = dict(PowerLevel.choices)
        return [str(labels.get(level, level)) for level in self.addressed_levels]


class Addressee(models.Model):
    """An organisation a recommendation is addressed to; it cannot be deleted while a plan names it."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, verbose_name=_("recommendation")
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )

    objects = RecommendationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "organisation"], name="addressee_unique")
        ]

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return self.recommendation.get_absolute_url()


class Means(Versioned):
    """One line of the means of a recommendation: euros from a funder for a year, FTE, or logistics."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="means", verbose_name=_("recommendation")
    )
    kind = models.CharField(_("kind of means"), max_length=20, choices=MeansKind.choices)
    amount = models.DecimalField(
        _("amount (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEARS)
    fte = models.DecimalField(
        _("full-time equivalents"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    objects = RecommendationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("means")
        verbose_name_plural = _("means")
        ordering = ["kind", "year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="means_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(fte__isnull=True) | models.Q(fte__gte=0), name="means_fte_not_negative"
            ),
        ]

    def __str__(self):
        if self.kind == MeansKind.FINANCIAL:
            return f"{self.amount} € — {self.funder} {self.year or ''}".strip()
        if self.kind == MeansKind.HUMAN:
            return f"{self.fte} ETP {self.description}".strip()
        return self.description

    def get_absolute_url(self):
        return self.recommendation.get_absolute_url() + "#means-title"


class Resource(Versioned):
    """A partner organisation mobilised by a recommendation, with its role."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="resources", verbose_name=_("recommendation")
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="plan_resources",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=ResourceRole.choices)

    objects = RecommendationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "organisation", "role"],
                name="resource_unique_role",
                violation_error_message=_("This organisation already has this role for this recommendation."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    def get_absolute_url(self):
        return self.recommendation.get_absolute_url() + "#resources-title"


class ProgressUpdate(models.Model):
    """A dated step in the life of a recommendation: together they form its timeline."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates", verbose_name=_("recommendation")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what happened"))
    status = models.CharField(_("status"), max_length=20, choices=RecommendationStatus.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=PERCENT)
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # the timeline keeps who reported each step
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="progress_update_max_100"),
        ]

    def __str__(self):
        return f"{self.date} — {self.progress} %"

    def get_absolute_url(self):
        return self.recommendation.get_absolute_url() + f"#update-{self.pk}"
