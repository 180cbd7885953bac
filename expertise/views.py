import os

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from expertise import forms, queries, reactivity, services
from expertise.choices import ENDED, AssignmentStatus, State
from expertise.models import Assignment, ExpertiseRequest, RequestAttachment
from expertise.permissions import may_read_report, may_triage
from network.languages import language_name
from pli import exports
from pli.access import can_create, can_edit, get_for, is_coordinator, person_id, require_create
from pli.editing import form_page, posted

PAGE_SIZE = 25


def _requests(user):
    return ExpertiseRequest.objects.visible_to(user).select_related("urgency", "requester_organisation")


@login_required
def index(request):
    user = request.user
    requests = _requests(user)
    state = request.GET.get("etat", "")
    if state in State.values:
        requests = requests.filter(state=state)
    page = Paginator(requests.order_by("-received_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    mine = person_id(user)
    solicitations = (
        Assignment.objects.filter(
            expert_id=mine, status__in=[AssignmentStatus.SOLICITED, AssignmentStatus.ACCEPTED]
        )
        .exclude(request__state__in=ENDED)
        .select_related("request")
        if mine
        else Assignment.objects.none()
    )
    context = {
        "page": page,
        "state": state,
        "states": State.choices,
        "solicitations": solicitations,
        "can_create": can_create(user, ExpertiseRequest),
        "can_read_report": may_read_report(user),
    }
    return render(request, "expertise/index.html", context)


@login_required
def request_create(request):
    require_create(request.user, ExpertiseRequest)
    form = forms.RequestForm(
        posted(request), posted(request, files=True), coordinator=is_coordinator(request.user)
    )
    return form_page(
        request,
        form,
        save=lambda form: services.submit_request(form, by=request.user),
        template="expertise/request_form.html",
        success_url=lambda obj: obj.get_absolute_url(),
        success_message=_("Request sent: the centre will qualify it."),
    )


@login_required
def request_detail(request, pk):
    user = request.user
    req = get_for(user, _requests(user).select_related("requested_by", "meeting"), pk=pk)
    assignments = list(req.assignments.select_related("expert__organisation").prefetch_related("attachments"))
    mine = person_id(user)
    my_assignment = next((a for a in assignments if a.expert_id == mine), None) if mine else None
    can_close = (
        req.state == State.ANSWERED and ExpertiseRequest.objects.closable_by(user).filter(pk=req.pk).exists()
    )
    expert_acts = bool(
        my_assignment
        and req.state not in ENDED
        and my_assignment.status in (AssignmentStatus.SOLICITED, AssignmentStatus.ACCEPTED)
    )
    context = {
        "req": req,
        "areas": req.areas.select_related("parent"),
        "territories": req.territories.all(),
        "publics": req.publics.all(),
        "languages": [language_name(code) for code in req.languages],
        "events": req.events.select_related("by", "assignment__expert"),
        "assignments": assignments,
        "attachments": req.attachments.filter(assignment__isnull=True),
        "my_assignment": my_assignment,
        "expert_acts": expert_acts,
        "can_triage": may_triage(user),
        "can_close": can_close,
        "State": State,
        "AssignmentStatus": AssignmentStatus,
    }
    return render(request, "expertise/request_detail.html", context)


def _triage(request, pk):
    req = get_for(request.user, _requests(request.user), pk=pk)
    if not may_triage(request.user):
        raise PermissionDenied
    return req


def _action_page(request, req, form, save, *, title, message, success_url=None, template=None, context=None):
    return form_page(
        request,
        form,
        save=lambda form: save(form) and req,
        template=template or "expertise/action_form.html",
        success_url=success_url or req.get_absolute_url(),
        success_message=message,
        context={"req": req, "title": title, **(context or {})},
    )


@login_required
def request_qualify(request, pk):
    req = _triage(request, pk)
    initial = {"areas": list(req.areas.all()), "urgency": req.urgency}
    return _action_page(
        request,
        req,
        forms.QualifyForm(posted(request), initial=initial),
        lambda form: services.qualify(
            req,
            by=request.user,
            areas=form.cleaned_data["areas"],
            urgency=form.cleaned_data["urgency"],
            note=form.cleaned_data["note"],
        ),
        title=_("Qualify the request"),
        message=_("Request qualified: choose the experts to solicit."),
        success_url=reverse("expertise:request_solicit", args=[req.pk]),
    )


@login_required
def request_refuse(request, pk):
    req = _triage(request, pk)
    return _action_page(
        request,
        req,
        forms.RefuseForm(posted(request)),
        lambda form: services.refuse(req, by=request.user, reason=form.cleaned_data["reason"]),
        title=_("Refuse the request"),
        message=_("Request refused."),
    )


@login_required
def request_redirect(request, pk):
    req = _triage(request, pk)
    return _action_page(
        request,
        req,
        forms.RedirectForm(posted(request)),
        lambda form: services.redirect(req, by=request.user, to=form.cleaned_data["to"]),
        title=_("Redirect the request"),
        message=_("Request redirected."),
    )


@login_required
def request_solicit(request, pk):
    req = _triage(request, pk)
    ranking = queries.ranking_for(req)
    form = forms.SolicitForm(posted(request), ranking=ranking)

    def save(form):
        chosen = form.cleaned_data["experts"]
        from network.models import Person

        experts = list(Person.objects.filter(pk__in=chosen))
        reasons = {
            r.candidate.id: [{"reason": f.reason, "share": f.share} for f in r.factors]
            for r in ranking
            if r.candidate.id in chosen
        }
        return services.solicit(req, experts, by=request.user, reasons=reasons)

    return _action_page(
        request,
        req,
        form,
        save,
        title=_("Solicit experts"),
        message=_("Experts solicited: they receive the request."),
        template="expertise/request_solicit.html",
        context={"ranking": ranking, "solicited": req.assignments.select_related("expert")},
    )


@login_required
def request_close(request, pk):
    req = get_for(request.user, _requests(request.user), pk=pk)
    if not ExpertiseRequest.objects.closable_by(request.user).filter(pk=req.pk).exists():
        raise PermissionDenied
    return _action_page(
        request,
        req,
        forms.CloseForm(posted(request)),
        lambda form: services.close(
            req,
            by=request.user,
            useful=form.cleaned_data["useful"],
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        ),
        title=_("Close the request"),
        message=_("Request closed. Thank you for your feedback."),
        context={
            "answers": req.assignments.filter(status=AssignmentStatus.ANSWERED).select_related("expert")
        },
    )


@login_required
def request_reopen(request, pk):
    req = _triage(request, pk)
    return _action_page(
        request,
        req,
        forms.ReopenForm(posted(request)),
        lambda form: services.reopen(req, by=request.user, note=form.cleaned_data["note"]),
        title=_("Reopen the request"),
        message=_("Request reopened."),
    )


def _assignment(request, pk):
    assignment = get_for(request.user, Assignment.objects.select_related("request__urgency", "expert"), pk=pk)
    if not can_edit(request.user, assignment):
        raise PermissionDenied
    return assignment


@login_required
def assignment_accept(request, pk):
    assignment = _assignment(request, pk)
    return _action_page(
        request,
        assignment.request,
        forms.AcceptForm(posted(request)),
        lambda form: services.accept(assignment, by=request.user),
        title=_("Accept the solicitation"),
        message=_("Solicitation accepted: the request is yours to answer."),
        context={"assignment": assignment},
    )


@login_required
def assignment_decline(request, pk):
    assignment = _assignment(request, pk)
    return _action_page(
        request,
        assignment.request,
        forms.DeclineForm(posted(request)),
        lambda form: services.decline(assignment, by=request.user, reason=form.cleaned_data["reason"]),
        title=_("Decline the solicitation"),
        message=_("Solicitation declined."),
        context={"assignment": assignment},
    )


@login_required
def assignment_answer(request, pk):
    assignment = _assignment(request, pk)
    return _action_page(
        request,
        assignment.request,
        forms.AnswerForm(posted(request), posted(request, files=True), initial={"text": assignment.answer}),
        lambda form: services.answer(
            assignment,
            by=request.user,
            text=form.cleaned_data["text"],
            files=[f for f in [form.cleaned_data.get("attachment")] if f],
        ),
        title=_("Answer the request"),
        message=_("Answer sent to the requester and the centre."),
        context={"assignment": assignment, "multipart": True},
    )


@login_required
@require_safe
def attachment_download(request, pk):
    """Attachments are never served from a public media URL: only through this view and its rule."""
    attachment = get_for(request.user, RequestAttachment.objects, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=os.path.basename(attachment.file.name))
    response["Cache-Control"] = "private, no-store"
    return response


def _days(hours):
    return None if hours is None else round(hours / 24, 1)


def month_label(month) -> str:
    """A month of the report as French writes it ("janvier 2025"), by Django's date formatting."""
    return date_format(month, "YEAR_MONTH_FORMAT")


def _report_table(report) -> exports.Table:
    names = {
        "origin": _("origin"),
        "urgency": _("urgency"),
        "area": _("expertise area"),
        "month": _("month"),
    }
    rows = []
    months = [(month_label(month), summary) for month, summary in report.months]
    groups = [*report.groups.items(), ("month", months)]
    for dimension, entries in groups:
        for key, summary in entries:
            row = {"dimension": str(names[dimension]), "group": key, "count": summary["count"]}
            for measure in reactivity.MEASURES:
                row[f"{measure}_median"] = _days(summary[measure]["median"])
                row[f"{measure}_p90"] = _days(summary[measure]["p90"])
            rows.append(row)
    columns = [
        exports.Column("dimension", _("By")),
        exports.Column("group", _("Group")),
        exports.Column("count", _("Requests"), "int"),
    ]
    labels = {
        "qualification": _("to qualification"),
        "first_answer": _("to first answer"),
        "closure": _("to closure"),
    }
    for measure in reactivity.MEASURES:
        columns.append(
            exports.Column(
                f"{measure}_median", _("Median days %(measure)s") % {"measure": labels[measure]}, "float"
            )
        )
        columns.append(
            exports.Column(
                f"{measure}_p90",
                _("90th percentile, days %(measure)s") % {"measure": labels[measure]},
                "float",
            )
        )
    return exports.Table("reactivity", _("Reactivity of expertise mobilisation"), columns, rows)


@login_required
def report(request):
    if not may_read_report(request.user):
        raise PermissionDenied
    built = reactivity.build(ExpertiseRequest.objects.visible_to(request.user))
    table = _report_table(built)
    wanted = request.GET.get("format")
    if wanted == "csv":
        return exports.as_csv(table)
    if wanted == "xlsx":
        return exports.as_xlsx(table)
    chart = {
        "months": [month_label(month) for month, _summary in built.months],
        "labels": {
            "qualification": _("Median days to qualification"),
            "first_answer": _("Median days to first answer"),
            "closure": _("Median days to closure"),
            "axis": _("days"),
        },
    }
    for measure in reactivity.MEASURES:
        chart[measure] = [_days(summary[measure]["median"]) for _month, summary in built.months]
    context = {"report": built, "table": table, "chart": chart}
    return render(request, "expertise/report.html", context)
