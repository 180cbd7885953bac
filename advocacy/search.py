"""What the platform search finds in watch and advocacy: alerts and interpellations, each through its
own `visible_to` (a visitor finds the published interpellations only)."""

from django.utils.translation import gettext_lazy as _

from pli.search import SearchHit, SearchKind, match_rows


def _alerts(user, query, limit):
    from advocacy.models import Alert

    rows = Alert.objects.visible_to(user).only("pk", "title", "description", "emerged_on", "severity")
    found = match_rows(
        rows.order_by("-emerged_on", "-pk"), query, lambda a: f"{a.title} {a.description}", limit
    )
    return [
        SearchHit(a.title, a.get_absolute_url(), f"{a.get_severity_display()} · {a.emerged_on:%d/%m/%Y}")
        for a in found
    ]


def _interpellations(user, query, limit):
    from advocacy.models import Interpellation

    rows = Interpellation.objects.visible_to(user).only("pk", "subject", "text", "kind", "sent_on")
    found = match_rows(rows.order_by("-pk"), query, lambda i: f"{i.subject} {i.text}", limit)
    return [
        SearchHit(
            i.subject,
            i.get_absolute_url(),
            f"{i.get_kind_display()}" + (f" · {i.sent_on:%d/%m/%Y}" if i.sent_on else ""),
        )
        for i in found
    ]


def kinds() -> list[SearchKind]:
    return [
        SearchKind("alerts", _("Alerts"), 75, _alerts),
        SearchKind("interpellations", _("Interpellations"), 80, _interpellations),
    ]
