"""Content versions: one token per area of data (an app's tables), renewed after every write there.

A page that reads the findings, the network and the vocabulary can be cached under the tokens of
those three areas: any write in one of them — a finding edited through its service, an organisation
renamed in the admin, a vocabulary term added — gives that area a new token once its transaction
commits, and the page is rendered again at its next request, in every process (the tokens are read
from the database at each request: one query). A write elsewhere (a progress update under a plan)
leaves the page's copy in use.

Two hooks renew an area, so that no way of writing is missed:
- Django's post_save and post_delete signals, for every model of the area (the admin, the services,
  the demo, the imports' records; the statistics' rows are deleted with their Import, see
  STATISTICS); a many-to-many change is saved in the transaction of its object's
  save, whose renewal comes at the commit (no m2m_changed receiver: one would cost every `add()` a
  query, Django's fast path being for relations that nobody listens to);
- `accounts.audit.record`, which every service calls in the transaction of its write, for the
  writes that send no signal (QuerySet.update(), bulk_create(), a many-to-many alone).

The token is renewed after the commit, once per area and transaction: a reader who sees the new
token also sees the data; one who read the old token and then the new data caches that under the
old token, which nobody asks for any more. A rolled-back write renews nothing.
"""

import secrets

from django.db import transaction

# The apps whose data the cached pages read, by app label.
AREAS = ("accounts", "vocabulary", "territory", "network", "diagnostic", "plan", "expertise", "advocacy")
# Models of those apps that no page shows and that are written on every request or every write.
UNVERSIONED = {"accounts.auditevent", "accounts.apitoken"}
# The statistics, loaded and deleted in bulk with the Import they belong to, whose own save renews
# the area: no post_delete receiver for them, which would cost Django's fast delete of their
# hundreds of thousands of rows when an import is replaced.
# Fields that no page shows, written on their own by every login: a save of these alone renews nothing
# (else each login would render again every cached page and document of the platform).
QUIET_FIELDS = {"accounts.user": {"last_login"}}
STATISTICS = {
    "territory.boundary",
    "territory.populationsummary",
    "territory.agebandcount",
    "territory.indicatorvalue",
}


def area_of(model) -> str | None:
    meta = model._meta
    if meta.app_label not in AREAS or meta.label_lower in UNVERSIONED:
        return None
    return meta.app_label


def renew(area: str, using: str = "default") -> None:
    """Give the area a new token once the current transaction commits (at once outside one)."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        getattr(callback, "pli_area", None) == area and not callback.pli_done
        for _ids, callback, _robust in connection.run_on_commit
    ):
        return  # already to be renewed when this transaction commits

    def write() -> None:
        from pli.models import ContentVersion

        write.pli_done = True  # type: ignore[attr-defined]
        token = secrets.token_hex(8)
        if not ContentVersion.objects.using(using).filter(area=area).update(token=token):
            ContentVersion.objects.using(using).update_or_create(area=area, defaults={"token": token})

    write.pli_area, write.pli_done = area, False  # type: ignore[attr-defined]
    # robust: the write is committed by then; a failure to renew is logged, never answered as a 500.
    transaction.on_commit(write, using=using, robust=True)


def renew_for(*objects) -> None:
    """Renew the areas of these objects (None ignored): what `accounts.audit.record` calls."""
    for area in {area_of(type(obj)) for obj in objects if obj is not None} - {None}:
        renew(area)


def tokens(areas) -> str:
    """The current tokens of these areas, in one query: a part of a cache key."""
    from pli.models import ContentVersion

    found = dict(ContentVersion.objects.filter(area__in=areas).values_list("area", "token"))
    return ".".join(found.get(area, "0") for area in areas)


# While `migrate` runs, the table of versions may not exist yet: the data migrations renew nothing,
# and every area is renewed once it ends (what a data migration changed is shown anew).
_MIGRATING = {"now": False}


def _on_write(sender, using="default", **kwargs) -> None:
    if kwargs.get("raw") or _MIGRATING["now"]:  # raw: loaddata (a restore checks its own counts)
        return
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= QUIET_FIELDS.get(sender._meta.label_lower, set()):
        return
    area = area_of(sender)
    if area is not None:
        renew(area, using)


def _migration_starts(sender, **kwargs) -> None:
    _MIGRATING["now"] = True


def _migration_ends(sender, using="default", **kwargs) -> None:
    """Sent for each app once `migrate` (or `flush`) is done: the last one renews every area."""
    from django.db import connections

    _MIGRATING["now"] = False
    if sender.label == "pli" and "pli_contentversion" in connections[using].introspection.table_names():
        for area in AREAS:
            renew(area, using)


def connect() -> None:
    """Called once, from PliConfig.ready(). post_save for every model (a receiver costs a save
    nothing more); post_delete for each model of the areas but the statistics (a model with a
    delete receiver is deleted row by row when a cascade reaches it)."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate

    post_save.connect(_on_write, dispatch_uid="pli.versions.save")
    for model in apps.get_models():
        label = model._meta.label_lower
        if area_of(model) is not None and label not in STATISTICS:
            post_delete.connect(_on_write, sender=model, dispatch_uid=f"pli.versions.delete.{label}")
    pre_migrate.connect(_migration_starts, dispatch_uid="pli.versions.pre_migrate")
    post_migrate.connect(_migration_ends, dispatch_uid="pli.versions.post_migrate")
