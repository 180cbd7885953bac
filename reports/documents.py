"""Build a document (PDF with WeasyPrint, Word with python-docx) from its content, cached by what it is
built from, written whole or not at all. The pages (as background jobs) and `pli report` call these."""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db.models import Max
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
LAYOUT_VERSION = "5"


def _last_change() -> int:
    """Every write goes through a service that leaves an audit entry: the latest one dates the records."""
    from accounts.models import AuditEvent

    return AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0


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
    document, template = READERS[kind](params, user, progress)
    progress(0.8, _("Laying out the document"))
    data = render_pdf(document, template) if fmt == "pdf" else render_docx(document)
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


def render_pdf(document, template: str) -> bytes:
    """A tagged PDF (PDF/UA-1): language, title, structure, fonts embedded, A4."""
    import weasyprint

    html = render_html(document, template)
    # The layout's CSS is given apart (the pages' rule: no inline style in a template).
    stylesheet = weasyprint.CSS(string=render_to_string("reports/pdf/document.css"))
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[stylesheet], pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True
    )


def render_docx(document) -> bytes:
    from reports.word import word_document

    return word_document(document)
