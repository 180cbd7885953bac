"""Seed the finding source types and the review lenses, and flag the publics of young people.

The codes are those the findings, reviews and campaigns already store (they were fixed choices before);
the diagnostic app's own migration then adds a term for any other code found in its rows. The lists
are frozen here: the live seed (`vocabulary.seed`) may change, this step does not.
"""

from django.db import migrations

SOURCE_TYPES = [
    ("diagnostic_2016", "diagnostic", "2016-2017"),
    ("ili", "accompagnement des ILI", ""),
    ("pcs_pst", "PCS / PST d’une commune", ""),
    ("structures", "structures CADA, MENA et ILA", ""),
    ("field", "constat de terrain", ""),
    ("statistic", "statistique", ""),
]
REVIEW_LENSES = [
    ("diagnostic_2016", "validité des principaux constats du diagnostic", "2016-2017"),
    ("ili", "la mission décrétale d’accompagnement des ILI", ""),
    ("pcs_pst", "les PCS et PST des communes", ""),
    ("structures", "les structures spécifiques (CADA, MENA, ILA)", ""),
    ("field", "les constats de terrain", ""),
]
YOUTH_PUBLICS = ["youth", "mena"]


def seed(apps, schema_editor):
    for model_name, rows in (("SourceType", SOURCE_TYPES), ("ReviewLens", REVIEW_LENSES)):
        model = apps.get_model("vocabulary", model_name)
        for order, (code, label, reference) in enumerate(rows, start=1):
            model.objects.get_or_create(
                code=code, defaults={"label": label, "reference": reference, "order": order}
            )
    apps.get_model("vocabulary", "Public").objects.filter(code__in=YOUTH_PUBLICS).update(is_youth=True)


class Migration(migrations.Migration):
    dependencies = [("vocabulary", "0003_source_types_lenses_youth")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
