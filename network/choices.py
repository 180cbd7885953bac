from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    ASSOCIATIVE = "associative", _("associative")
    PUBLIC = "public", _("public")
    PRIVATE = "private", _("private")


class ConsentScope(models.TextChoices):
    NETWORK = "network", _("listed in the network directory")
    INTERNAL = "internal", _("known to the centre only")


class CapacityUnit(models.TextChoices):
    PLACES = "places", _("places")
    HOURS = "hours", _("hours per year")


class SpaceKind(models.TextChoices):
    STATUTORY = "statutory", _("statutory platform")
    DECENTRALIZED = "decentralized", _("decentralized space")
    THEMATIC = "thematic", _("thematic group")


class MemberRole(models.TextChoices):
    FACILITATOR = "facilitator", _("facilitator")
    MEMBER = "member", _("member")
    GUEST = "guest", _("guest")


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinary", _("ordinary")
    PLENARY = "plenary", _("plenary assembly")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")
