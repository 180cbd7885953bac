from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobs import services
from jobs.choices import JobState
from jobs.models import Job
from pli.access import get_for


@login_required
@require_GET
def detail(request, pk):
    """The progress of a job: a bar that htmx refreshes, and the page itself refreshes without JavaScript."""
    job = get_for(request.user, Job.objects, pk=pk)
    context = {"job": job, "refresh": not job.is_finished}
    if request.htmx:
        return render(request, "jobs/_status.html", context)
    return render(request, "jobs/detail.html", context)


@login_required
@require_POST
def retry(request, pk):
    job = get_for(request.user, Job.objects, pk=pk, edit=True)
    try:
        services.retry(job, by=request.user)
    except services.JobRefused as error:
        messages.error(request, str(error))
    return redirect(job)


@login_required
@require_GET
def download(request, pk):
    job = get_for(request.user, Job.objects, pk=pk)
    path = Path(job.result_path) if job.result_path else None
    if job.state != JobState.DONE or path is None or not path.is_file():
        raise Http404(_("This job has no file to download."))
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.result_name or path.name)
