"""What advocacy adds to other apps' pages (see pli/app_hooks.py): on a finding, a recommendation or a
meeting, the interpellations that cite it."""

from advocacy import chain, queries


def _citing(request, obj) -> list[dict]:
    interpellations = queries.with_state(chain.citing(obj, request.user))
    if not interpellations:
        return []
    return [{"template": "advocacy/_citing_panel.html", "context": {"interpellations": interpellations}}]


def meeting_sections(request, meeting) -> list[dict]:
    return _citing(request, meeting)


def finding_sections(request, finding) -> list[dict]:
    return _citing(request, finding)


def recommendation_sections(request, recommendation) -> list[dict]:
    return _citing(request, recommendation)
