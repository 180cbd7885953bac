"""Hooks by which each app contributes to shared features without the project knowing the apps.

An app may have `dashboard.py` (`cards(request) -> list[dict]`: cards of the home dashboard),
`search.py` (`kinds()`: what the platform search finds, see pli/search.py),
`reference.py` (`load(stdout)`: reference data loaded by `pli setup_data`) and `demo.py`
(`read_content(data_dir)`: its content file checked, and `load(stdout, data_dir)`: demonstration content
loaded by `pli demo`, see docs/demo-data.md), `todo.py` (`items(user) -> list[TodoItem]`: the lines of
"À faire" on the home), `notifications.py` (`KINDS`: the kinds of message it sends, and
`reminders(now) -> list`: the reminders that are due, sent by `pli remind`), `activity.py`
(`sections(year, user)`: its sections of the annual activity report, see reports/activity.py) and
`health.py` (`checks() -> list[pli.health.Check]`: its part of `GET /health/`). Apps are visited in INSTALLED_APPS order, which follows
the dependency order of DESIGN.md.
"""

import functools
import importlib
from dataclasses import dataclass
from types import ModuleType

from django.apps import apps


@functools.cache
def app_modules(module_name: str) -> tuple[ModuleType, ...]:
    """The apps' modules of that name, found once per process (a missing module is otherwise searched
    for again on every call: that cost a millisecond per page)."""
    modules = []
    for config in apps.get_app_configs():
        if config.name == "pli":
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.{module_name}"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{module_name}":
                raise
    return tuple(modules)


def hook_results(module_name: str, function: str, *args) -> list:
    """Call `function(*args)` in every app's `module_name` module that defines it; concatenate the lists.

    `panels.py` is the module where an app adds sections to another app's pages without that app
    knowing it (e.g. the network's offers on a territory page, the findings raised in a meeting)."""
    results = []
    for module in app_modules(module_name):
        hook = getattr(module, function, None)
        if hook is not None:
            results.extend(hook(*args))
    return results


def dashboard_cards(request) -> list[dict]:
    cards = [card for module in app_modules("dashboard") for card in module.cards(request)]
    return sorted(cards, key=lambda card: card.get("order", 100))


@dataclass(frozen=True)
class TodoItem:
    """One line of "À faire": what waits for the user, how many, and where it is done."""

    label: str
    count: int
    url: str
    order: int = 100
    urgent: bool = False


def todo_items(user) -> list[TodoItem]:
    """What waits for the user across the platform: every app's `todo.py` `items(user)` (each with a
    fixed number of queries), the lines with nothing to do left out, in order."""
    if user is None or not user.is_authenticated:
        return []
    items = [item for module in app_modules("todo") for item in module.items(user) if item.count]
    return sorted(items, key=lambda item: (item.order, str(item.label)))


def search_kinds() -> list:
    """The kinds of the platform search, from every app's `search.py` (`kinds()`), in their order."""
    found = [kind for module in app_modules("search") for kind in getattr(module, "kinds", list)()]
    return sorted(found, key=lambda kind: kind.order)
