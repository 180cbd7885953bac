"""The territory's part of `GET /health/` (pli/health.py): the last import of statistics."""

from pli.health import Check
from territory.models import Import


def checks() -> list[Check]:
    last = Import.objects.order_by("-imported_at").values("dataset", "file_name", "imported_at").first()
    if last is None:  # an instance without statistics cannot serve its territory pages
        return [Check("last_import", False, {"imported_at": None})]
    return [
        Check(
            "last_import",
            True,
            {
                "dataset": last["dataset"],
                "file_name": last["file_name"],
                "imported_at": last["imported_at"].isoformat(),
            },
        )
    ]
