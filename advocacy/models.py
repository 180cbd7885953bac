"""Watch and advocacy: alerts (veille) and the response to them, interpellations to the political level
with their carriers, their chain of evidence and their answers.

An interpellation stores its step (`phase`) and its dates; its state (late, very late, answered…) is
derived by `advocacy.states`, never stored, from the sending date, the level's expected delay and the
answers."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advocacy.choices import (
    ActionKind,
    AlertSourceKind,
    AlertStatus,
    AlertTheme,
    Channel,
    Consent,
    InterpellationKind,
    LinkKind,
    Phase,
    Reading,
    Severity,
)
from advocacy.permissions import (
    AlertPartQuerySet,
    AlertQuerySet,
    AlertSourceQuerySet,
    InterpellationPartQuerySet,
    InterpellationQuerySet,
)
from pli.concurrency import Versioned

USER = settings.AUTH_USER_MODEL


class Alert(Versioned):
    """A critical question of access to fundamental rights for foreign residents, or a societal issue of
    interculturality, raised by a coordinator or by a partner (then to qualify)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    theme = models.CharField(
        _("kind of issue"), max_length=20, choices=AlertTheme.choices, default=AlertTheme.RIGHTS
    )
    axis = models.ForeignKey("vocabulary.Axis", on_delete=models.PROTECT, verbose_name=_("axis"))
    territories = models.ManyToManyField(
        "territory.Territory", related_name="alerts", verbose_name=_("territories")
    )
    publics = models.ManyToManyField("vocabulary.Public", blank=True, verbose_name=_("publics concerned"))
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    emerged_on = models.DateField(_("emerged on"))
    status = models.CharField(
        _("status"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    raised_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("raised by")
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
        verbose_name=_("raised by the organisation"),
    )
    created_at = models.DateTimeField(_("raised at"), default=timezone.now, editable=False)
    qualified_at = models.DateTimeField(_("qualified at"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False, verbose_name=_("demo content"))

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-emerged_on", "-pk"]
        indexes = [models.Index(fields=["status", "emerged_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advocacy:alert_detail", args=[self.pk])


class AlertSource(models.Model):
    """Where an alert comes from: a press article (link and date), a field report, a meeting, a finding."""

    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="sources", verbose_name=_("alert")
    )
    kind = models.CharField(_("kind of source"), max_length=20, choices=AlertSourceKind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    url = models.URLField(_("link"), blank=True)
    dated = models.DateField(_("date"), null=True, blank=True)
    meeting = models.ForeignKey(
        "network.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("meeting"),
    )
    finding = models.ForeignKey(
        "diagnostic.Finding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("finding"),
    )

    objects = AlertSourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source of an alert")
        verbose_name_plural = _("sources of alerts")
        ordering = ["dated", "pk"]

    def __str__(self):
        return self.title or self.get_kind_display()

    def get_absolute_url(self):
        return self.alert.get_absolute_url()


class AlertAction(models.Model):
    """One dated reaction to an alert: the first one measures the time from emergence to reaction."""

    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="actions", verbose_name=_("alert")
    )
    kind = models.CharField(_("reaction"), max_length=20, choices=ActionKind.choices)
    acted_on = models.DateField(_("date"))
    note = models.TextField(_("note or reason"), blank=True)
    meeting = models.ForeignKey(
        "network.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("meeting whose agenda takes it up"),
    )
    agenda_item = models.PositiveSmallIntegerField(
        _("agenda item"),
        null=True,
        blank=True,
        help_text=_("The number of the item in the meeting's agenda (network/agenda.py)."),
    )
    agenda_item_title = models.CharField(
        _("agenda item, as it read"), max_length=300, blank=True, editable=False
    )
    interpellation = models.ForeignKey(
        "Interpellation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("interpellation"),
    )
    expertise_request = models.ForeignKey(
        "expertise.ExpertiseRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alert_actions",
        verbose_name=_("expertise request"),
    )
    by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("recorded at"))

    objects = AlertPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("reaction to an alert")
        verbose_name_plural = _("reactions to alerts")
        ordering = ["acted_on", "pk"]
        indexes = [models.Index(fields=["alert", "acted_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.acted_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return self.alert.get_absolute_url()

    @property
    def agenda_item_url(self) -> str:
        """The meeting's page at the item (the meeting's page alone for a reaction of before the items)."""
        from network.agenda import anchor

        if not self.meeting_id:
            return ""
        url = reverse("network:meeting_detail", args=[self.meeting_id])
        return f"{url}#{anchor(self.agenda_item)}" if self.agenda_item else url


class Interpellation(Versioned):
    """A recommendation, interpellation, position or letter to a political level, followed until answered."""

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=InterpellationKind.choices,
        default=InterpellationKind.INTERPELLATION,
    )
    subject = models.CharField(_("subject"), max_length=250)
    text = models.TextField(_("text"), blank=True)
    authority = models.ForeignKey(
        "vocabulary.Authority",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpellations",
        verbose_name=_("authority addressed"),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpellations_received",
        verbose_name=_("organisation addressed"),
    )
    level = models.ForeignKey(
        "vocabulary.PowerLevel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpellations",
        verbose_name=_("level of power"),
    )
    phase = models.CharField(_("step"), max_length=20, choices=Phase.choices, default=Phase.PREPARATION)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("written by")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created at"))
    is_demo = models.BooleanField(default=False, editable=False, verbose_name=_("demo content"))

    objects = InterpellationQuerySet.as_manager()

    class Meta:
        verbose_name = _("interpellation")
        verbose_name_plural = _("interpellations")
        ordering = ["-sent_on", "-created_at", "-pk"]
        indexes = [models.Index(fields=["phase", "sent_on"])]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("advocacy:interpellation_detail", args=[self.pk])

    @property
    def addressee(self) -> str:
        return str(self.authority or self.organisation or "")


class Carrier(models.Model):
    """An organisation that carries an interpellation (the centre, co-signing partners); each validates
    the text before it is sent, and agrees (or declines) to its publication once sent."""

    interpellation = models.ForeignKey(
        Interpellation, on_delete=models.CASCADE, related_name="carriers", verbose_name=_("interpellation")
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="carried_interpellations",
        verbose_name=_("organisation"),
    )
    is_lead = models.BooleanField(_("lead carrier"), default=False)
    requested_at = models.DateTimeField(_("validation asked on"), null=True, blank=True)
    validated_at = models.DateTimeField(_("validated on"), null=True, blank=True)
    validated_by = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("validated by"),
    )
    publication_asked_at = models.DateTimeField(_("publication asked on"), null=True, blank=True)
    publication_consent = models.CharField(
        _("consent to publish"), max_length=10, choices=Consent.choices, blank=True
    )
    publication_answered_at = models.DateTimeField(_("consent answered on"), null=True, blank=True)
    publication_answered_by = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("consent answered by"),
    )

    objects = InterpellationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("carrier")
        verbose_name_plural = _("carriers")
        ordering = ["-is_lead", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interpellation", "organisation"], name="carrier_once_per_interpellation"
            )
        ]

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return self.interpellation.get_absolute_url() + "#carriers-title"


class ChainLink(models.Model):
    """One link of an interpellation's chain of evidence, cited on a date: a finding, a recommendation of
    the plan, a quotation from a meeting's minutes, an alert or an expertise answer (the answer of an
    expert solicited on an expertise request: `expertise.Assignment`)."""

    interpellation = models.ForeignKey(
        Interpellation, on_delete=models.CASCADE, related_name="links", verbose_name=_("interpellation")
    )
    kind = models.CharField(_("kind of link"), max_length=20, choices=LinkKind.choices)
    finding = models.ForeignKey(
        "diagnostic.Finding",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpellation_links",
        verbose_name=_("finding"),
    )
    recommendation = models.ForeignKey(
        "plan.Recommendation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpellation_links",
        verbose_name=_("recommendation"),
    )
    meeting = models.ForeignKey(
        "network.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpellation_links",
        verbose_name=_("meeting"),
    )
    alert = models.ForeignKey(
        Alert,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpellation_links",
        verbose_name=_("alert"),
    )
    expertise_answer = models.ForeignKey(
        "expertise.Assignment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpellation_links",
        verbose_name=_("expertise answer"),
    )
    quotation = models.TextField(_("quotation"), blank=True)
    note = models.CharField(_("why it is cited"), max_length=300, blank=True)
    cited_on = models.DateField(_("cited on"), default=timezone.localdate)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = InterpellationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("link of the chain of evidence")
        verbose_name_plural = _("links of the chain of evidence")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                name="chain_link_names_what_it_cites",
                condition=(
                    models.Q(kind="finding", finding__isnull=False)
                    | models.Q(kind="recommendation", recommendation__isnull=False)
                    | models.Q(kind="quotation", meeting__isnull=False)
                    | models.Q(kind="alert", alert__isnull=False)
                    # an answer of the expertise app; before it, words typed in (such links are kept)
                    | models.Q(kind="expertise", expertise_answer__isnull=False)
                    | (models.Q(kind="expertise") & ~models.Q(quotation=""))
                ),
            )
        ]

    def __str__(self):
        target = self.finding or self.recommendation or self.meeting or self.alert or self.expertise_answer
        what = target or self.quotation[:60]
        return gettext("%(kind)s: %(what)s") % {"kind": self.get_kind_display(), "what": what}

    def get_absolute_url(self):
        return self.interpellation.get_absolute_url() + "#chain-title"


class Answer(models.Model):
    """An answer received from the addressee, with the coordinator's reading of it."""

    interpellation = models.ForeignKey(
        Interpellation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("interpellation")
    )
    received_on = models.DateField(_("received on"))
    text = models.TextField(_("text of the answer"), blank=True)
    file = models.FileField(_("file"), upload_to="advocacy/answers/%Y/", blank=True)
    reading = models.CharField(_("reading of the answer"), max_length=20, choices=Reading.choices)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("recorded at"))

    objects = InterpellationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"{self.interpellation} — {self.received_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return self.interpellation.get_absolute_url() + f"#answer-{self.pk}"


class FollowUp(models.Model):
    """An action to take after an answer (or its absence), with its due date: it feeds "à faire"."""

    interpellation = models.ForeignKey(
        Interpellation, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("interpellation")
    )
    text = models.CharField(_("action to take"), max_length=300)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )

    objects = InterpellationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.interpellation.get_absolute_url() + "#follow-ups-title"
