from diagnostic import queries
from diagnostic.choices import CURRENT_FILTER, CURRENT_STATUSES
from diagnostic.models import Finding, ReviewCampaign
from pli.access import can_create


def cards(request):
    user = request.user
    manages = can_create(user, Finding)
    findings = Finding.objects.visible_to(user)
    campaigns = ReviewCampaign.objects.visible_to(user).filter(status="open")
    if not findings.exists() and not campaigns.exists():
        return []
    context = {
        "in_force": findings.filter(status__in=CURRENT_STATUSES).count(),
        "current_filter": CURRENT_FILTER,
        "drafts": findings.filter(status="draft").count() if manages else None,
        "to_reexamine": len(queries.moved_evidence(findings)) if manages else None,
        "campaigns": list(campaigns[:3]),
    }
    return [{"order": 30, "template": "diagnostic/_dashboard_card.html", "context": context}]


def setup_steps() -> list[dict]:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from diagnostic.models import Diagnostic

    return [
        {
            "order": 40,
            "label": _("First diagnostic of the territory"),
            "done": Diagnostic.objects.exists(),
            "url": reverse("diagnostic:diagnostic_create"),
        }
    ]
