"""The history of an object (Historique) and the journal of the whole platform (coordinators)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import history
from accounts.forms_history import JournalFilterForm
from pli.exports import Column, Table, as_csv, as_xlsx

PAGE_SIZE = 50


@login_required
def object_history(request, kind, pk):
    obj = history.object_for_history(request.user, kind, pk)
    context = {"object": obj, "kind": obj._meta.verbose_name, "entries": history.object_history(obj)}
    return render(request, "accounts/object_history.html", context)


@login_required
def journal(request):
    if not history.may_read_journal(request.user):
        raise PermissionDenied
    form = JournalFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = history.journal(**{k: v for k, v in filters.items() if v})
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx") and not form.errors:
        table = _journal_table(events[:50_000])
        return as_csv(table) if fmt == "csv" else as_xlsx(table)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "entries": [history.entry(event) for event in page],
        "query": params.urlencode(),
    }
    return render(request, "accounts/journal.html", context, status=400 if form.errors else 200)


def _journal_table(events) -> Table:
    rows = []
    for event in events.iterator(chunk_size=2000):
        item = history.entry(event)
        rows.append(
            {
                "at": event.at.isoformat(timespec="seconds"),
                "who": item.who,
                "action": item.action,
                "kind": item.kind,
                "object": event.object_repr or event.target,
                "changes": "; ".join(f"{c.label}: {c.before} → {c.after}" for c in item.changes),
            }
        )
    return Table(
        key="journal",
        title=_("Journal of the platform"),
        columns=[
            Column("at", _("When")),
            Column("who", _("Who")),
            Column("action", _("Action")),
            Column("kind", _("Kind")),
            Column("object", _("Object")),
            Column("changes", _("Changes")),
        ],
        rows=rows,
    )
