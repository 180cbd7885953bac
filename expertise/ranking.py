"""Ranking the candidate experts of a request: a pure function (plain data in, plain data out, no
database), each factor's share of the score kept so that the page shows why an expert comes first.

Factors, in points:
* expertise area, by distance in the tree: the exact area, its parent (or a child), a sibling;
* territory: the expert's organisation in the same commune, arrondissement or province;
* each language asked that the expert speaks;
* current open load (a penalty per request in progress);
* past answers on the same areas, and the requesters' feedback on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

AREA_POINTS = {"exact": 40.0, "parent": 25.0, "sibling": 12.0}
TERRITORY_POINTS = {"commune": 20.0, "arrondissement": 12.0, "province": 6.0}
LANGUAGE_POINTS = 10.0
LOAD_PENALTY, LOAD_CAP = 6.0, 4
PAST_POINTS, PAST_CAP = 3.0, 5
FEEDBACK_POINTS = 3.0  # per point of mean rating above (or below) 3


@dataclass(frozen=True)
class Place:
    """A territory as the ranking needs it: its id, its arrondissement's and its province's."""

    id: int
    arrondissement_id: int | None = None
    province: str = ""


@dataclass
class Candidate:
    id: int
    name: str
    areas: frozenset[int]
    place: Place | None = None
    languages: frozenset[str] = frozenset()
    open_load: int = 0
    past_answers: list[tuple[frozenset[int], int | None]] = field(default_factory=list)  # (areas, rating)


@dataclass
class Need:
    areas: frozenset[int]
    places: list[Place] = field(default_factory=list)
    languages: frozenset[str] = frozenset()


@dataclass
class Factor:
    code: str
    reason: str
    points: float
    share: float = 0.0  # of the sum of the absolute points, in percent


@dataclass
class Ranked:
    candidate: Candidate
    score: float
    factors: list[Factor]

    @property
    def reasons(self) -> str:
        return "; ".join(f.reason for f in self.factors)


class AreaTree:
    """The expertise areas' tree: parent of each area and its label."""

    def __init__(self, parents: dict[int, int | None], labels: dict[int, str]):
        self.parents, self.labels = parents, labels
        self.children: dict[int, set[int]] = {}
        for area, parent in parents.items():
            if parent is not None:
                self.children.setdefault(parent, set()).add(area)

    def near(self, wanted: int) -> dict[int, str]:
        """The areas close to `wanted`, with how: exact, parent (or child), sibling."""
        found = {wanted: "exact"}
        parent = self.parents.get(wanted)
        for child in self.children.get(wanted, ()):
            found.setdefault(child, "parent")
        if parent is not None:
            found.setdefault(parent, "parent")
            for sibling in self.children.get(parent, ()):
                found.setdefault(sibling, "sibling")
        return found


def _area_factor(
    tree: AreaTree, need: Need, nearby: list[tuple[int, dict[int, str]]], candidate
) -> Factor | None:
    best = None
    for wanted, near in nearby:
        for area in candidate.areas & near.keys():
            how = near[area]
            points = AREA_POINTS[how]
            if best is None or points > best[0]:
                best = (points, how, wanted, area)
    if best is None:
        return None
    points, how, wanted, area = best
    label = tree.labels.get(wanted, "")
    reasons = {
        "exact": _("%(area)s: exact area"),
        "parent": _("%(area)s: broader or narrower area (%(theirs)s)"),
        "sibling": _("%(area)s: neighbouring area (%(theirs)s)"),
    }
    return Factor("area", reasons[how] % {"area": label, "theirs": tree.labels.get(area, "")}, points)


def _territory_factor(need: Need, place: Place | None) -> Factor | None:
    if place is None or not need.places:
        return None
    best = None
    for wanted in need.places:
        if wanted.id == place.id:
            level = "commune"
        elif place.arrondissement_id and place.arrondissement_id in (wanted.id, wanted.arrondissement_id):
            level = "arrondissement"
        elif place.province and place.province == wanted.province:
            level = "province"
        else:
            continue
        if best is None or TERRITORY_POINTS[level] > TERRITORY_POINTS[best]:
            best = level
    if best is None:
        return None
    reasons = {
        "commune": _("same commune"),
        "arrondissement": _("same arrondissement"),
        "province": _("same province"),
    }
    return Factor("territory", reasons[best], TERRITORY_POINTS[best])


def rank(
    need: Need,
    candidates: Iterable[Candidate],
    tree: AreaTree,
    *,
    language_names: dict[str, str] | None = None,
    limit: int | None = None,
) -> list[Ranked]:
    """The candidates who match the need at least by an area, best first (ties by name)."""
    names = language_names or {}
    nearby = [(wanted, tree.near(wanted)) for wanted in sorted(need.areas)]
    reachable = set().union(*(near.keys() for _, near in nearby)) if nearby else set()
    ranked = []
    for candidate in candidates:
        if not candidate.areas & reachable:
            continue
        factors = [_area_factor(tree, need, nearby, candidate)]
        factors.append(_territory_factor(need, candidate.place))
        spoken = sorted(need.languages & candidate.languages)
        if spoken:
            factors.append(
                Factor(
                    "languages",
                    _("speaks %(languages)s") % {"languages": ", ".join(names.get(c, c) for c in spoken)},
                    LANGUAGE_POINTS * len(spoken),
                )
            )
        if candidate.open_load:
            factors.append(
                Factor(
                    "load",
                    ngettext(
                        "%(count)s request in progress", "%(count)s requests in progress", candidate.open_load
                    )
                    % {"count": candidate.open_load},
                    -LOAD_PENALTY * min(candidate.open_load, LOAD_CAP),
                )
            )
        past = [rating for areas, rating in candidate.past_answers if areas & reachable]
        if past:
            factors.append(
                Factor(
                    "past",
                    ngettext(
                        "%(count)s past answer on these areas",
                        "%(count)s past answers on these areas",
                        len(past),
                    )
                    % {"count": len(past)},
                    PAST_POINTS * min(len(past), PAST_CAP),
                )
            )
            ratings = [r for r in past if r is not None]
            if ratings:
                mean = sum(ratings) / len(ratings)
                factors.append(
                    Factor(
                        "feedback",
                        _("mean feedback %(mean)s/5") % {"mean": number_format(mean, decimal_pos=1)},
                        round(FEEDBACK_POINTS * (mean - 3), 2),
                    )
                )
        factors = [f for f in factors if f is not None]
        total = sum(abs(f.points) for f in factors) or 1.0
        for f in factors:
            f.share = round(100 * abs(f.points) / total)
        ranked.append(Ranked(candidate, round(sum(f.points for f in factors), 2), factors))
    ranked.sort(key=lambda r: (-r.score, r.candidate.name, r.candidate.id))
    return ranked[:limit] if limit else ranked
