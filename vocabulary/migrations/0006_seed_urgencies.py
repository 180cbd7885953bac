"""Seed the urgencies of expertise requests and their target delays (frozen here; administrators change
them afterwards in the vocabulary)."""

from django.db import migrations

URGENCIES = [
    # code, label, hours to first answer, hours to closure
    ("normale", "normale", 10 * 24, 30 * 24),
    ("urgente", "urgente", 3 * 24, 10 * 24),
    ("critique", "critique", 24, 3 * 24),
]


def seed(apps, schema_editor):
    model = apps.get_model("vocabulary", "Urgency")
    for order, (code, label, first, closure) in enumerate(URGENCIES, start=1):
        model.objects.get_or_create(
            code=code,
            defaults={"label": label, "order": order, "first_answer_hours": first, "closure_hours": closure},
        )


class Migration(migrations.Migration):
    dependencies = [("vocabulary", "0005_urgency")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
