"""The demonstration alerts and interpellations: about fifteen alerts over two years, about ten
interpellations to several levels citing the demo's own findings, recommendations and minutes, answered
late, partially, never; two published; the content checked in French before anything is written."""

from collections import Counter
from io import StringIO

import pytest
from django.utils import timezone

from advocacy import demo, queries
from advocacy.choices import ActionKind, LinkKind, State
from advocacy.models import Alert, ChainLink, Interpellation
from pli.demo_content import ContentError


def test_about_fifteen_alerts_over_two_years_some_turned_into_expertise_requests(statistics, demo_once):
    alerts = Alert.objects.filter(is_demo=True)
    assert alerts.count() == 15
    dates = sorted(alerts.values_list("emerged_on", flat=True))
    assert (dates[-1] - dates[0]).days > 600
    kinds = Counter(alerts.values_list("actions__kind", flat=True))
    assert kinds[ActionKind.EXPERTISE] >= 3
    opened = alerts.filter(actions__expertise_request__isnull=False).count()
    assert opened == kinds[ActionKind.EXPERTISE]  # each one a real expertise request
    assert alerts.filter(status="to_qualify").exists()


def test_the_spaces_seized_name_a_real_agenda_item_of_their_meeting(statistics, demo_once):
    from advocacy.models import AlertAction

    seized = AlertAction.objects.filter(alert__is_demo=True, kind=ActionKind.CONCERTATION)
    assert seized.count() >= 2
    for action in seized.select_related("meeting"):
        item = action.meeting.agenda_items[action.agenda_item - 1]
        assert (item.number, item.title) == (action.agenda_item, action.agenda_item_title)


def test_interpellations_go_to_several_levels_with_every_answer_story(statistics, demo_once):
    rows = queries.with_state(Interpellation.objects.filter(is_demo=True))
    assert len(rows) == 10
    assert len({row.level_id for row in rows if row.level_id}) >= 4
    states = Counter(row.status.state for row in rows)
    assert states[State.PARTIALLY_ANSWERED] == 1
    assert states[State.NO_FOLLOW_UP] == 1  # never answered, closed
    assert states[State.LATE] + states[State.VERY_LATE] >= 1
    assert Interpellation.objects.published().filter(is_demo=True).count() == 2
    late_answers = [
        r
        for r in rows
        if r.status.state == State.ANSWERED and r.status.days_waiting > r.level.answer_delay_days
    ]
    assert late_answers  # answered, but after the expected delay


def test_the_chains_cite_the_demo_findings_recommendations_and_minutes(statistics, demo_once):
    links = ChainLink.objects.filter(interpellation__is_demo=True)
    kinds = Counter(links.values_list("kind", flat=True))
    assert (
        kinds[LinkKind.FINDING] >= 10
        and kinds[LinkKind.RECOMMENDATION] >= 2
        and kinds[LinkKind.QUOTATION] >= 3
    )
    for link in links.filter(kind=LinkKind.QUOTATION).select_related("meeting"):
        assert link.quotation.strip("« »") in link.meeting.minutes
    assert links.filter(finding__diagnostic__is_demo=True).count() == kinds[LinkKind.FINDING]


def test_some_chains_cite_real_answers_of_the_demo_expertise_requests(statistics, demo_once):
    links = ChainLink.objects.filter(interpellation__is_demo=True, kind=LinkKind.EXPERTISE)
    assert links.count() >= 3
    for link in links.select_related("expertise_answer__request"):
        answer = link.expertise_answer
        assert answer.request.is_demo and answer.status == "answered" and answer.answer
        assert timezone.localtime(answer.answered_at).date() <= link.cited_on


def test_loading_again_changes_nothing(statistics, demo_once):
    before = (Alert.objects.count(), Interpellation.objects.count(), ChainLink.objects.count())
    out = StringIO()
    demo.load(out)
    assert "already loaded" in out.getvalue()
    assert (Alert.objects.count(), Interpellation.objects.count(), ChainLink.objects.count()) == before


@pytest.mark.django_db
def test_a_reference_to_an_unknown_finding_is_named_with_its_entry(tmp_path, english):
    source = (demo.demo_content.content_file("advocacy")).read_text(encoding="utf-8")
    (tmp_path / "advocacy.toml").write_text(
        source.replace('findings = ["ris-sortie"', 'findings = ["ris-sorti"'), encoding="utf-8"
    )
    for name in ("network", "diagnostic", "plan"):
        (tmp_path / f"{name}.toml").write_text(
            demo.demo_content.content_file(name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    with pytest.raises(ContentError) as refused:
        demo.read_content(tmp_path, vocabulary=False)
    assert "ris-sorti" in str(refused.value) and "ris-ministre" in str(refused.value)
