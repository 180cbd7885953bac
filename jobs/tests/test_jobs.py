import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.audit import PLATFORM
from accounts.history import who
from accounts.models import AuditEvent
from jobs import services
from jobs.choices import JobState
from jobs.models import Job

WORK = "jobs.tests.work.count_to"


@pytest.fixture
def run_now(django_capture_on_commit_callbacks):
    """Queue and run (immediate backend) the jobs started inside the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_job_runs_as_a_task_and_records_its_progress_and_result(personas, run_now):
    with run_now():
        job = services.start(WORK, kind="test", title="Count", by=personas["coordinator"], arguments={"n": 4})
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert job.progress == 100
    assert job.step == "step 4"
    assert job.result_message == "counted to 4"
    assert job.task_id  # the task backend's result id


def test_a_refused_job_shows_its_own_message_and_can_be_retried(personas, client_as, run_now):
    user = personas["reader"]
    with run_now():
        job = services.start(WORK, kind="test", title="Count", by=user, arguments={"n": 2, "fail": "refused"})
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error == "Le fichier est introuvable."
    client = client_as(user)
    page = client.get(job.get_absolute_url())
    assert "Le fichier est introuvable." in page.content.decode()
    assert reverse("jobs:retry", kwargs={"pk": job.pk}) in page.content.decode()
    job.arguments = {"n": 2}
    job.save()
    with run_now():
        response = client.post(reverse("jobs:retry", kwargs={"pk": job.pk}))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == (JobState.DONE, 2, "")


def test_a_job_journals_who_asked_for_it_who_retried_it_and_how_it_ended(personas, run_now):
    user = personas["reader"]
    with run_now():
        job = services.start(WORK, kind="test", title="Count", by=user, arguments={"n": 2, "fail": "refused"})
    job.refresh_from_db()
    Job.objects.filter(pk=job.pk).update(arguments={"n": 2})
    with run_now():
        services.retry(job, by=user)
    entries = list(AuditEvent.objects.filter(content_type__model="job", object_id=str(job.pk)).order_by("pk"))
    assert [(entry.action, entry.actor) for entry in entries] == [
        ("create", user),
        ("finish", None),  # the platform, from the worker
        ("restart", user),
        ("finish", None),
    ]
    created, failed, retried, done = entries
    assert created.changes["title"] == [None, "Count"]
    assert failed.changes["state"] == ["en cours", "en échec"]
    assert failed.details == {"error": "Le fichier est introuvable.", PLATFORM: True}
    assert retried.changes["state"] == ["en échec", "en attente du worker"]
    assert retried.details == {"attempts": 1}
    assert done.changes["state"] == ["en cours", "fait"] and done.details == {PLATFORM: True}
    assert [who(entry) for entry in entries] == [user.email, "la plateforme", user.email, "la plateforme"]


def test_an_unexpected_error_is_told_in_french_without_a_traceback(personas, client_as, run_now):
    with run_now():
        job = services.start(
            WORK, kind="test", title="Count", by=personas["reader"], arguments={"n": 1, "fail": "crash"}
        )
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    page = client_as(personas["reader"]).get(job.get_absolute_url()).content.decode()
    assert "Une erreur inattendue" in page
    assert "Traceback" not in page


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_without_a_worker_the_page_says_the_work_waits_for_it(personas, client_as, run_now):
    with run_now():
        job = services.start(WORK, kind="test", title="Count", by=personas["reader"], arguments={"n": 1})
    Job.objects.filter(pk=job.pk).update(created_at=job.created_at.replace(year=2020))
    page = client_as(personas["reader"]).get(job.get_absolute_url()).content.decode()
    assert "pli db_worker" in page
    assert 'http-equiv="refresh"' in page  # without JavaScript, the page refreshes itself
    assert "hx-trigger" in page  # with it, htmx polls the status


def test_the_status_fragment_is_what_htmx_polls(personas, client_as, run_now):
    with run_now():
        job = services.start(WORK, kind="test", title="Count", by=personas["reader"], arguments={"n": 3})
    response = client_as(personas["reader"]).get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith("{% load") is False
    assert 'id="job-status"' in body and "<html" not in body
    assert 'value="100"' in body


def test_another_user_does_not_see_a_job(personas, client_as, run_now):
    with run_now():
        job = services.start(WORK, kind="test", title="Count", by=personas["reader"], arguments={"n": 1})
    assert client_as(personas["partner_member"]).get(job.get_absolute_url()).status_code == 404
    assert client_as(personas["coordinator"]).get(job.get_absolute_url()).status_code == 200
