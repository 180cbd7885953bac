"""The task queue in `GET /health/` (jobs/health.py): its lag, and a 503 when nobody empties it."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def waiting_task(minutes_ago: float):
    from django_tasks_db.models import DBTaskResult, get_date_max

    result = DBTaskResult.objects.create(
        status="READY",
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="jobs.tasks.run_job",
        queue_name="default",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=result.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=minutes_ago)
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_an_empty_queue_has_no_lag(client, statistics):
    tasks = client.get("/health/").json()["checks"]["tasks"]
    assert tasks == {"ok": True, "waiting": 0, "lag_seconds": 0.0, "max_lag_seconds": 300}


@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_waiting_a_minute_is_reported_and_the_instance_stays_healthy(client, statistics):
    waiting_task(minutes_ago=1)
    response = client.get("/health/")
    tasks = response.json()["checks"]["tasks"]
    assert response.status_code == 200 and tasks["waiting"] == 1 and 59 <= tasks["lag_seconds"] <= 70


@override_settings(TASKS=DATABASE_TASKS, PLI_HEALTH_MAX_TASK_LAG=300)
def test_a_queue_nobody_empties_answers_503(client, statistics):
    waiting_task(minutes_ago=10)
    waiting_task(minutes_ago=2)
    response = client.get("/health/")
    tasks = response.json()["checks"]["tasks"]
    assert (
        response.status_code == 503
        and not tasks["ok"]
        and tasks["waiting"] == 2
        and tasks["lag_seconds"] >= 600
    )


@pytest.mark.django_db
def test_another_task_backend_is_left_to_its_own_monitoring(client, statistics):
    assert client.get("/health/").json()["checks"]["tasks"] == {"ok": True, "backend": "ImmediateBackend"}
