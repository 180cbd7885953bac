from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import gettext as _

from diagnostic import queries, services
from diagnostic.forms import DiagnosticForm, EvidenceForm, FieldFindingForm, FindingFilterForm, FindingForm
from diagnostic.models import Diagnostic, Finding, FindingReview
from network.models import Meeting
from pli import page_cache
from pli.access import can_create, can_edit, can_view, get_for, require_create
from pli.app_hooks import hook_results
from pli.editing import form_page, posted
from pli.pagination import counted_page
from territory.queries import data_version

PAGE_SIZE = 25


# The apps whose data the register shows (the findings, the spaces of the field findings, the axes
# and publics, the territories): its page is cached per user until a write in one of them.
REGISTER_AREAS = ("diagnostic", "network", "vocabulary", "territory")


@login_required
def finding_list(request):
    # The statistics' version too: "to re-examine" compares the cited figures with the imported ones.
    return page_cache.user_page(
        request, REGISTER_AREAS, lambda extra: _finding_list(request, extra), key_parts=(data_version(),)
    )


def _finding_list(request, extra: dict):
    form = FindingFilterForm(request.GET or None, user=request.user)
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
        "can_create": can_create(request.user, Finding),
        **extra,
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
        "meeting_visible": bool(finding.source_meeting_id and can_view(request.user, finding.source_meeting)),
        "can_edit": can_edit(request.user, finding),
        "reviews": FindingReview.objects.visible_to(request.user)
        .filter(finding=finding)
        .select_related("campaign", "reviewer"),
        "extra_sections": hook_results("panels", "finding_sections", request, finding),
    }
    return render(request, "diagnostic/finding_detail.html", context)


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
    require_create(request.user, Finding)
    return form_page(
        request,
        FindingForm(posted(request)),
        save=lambda form: services.create_finding_from_form(form, by=request.user),
        template="diagnostic/finding_form.html",
        success_url=lambda finding: finding.get_absolute_url(),
        success_message=_("Finding recorded."),
    )


@login_required
def finding_edit(request, pk):
    finding = get_for(request.user, Finding.objects, edit=True, pk=pk)
    return form_page(
        request,
        FindingForm(posted(request), instance=finding),
        save=lambda form: services.edit_finding(form, by=request.user),
        template="diagnostic/finding_form.html",
        success_url=finding.get_absolute_url(),
        success_message=_("Changes saved."),
        context={"finding": finding},
    )


@login_required
def evidence_add(request, pk):
    finding = get_for(request.user, Finding.objects, edit=True, pk=pk)
    return form_page(
        request,
        EvidenceForm(posted(request)),
        save=lambda form: services.cite_statistic(finding=finding, by=request.user, **form.cleaned_data),
        template="diagnostic/evidence_form.html",
        success_url=finding.get_absolute_url(),
        success_message=_("Statistic cited, with its value and source of today."),
        context={"finding": finding},
    )


@login_required
def diagnostic_list(request):
    diagnostics = (
        Diagnostic.objects.visible_to(request.user)
        .select_related("territory")
        .annotate(finding_count=Count("findings"))
        .order_by("-period")
    )
    context = {"diagnostics": diagnostics, "can_create": can_create(request.user, Diagnostic)}
    return render(request, "diagnostic/diagnostic_list.html", context)


@login_required
def diagnostic_detail(request, pk):
    diagnostic = get_for(request.user, Diagnostic.objects.select_related("territory"), pk=pk)
    counts = Finding.objects.visible_to(request.user).filter(diagnostic=diagnostic)
    by_axis = counts.values("axis__label").annotate(n=Count("pk", distinct=True)).order_by("axis__order")
    by_status = counts.values("status").annotate(n=Count("pk", distinct=True))
    context = {
        "diagnostic": diagnostic,
        "by_axis": by_axis,
        "by_status": {r["status"]: r["n"] for r in by_status},
        "can_edit": can_edit(request.user, diagnostic),
    }
    return render(request, "diagnostic/diagnostic_detail.html", context)


@login_required
def diagnostic_create(request):
    require_create(request.user, Diagnostic)
    return form_page(
        request,
        DiagnosticForm(posted(request)),
        save=lambda form: services.save_diagnostic(form, by=request.user),
        template="diagnostic/diagnostic_form.html",
        success_url=lambda diagnostic: diagnostic.get_absolute_url(),
        success_message=_("Diagnostic recorded."),
    )


@login_required
def diagnostic_edit(request, pk):
    diagnostic = get_for(request.user, Diagnostic.objects, edit=True, pk=pk)
    return form_page(
        request,
        DiagnosticForm(posted(request), instance=diagnostic),
        save=lambda form: services.save_diagnostic(form, by=request.user),
        template="diagnostic/diagnostic_form.html",
        success_url=diagnostic.get_absolute_url(),
        success_message=_("Changes saved."),
        context={"diagnostic": diagnostic},
    )


@login_required
def field_finding_create(request, meeting_pk):
    """One click from a meeting: a point raised there becomes a draft finding linked to the meeting."""
    meeting = get_for(
        request.user, Meeting.objects.select_related("space__territory"), edit=True, pk=meeting_pk
    )
    initial = {"diagnostic": Diagnostic.objects.filter(status="draft").first()}
    return form_page(
        request,
        FieldFindingForm(posted(request), initial=initial),
        save=lambda form: services.field_finding_from_meeting(
            meeting=meeting, by=request.user, **form.cleaned_data
        ),
        template="diagnostic/field_finding_form.html",
        success_url=lambda finding: (
            # Who can act on it goes to it; its author goes back to the meeting, where it waits.
            finding.get_absolute_url() if can_edit(request.user, finding) else meeting.get_absolute_url()
        ),
        success_message=_("Draft finding recorded; the coordinators will review it."),
        context={"meeting": meeting},
    )
