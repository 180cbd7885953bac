from diagnostic import services
from diagnostic.models import Evidence, Finding, ReviewCampaign
from pli.access import can_create


def cards(request):
    user = request.user
    manages = can_create(user, Finding)
    findings = Finding.objects.visible_to(user)
    campaigns = ReviewCampaign.objects.visible_to(user).filter(status="open")
    if not findings.exists() and not campaigns.exists():
        return []
    context = {
        "in_force": findings.exclude(status__in=["draft", "obsolete", "replaced"]).count(),
        "drafts": findings.filter(status="draft").count() if manages else None,
        "to_reexamine": sum(
            check.moved
            for check in services.check_all(
                Evidence.objects.filter(finding__in=findings).select_related("territory")
            )
        )
        if manages
        else None,
        "campaigns": list(campaigns[:3]),
    }
    return [{"order": 30, "template": "diagnostic/_dashboard_card.html", "context": context}]
