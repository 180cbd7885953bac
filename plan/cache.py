"""The cached parts of a plan's page and API: computed once per version of what they show.

A part is cached only when the user sees the whole plan (`sees_whole_plan`: a published plan for
anybody, every plan for the coordinators): what `visible_to` lets them read is then the same for all of
them, so one copy serves the anonymous visitor and the coordinator alike. A partner reading a plan not
yet published sees only what their organisation carries: that is computed for them, never cached.

The key holds the plan's `content_token` (renewed by every save of the plan and by plan/services.py at
every write under it, in the same transaction), the statistics' data version (the population figures)
and the language. A part holds data only, never what depends on the user: edit links, forms with their
CSRF token, the menus stay in the page rendered for each request.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from plan.models import Plan, Priority, Recommendation, new_content_token
from plan.permissions import sees_whole_plan
from territory.queries import data_version

TIMEOUT = 6 * 3600


# The content tokens of the published plans, as this process last read them (see public_token).
_PUBLISHED: dict[str, Any] = {"read_at": None, "tokens": {}}


def public_token(plan_id: int) -> str | None:
    """The content token of a published plan, None for any other: what an anonymous visitor's page
    is keyed by. Every published plan's token is read in one query (they are few), at most once every
    PLI_DATA_VERSION_TTL seconds per process, as the data version is: a write in this process shows at
    once, a write in another within that delay (docs/operations.md)."""
    now = time.monotonic()
    read_at = _PUBLISHED["read_at"]
    if read_at is None or now - read_at >= settings.PLI_DATA_VERSION_TTL:
        tokens = Plan.objects.visible_to(AnonymousUser()).values_list("pk", "content_token")
        _PUBLISHED.update(tokens=dict(tokens), read_at=now)
    return _PUBLISHED["tokens"].get(plan_id)


def forget_public_tokens() -> None:
    """After a write: the next read goes to the database (now, and once the transaction commits)."""
    _PUBLISHED["read_at"] = None
    transaction.on_commit(lambda: _PUBLISHED.update(read_at=None))


def touch(plan_id) -> None:
    """Call in the transaction of a write under the plan that may change what any of its
    recommendations shows (a priority's number): the cached parts of the plan and of every
    recommendation under it are left behind. `plan_id` is an id or a subquery giving one (two UPDATEs,
    nothing read first)."""
    plans = [plan_id] if isinstance(plan_id, int) else plan_id
    Plan.objects.filter(pk__in=plans).update(content_token=new_content_token())
    Recommendation.objects.filter(priority__plan__in=plans).update(content_token=new_content_token())
    forget_public_tokens()


def touch_recommendation(recommendation: Recommendation) -> None:
    """Call in the transaction of a write under one recommendation (its means, resources, progress):
    its own cached line and item are left behind, and the parts of its plan (totals, the page), not
    those of the other recommendations."""
    Recommendation.objects.filter(pk=recommendation.pk).update(content_token=new_content_token())
    touch_plan_only(Priority.objects.filter(pk=recommendation.priority_id).values("plan_id"))


def touch_plan_only(plan_id) -> None:
    """The plan's own parts left behind, its recommendations' kept (a recommendation saved, which
    renews its own token, or added)."""
    Plan.objects.filter(pk__in=[plan_id] if isinstance(plan_id, int) else plan_id).update(
        content_token=new_content_token()
    )
    forget_public_tokens()


def touch_all() -> None:
    """After a change of what every plan may show (an organisation's name, an axis's label)."""
    Plan.objects.update(content_token=new_content_token())
    Recommendation.objects.update(content_token=new_content_token())
    forget_public_tokens()


def key(plan: Plan, part: str) -> str:
    # Read once per plan read (once per request): the data version may cost a query.
    prefix = plan.__dict__.get("_cache_prefix")
    if prefix is None:
        language = translation.get_language() or ""
        prefix = plan.__dict__["_cache_prefix"] = (
            f"plan:{plan.pk}:{plan.content_token}:{data_version()}:{language}"
        )
    return f"{prefix}:{part}"


def per_recommendation(
    name: str, rows: list[tuple[int, str]], compute: Callable[[list[int]], dict[int, Any]]
) -> dict[int, Any]:
    """The value of each recommendation of `rows` (its id and content token) for `name`, by id: read
    from the cache in one call, `compute(ids)` for those missing (then cached). What a value shows
    must be the same for every user who may read the recommendation (no edit link, no filtered
    list), and covered by the recommendation's content token."""
    language = translation.get_language() or ""
    keys = {f"recommendation:{pk}:{token}:{language}:{name}": pk for pk, token in rows}
    found = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = [pk for pk in keys.values() if pk not in found]
    if missing:
        computed = compute(missing)
        cache.set_many({key: computed[pk] for key, pk in keys.items() if pk in computed}, TIMEOUT)
        found.update(computed)
    return found


def part(plan: Plan, user, name: str, compute: Callable[[], Any]) -> Any:
    """The value of `compute()` for this plan, cached when the user sees the whole plan."""
    if not sees_whole_plan(user, plan):
        return compute()
    cache_key = key(plan, name)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value
