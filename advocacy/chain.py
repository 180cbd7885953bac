"""The chain of evidence of an interpellation, as a readable tree: each link with its date and what it
cites (a finding with its statistics, a recommendation with its progress, a quotation with its meeting,
an alert, an expertise answer), the flags the author must see before sending (an obsolete finding, a
statistic that moved), and the public version that keeps only what is itself public.

The other way round, `citing(obj, user)` lists the interpellations that cite a finding, a
recommendation, a meeting or an alert."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from advocacy.choices import LinkKind
from advocacy.models import ChainLink, Interpellation
from diagnostic.choices import EVIDENCE_INDICATORS, FindingStatus
from diagnostic.models import Evidence, Finding
from diagnostic.services import EvidenceCheck, check_evidence
from expertise.models import ExpertiseRequest
from network.models import Meeting
from plan.models import Recommendation
from pli.access import is_coordinator

OBSOLETE = {FindingStatus.OBSOLETE, FindingStatus.REPLACED}


@dataclass
class Statistic:
    indicator: str
    territory: str
    year: int
    value: float
    source: str
    latest_year: int | None
    latest_value: float | None
    latest_source: str
    moved: bool
    value_kind: str = "float"  # how the values are written (the `figure` filter): a share as a percentage


@dataclass
class Item:
    link: ChainLink
    kind: str
    kind_label: str
    title: str
    url: str
    cited_on: object
    is_public: bool
    statistics: list[Statistic] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    detail: str = ""


@dataclass
class Chain:
    items: list[Item]
    left_out: list[Item]  # links the reader may not see, or (public version) that are not public

    @property
    def flags(self) -> list[tuple[Item, str]]:
        return [(item, flag) for item in self.items for flag in item.flags]


def _links(interpellation):
    evidence = Prefetch("finding__evidence", queryset=Evidence.objects.select_related("territory"))
    return (
        ChainLink.objects.filter(interpellation=interpellation)
        .select_related(
            "finding__diagnostic",
            "recommendation__priority__plan",
            "meeting__space",
            "alert",
            "expertise_answer__request",
        )
        .prefetch_related(evidence)
    )


def _statistics(finding, latest_year) -> tuple[list[Statistic], list[str]]:
    statistics, flags = [], []
    for evidence in finding.evidence.all():
        # No statistics loaded (no latest year): nothing to compare the captured figure with.
        check = (
            check_evidence(evidence, latest_year)
            if latest_year
            else EvidenceCheck(evidence, None, None, "", False)
        )
        name = str(EVIDENCE_INDICATORS.get(evidence.indicator, evidence.indicator))
        statistics.append(
            Statistic(
                name,
                evidence.territory.name_fr,
                evidence.year,
                evidence.value,
                evidence.source_label,
                check.latest_year,
                check.latest_value,
                check.latest_source,
                check.moved,
                evidence.value_kind,
            )
        )
        if check.moved:
            flags.append(
                _("The statistic “%(indicator)s” (%(territory)s, %(year)s) moved since: see %(latest)s.")
                % {
                    "indicator": name,
                    "territory": evidence.territory.name_fr,
                    "year": evidence.year,
                    "latest": check.latest_year,
                }
            )
    return statistics, flags


def _item(link, visible: dict, public: dict, latest_year) -> tuple[Item, bool, bool]:
    """The item of a link, whether the reader may see it, and whether it is public."""
    kind_label = str(LinkKind(link.kind).label)
    base = {"link": link, "kind": link.kind, "kind_label": kind_label, "cited_on": link.cited_on}
    if link.kind == LinkKind.FINDING:
        finding = link.finding
        statistics, flags = _statistics(finding, latest_year)
        if finding.status in OBSOLETE:
            flags.insert(
                0,
                _("This finding was judged %(status)s since it was cited.")
                % {"status": finding.get_status_display()},
            )
        item = Item(
            **base,
            title=finding.statement,
            url=finding.get_absolute_url(),
            statistics=statistics,
            flags=flags,
            detail=str(finding.diagnostic),
            is_public=finding.pk in public["finding"],
        )
        return item, finding.pk in visible["finding"], item.is_public
    if link.kind == LinkKind.RECOMMENDATION:
        rec = link.recommendation
        detail = _("%(plan)s — progress %(progress)s %%, %(status)s") % {
            "plan": rec.priority.plan,
            "progress": rec.progress,
            "status": rec.get_status_display(),
        }
        item = Item(
            **base,
            title=f"{rec.priority.number}.{rec.number} {rec.title}",
            url=rec.get_absolute_url(),
            detail=detail,
            is_public=rec.pk in public["recommendation"],
        )
        return item, rec.pk in visible["recommendation"], item.is_public
    if link.kind == LinkKind.QUOTATION:
        meeting = link.meeting
        title = _("%(meeting)s (%(space)s, %(date)s)") % {
            "meeting": meeting.title,
            "space": meeting.space.name,
            "date": meeting.starts_at.date().strftime("%d/%m/%Y"),
        }
        item = Item(
            **base, title=title, url=meeting.get_absolute_url(), detail=link.quotation, is_public=False
        )
        return item, meeting.pk in visible["meeting"], False
    if link.kind == LinkKind.ALERT:
        alert = link.alert
        item = Item(
            **base,
            title=alert.title,
            url=alert.get_absolute_url(),
            detail=alert.get_severity_display(),
            is_public=False,
        )
        return item, alert.pk in visible["alert"], False
    answer = link.expertise_answer
    if answer is not None:
        # Confidential (the request's rule): never public, read by whoever may see the request.
        answered_on = timezone.localtime(answer.answered_at).date() if answer.answered_at else None
        title = _("Expert answer of %(date)s — %(request)s") % {
            "date": answered_on.strftime("%d/%m/%Y") if answered_on else "—",
            "request": answer.request.title,
        }
        item = Item(
            **base,
            title=title,
            url=answer.get_absolute_url(),
            detail=link.quotation or Truncator(answer.answer).chars(600),
            is_public=False,
        )
        return item, answer.request_id in visible["expertise_request"], False
    # A link of before the expertise answers were linked: the words typed in, for the carriers.
    item = Item(**base, title=link.note or kind_label, url="", detail=link.quotation, is_public=False)
    return item, visible["expertise"], False


def _ids(queryset, ids) -> set:
    return set(queryset.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def build(interpellation: Interpellation, user, *, public: bool = False, latest_year=None) -> Chain:
    """The chain as `user` may read it; with `public=True`, only the public items (what an anonymous
    visitor reads of a published interpellation), whoever asks."""
    from advocacy.models import Alert
    from advocacy.permissions import is_carrier
    from territory import queries as territory_queries

    links = list(_links(interpellation))
    latest_year = latest_year or territory_queries.latest_structure_year()
    wanted = {
        "finding": {link.finding_id for link in links if link.finding_id},
        "recommendation": {link.recommendation_id for link in links if link.recommendation_id},
        "meeting": {link.meeting_id for link in links if link.meeting_id},
        "alert": {link.alert_id for link in links if link.alert_id},
        "expertise_request": {link.expertise_answer.request_id for link in links if link.expertise_answer_id},
    }
    public_ids = {
        "finding": _ids(Finding.objects.published(), wanted["finding"]),
        "recommendation": _ids(Recommendation.objects.visible_to(None), wanted["recommendation"]),
    }
    if public:
        visible = {
            **public_ids,
            "meeting": set(),
            "alert": set(),
            "expertise_request": set(),
            "expertise": False,
        }
    elif is_coordinator(user):
        visible = {**wanted, "expertise": True}
    else:
        # Beyond what is public, a carrier reads what the rules of each kind of object let them see.
        carrier = is_carrier(user, interpellation)
        visible = {
            "finding": _ids(Finding.objects.visible_to(user), wanted["finding"]),
            "recommendation": _ids(Recommendation.objects.visible_to(user), wanted["recommendation"]),
            "meeting": _ids(Meeting.objects.visible_to(user), wanted["meeting"]) if carrier else set(),
            "alert": _ids(Alert.objects.visible_to(user), wanted["alert"]) if carrier else set(),
            "expertise_request": _ids(ExpertiseRequest.objects.visible_to(user), wanted["expertise_request"])
            if carrier
            else set(),
            "expertise": carrier,
        }
    items, left_out = [], []
    for link in links:
        item, may_see, _is_public = _item(link, visible, public_ids, latest_year)
        (items if may_see else left_out).append(item)
    return Chain(items, left_out)


def citing(obj, user):
    """The interpellations the user may see that cite this finding, recommendation, meeting or alert."""
    from advocacy.models import Alert

    field_name = {Finding: "finding", Recommendation: "recommendation", Meeting: "meeting", Alert: "alert"}[
        type(obj)
    ]
    cited = ChainLink.objects.filter(**{field_name: obj}).values("interpellation_id")
    return Interpellation.objects.visible_to(user).filter(pk__in=cited)
