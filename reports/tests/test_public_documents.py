"""A published plan as a document for visitors without an account: its public version, built once in
the background whoever asks, then served from the cache; nothing for a plan that is not published."""

import pytest
from django.urls import reverse

from jobs.choices import JobState
from jobs.models import Job
from plan.models import Plan
from reports import views

pytestmark = pytest.mark.usefixtures("demo_once")


@pytest.fixture
def published(statistics):
    return Plan.objects.filter(is_published=True).first()


def _pdf_text(data: bytes) -> str:
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_a_visitor_downloads_a_published_plan_built_once_then_from_the_cache(client, published):
    url = reverse("reports:public_plan_document", kwargs={"pk": published.pk, "fmt": "pdf"})
    assert url in client.get(published.get_absolute_url()).content.decode()
    first = client.get(url)  # the tests' task backend runs the job within the request
    assert first.status_code == 200 and first["Content-Disposition"].startswith("attachment")
    assert published.title.split(" —")[0] in _pdf_text(b"".join(first.streaming_content))
    job = Job.objects.get(kind=views.PUBLIC_JOB)
    assert job.owner is None and job.state == JobState.DONE
    again = client.get(url)
    assert again.status_code == 200 and Job.objects.filter(kind=views.PUBLIC_JOB).count() == 1


def test_while_its_job_waits_a_visitor_is_asked_to_come_back_and_no_other_job_starts(client, published):
    title = f"{published} (Word, version publique)"
    Job.objects.create(kind=views.PUBLIC_JOB, title=title, task_path="reports.documents.build_job")
    response = client.get(reverse("reports:public_plan_document", kwargs={"pk": published.pk, "fmt": "docx"}))
    assert response.status_code == 202
    assert "en préparation" in response.content.decode()
    assert Job.objects.filter(kind=views.PUBLIC_JOB).count() == 1


def test_a_plan_that_is_not_published_is_not_found_and_starts_nothing(client, statistics):
    draft = Plan.objects.filter(is_published=False).first()
    response = client.get(reverse("reports:public_plan_document", kwargs={"pk": draft.pk, "fmt": "pdf"}))
    assert response.status_code == 404
    assert not Job.objects.filter(kind=views.PUBLIC_JOB).exists()
