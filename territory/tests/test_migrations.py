"""territory/migrations/0004: the age bands stored one row per band are brought together into one row
per territory, year, sex and nationality, and split again by the reverse migration, nothing lost."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("territory", "0003_ageband_one_index")]
AFTER = [("territory", "0004_ageband_one_row_per_cell")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_stored_bands_are_brought_together_and_split_again(settings):
    # The suite may build its SQLite database from the models without migrations: the migrations are
    # read again and, where the database has none recorded, recorded as applied (the tables are there).
    settings.MIGRATION_MODULES = {}
    MigrationExecutor(connection).migrate(leaves(), fake=True)
    try:
        apps = migrate(BEFORE)
        Territory, Import = apps.get_model("territory", "Territory"), apps.get_model("territory", "Import")
        AgeBandCount = apps.get_model("territory", "AgeBandCount")
        namur = Territory.objects.create(nis_code="99994", level="commune", name_fr="Test-Namur")
        source = Import.objects.create(
            dataset="statbel-structure",
            file_name="x.txt",
            sha256="0" * 64,
            reference_date=datetime.date(2015, 1, 1),
        )
        old = [("M", "BEL", 0, 10), ("M", "BEL", 3, 7), ("M", "BEL", 20, 2), ("F", "ETR", 5, 4)]
        for sex, nationality, band, count in old:
            AgeBandCount.objects.create(
                territory=namur,
                year=2015,
                sex=sex,
                nationality=nationality,
                band=band,
                count=count,
                source=source,
            )

        apps = migrate(AFTER)
        rows = apps.get_model("territory", "AgeBandCount").objects.filter(territory_id=namur.pk)
        together = {(r.sex, r.nationality): (r.count, r.bands) for r in rows}
        men = [10, 0, 0, 7] + [0] * 16 + [2]
        women = [0] * 5 + [4] + [0] * 15
        assert together == {("M", "BEL"): (19, men), ("F", "ETR"): (4, women)}

        apps = migrate(BEFORE)
        rows = apps.get_model("territory", "AgeBandCount").objects.filter(territory_id=namur.pk)
        assert sorted((r.sex, r.nationality, r.band, r.count) for r in rows) == sorted(old)
    finally:
        migrate(leaves())
