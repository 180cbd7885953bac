from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from diagnostic import queries, services
from diagnostic.forms import EvidenceForm, FieldFindingForm, FindingFilterForm, FindingForm
from diagnostic.models import Diagnostic, Finding, FindingSource, FindingWording
from network.models import Meeting
from network.permissions import get_for
from pli.pagination import counted_page

PAGE_SIZE = 25


def _posted(request):
    return request.POST if request.method == "POST" else None


@login_required
def finding_list(request):
    form = FindingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    findings = queries.register(request.user, filters)
    if filters.get("q"):  # the search filter is costly: evaluated once for the page and its count
        page = counted_page(findings, request.GET.get("page"), PAGE_SIZE)
    else:  # without it, a plain count and a top-25 are cheaper than a window over every row
        page = Paginator(findings, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": params.urlencode(),
        "field_counts": queries.field_findings_by_space(request.user) if not request.htmx else [],
    }
    template = "diagnostic/_finding_table.html" if request.htmx else "diagnostic/finding_list.html"
    return render(request, template, context)


@login_required
def finding_detail(request, pk):
    get_for(request.user, Finding.objects, pk=pk)  # 404 for what the user may not see
    finding = queries.finding_for_page(Finding.objects, pk)
    context = {
        "finding": finding,
        "evidence": [services.check_evidence(e) for e in finding.evidence.all()],
        "meeting_visible": bool(
            finding.source_meeting_id
            and Meeting.objects.visible_to(request.user).filter(pk=finding.source_meeting_id).exists()
        ),
        "can_edit": request.user.is_coordinator,
        "reviews": finding.reviews.select_related("campaign", "reviewer").filter(
            campaign__in=_campaigns_visible(request.user)
        ),
    }
    return render(request, "diagnostic/finding_detail.html", context)


def _campaigns_visible(user):
    from diagnostic.models import ReviewCampaign

    return ReviewCampaign.objects.visible_to(user)


@login_required
def finding_history(request, pk):
    get_for(request.user, Finding.objects, pk=pk)
    finding = queries.finding_for_page(Finding.objects, pk)
    return render(
        request,
        "diagnostic/finding_history.html",
        {"finding": finding, "changes": queries.wording_changes(finding)},
    )


@login_required
def finding_create(request):
    if not request.user.is_coordinator:
        raise PermissionDenied
    form = FindingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = [d.strip() for d in data["source_detail"].split(",") if d.strip()]
        sources = [
            (kind, details[0] if details and kind != "statistic" else "") for kind in data["source_kinds"]
        ]
        finding = services.create_finding(
            diagnostic=data["diagnostic"],
            statement=data["statement"],
            description=data["description"],
            axis=data["axis"],
            territories=data["territories"],
            publics=data["publics"],
            sources=sources,
            status=data["status"],
            by=request.user,
        )
        messages.success(request, _("Finding recorded."))
        return redirect("diagnostic:finding_detail", pk=finding.pk)
    return render(request, "diagnostic/finding_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def finding_edit(request, pk):
    finding = get_for(request.user, Finding.objects, edit=True, pk=pk)
    form = FindingForm(_posted(request), instance=finding)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            _save_edit(form, finding, request.user)
        except _Conflict:
            form.add_error(
                None,
                _(
                    "Somebody else changed this finding while you were editing it. Reload the page: your text is below, copy it before."
                ),
            )
            status = 409
        else:
            messages.success(request, _("Changes saved."))
            return redirect("diagnostic:finding_detail", pk=finding.pk)
    elif form.errors:
        status = 400
    return render(request, "diagnostic/finding_form.html", {"form": form, "finding": finding}, status=status)


class _Conflict(Exception):
    pass


def _save_edit(form, finding: Finding, user) -> None:
    """Save the edit; a changed statement becomes a new wording (the old one stays in the history)."""
    data = form.cleaned_data
    with transaction.atomic():
        current = Finding.objects.select_for_update().get(pk=finding.pk)
        if data.get("version") is not None and data["version"] != current.version:
            raise _Conflict
        old_statement = current.statement
        finding = form.save(commit=False)
        finding.version = current.version + 1
        finding.save()
        form.save_m2m()
        if finding.statement.strip() != old_statement.strip():
            FindingWording.objects.create(finding=finding, text=finding.statement, by=user)
        details = [d.strip() for d in data["source_detail"].split(",") if d.strip()]
        finding.sources.exclude(kind__in=data["source_kinds"]).delete()
        for kind in data["source_kinds"]:
            if not finding.sources.filter(kind=kind).exists():
                FindingSource.objects.create(finding=finding, kind=kind, detail=details[0] if details else "")
        finding.refresh_search_text()
        finding.save(update_fields=["search_text"])


@login_required
def evidence_add(request, pk):
    finding = get_for(request.user, Finding.objects, edit=True, pk=pk)
    form = EvidenceForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.cite_statistic(
                finding=finding,
                territory=form.cleaned_data["territory"],
                indicator=form.cleaned_data["indicator"],
                year=form.cleaned_data["year"],
                by=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            finding.refresh_search_text()
            finding.save(update_fields=["search_text"])
            messages.success(request, _("Statistic cited, with its value and source of today."))
            return redirect("diagnostic:finding_detail", pk=finding.pk)
    status = 400 if form.errors else 200
    return render(request, "diagnostic/evidence_form.html", {"form": form, "finding": finding}, status=status)


@login_required
def diagnostic_list(request):
    diagnostics = Diagnostic.objects.select_related("territory").order_by("-period")
    if not request.user.is_coordinator:
        diagnostics = diagnostics.exclude(status="draft")
    from django.db.models import Count

    diagnostics = diagnostics.annotate(finding_count=Count("findings"))
    return render(request, "diagnostic/diagnostic_list.html", {"diagnostics": diagnostics})


@login_required
def diagnostic_detail(request, pk):
    diagnostic = Diagnostic.objects.select_related("territory").filter(pk=pk).first()
    if diagnostic is None or (diagnostic.status == "draft" and not request.user.is_coordinator):
        raise Http404
    counts = Finding.objects.visible_to(request.user).filter(diagnostic=diagnostic)
    from django.db.models import Count

    by_axis = counts.values("axis__label").annotate(n=Count("pk", distinct=True)).order_by("axis__order")
    by_status = counts.values("status").annotate(n=Count("pk", distinct=True))
    context = {
        "diagnostic": diagnostic,
        "by_axis": by_axis,
        "by_status": {r["status"]: r["n"] for r in by_status},
    }
    return render(request, "diagnostic/diagnostic_detail.html", context)


@login_required
def field_finding_create(request, meeting_pk):
    """One click from a meeting: a point raised there becomes a draft finding linked to the meeting."""
    meeting = get_for(
        request.user, Meeting.objects.select_related("space__territory"), edit=True, pk=meeting_pk
    )
    form = FieldFindingForm(
        _posted(request), initial={"diagnostic": Diagnostic.objects.filter(status="draft").first()}
    )
    if request.method == "POST" and form.is_valid():
        finding = services.field_finding_from_meeting(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, _("Draft finding recorded; the coordinators will review it."))
        if request.user.is_coordinator:
            return redirect("diagnostic:finding_detail", pk=finding.pk)
        return redirect("network:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "diagnostic/field_finding_form.html",
        {"form": form, "meeting": meeting},
        status=400 if form.errors else 200,
    )
