import pytest

from diagnostic.search import normalise, stem, words


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ecoles", "ecole"),
        ("ecole", "ecole"),
        ("sociaux", "social"),
        ("prix", "pri"),
        ("bus", "bus"),
        ("classe", "classe"),
    ],
)
def test_crude_french_singular(word, expected):
    assert stem(word) == expected


def test_accents_case_plurals_and_stop_words_are_ignored():
    assert words("Les Écoles de la Région") == ["ecole", "region"]
    assert normalise("Écoles, primo-arrivants !") == " ecole primo arrivant "
