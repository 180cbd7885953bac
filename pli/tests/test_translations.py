"""Every word a reader sees goes through Django's translation machinery.

The catalogues are complete (no empty or fuzzy entry), and — what a catalogue check cannot see — no
string is shown without ever being wrapped for translation: every page of the platform (pages.py, with
the demo content) is rendered under a pseudo-locale that brackets whatever the catalogue translates,
⟦like this⟧. What remains outside the brackets is either data (the demo's names, statements, figures)
or a string that was never wrapped; an English word from the interface's vocabulary there is the
latter. Forms are also sent empty, to see their error messages. The scripts' words, which the pages
do not render, are checked in their source: every word they write goes through `gettext()`.
"""

import html.parser
import json
import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.db import models, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from conftest import make_user
from pli.tests import pages

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [ROOT / "locale" / "fr" / "LC_MESSAGES" / f"{domain}.po" for domain in ("django", "djangojs")]
SCRIPTS = [
    path
    for folder in sorted(ROOT.glob("*/static/*"))
    if folder.name != "vendor"
    for path in sorted(folder.glob("*.js"))
]
OPEN, CLOSE = "\u27e6", "\u27e7"
MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ’']+")
# Words that are English whatever the catalogue holds.
ENGLISH = {
    "the",
    "of",
    "and",
    "with",
    "without",
    "for",
    "from",
    "this",
    "that",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "not",
    "no",
    "yes",
    "your",
    "you",
    "we",
    "our",
    "their",
    "its",
    "which",
    "what",
    "when",
    "where",
    "who",
    "how",
    "than",
    "then",
    "there",
    "here",
    "must",
    "should",
    "can",
    "cannot",
    "could",
    "would",
    "will",
    "shall",
    "may",
    "any",
    "each",
    "every",
    "none",
    "only",
    "into",
    "onto",
    "about",
    "after",
    "before",
    "between",
    "while",
    "please",
    "click",
    "file",
    "files",
    "row",
    "rows",
    "column",
    "line",
    "field",
    "fields",
    "value",
    "values",
    "empty",
    "missing",
    "unknown",
    "invalid",
    "required",
    "error",
    "errors",
    "saved",
    "created",
    "updated",
    "deleted",
    "added",
    "removed",
    "page",
    "pages",
    "list",
    "search",
    "filter",
    "filters",
    "show",
    "hide",
    "more",
    "less",
    "next",
    "previous",
    "back",
    "edit",
    "new",
}
# Names and codes that read the same in every language.
NAMES = {"pli", "ppli", "cai", "cri", "statbel", "refnis", "nis", "csv", "xlsx", "json", "ics", "api"}
# Not prose: scripts, styles, what a user typed, and code (keys, identifiers: a random key can spell "do").
SKIPPED = {"script", "style", "textarea", "code", "kbd", "samp"}
ATTRIBUTES = {
    "title",
    "alt",
    "placeholder",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "label",
}


def test_the_catalogues_are_complete():
    for path in CATALOGUES:
        catalogue = polib.pofile(str(path))
        untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
        fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries() if entry.msgid]
        assert (path.name, untranslated, fuzzy) == (path.name, [], [])


def test_every_url_is_listed():
    assert pages.unlisted() == [], "add these URL names to PAGES or NOT_PAGES in pli/tests/pages.py"


# --- Pages under the pseudo-locale ----------------------------------------------------------------


class Bracketed:
    """A translation whose every answer is bracketed: ⟦Territoire⟧. The rest goes to the real one."""

    def __init__(self, real):
        self._real = real

    def gettext(self, message):
        return f"{OPEN}{self._real.gettext(message)}{CLOSE}"

    def ngettext(self, singular, plural, number):
        return f"{OPEN}{self._real.ngettext(singular, plural, number)}{CLOSE}"

    def __getattr__(self, name):
        return getattr(self._real, name)


@pytest.fixture
def bracketed():
    """Every language the requests may activate answers through Bracketed while the test runs."""
    before = translation.get_language()
    codes = {"fr", "fr-be", before}
    saved = {code: trans_real._translations.get(code) for code in codes}
    for code in codes:
        trans_real._translations[code] = Bracketed(trans_real.translation(code))
    saved_default, trans_real._default = trans_real._default, None
    try:
        with translation.override("fr"):
            yield
    finally:
        for code, real in saved.items():
            if real is None:
                trans_real._translations.pop(code, None)
            else:
                trans_real._translations[code] = real
        trans_real._default = saved_default
        # The language active now is still the bracketed one (activated while it was installed):
        # activate it again from the real catalogues, or the next test reads ⟦…⟧.
        if before:
            translation.activate(before)
        else:
            translation.deactivate()


class ReadText(html.parser.HTMLParser):
    """The text a reader reads: text nodes (not SKIPPED) and the attributes read aloud."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skipping += 1
        values = dict(attrs)
        self.chunks.extend(value for key, value in attrs if key in ATTRIBUTES and value)
        if tag == "input" and values.get("type") in ("submit", "button", "reset") and values.get("value"):
            self.chunks.append(values["value"])

    def handle_endtag(self, tag):
        if tag in SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.chunks.append(data)


def unbracketed(text: str) -> str:
    """The text without what the catalogue translated (brackets may nest: a translated word within a
    translated sentence)."""
    while True:
        stripped = MARKED.sub(" ", text)
        if stripped == text:
            return stripped
        text = stripped


def words(text: str) -> set[str]:
    return {word.lower().strip("'’") for word in WORD.findall(text)} - {""}


def catalogue_words(side: str) -> set[str]:
    """The words of the catalogues' English msgids (side "msgid") or of their French translations."""
    found = set()
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if side == "msgid":
                texts = [entry.msgid, entry.msgid_plural]
            else:
                texts = [entry.msgstr, *entry.msgstr_plural.values()]
            for text in texts:
                found |= words(text or "")
    return found


def data_words() -> set[str]:
    """Every word stored in a text or JSON column (what users and the demo wrote, codes included),
    choice values excepted: a choice shown as it is, `in_force`, is a label that was never translated.
    (The price: an English word stored somewhere is not seen elsewhere either.)"""
    found = set()

    def add(value):
        if isinstance(value, dict):
            for item in value.values():
                add(item)
        elif isinstance(value, list):
            for item in value:
                add(item)
        elif isinstance(value, str):
            found.update(words(value))

    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField) and not f.choices
        ]
        for row in model._default_manager.values_list(*fields) if fields else ():
            for value in row:
                add(value)
    return found


def interface_english() -> set[str]:
    """Words of the English msgids that the French translations, the stored data and the names never
    use: seen outside brackets, they come from a string that was not wrapped."""
    return (catalogue_words("msgid") | ENGLISH) - catalogue_words("msgstr") - NAMES


# Django 5.2's admin writes the search icon's alternative text without translating it.
UPSTREAM_UNTRANSLATED = ['alt="Search"']
CALENDAR_TEXT = ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "X-WR-CALNAME", "X-WR-CALDESC")


def calendar_text(text: str) -> str:
    """The values of an iCalendar file that a calendar shows (its property names are not words)."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    values = []
    for line in unfolded.splitlines():
        name, _sep, value = line.partition(":")
        if name.split(";")[0] in CALENDAR_TEXT:
            values.append(value.replace("\\n", "\n").replace("\\", ""))
    return "\n".join(values)


def readable(response) -> str | None:
    kind = response.get("Content-Type", "")
    if kind.startswith("text/html"):
        content = response.content.decode()
        for known in UPSTREAM_UNTRANSLATED:
            content = content.replace(known, "")
        # A masked secret (the admin's password summary: the salt's and hash's first six characters,
        # then asterisks) is random, not words: "if3kQz******" once read as the English "if".
        content = re.sub(r"[^\s<>]*\*{6,}", "", content)
        reader = ReadText()
        reader.feed(content)
        return "\n".join(reader.chunks)
    if kind.startswith("text/calendar"):
        return calendar_text(response.content.decode())
    if kind.startswith(("text/csv", "text/plain")):
        return response.content.decode("utf-8-sig")
    return None  # JSON, spreadsheets, files: read by programs, or checked through the page they come from


def test_no_page_shows_a_string_that_was_never_wrapped(statistics, demo_once, client, bracketed, monkeypatch):
    pages.render_without_recording(monkeypatch)
    suspicious = interface_english() - data_words()
    admin, anonymous = make_user("admin"), None
    found: dict[str, set[str]] = {}
    seen = 0

    def look(label, response):
        nonlocal seen
        text = readable(response)
        if text is None:
            return
        seen += 1
        left = words(unbracketed(text)) & suspicious
        if left:
            found.setdefault(label, set()).update(left)

    for page in pages.pages():
        for user in (admin, anonymous):
            if user is None:
                client.logout()
            else:
                client.force_login(user)
            response = client.get(page.url)
            who = "anonymous" if user is None else "admin"
            look(f"GET {page.url} ({who})", response)
            if (
                user is not None
                and not page.name.startswith("admin:")  # Django's own messages
                and response.status_code == 200
                and b'method="post"' in response.content
            ):
                with transaction.atomic():  # an empty form, for its error messages; then undone
                    look(f"POST {page.url}", client.post(page.url, {}, follow=True))
                    transaction.set_rollback(True)
    assert seen > 150, f"only {seen} pages were read"
    listing = "\n".join(f"{label}: {', '.join(sorted(left))}" for label, left in sorted(found.items()))
    assert not found, f"English words outside the translated strings (never wrapped?):\n{listing}"


# --- Scripts -------------------------------------------------------------------------------------

LITERAL = re.compile(r"""(["'`])((?:\\.|(?!\1).)*)\1""")
GETTEXT_CALL = re.compile(r"""\bgettext\(\s*(["'`])((?:\\.|(?!\1).)*)\1\s*\)""")
TECHNICAL = {"use strict", "Enter", " "}  # a directive, key names compared with KeyboardEvent.key


def prose_literals(source: str) -> list[str]:
    """String literals of a script that read as words (capitals or spaces between letters), outside
    `gettext("…")`; `${…}` parts of template literals are left out."""
    source = GETTEXT_CALL.sub("gettext()", source)
    source = re.sub(r"^\s*//.*$|/\*.*?\*/", "", source, flags=re.S | re.M)
    found = []
    for _quote, text in LITERAL.findall(source):
        text = re.sub(r"\$\{[^}]*\}", "", text)
        if text in TECHNICAL or not re.search(r"[A-Za-zÀ-ÿ]{2}", text):
            continue
        if re.search(r"[A-Za-zÀ-ÿ]\s+[A-Za-zÀ-ÿ]|^[A-ZÀ-Ý][a-zà-ÿ]|[À-ÿ]", text):
            found.append(text)
    return found


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_scripts_write_their_words_through_gettext(script):
    assert prose_literals(script.read_text(encoding="utf-8")) == []


def test_the_scripts_words_are_in_the_javascript_catalogue(client):
    wanted = {m[1] for script in SCRIPTS for m in GETTEXT_CALL.findall(script.read_text(encoding="utf-8"))}
    served = client.get(reverse("javascript_catalog"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", served, re.S).group(1))
    assert catalogue["Age"] == "Âge"
    assert wanted and sorted(wanted - set(catalogue)) == []


def test_the_script_check_sees_words_left_in_a_script():
    sample = 'const a = "Population"; b = `${x} et plus`; c = gettext("Age"); d = "#0b4f71"; e = "y2";'
    assert prose_literals(sample) == ["Population", " et plus"]
