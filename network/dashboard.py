"""The network's card on the home dashboard: the next meetings the user may read (see pli/app_hooks.py)."""

from django.urls import reverse
from django.utils import timezone

from network.models import Meeting

NEXT_MEETINGS = 5


def cards(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    person = getattr(user, "person", None)
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(ends_at__gte=timezone.now())
        .select_related("space")
        .order_by("starts_at")[:NEXT_MEETINGS]
    )
    if not meetings and person is None:
        return []
    feed = None
    if person is not None and not person.erased_at:
        feed = request.build_absolute_uri(reverse("network:person_calendar", args=[person.calendar_token]))
    return [
        {
            "order": 20,
            "template": "network/_dashboard_meetings.html",
            "context": {"meetings": meetings, "feed": feed},
        }
    ]


def setup_steps() -> list[dict]:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from network.models import Organisation

    return [
        {
            "order": 30,
            "label": _("First organisations of the network"),
            "done": Organisation.objects.exists(),
            "url": reverse("network:organisation_create"),
        }
    ]
