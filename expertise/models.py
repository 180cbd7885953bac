"""Expertise mobilisation: requests from the field or from a societal context, the experts solicited on
them (assignments), the dated events their state is derived from, and their attachments."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from expertise.choices import AssignmentStatus, EventKind, Origin, State
from expertise.permissions import AssignmentQuerySet, ExpertiseRequestQuerySet, ThroughRequestQuerySet
from pli.concurrency import Versioned


class ExpertiseRequest(Versioned):
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.FIELD)
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"))
    context = models.TextField(_("context"), blank=True)
    areas = models.ManyToManyField(
        "vocabulary.ExpertiseArea", related_name="requests", verbose_name=_("expertise areas")
    )
    territories = models.ManyToManyField(
        "territory.Territory", blank=True, related_name="expertise_requests", verbose_name=_("territories")
    )
    publics = models.ManyToManyField("vocabulary.Public", blank=True, verbose_name=_("publics"))
    languages = models.JSONField(
        _("languages needed"), default=list, blank=True, help_text=_("ISO 639 codes (network/languages.py).")
    )
    urgency = models.ForeignKey("vocabulary.Urgency", on_delete=models.PROTECT, verbose_name=_("urgency"))
    wished_by = models.DateField(_("wished-for date"), null=True, blank=True)
    requester_organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expertise_requests",
        verbose_name=_("requesting organisation"),
    )
    requester_name = models.CharField(
        _("requester"),
        max_length=150,
        blank=True,
        help_text=_("Who asked, when a coordinator enters a request received by phone."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expertise_requests",
        verbose_name=_("entered by"),
    )
    findings = models.ManyToManyField(
        "diagnostic.Finding", blank=True, related_name="expertise_requests", verbose_name=_("findings cited")
    )
    meeting = models.ForeignKey(
        "network.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expertise_requests",
        verbose_name=_("meeting cited"),
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    first_answer_due = models.DateTimeField(_("first answer due"))
    closure_due = models.DateTimeField(_("closure due"))
    # Kept in step with the events by the services, for the lists and the reactivity report.
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.RECEIVED)
    qualified_at = models.DateTimeField(_("qualified at"), null=True, blank=True)
    first_answer_at = models.DateTimeField(_("first answer at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    redirected_to = models.CharField(_("redirected to"), max_length=255, blank=True)
    feedback_useful = models.BooleanField(_("was it useful?"), null=True, blank=True)
    feedback_rating = models.PositiveSmallIntegerField(_("rating (1 to 5)"), null=True, blank=True)
    feedback_comment = models.TextField(_("comment"), blank=True)
    is_demo = models.BooleanField(default=False, editable=False, verbose_name=_("demo content"))

    objects = ExpertiseRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("expertise request")
        verbose_name_plural = _("expertise requests")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(feedback_rating__isnull=True)
                | models.Q(feedback_rating__gte=1, feedback_rating__lte=5),
                name="expertise_request_rating_1_to_5",
                violation_error_message=_("The rating goes from 1 to 5."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("expertise:request_detail", args=[self.pk])

    def set_due_dates(self) -> None:
        self.first_answer_due = self.received_at + timedelta(hours=self.urgency.first_answer_hours)
        self.closure_due = self.received_at + timedelta(hours=self.urgency.closure_hours)

    @property
    def is_overdue(self) -> bool:
        from expertise.choices import ENDED

        now = timezone.now()
        if self.state in ENDED:
            return False
        return (self.first_answer_at is None and now > self.first_answer_due) or now > self.closure_due

    @property
    def requester_label(self) -> str:
        if self.requester_organisation_id:
            name = str(self.requester_organisation)
            return f"{name} ({self.requester_name})" if self.requester_name else name
        return self.requester_name


class Assignment(models.Model):
    """An expert of the network solicited on a request: accepted or declined, then answered."""

    request = models.ForeignKey(
        ExpertiseRequest, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("request")
    )
    expert = models.ForeignKey(
        "network.Person", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("expert")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.SOLICITED
    )
    solicited_at = models.DateTimeField(_("solicited at"), default=timezone.now)
    solicited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("solicited by"),
    )
    reasons = models.JSONField(_("reasons of the ranking"), default=list, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("solicitation")
        verbose_name_plural = _("solicitations")
        ordering = ["solicited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "expert"],
                name="assignment_unique_expert",
                violation_error_message=_("This expert is already solicited on this request."),
            )
        ]

    def __str__(self):
        return f"{self.expert} — {self.request}"

    def get_absolute_url(self):
        return reverse("expertise:request_detail", args=[self.request_id]) + f"#assignment-{self.pk}"


class RequestEvent(models.Model):
    """One dated transition of a request; the request's state is derived from them (expertise.workflow)."""

    request = models.ForeignKey(
        ExpertiseRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    kind = models.CharField(_("event"), max_length=12, choices=EventKind.choices)
    at = models.DateTimeField(_("date"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    note = models.TextField(_("note"), blank=True)

    objects = ThroughRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.request}"

    def get_absolute_url(self):
        return reverse("expertise:request_detail", args=[self.request_id]) + "#timeline-title"


def attachment_path(instance, filename):
    return f"expertise/{instance.request_id}/{filename}"


class RequestAttachment(models.Model):
    """A file of the request or of an expert's answer; served only through a permission-checked view."""

    request = models.ForeignKey(
        ExpertiseRequest, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("request")
    )
    assignment = models.ForeignKey(
        Assignment,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("answer of"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))

    objects = ThroughRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("expertise:attachment_download", args=[self.pk])
