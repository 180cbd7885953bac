"""The one task every background job runs: it calls the job's function with a progress reporter.

The work itself is a plain function (`reports.documents.build_plan`, `territory.services.import_saved`…)
taking `progress` and the job's arguments: the command line calls the same function synchronously."""

from django_tasks import task

from jobs import services


@task()
def run_job(job_id: int) -> None:
    services.run(job_id)
