"""The network: organisations, the professionals who work there, their offers, the concertation spaces
and their meetings. No beneficiary is ever stored here."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.choices import (
    AttendanceStatus,
    CapacityUnit,
    ConsentScope,
    MeetingKind,
    MemberRole,
    Sector,
    SpaceKind,
)
from network.permissions import (
    MeetingQuerySet,
    MembershipQuerySet,
    OfferQuerySet,
    OrganisationQuerySet,
    PersonQuerySet,
    SpaceQuerySet,
    ThroughMeetingQuerySet,
)
from pli.concurrency import Versioned


class Organisation(Versioned):
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    type = models.ForeignKey("vocabulary.OrganisationType", on_delete=models.PROTECT, verbose_name=_("type"))
    address = models.CharField(_("address"), max_length=255, blank=True)
    commune = models.ForeignKey(
        "territory.Territory",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("commune"),
    )
    territories_served = models.ManyToManyField(
        "territory.Territory", blank=True, related_name="served_by", verbose_name=_("territories served")
    )
    website = models.URLField(_("web site"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_partner = models.BooleanField(_("partner of the plan"), default=False)
    partner_since = models.DateField(_("partner since"), null=True, blank=True)
    agreement = models.CharField(
        _("convention or approval"), max_length=255, blank=True, help_text=_("e.g. agrément ILI 2025-2030")
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Untick when the organisation has closed or left the network: its people are then no longer proposed as experts."
        ),
    )
    is_demo = models.BooleanField(default=False, editable=False, verbose_name=_("demo content"))

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "commune",
                name="organisation_unique_name_in_commune",
                violation_error_message=_("An organisation with this name already exists in this commune."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:organisation_detail", args=[self.pk])


class Person(Versioned):
    """A professional of the network (never a beneficiary). Can be exported and erased on request."""

    full_name = models.CharField(_("name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("organisation"),
    )
    function = models.CharField(_("function"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language_codes = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        help_text=_("ISO 639 codes, in the order the person gave them (network/languages.py)."),
    )
    languages = models.CharField(
        _("other languages (free text)"),
        max_length=200,
        blank=True,
        help_text=_("What the list of languages does not name (kept from the former free text)."),
    )
    expertise = models.ManyToManyField(
        "vocabulary.ExpertiseArea", blank=True, related_name="experts", verbose_name=_("expertise areas")
    )
    consent_date = models.DateField(_("date of consent"), null=True, blank=True)
    consent_scope = models.CharField(
        _("consent to be listed"), max_length=20, choices=ConsentScope.choices, default=ConsentScope.INTERNAL
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("platform account"),
    )
    calendar_token = models.CharField(
        max_length=43,
        unique=True,
        default=secrets.token_urlsafe,
        editable=False,
        verbose_name=_("calendar address key"),
    )
    is_active = models.BooleanField(
        _("active in the network"),
        default=True,
        help_text=_(
            "Untick when the person has left their organisation or the network: they are then no longer proposed as an expert."
        ),
    )
    erased_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("erased at"))

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("network:person_detail", args=[self.pk])

    @property
    def language_names(self) -> list[str]:
        from network.languages import language_name

        return [language_name(code) for code in self.language_codes]

    @property
    def display_name(self) -> str:
        return str(_("person erased")) if self.erased_at else self.full_name


class Offer(Versioned):
    """What an organisation offers, where, to whom, how much."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="offers", verbose_name=_("organisation")
    )
    type = models.ForeignKey("vocabulary.OfferType", on_delete=models.PROTECT, verbose_name=_("type"))
    commune = models.ForeignKey(
        "territory.Territory", on_delete=models.PROTECT, related_name="offers", verbose_name=_("commune")
    )
    publics = models.ManyToManyField("vocabulary.Public", blank=True, verbose_name=_("publics"))
    description = models.CharField(_("description"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    capacity_unit = models.CharField(
        _("unit"), max_length=10, choices=CapacityUnit.choices, default=CapacityUnit.PLACES
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["type__order", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="offer_period_in_order",
                violation_error_message=_("The offer cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.type} — {self.organisation}"

    def get_absolute_url(self):
        return reverse("network:offer_detail", args=[self.pk])


class ConcertationSpace(Versioned):
    name = models.CharField(_("name"), max_length=200, unique=True)
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    axes = models.ManyToManyField("vocabulary.Axis", blank=True, verbose_name=_("axes"))
    kind = models.CharField(_("kind"), max_length=20, choices=SpaceKind.choices)
    carried_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="carried_spaces", verbose_name=_("carried by")
    )
    territory = models.ForeignKey(
        "territory.Territory", on_delete=models.PROTECT, related_name="spaces", verbose_name=_("territory")
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Readers and all partners see its name, theme and description."),
    )
    members = models.ManyToManyField(
        Person, through="Membership", related_name="spaces", verbose_name=_("members")
    )
    is_demo = models.BooleanField(default=False, editable=False, verbose_name=_("demo content"))

    objects = SpaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("concertation space")
        verbose_name_plural = _("concertation spaces")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:space_detail", args=[self.pk])


class Membership(models.Model):
    space = models.ForeignKey(
        ConcertationSpace, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("space")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    since = models.DateField(_("since"), default=timezone.localdate)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["space", "person"], name="membership_unique_person")]

    def __str__(self):
        return f"{self.person} — {self.space} ({self.get_role_display()})"

    def get_absolute_url(self):
        return reverse("network:space_detail", args=[self.space_id]) + "#members-title"


class Meeting(Versioned):
    space = models.ForeignKey(
        ConcertationSpace, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.ORDINARY
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("network:meeting_detail", args=[self.pk])

    @property
    def agenda_items(self):
        """The items of the agenda, one a line (network/agenda.py)."""
        from network.agenda import agenda_items

        return agenda_items(self.agenda)

    def agenda_item_url(self, number: int) -> str:
        from network.agenda import anchor

        return f"{self.get_absolute_url()}#{anchor(number)}"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("person")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    is_guest = models.BooleanField(
        _("guest"), default=False, help_text=_("Not a member of the space on the day of the meeting.")
    )

    objects = ThroughMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person")]

    def __str__(self):
        return f"{self.person} — {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("network:meeting_detail", args=[self.meeting_id]) + "#attendance-title"


class Decision(Versioned):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    text = models.TextField(_("decision"))
    follow_up_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions_to_follow",
        verbose_name=_("followed up by"),
    )
    due_on = models.DateField(_("by"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    objects = ThroughMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["id"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("network:meeting_detail", args=[self.meeting_id]) + f"#decision-{self.pk}"


def meeting_document_path(instance, filename):
    return f"meetings/{instance.meeting_id}/{filename}"


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=meeting_document_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))

    objects = ThroughMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:document_download", args=[self.pk])
