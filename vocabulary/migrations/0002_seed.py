from django.db import migrations


def seed(apps, schema_editor):
    from vocabulary.seed import load_vocabulary

    load_vocabulary(apps)


class Migration(migrations.Migration):
    dependencies = [("vocabulary", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
