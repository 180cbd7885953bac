"""One AgeBandCount row per territory, year, sex and nationality with its 21 bands, instead of one row
per band: the rows already stored are brought together (and split again by the reverse migration)."""

from django.db import migrations, models

BANDS = 21
CHUNK = 5000


def _groups(AgeBandCount):
    """(year, territory, sex, nationality) -> the rows of the old layout, in the table's order."""
    current, rows = None, []
    ordered = AgeBandCount.objects.order_by("year", "territory_id", "sex", "nationality", "band")
    fields = ("pk", "year", "territory_id", "sex", "nationality", "band", "count", "source_id")
    for row in ordered.values(*fields).iterator(chunk_size=CHUNK):
        key = (row["year"], row["territory_id"], row["sex"], row["nationality"])
        if key != current and rows:
            yield current, rows
            rows = []
        current = key
        rows.append(row)
    if rows:
        yield current, rows


def bring_together(apps, schema_editor):
    AgeBandCount = apps.get_model("territory", "AgeBandCount")
    kept, dropped = [], []
    for _key, rows in _groups(AgeBandCount):
        bands = [0] * BANDS
        for row in rows:
            bands[min(row["band"], BANDS - 1)] += row["count"]
        first = AgeBandCount(pk=rows[0]["pk"], count=sum(bands), bands=bands)
        kept.append(first)
        dropped.extend(row["pk"] for row in rows[1:])
    for start in range(0, len(dropped), CHUNK):
        AgeBandCount.objects.filter(pk__in=dropped[start : start + CHUNK]).delete()
    AgeBandCount.objects.bulk_update(kept, ["count", "bands"], batch_size=CHUNK)


def split(apps, schema_editor):
    AgeBandCount = apps.get_model("territory", "AgeBandCount")
    created, kept = [], []
    for row in AgeBandCount.objects.all().iterator():
        bands = list(row.bands or [])
        nonzero = [(band, count) for band, count in enumerate(bands) if count]
        if not nonzero:
            continue
        (first_band, first_count), rest = nonzero[0], nonzero[1:]
        row.band, row.count = first_band, first_count
        kept.append(row)
        for band, count in rest:
            created.append(
                AgeBandCount(
                    territory_id=row.territory_id,
                    year=row.year,
                    sex=row.sex,
                    nationality=row.nationality,
                    band=band,
                    count=count,
                    source_id=row.source_id,
                    bands=[],
                )
            )
    AgeBandCount.objects.bulk_update(kept, ["band", "count"], batch_size=CHUNK)
    AgeBandCount.objects.bulk_create(created, batch_size=CHUNK)


class Migration(migrations.Migration):
    dependencies = [("territory", "0003_ageband_one_index")]

    operations = [
        migrations.RemoveConstraint(model_name="agebandcount", name="ageband_unique_cell"),
        migrations.AddField(
            model_name="agebandcount",
            name="bands",
            field=models.JSONField(default=list, verbose_name="counts by age band"),
        ),
        migrations.RunPython(bring_together, split),
        # A default first, so that the reverse migration can add the column back to the stored rows.
        migrations.AlterField(
            model_name="agebandcount",
            name="band",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="age band"),
        ),
        migrations.RemoveField(model_name="agebandcount", name="band"),
        migrations.AddConstraint(
            model_name="agebandcount",
            constraint=models.UniqueConstraint(
                fields=("year", "territory", "sex", "nationality"), name="ageband_unique_cell"
            ),
        ),
    ]
