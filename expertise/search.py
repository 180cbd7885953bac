"""What the platform search finds in expertise mobilisation: the requests the user may see (their title,
question and context), through `ExpertiseRequest.objects.visible_to`, the confidentiality rule."""

from django.utils.translation import gettext_lazy as _

from pli.search import SearchHit, SearchKind, match_rows


def _requests(user, query, limit):
    from expertise.models import ExpertiseRequest

    rows = (
        ExpertiseRequest.objects.visible_to(user)
        .only("pk", "title", "question", "context", "state", "received_at")
        .order_by("-received_at", "-pk")
    )
    found = match_rows(rows, query, lambda r: f"{r.title} {r.question} {r.context}", limit)
    return [
        SearchHit(r.title, r.get_absolute_url(), f"{r.get_state_display()} · {r.received_at:%d/%m/%Y}")
        for r in found
    ]


def kinds() -> list[SearchKind]:
    return [SearchKind("expertise_requests", _("Expertise requests"), 70, _requests)]
