"""Build a document (PDF with WeasyPrint, Word with python-docx) from its content, cached by what it is
built from, written whole or not at all. The pages (as background jobs) and `pli report` call these."""

import functools
import hashlib
import logging
import os
import re
import tempfile
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.services import JobRefused
from pli.access import get_for, is_coordinator
from reports import content

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Changes when the layout of the documents changes, so that cached files are built again.
LAYOUT_VERSION = "6"
# The share of the progress bar for reading the records, the rest for drawing, laying out and writing the
# file: what each takes in the time of the PPLI 2.0 (1.4 s to read, 8 s more for the PDF, 2.5 s for Word).
READING_SHARE = {"pdf": 0.15, "docx": 0.35}


def _last_change() -> str:
    """The versions of the areas the documents read (pli/versions.py, one query): renewed once any write
    to their records commits, whichever way it wrote. Not the latest entry of the journal, which moves
    with what no document shows (a job started for this very document, a notification sent)."""
    from pli import versions

    return versions.tokens(versions.AREAS)


def cache_key(kind: str, params: dict, user, fmt: str) -> str:
    from territory.queries import data_version

    scope = "coordinators" if is_coordinator(user) else f"user-{getattr(user, 'pk', None)}"
    parts = (LAYOUT_VERSION, kind, sorted(params.items()), scope, _last_change(), data_version(), fmt)
    language = (translation.get_language() or "fr")[:2]  # "fr" in a request, "fr-be" in the worker
    return hashlib.sha256(repr((*parts, language)).encode()).hexdigest()[:32]


def cache_path(key: str, fmt: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "documents" / f"{key}.{fmt}"


def _user(user_id):
    from accounts.models import User

    return User.objects.filter(pk=user_id).first() if user_id else None


# --- What each kind of document reads -------------------------------------------------------------


def _plan(params, user, progress):
    from plan.models import Plan

    try:
        plan = get_for(user, Plan.objects.select_related("territory", "diagnostic"), pk=int(params["plan"]))
    except (Http404, ValueError, KeyError):
        raise JobRefused(_("No plan %(id)s that you may see.") % {"id": params.get("plan")}) from None
    return content.plan_document(plan, user, progress), "reports/pdf/plan.html"


def _portrait(params, user, progress):
    from territory.queries import get_territory

    try:
        territory = get_territory(str(params["nis"]))
        compare = get_territory(str(params["compare"])) if params.get("compare") else None
    except Http404 as error:
        raise JobRefused(
            _("No territory has the code %(code)s.") % {"code": error.args[0] if error.args else ""}
        ) from None
    return content.portrait_document(territory, compare, user, progress), "reports/pdf/portrait.html"


def _activity(params, user, progress):
    from reports.activity import activity_document

    return activity_document(
        int(params["year"]), user, params.get("texts") or {}, progress
    ), "reports/pdf/activity.html"


READERS = {"plan": _plan, "portrait": _portrait, "activity": _activity}


def file_name(document, fmt: str) -> str:
    return f"{slugify(document.title + ' ' + document.subtitle)[:80] or document.kind}.{fmt}"


def build(kind: str, params: dict, fmt: str, user, progress=lambda *a: None) -> dict:
    """The document's file, from the cache or built now: {"path", "name"}."""
    if fmt not in FORMATS:
        raise JobRefused(_("Unknown format %(format)s: choose pdf or docx.") % {"format": fmt})
    key = cache_key(kind, params, user, fmt)
    path = cache_path(key, fmt)
    names = path.with_suffix(".name")
    if path.is_file() and names.is_file():
        progress(1.0, _("Already built: taken from the cache"))
        return {"path": str(path), "name": names.read_text()}
    share = READING_SHARE[fmt]
    document, template = READERS[kind](
        params, user, lambda fraction, step="": progress(fraction * share, step)
    )

    def laying_out(fraction, step=""):
        progress(share + (1 - share) * min(fraction, 0.99), step)

    laying_out(0, _("Laying out the document"))
    data = render_pdf(document, template, laying_out) if fmt == "pdf" else render_docx(document, laying_out)
    name = file_name(document, fmt)
    _write_whole(path, data)
    _write_whole(names, name.encode())
    progress(1.0, _("Done"))
    return {"path": str(path), "name": name}


def _write_whole(path: Path, data: bytes) -> None:
    """Write to a temporary file beside it, then rename: a failed build leaves no half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".building-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_job(progress, kind: str, params: dict, fmt: str, user_id=None) -> dict:
    """The background job's work (jobs.services.run): the file and its download name."""
    return build(kind, params, fmt, _user(user_id), progress)


# --- Rendering ------------------------------------------------------------------------------------

TOC = {
    "plan": [
        ("summary", gettext_lazy("Summary")),
        ("method", gettext_lazy("Method")),
        ("diagnostic", gettext_lazy("The territorial diagnostic")),
        ("findings", gettext_lazy("Findings by axis")),
        ("priorities", gettext_lazy("Priorities and recommendations by axis")),
        ("governance", gettext_lazy("Governance")),
        ("annexes", gettext_lazy("Annexes")),
    ],
}
KIND_LABELS = {
    "plan": gettext_lazy("Integration plan"),
    "portrait": gettext_lazy("Territory portrait"),
    "activity": gettext_lazy("Activity report"),
}


def toc(document) -> list[tuple[str, str]]:
    if document.kind == "activity":
        return [(f"mission-{c['number']}", c["title"]) for c in document.data["chapters"]] + [
            ("sources", _("Sources"))
        ]
    if document.kind == "portrait":
        return [
            ("figures", _("Key figures")),
            ("place", _("Its place on the map and in its province")),
            ("offers", _("The offers present")),
            ("sources", _("Sources")),
        ]
    return [(anchor, str(label)) for anchor, label in TOC["plan"]]


def render_html(document, template: str) -> str:
    return render_to_string(
        template,
        {
            "document": document,
            "toc": toc(document),
            "kind_label": str(KIND_LABELS[document.kind]),
            "author": _("PLI platform"),
        },
    )


def render_pdf(document, template: str, progress=lambda *a: None) -> bytes:
    """A tagged PDF (PDF/UA-1): language, title, structure, fonts embedded, A4. `progress(fraction,
    step)` is told as each chart is drawn, each page laid out and each page written."""
    import weasyprint

    figures = list(_figures(document.data))
    for number, item in enumerate(figures):
        progress(0.2 * number / len(figures), _("Drawing “%(caption)s”") % {"caption": item.caption})
        item.svg  # noqa: B018 - drawn here (and kept), so that the template's rendering is quick
    html = render_html(document, template)
    progress(0.2, _("Reading the document's structure and styles"))
    steps = _PdfSteps(progress, expected_pages=_expected_pages(html, len(figures)))
    token = WEASYPRINT_STEPS.set(steps)
    try:
        # The layout's CSS is given apart (the pages' rule: no inline style in a template).
        stylesheet = weasyprint.CSS(string=render_to_string("reports/pdf/document.css"))
        options = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "custom_metadata": True}
        laid_out = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).render(
            stylesheets=[stylesheet], **options
        )
        for number, page in enumerate(laid_out.pages, 1):  # Page.paint draws a page into the PDF
            page.paint = functools.partial(steps.painting, page.paint, number, len(laid_out.pages))
        return laid_out.write_pdf(**options)
    finally:
        WEASYPRINT_STEPS.reset(token)


def _figures(value, depth=0):
    """The charts and maps of a document's data, in order (they are drawn before the layout)."""
    if isinstance(value, content.Figure):
        yield value
    elif depth < 4 and isinstance(value, dict):
        for item in value.values():
            yield from _figures(item, depth + 1)
    elif depth < 4 and isinstance(value, list | tuple):
        for item in value:
            yield from _figures(item, depth + 1)


def _expected_pages(html: str, figures: int) -> int:
    """About how many pages the PDF will have (the layout's progress until WeasyPrint knows): a page per
    2,000 characters of text, per chapter (each starts a page) and per figure."""
    text = re.sub(r"<[^>]*>", "", html)
    return max(1, len(text) // 2000 + html.count("<h2") + figures)


# WeasyPrint tells its steps to the `weasyprint.progress` logger; ReportsConfig.ready hands them to the
# build running in this thread (or task), through this variable, and to nothing else.
WEASYPRINT_STEPS: ContextVar = ContextVar("weasyprint_steps", default=None)


class WeasyPrintSteps(logging.Handler):
    def emit(self, record):
        listener = WEASYPRINT_STEPS.get()
        if listener is not None:
            listener(record.getMessage())


class _PdfSteps:
    """WeasyPrint's steps as the progress of a PDF (fractions of its layout and writing)."""

    PAGE = re.compile(r"Step 5 - Creating layout - Page (\d+)$")

    def __init__(self, progress, expected_pages: int):
        self.progress, self.expected, self.pages = progress, expected_pages, 0

    def __call__(self, message: str):
        page = self.PAGE.match(message)
        if page and int(page.group(1)) > self.pages:  # a page laid out again comes later, unannounced
            self.pages = int(page.group(1))
            done = min(self.pages / max(self.expected, self.pages + 1), 0.95)
            self.progress(0.35 + 0.35 * done, _("Laying out page %(page)s") % {"page": self.pages})
        elif message.startswith("Step 3"):
            self.progress(0.25, _("Applying the styles"))
        elif message.startswith("Step 4"):
            self.progress(0.3, _("Building the document's boxes"))
        elif message.startswith("Step 7"):
            self.progress(0.95, _("Adding the PDF's metadata"))

    def painting(self, paint, number: int, pages: int, *args, **kwargs):
        self.progress(
            0.7 + 0.25 * (number - 1) / pages,
            _("Writing page %(page)s of %(pages)s") % {"page": number, "pages": pages},
        )
        return paint(*args, **kwargs)


def render_docx(document, progress=lambda *a: None) -> bytes:
    from reports.word import word_document

    return word_document(document, lambda fraction, step: progress(0.95 * fraction, step))
