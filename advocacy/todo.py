"""The lines of "À faire" that watch and advocacy adds (pli/app_hooks.py): for coordinators, the alerts
to qualify, the alerts without reaction in time, the late interpellations and the follow-up actions
due; for a partner, the interpellations awaiting their organisation's validation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from advocacy import queries, states
from advocacy.choices import AlertStatus, Phase
from advocacy.models import Alert, Carrier, FollowUp
from pli.access import is_coordinator, partner_organisation_id
from pli.app_hooks import TodoItem


def items(user) -> list[TodoItem]:
    if is_coordinator(user):
        return _coordinator_items()
    organisation_id = partner_organisation_id(user)
    if not organisation_id:
        return []
    waiting = Carrier.objects.filter(
        organisation_id=organisation_id, validated_at__isnull=True, interpellation__phase=Phase.VALIDATION
    )
    return [
        TodoItem(
            _("Interpellations to validate"),
            waiting.count(),
            reverse("advocacy:index"),
            order=40,
            urgent=True,
        )
    ]


def _coordinator_items() -> list[TodoItem]:
    today = states.today()
    board = reverse("advocacy:alert_list")
    late = queries.late_interpellations(on=today)
    return [
        TodoItem(
            _("Alerts to qualify"),
            Alert.objects.filter(status=AlertStatus.TO_QUALIFY).count(),
            board,
            order=40,
        ),
        TodoItem(
            _("Alerts without reaction in time"),
            queries.alerts_without_reaction(on=today).count(),
            board + "#without-reaction-title",
            order=41,
            urgent=True,
        ),
        TodoItem(
            _("Late interpellations"),
            len(late),
            reverse("advocacy:index") + "?etat=late",
            order=42,
            urgent=True,
        ),
        TodoItem(
            _("Follow-up actions due"),
            FollowUp.objects.filter(done_on__isnull=True, due_on__lte=today).count(),
            reverse("advocacy:index"),
            order=43,
        ),
    ]
