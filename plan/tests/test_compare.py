"""The pairing of two versions, without the database (plain objects stand for priorities)."""

from types import SimpleNamespace

from plan.compare import match, summary


def item(pk, title, axis=1, text=""):
    return SimpleNamespace(pk=pk, title=title, axis_id=axis, text=text)


def kinds(changes):
    return [(c.kind, c.old and c.old.pk, c.new and c.new.pk) for c in changes]


def test_copies_are_paired_by_lineage_even_when_reworded():
    old = [item(1, "Accès au logement"), item(2, "Accès à l'emploi")]
    new = [item(11, "Accès au logement"), item(12, "Accès à l'emploi et à la formation")]
    changes = match(old, new, {11: 1, 12: 2}, lambda i: i.title)
    assert kinds(changes) == [("unchanged", 1, 11), ("reworded", 2, 12)]


def test_without_lineage_the_same_text_pairs_accents_and_case_aside():
    old = [item(1, "Accès au logement")]
    new = [item(11, "ACCES AU LOGEMENT"), item(12, "Mobilité rurale")]
    assert kinds(match(old, new, {}, lambda i: i.title)) == [("unchanged", 1, 11), ("added", None, 12)]


def test_an_old_item_nobody_took_is_removed_and_each_old_item_pairs_once():
    old = [item(1, "Santé mentale"), item(2, "Surendettement")]
    new = [item(11, "Santé mentale"), item(12, "Santé mentale")]
    changes = match(old, new, {11: 1}, lambda i: i.title)
    assert kinds(changes) == [("unchanged", 1, 11), ("added", None, 12), ("removed", 2, None)]
    assert summary(changes) == {"added": 1, "removed": 1, "reworded": 0, "unchanged": 1}


def test_a_lineage_match_wins_over_a_text_match():
    old = [item(1, "Logement"), item(2, "Emploi")]
    new = [item(11, "Logement décent"), item(12, "Logement")]  # 11 copied from 1 and reworded; 12 is new
    assert kinds(match(old, new, {11: 1}, lambda i: i.title)) == [
        ("reworded", 1, 11),
        ("added", None, 12),
        ("removed", 2, None),
    ]


def test_a_changed_body_or_axis_is_a_rewording():
    old = [item(1, "FLE", text="Cours du soir"), item(2, "Interprétariat", axis=1)]
    new = [item(11, "FLE", text="Cours du soir et du samedi"), item(12, "Interprétariat", axis=2)]
    changes = match(old, new, {11: 1, 12: 2}, lambda i: i.title, lambda i: i.text)
    assert [c.kind for c in changes] == ["reworded", "reworded"]
