"""What the platform search finds among the territories: by name (accents, case ignored) or NIS code."""

from django.utils.translation import gettext_lazy as _

from pli.search import SearchHit, SearchKind, match_rows


def _territories(user, query: str, limit: int) -> list[SearchHit]:
    from territory.models import Territory

    territories = Territory.objects.filter(valid_to__isnull=True).only("pk", "nis_code", "name_fr", "level")
    code = query.strip()
    if code.isdigit():
        found = list(territories.filter(nis_code=code))
    else:  # open data: every territory is public; the communes' names are few (about 600)
        found = match_rows(territories.order_by("name_fr"), query, lambda t: t.name_fr, limit)
    return [
        SearchHit(t.name_fr, t.get_absolute_url(), f"{t.get_level_display()} · {t.nis_code}") for t in found
    ]


def kinds() -> list[SearchKind]:
    return [SearchKind("territories", _("Territories"), 10, _territories)]
