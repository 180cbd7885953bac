"""The record of one piece of long work (a document, a statistics upload) run as a Django task: who
asked for it, its progress, its result or its error. The task backend keeps its own result row; this one
is what the pages show, whatever the backend (database, RQ, Celery)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs.choices import JobState
from pli.access import AccessQuerySet, is_authenticated, is_coordinator


class JobQuerySet(AccessQuerySet):
    """Coordinators see every job; a signed-in user the jobs they started."""

    def visible_to(self, user):
        if is_coordinator(user):
            return self
        return self.filter(owner=user) if is_authenticated(user) else self.none()

    def editable_by(self, user):  # retrying is starting it again: whoever may see it
        return self.visible_to(user)


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    task_path = models.CharField(_("task"), max_length=200)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=JobState.choices, default=JobState.WAITING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    result_path = models.CharField(_("result file"), max_length=500, blank=True)
    result_name = models.CharField(_("result file name"), max_length=300, blank=True)
    result_url = models.CharField(_("result page"), max_length=500, blank=True)
    result_message = models.TextField(_("result"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def worker_seems_down(self) -> bool:
        """Still waiting long after it was queued: no worker picks the tasks up."""
        waited = (timezone.now() - self.created_at).total_seconds()
        return self.state == JobState.WAITING and waited >= settings.PLI_WORKER_WAIT_SECONDS
