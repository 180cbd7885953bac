"""Two versions of a plan side by side: which priorities (or recommendations) were added, removed,
reworded or kept. A pure function of the items and their lineage, without the database; the read
function `plan.queries.compare` loads the items and follows the copies from one version to the next."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pli.text import fold

KINDS = ("added", "removed", "reworded", "unchanged")


@dataclass
class Change:
    kind: str  # one of KINDS
    old: object | None
    new: object | None


def match(
    old_items: list,
    new_items: list,
    origins: dict[int, int],
    text: Callable[[Any], str],
    body: Callable[[Any], str] = lambda item: "",
) -> list[Change]:
    """Pair each new item with the old one it was copied from (`origins`: new pk → old pk), the lineage
    being used first for all items; else with an old item left unpaired that has the same `text` (case
    and accents aside). A pair is unchanged when its text, its `body` and its axis (if any) are the same.
    Items are objects with a `pk`; the old ones nobody took are removed."""
    old_by_pk = {o.pk: o for o in old_items}
    pairs, matched = {}, set()
    for new in new_items:
        old_pk = origins.get(new.pk)
        if old_pk in old_by_pk and old_pk not in matched:
            pairs[new.pk] = old_by_pk[old_pk]
            matched.add(old_pk)
    old_by_text = {}
    for o in old_items:
        if o.pk not in matched:
            old_by_text.setdefault(fold(text(o)), o)
    changes = []
    for new in new_items:
        old = pairs.get(new.pk)
        if old is None:
            old = old_by_text.get(fold(text(new)))
            if old is None or old.pk in matched:
                changes.append(Change("added", None, new))
                continue
            matched.add(old.pk)
        same = (
            fold(text(old)) == fold(text(new))
            and fold(body(old)) == fold(body(new))
            and getattr(old, "axis_id", None) == getattr(new, "axis_id", None)
        )
        changes.append(Change("unchanged" if same else "reworded", old, new))
    changes.extend(Change("removed", o, None) for o in old_items if o.pk not in matched)
    return changes


def summary(changes: list[Change]) -> dict[str, int]:
    return {kind: sum(1 for c in changes if c.kind == kind) for kind in KINDS}
