"""What the findings register adds to other apps' pages (see pli/app_hooks.py)."""

from diagnostic.models import Finding
from network.models import Meeting


def meeting_sections(request, meeting) -> list[dict]:
    """On a meeting page: the findings raised there, and for those who manage the meeting, the button
    that turns a point into a draft field finding."""
    findings = Finding.objects.visible_to(request.user).filter(source_meeting=meeting)
    can_raise = Meeting.objects.editable_by(request.user).filter(pk=meeting.pk).exists()
    if not findings and not can_raise:
        return []
    return [
        {
            "template": "diagnostic/_meeting_findings.html",
            "context": {"findings": list(findings), "meeting": meeting, "can_raise": can_raise},
        }
    ]
