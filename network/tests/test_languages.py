"""People's languages as ISO 639 codes: the free text read, what is not read said (the migration
network 0004 converts the existing text with this reader and keeps what it cannot read)."""

from network.languages import language_name, read_languages


def test_the_free_text_is_read_in_any_spelling_and_order_kept():
    assert read_languages("français, arabe, anglais") == (["fr", "ar", "en"], [])
    assert read_languages("Francais / Arabe dialectal ; LSFB et néerlandais") == (
        ["fr", "ar", "sgn", "nl"],
        [],
    )
    assert read_languages("dari, Dari, farsi") == (["prs", "fa"], [])


def test_what_names_no_known_language_is_returned_as_written():
    assert read_languages("français, klingon, un peu d'italien") == (["fr"], ["klingon", "un peu d'italien"])
    assert read_languages("") == ([], [])
    assert language_name("uk") == "ukrainien"
