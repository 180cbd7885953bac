"""The task queue's part of `GET /health/` (pli/health.py): how long the oldest ready task has waited.

A queue that nobody empties (no worker running, or too few) shows here before users wait on their
documents: the check fails past PLI_HEALTH_MAX_TASK_LAG seconds (300 by default).
"""

from django.conf import settings
from django.utils import timezone

from pli.health import Check


def checks() -> list[Check]:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":  # RQ, Celery: their own monitoring says it
        return [Check("tasks", True, {"backend": backend.rsplit(".", 1)[-1]})]
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", "run_after").first()
    waiting = ready.count() if oldest else 0
    lag = 0.0
    if oldest:
        enqueued_at, run_after = oldest
        started = run_after if run_after.year < 9999 else enqueued_at  # "run as soon as possible" is the max
        lag = max(0.0, (timezone.now() - max(enqueued_at, started)).total_seconds())
    limit = settings.PLI_HEALTH_MAX_TASK_LAG
    return [
        Check(
            "tasks",
            lag <= limit,
            {"waiting": waiting, "lag_seconds": round(lag, 1), "max_lag_seconds": limit},
        )
    ]
