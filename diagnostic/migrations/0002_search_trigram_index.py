"""On PostgreSQL, a trigram index on the findings' searchable text, so that the register's search
(`search_text LIKE '% word%'`) reads the index instead of every row. Needs the pg_trgm extension: when
the database user may not create it, the migration leaves a note and the search still works, slower.
Nothing to do on SQLite."""

from django.db import migrations, transaction

INDEX = "diagnostic_finding_search_trgm"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON diagnostic_finding USING gin (search_text gin_trgm_ops)"
            )
    except Exception as error:  # no right to create the extension: the search works without the index
        print(f"\n  (no trigram index for the findings search: {str(error).splitlines()[0]})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("diagnostic", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
