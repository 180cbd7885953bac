from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobs import services as jobs
from jobs.choices import JobState
from jobs.models import Job
from plan.models import Plan
from pli.access import get_for, is_coordinator
from pli.text import elide
from reports import documents
from reports.forms import ActivityForm, PortraitForm


def _start(request, kind: str, params: dict, fmt: str, title: str):
    """The document at once when it is in the cache (nothing changed since), else a background job."""
    path = documents.cache_path(documents.cache_key(kind, params, request.user, fmt), fmt)
    names = path.with_suffix(".name")
    if path.is_file() and names.is_file():
        return FileResponse(path.open("rb"), as_attachment=True, filename=names.read_text())
    job = jobs.start(
        "reports.documents.build_job",
        kind="document",
        title=title,
        by=request.user,
        arguments={"kind": kind, "params": params, "fmt": fmt, "user_id": request.user.pk},
    )
    return redirect(job)


@login_required
def index(request):
    """The documents one can build, and the ones the user asked for lately."""
    context = {
        "plans": Plan.objects.visible_to(request.user)
        .select_related("territory")
        .order_by("-start_year", "title"),
        "jobs": Job.objects.visible_to(request.user).filter(kind="document", owner=request.user)[:10],
        "can_activity": is_coordinator(request.user),
        "portrait_form": PortraitForm(),
    }
    return render(request, "reports/index.html", context)


@login_required
@require_POST
def plan_document(request, pk, fmt):
    plan = get_for(request.user, Plan.objects, pk=pk)
    if fmt not in documents.FORMATS:
        raise Http404(fmt)
    label = "PDF" if fmt == "pdf" else "Word"
    return _start(
        request, "plan", {"plan": plan.pk}, fmt, _("%(plan)s (%(format)s)") % {"plan": plan, "format": label}
    )


PUBLIC_JOB = "public-document"
PUBLIC_RETRY_AFTER = timedelta(minutes=10)  # a public document that failed is not built again before


def public_plan_document(request, pk, fmt):
    """A published plan as a document, for anyone, as its public page shows it: from the cache, or
    built once in the background whoever asks (one job at a time per plan and format; the page says to
    come back and refreshes itself). An unpublished plan is not found."""
    anonymous = AnonymousUser()
    plan = get_for(anonymous, Plan.objects, pk=pk)
    if fmt not in documents.FORMATS:
        raise Http404(fmt)
    params = {"plan": plan.pk}
    path = documents.cache_path(documents.cache_key("plan", params, anonymous, fmt), fmt)
    names = path.with_suffix(".name")
    if path.is_file() and names.is_file():
        return FileResponse(path.open("rb"), as_attachment=True, filename=names.read_text())
    label = "PDF" if fmt == "pdf" else "Word"
    title = _("%(plan)s (%(format)s, public version)") % {"plan": plan, "format": label}
    recent = Job.objects.filter(kind=PUBLIC_JOB, owner=None, title=title[:300])
    failed = recent.filter(state=JobState.FAILED, finished_at__gte=timezone.now() - PUBLIC_RETRY_AFTER)
    if not recent.filter(state__in=[JobState.WAITING, JobState.RUNNING]).exists() and not failed.exists():
        jobs.start(
            "reports.documents.build_job",
            kind=PUBLIC_JOB,
            title=title,
            by=None,
            arguments={"kind": "plan", "params": params, "fmt": fmt, "user_id": None},
        )
        if path.is_file() and names.is_file():  # built at once (a backend that runs tasks in the request)
            return FileResponse(path.open("rb"), as_attachment=True, filename=names.read_text())
    context = {"plan": plan, "format": label, "failed": failed.exists()}
    return render(request, "reports/public_preparing.html", context, status=503 if context["failed"] else 202)


@login_required
def portrait(request):
    form = PortraitForm(request.POST or request.GET or None)
    if request.method == "POST" and form.is_valid():
        territory, compare = form.cleaned_data["nis"], form.cleaned_data["compare"]
        params = {"nis": territory.nis_code, "compare": compare.nis_code if compare else ""}
        title = elide(_("Portrait of %(territory)s") % {"territory": territory.name_in_sentence})
        return _start(request, "portrait", params, form.cleaned_data["format"], title)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/portrait_form.html",
        {"form": form if form.is_bound else PortraitForm(initial=request.GET.dict() or None)},
        status=status,
    )


@login_required
def activity(request):
    if not is_coordinator(request.user):
        raise PermissionDenied(_("The activity report is built by the centre's coordinators."))
    form = ActivityForm(request.POST or None, initial={"format": "pdf"})
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        params = {"year": year, "texts": form.texts()}
        title = _("Activity report %(year)s") % {"year": year}
        return _start(request, "activity", params, form.cleaned_data["format"], title)
    return render(
        request, "reports/activity_form.html", {"form": form}, status=400 if request.method == "POST" else 200
    )
