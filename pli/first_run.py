"""The first-run checklist of a new installation, shown to its administrators until every step is done.

Each app names its steps in `<app>/dashboard.py` with `setup_steps() -> list[dict]` (`order`, `label`,
`done`, `url`: where it is done); the home gathers them (pli/app_hooks.py).
"""

from pli.app_hooks import hook_results


def checklist_card(request) -> list[dict]:
    user = request.user
    if not getattr(user, "is_staff", False):
        return []
    steps = sorted(hook_results("dashboard", "setup_steps"), key=lambda step: step["order"])
    if not steps or all(step["done"] for step in steps):
        return []
    return [{"order": 1, "template": "pli/_first_run_card.html", "context": {"steps": steps}}]
