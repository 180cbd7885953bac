"""The messages watch and advocacy sends (see notifications/kinds.py), and its reminders, sent by
`pli remind`: interpellations that became late or very late, open alerts still without reaction past
PLI_ALERT_REACTION_DAYS, follow-up actions due. Each reminder goes once per object and step (`key`)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind

VALIDATION_REQUESTED = "advocacy.validation_requested"
PUBLICATION_REQUESTED = "advocacy.publication_requested"
PUBLICATION_ANSWERED = "advocacy.publication_answered"
ALERT_RAISED = "advocacy.alert_raised"
INTERPELLATION_LATE = "advocacy.interpellation_late"
ALERT_WITHOUT_REACTION = "advocacy.alert_without_reaction"
FOLLOW_UP_DUE = "advocacy.follow_up_due"

KINDS = [
    Kind(
        code=VALIDATION_REQUESTED,
        label=_("An interpellation your organisation carries awaits your validation"),
        template="advocacy/messages/validation_requested",
        description=_("The carriers of an interpellation, when its text is ready to be validated."),
    ),
    Kind(
        code=PUBLICATION_REQUESTED,
        label=_("An interpellation your organisation carries awaits your consent to publish it"),
        template="advocacy/messages/publication_requested",
        description=_("The carriers of a sent interpellation, when the coordinators propose to publish it."),
    ),
    Kind(
        code=PUBLICATION_ANSWERED,
        label=_("A carrier agreed or declined to publish an interpellation"),
        template="advocacy/messages/publication_answered",
        description=_("The coordinators, when a carrier answers the proposal to publish."),
    ),
    Kind(
        code=ALERT_RAISED,
        label=_("A partner raised an alert to qualify"),
        template="advocacy/messages/alert_raised",
        description=_("The coordinators, when a partner raises an alert."),
    ),
    Kind(
        code=INTERPELLATION_LATE,
        label=_("An interpellation is late or very late"),
        template="advocacy/messages/interpellation_late",
        description=_("The coordinators and the carriers, when the expected answer delay has passed."),
    ),
    Kind(
        code=ALERT_WITHOUT_REACTION,
        label=_("An alert is still without reaction"),
        template="advocacy/messages/alert_without_reaction",
        description=_("The coordinators, when an open alert has had no reaction in time."),
    ),
    Kind(
        code=FOLLOW_UP_DUE,
        label=_("A follow-up action of an interpellation is due"),
        template="advocacy/messages/follow_up_due",
        description=_("The coordinators, on the due date of a follow-up action."),
    ),
]


def coordinators():
    from accounts.choices import Role
    from accounts.models import User

    return User.objects.filter(role__in=[Role.ADMIN, Role.COORDINATOR], is_active=True)


def carrier_users(interpellation, *, validated: bool | None = None):
    """The partners' accounts of the organisations that carry the interpellation."""
    from accounts.choices import Role
    from accounts.models import User

    carriers = interpellation.carriers.all()
    if validated is not None:
        carriers = carriers.filter(validated_at__isnull=not validated)
    organisations = carriers.values("organisation_id")
    return User.objects.filter(role=Role.PARTNER, is_active=True, person__organisation_id__in=organisations)


def reminders(now: datetime) -> list:
    from advocacy import queries
    from advocacy.models import FollowUp
    from notifications.services import notify

    today = now.date()
    messages = []
    for interpellation in queries.late_interpellations(on=today):
        recipients = [*coordinators(), *carrier_users(interpellation)]
        messages += notify(
            recipients,
            INTERPELLATION_LATE,
            interpellation,
            context={"status": interpellation.status},
            key=interpellation.status.state,
        )
    for alert in queries.alerts_without_reaction(on=today):
        messages += notify(
            coordinators(),
            ALERT_WITHOUT_REACTION,
            alert,
            context={"age": (today - alert.emerged_on).days},
            key="no-reaction",
        )
    due = FollowUp.objects.filter(done_on__isnull=True, due_on__lte=today).select_related("interpellation")
    for follow_up in due:
        messages += notify(
            coordinators(),
            FOLLOW_UP_DUE,
            follow_up.interpellation,
            context={"follow_up": follow_up},
            key=f"follow-up-{follow_up.pk}",
        )
    return messages
