"""Writes of the background jobs: start one (queued as a Django task), run it, retry it.

Each leaves its entry in the journal (accounts.audit): who asked for the work, who retried it, and how
it ended (the platform itself, from the worker). The progress it reports while running is not a change
of substance and is not journaled (up to a hundred updates a job)."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts import audit
from jobs.choices import JobState
from jobs.models import Job
from pli.access import require
from pli.files import ImportRefused

logger = logging.getLogger(__name__)


class JobRefused(Exception):
    """A failure the user can act on: its message (French) is shown as it is."""


# Errors whose message is written for the user (French, naming what is wrong).
USER_ERRORS = (JobRefused, ImportRefused, ValidationError, PermissionDenied)


class Progress:
    """What a job's function reports: `progress(fraction, step)`, written at most once per percent."""

    def __init__(self, job: Job):
        self.job = job

    def __call__(self, fraction: float, step: str = "") -> None:
        percent = max(0, min(100, int(fraction * 100)))
        if percent == self.job.progress and step == self.job.step:
            return
        self.job.progress, self.job.step = percent, step[:300]
        Job.objects.filter(pk=self.job.pk).update(progress=percent, step=self.job.step)


def _enqueue(job: Job) -> None:
    from django_tasks.backends.immediate import ImmediateBackend

    from jobs.tasks import run_job

    def send():
        result = run_job.enqueue(job.pk)
        Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))

    if isinstance(run_job.get_backend(), ImmediateBackend):
        send()  # runs here, in this transaction (the tests' backend): nothing to wait for
    else:
        transaction.on_commit(send)  # a worker elsewhere must find the job row committed


def start(function: str, *, kind: str, title: str, by, arguments: dict | None = None) -> Job:
    """Record a job and queue it. `function` is the dotted path of a function(progress, **arguments)
    returning a dict (`path`, `name`, `url`, `message`, any of them)."""
    import_string(function)  # a wrong path fails here, in the request, not later in the worker
    job = Job.objects.create(
        kind=kind,
        title=title[:300],
        owner=by if getattr(by, "is_authenticated", False) else None,
        task_path=function,
        arguments=arguments or {},
    )
    # The row was just written from these values: its entry needs no reading of it again.
    audit.record(by, "create", job, changes=audit.diff({}, audit.snapshot(job)))
    _enqueue(job)
    return job


def retry(job: Job, by) -> Job:
    """Run a failed job again, from the start."""
    require(by, lambda: Job.objects.editable_by(by).filter(pk=job.pk).exists())
    if job.state != JobState.FAILED:
        raise JobRefused(_("Only a failed job can be retried."))
    Job.objects.filter(pk=job.pk).update(
        state=JobState.WAITING, progress=0, step="", error="", task_id="", created_at=timezone.now()
    )
    job.refresh_from_db()
    audit.record(
        by,
        "restart",
        job,
        changes={"state": [str(JobState.FAILED.label), job.get_state_display()]},
        details={"attempts": job.attempts},
    )
    _enqueue(job)
    return job


def _message(error: Exception) -> str:
    if isinstance(error, ImportRefused):  # the file refused, nothing stored: every problem, one a line
        lines = [_("The file was refused; nothing was changed."), *map(str, error.problems[:20])]
        if error.total > len(error.problems[:20]):
            lines.append(error.summary())
        return "\n".join(lines)
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, PermissionDenied):
        return str(error) or _("You may not do this.")
    return str(error)


def run(job_id: int, progress_factory: Callable[[Job], Callable] = Progress) -> Job | None:
    """Run the job's function (in the worker, or at once on the immediate backend)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.state in (JobState.RUNNING, JobState.DONE):
        return job
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, started_at=timezone.now(), attempts=job.attempts + 1
    )
    job.refresh_from_db()
    with translation.override(settings.LANGUAGE_CODE):
        try:
            outcome = import_string(job.task_path)(progress_factory(job), **job.arguments) or {}
        except USER_ERRORS as error:
            _finish(job, JobState.FAILED, error=_message(error))
        except Exception as error:  # noqa: BLE001 - the job must say it failed, whatever the cause
            logger.exception("job %s failed", job.pk)
            _finish(
                job,
                JobState.FAILED,
                error=_(
                    "An unexpected error stopped the work (%(error)s). Retry it; if it fails again, tell the platform's administrator."
                )
                % {"error": type(error).__name__},
            )
        else:
            _finish(job, JobState.DONE, **outcome)
    return job


def _finish(job: Job, state: str, error: str = "", path="", name="", url="", message="") -> None:
    fields = {
        "state": state,
        "finished_at": timezone.now(),
        "error": error,
        "result_path": str(path),
        "result_name": name,
        "result_url": url,
        "result_message": message,
    }
    if state == JobState.DONE:
        fields["progress"] = 100
    Job.objects.filter(pk=job.pk).update(**fields)
    before = job.get_state_display()
    job.refresh_from_db()
    # Written by the platform (the worker), not by the user who asked: `by=None`.
    audit.record(
        None,
        "finish",
        job,
        changes={"state": [before, job.get_state_display()]},
        details={"error": error[:500]} if error else {},
    )
