"""In headless Chromium: a coordinator downloads a plan as PDF from its page through the job's page;
a job's progress bar is refreshed by htmx until its file can be downloaded."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import assert_accessible, browser_login
from jobs.models import Job
from plan.tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_job_page_shows_its_progress_bar_then_the_download_when_the_work_is_done(page, personas, tmp_path):
    coordinator = personas["coordinator"]
    built = tmp_path / "plan.pdf"
    built.write_bytes(b"%PDF-1.7\n")
    job = Job.objects.create(
        kind="document",
        title="PPLI 2.0 (PDF)",
        owner=coordinator,
        task_path="reports.documents.build_job",
        state="running",
        progress=45,
        step="Dessin de la carte et des graphiques",
    )
    browser_login(page, coordinator)
    page.goto(job.get_absolute_url())
    expect(page.locator("progress")).to_have_attribute("value", "45")
    assert_accessible(page, "job-progress")
    Job.objects.filter(pk=job.pk).update(
        state="done", progress=100, result_path=str(built), result_name="ppli-2-0.pdf"
    )
    download_link = page.locator(f'a[href="{reverse("jobs:download", kwargs={"pk": job.pk})}"]')
    expect(download_link).to_be_visible(timeout=5000)  # htmx polled the status
    expect(page.locator("progress")).to_have_attribute("value", "100")
    assert_accessible(page, "job-done")


def test_a_coordinator_downloads_a_plan_as_pdf_from_its_page(page, personas, statistics):
    coordinator = personas["coordinator"]
    plan = f.plan("PLI de démonstration", territory=f.get_territory(f.COMMUNE))
    f.recommendation(f.priority(plan), "Ouvrir une permanence logement")
    browser_login(page, coordinator)
    page.goto(plan.get_absolute_url())
    assert_accessible(page, "plan-with-downloads")
    page.locator(
        f'form[action="{reverse("reports:plan_document", kwargs={"pk": plan.pk, "fmt": "pdf"})}"] button'
    ).click()
    page.wait_for_load_state()
    assert "/taches/" in page.url
    with page.expect_download() as info:
        page.locator("a[download]").click()
    assert info.value.suggested_filename.endswith(".pdf")
    assert_accessible(page, "plan-document-job")
