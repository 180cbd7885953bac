"""Content versions (pli/versions.py): every way of writing renews its area's token once the write
commits, once per transaction, and only its area's."""

import pytest
from django.db import transaction

from accounts import audit
from accounts.models import AuditEvent
from network.models import Organisation
from plan.tests import factories as f
from pli import versions
from pli.models import ContentVersion
from territory.models import AgeBandCount, Territory
from vocabulary.models import Axis

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("statistics")]

AREAS = ("network", "vocabulary", "diagnostic", "accounts")


def snapshot() -> dict[str, str]:
    return dict(zip(AREAS, versions.tokens(AREAS).split("."), strict=True))


def changed(before: dict, after: dict) -> set[str]:
    return {area for area in AREAS if before[area] != after[area]}


def test_a_committed_save_renews_its_area_and_no_other(django_capture_on_commit_callbacks):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        f.organisation("ASBL du test des versions")
    assert changed(before, snapshot()) == {"network"}


def test_several_writes_in_one_transaction_renew_the_area_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        first = f.organisation("ASBL une")
        f.organisation("ASBL deux")
        first.delete()
    renewals = [c for c in callbacks if getattr(c, "pli_area", None)]
    assert [c.pli_area for c in renewals] == ["network"]


def test_a_rolled_back_write_renews_nothing(django_capture_on_commit_callbacks):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        f.organisation("ASBL annulée")
        raise RuntimeError("rolled back")
    assert changed(before, snapshot()) == set()
    # and a write after it, in the same outer transaction, is not taken for one already scheduled
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            f.organisation("ASBL annulée")
            raise RuntimeError("rolled back")
        f.organisation("ASBL gardée")
    assert changed(before, snapshot()) == {"network"}


def test_a_delete_renews_its_area(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # its own renewal done (the test never commits)
        organisation = f.organisation("ASBL supprimée")
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        organisation.delete()
    assert changed(before, snapshot()) == {"network"}


def test_an_update_without_signal_is_renewed_by_its_audit_entry(
    django_capture_on_commit_callbacks, coordinator
):
    axis = Axis.objects.filter(is_active=True).first()
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        Axis.objects.filter(pk=axis.pk).update(label="Intitulé changé par un UPDATE")  # no signal
    assert changed(before, snapshot()) == set()
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(coordinator, "update", axis, before={})
    assert changed(before, snapshot()) == {"vocabulary"}, "the audit entry itself renews no area"


def test_the_trail_and_the_statistics_rows_renew_nothing_themselves():
    from accounts.models import ApiToken  # noqa: F401 (written at each API call: unversioned too)

    assert versions.area_of(AuditEvent) is None and versions.area_of(ApiToken) is None
    # the statistics are deleted by Django's fast path (no receiver), with their import's renewal
    from django.db.models.signals import post_delete

    assert not post_delete.has_listeners(AgeBandCount)
    assert post_delete.has_listeners(Territory) and post_delete.has_listeners(Organisation)


def test_the_end_of_a_migration_renews_every_area(django_capture_on_commit_callbacks):
    from django.apps import apps

    before = {row.area: row.token for row in ContentVersion.objects.all()}
    with django_capture_on_commit_callbacks(execute=True):
        versions._migration_ends(apps.get_app_config("pli"))
    after = {row.area: row.token for row in ContentVersion.objects.all()}
    assert set(after) == set(versions.AREAS)
    assert all(after[area] != before.get(area) for area in versions.AREAS)


def test_a_login_renews_nothing_and_a_change_of_the_user_renews_the_accounts(
    client, django_capture_on_commit_callbacks
):
    """A login writes the user's last_login, which no page shows: the cached pages and documents keyed
    by the accounts' version stay in use. A change of what pages show (a name) renews it."""
    from conftest import make_user

    with django_capture_on_commit_callbacks(execute=True):
        user = make_user("reader")
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(user)
    user.refresh_from_db()
    assert user.last_login is not None and changed(before, snapshot()) == set()
    with django_capture_on_commit_callbacks(execute=True):
        user.full_name = "Lectrice renommée"
        user.save(update_fields=["full_name"])
    assert changed(before, snapshot()) == {"accounts"}
