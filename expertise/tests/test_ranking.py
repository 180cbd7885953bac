"""The ranking, as a pure function: no database (plain data in, plain data out)."""

from expertise.ranking import AreaTree, Candidate, Need, Place, rank

# droit des étrangers (1) › séjour (2), regroupement familial (3); logement (4)
TREE = AreaTree(
    {1: None, 2: 1, 3: 1, 4: None},
    {1: "Droit des étrangers", 2: "Séjour", 3: "Regroupement familial", 4: "Logement"},
)
NAMUR = Place(10, arrondissement_id=100, province="90000")
GEMBLOUX = Place(11, arrondissement_id=100, province="90000")
DINANT = Place(20, arrondissement_id=200, province="90000")
LIEGE = Place(30, arrondissement_id=300, province="60000")


def candidate(pk, areas, place=None, **extra):
    return Candidate(id=pk, name=f"Expert {pk}", areas=frozenset(areas), place=place, **extra)


def order(ranked):
    return [r.candidate.id for r in ranked]


def test_the_exact_area_beats_the_parent_which_beats_a_sibling_and_others_are_left_out():
    ranked = rank(
        Need(frozenset({3})),
        [candidate(1, {2}), candidate(2, {1}), candidate(3, {3}), candidate(4, {4})],
        TREE,
    )
    assert order(ranked) == [3, 2, 1]
    assert ranked[0].factors[0].reason == "Regroupement familial: exact area"


def test_the_nearer_territory_wins_between_equal_experts():
    need = Need(frozenset({3}), places=[NAMUR])
    people = [
        candidate(1, {3}, LIEGE),
        candidate(2, {3}, DINANT),
        candidate(3, {3}, GEMBLOUX),
        candidate(4, {3}, NAMUR),
    ]
    ranked = rank(need, people, TREE)
    assert order(ranked) == [4, 3, 2, 1]
    assert [f.reason for f in ranked[1].factors if f.code == "territory"] == ["same arrondissement"]


def test_languages_asked_load_and_past_feedback_count_and_each_share_is_shown():
    need = Need(frozenset({3}), languages=frozenset({"ar", "uk"}))
    speaks = candidate(1, {3}, languages=frozenset({"fr", "ar"}))
    busy = candidate(2, {3}, languages=frozenset({"fr", "ar"}), open_load=3)
    praised = candidate(3, {3}, past_answers=[(frozenset({3}), 5), (frozenset({2}), 5)])
    ranked = rank(need, [busy, speaks, praised], TREE, language_names={"ar": "arabe"})
    assert order(ranked) == [3, 1, 2]
    reasons = {r.candidate.id: r.reasons for r in ranked}
    assert "speaks arabe" in reasons[1] and "3 requests in progress" in reasons[2]
    assert "2 past answers on these areas" in reasons[3] and "mean feedback 5.0/5" in reasons[3]
    for r in ranked:
        assert abs(sum(f.share for f in r.factors) - 100) <= len(r.factors), "shares add up to the whole"


def test_poor_feedback_lowers_an_expert():
    need = Need(frozenset({3}))
    poor = candidate(1, {3}, past_answers=[(frozenset({3}), 1)] * 3)
    good = candidate(2, {3}, past_answers=[(frozenset({3}), 4)] * 3)
    assert order(rank(need, [poor, good], TREE)) == [2, 1]


def test_the_mean_feedback_is_written_the_french_way_in_french():
    from django.utils import translation

    praised = candidate(3, {3}, past_answers=[(frozenset({3}), 4), (frozenset({3}), 5)])
    with translation.override("fr"):
        [ranked] = rank(Need(frozenset({3})), [praised], TREE)
        assert "avis moyen 4,5/5" in ranked.reasons
