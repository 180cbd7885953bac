"""Diagnostics, their findings (constats) with sources and statistical evidence, and the review
campaigns that re-examine them. Nothing is overwritten: wordings and verdicts are rows of history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diagnostic.choices import CampaignStatus, DiagnosticStatus, FindingStatus, Verdict
from diagnostic.permissions import (
    CampaignQuerySet,
    DiagnosticQuerySet,
    FindingPartQuerySet,
    FindingQuerySet,
    InvitationQuerySet,
    ReviewQuerySet,
    SettlementQuerySet,
)
from pli.concurrency import Versioned
from vocabulary import labels
from vocabulary.models import ReviewLens, SourceType


class Diagnostic(Versioned):
    """A dated analysis of a territory that produces findings."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    territory = models.ForeignKey(
        "territory.Territory", on_delete=models.PROTECT, verbose_name=_("territory")
    )
    period = models.CharField(_("period"), max_length=60, help_text=_("e.g. 2016-2017"))
    method = models.TextField(_("method"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DiagnosticStatus.choices, default=DiagnosticStatus.DRAFT
    )
    is_demo = models.BooleanField(default=False, editable=False, verbose_name=_("demo content"))

    objects = DiagnosticQuerySet.as_manager()

    class Meta:
        verbose_name = _("diagnostic")
        verbose_name_plural = _("diagnostics")
        ordering = ["-period", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("diagnostic:diagnostic_detail", args=[self.pk])


class Finding(Versioned):
    """A short statement of a need or a problem. Its current wording is `statement`; every wording it
    ever had is a FindingWording row."""

    diagnostic = models.ForeignKey(
        Diagnostic, on_delete=models.PROTECT, related_name="findings", verbose_name=_("diagnostic")
    )
    statement = models.CharField(_("finding"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    axis = models.ForeignKey("vocabulary.Axis", on_delete=models.PROTECT, verbose_name=_("axis"))
    territories = models.ManyToManyField(
        "territory.Territory", related_name="findings", verbose_name=_("territories")
    )
    publics = models.ManyToManyField("vocabulary.Public", blank=True, verbose_name=_("publics concerned"))
    status = models.CharField(
        _("status"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    source_meeting = models.ForeignKey(
        "network.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
        verbose_name=_("meeting it came from"),
    )
    search_text = models.TextField(editable=False, default="", verbose_name=_("search text"))
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["axis__order", "pk"]

    def __str__(self):
        return self.statement

    def get_absolute_url(self):
        return reverse("diagnostic:finding_detail", args=[self.pk])

    def refresh_search_text(self) -> None:
        from diagnostic.search import normalise

        sources = " ".join(s.detail for s in self.sources.all()) if self.pk else ""
        self.search_text = normalise(f"{self.statement} {self.description} {sources}")


class FindingSource(models.Model):
    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="sources", verbose_name=_("finding")
    )
    kind = models.CharField(_("source"), max_length=20, help_text=_("Code of a finding source type."))
    detail = models.CharField(
        _("detail"), max_length=255, blank=True, help_text=_("e.g. PCS de Ciney 2020-2025")
    )

    objects = FindingPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["finding", "kind", "detail"], name="finding_source_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}{' — ' + self.detail if self.detail else ''}"

    def get_absolute_url(self):
        return self.finding.get_absolute_url()

    def get_kind_display(self) -> str:
        return labels.label(SourceType, self.kind)


class FindingWording(models.Model):
    """One wording a finding had, from a date: the history is never overwritten."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="wordings", verbose_name=_("finding")
    )
    text = models.CharField(_("wording"), max_length=500)
    since = models.DateTimeField(_("since"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    settlement = models.ForeignKey(
        "Settlement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("final verdict"),
    )

    objects = FindingPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("wording")
        verbose_name_plural = _("wordings")
        ordering = ["since", "pk"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("diagnostic:finding_history", args=[self.finding_id])


class Evidence(models.Model):
    """A statistic cited by a finding, with the value and year captured when it was cited."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("finding")
    )
    territory = models.ForeignKey(
        "territory.Territory", on_delete=models.PROTECT, verbose_name=_("territory")
    )
    indicator = models.CharField(_("indicator"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    source_label = models.CharField(_("source"), max_length=255)
    captured_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("captured at"))
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("captured by"),
    )

    objects = FindingPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.territory} {self.indicator} {self.year}: {self.value}"

    def get_absolute_url(self):
        return self.finding.get_absolute_url() + "#evidence-title"

    def get_indicator_display(self) -> str:
        """The indicator's French name ("part des non-Belges"), never its code."""
        from diagnostic.choices import EVIDENCE_INDICATORS

        return str(EVIDENCE_INDICATORS.get(self.indicator, self.indicator))

    @property
    def value_kind(self) -> str:
        """How its value is written (the `figure` filter's kind): a share as a percentage."""
        from diagnostic.choices import SHARE_INDICATORS

        return "share" if self.indicator in SHARE_INDICATORS else "float"


class ReviewCampaign(Versioned):
    """A re-examination of a set of findings through the five lenses."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    diagnostic = models.ForeignKey(
        Diagnostic, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("diagnostic")
    )
    axis = models.ForeignKey(
        "vocabulary.Axis", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("axis")
    )
    territory = models.ForeignKey(
        "territory.Territory", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("territory")
    )
    lenses = models.JSONField(_("lenses"), default=list)
    findings = models.ManyToManyField(Finding, related_name="campaigns", verbose_name=_("findings"))
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened on"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False, verbose_name=_("demo content"))

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("review campaign")
        verbose_name_plural = _("review campaigns")
        ordering = ["-opened_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("diagnostic:campaign_detail", args=[self.pk])

    def lens_choices(self) -> list[tuple[str, str]]:
        """(code, label) of the campaign's lenses, in the vocabulary's order (a lens retired since stays)."""
        return [(entry.code, entry.label) for entry in labels.terms(ReviewLens) if entry.code in self.lenses]


class CampaignInvitation(models.Model):
    """A partner (or any user) invited to review a campaign's findings through one lens."""

    campaign = models.ForeignKey(
        ReviewCampaign, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("campaign")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="campaign_invitations",
        verbose_name=_("user"),
    )
    lens = models.CharField(_("lens"), max_length=20, help_text=_("Code of a review lens."))

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["campaign", "user", "lens"], name="invitation_unique")]

    def __str__(self):
        return f"{self.user} — {self.get_lens_display()}"

    def get_absolute_url(self):
        return self.campaign.get_absolute_url()

    def get_lens_display(self) -> str:
        return labels.label(ReviewLens, self.lens)


class FindingReview(models.Model):
    """One reviewer's verdict on a finding, through one lens, in one campaign. Several may exist."""

    campaign = models.ForeignKey(
        ReviewCampaign, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("campaign")
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("finding")
    )
    lens = models.CharField(_("lens"), max_length=20, help_text=_("Code of a review lens."))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    new_wording = models.CharField(_("new wording"), max_length=500, blank=True)
    replacement = models.ForeignKey(
        Finding,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replaced by"),
    )
    rationale = models.TextField(_("rationale"))
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created at"))

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["campaign", "finding"])]

    def __str__(self):
        return f"{self.finding} — {self.get_verdict_display()}"

    def get_absolute_url(self):
        return reverse("diagnostic:review_finding", args=[self.campaign_id, self.finding_id])

    def get_lens_display(self) -> str:
        return labels.label(ReviewLens, self.lens)


class Settlement(models.Model):
    """The coordinator's final verdict on a finding in a campaign (one per finding and campaign)."""

    campaign = models.ForeignKey(
        ReviewCampaign, on_delete=models.CASCADE, related_name="settlements", verbose_name=_("campaign")
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="settlements", verbose_name=_("finding")
    )
    verdict = models.CharField(_("final verdict"), max_length=20, choices=Verdict.choices)
    new_wording = models.CharField(_("new wording"), max_length=500, blank=True)
    replacement = models.ForeignKey(
        Finding,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replaced by"),
    )
    rationale = models.TextField(_("rationale"))
    settled_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("settled at"))
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("settled by"),
    )

    objects = SettlementQuerySet.as_manager()

    class Meta:
        verbose_name = _("final verdict")
        verbose_name_plural = _("final verdicts")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "finding"], name="settlement_once_per_campaign")
        ]

    def __str__(self):
        return f"{self.finding} — {self.get_verdict_display()}"

    def get_absolute_url(self):
        return reverse("diagnostic:review_finding", args=[self.campaign_id, self.finding_id])
