"""Seed the levels of power with their expected answer delays, and the authorities interpellations are
most often addressed to. The lists are frozen here; administrators edit them afterwards."""

from django.db import migrations

# code, label, expected answer delay, very late after (days)
LEVELS = [
    ("communal", "communal", 30, 60),
    ("provincial", "provincial", 45, 90),
    ("regional", "régional", 45, 90),
    ("community", "communautaire", 45, 90),
    ("federal", "fédéral", 60, 120),
    ("european", "européen", 60, 120),
]
AUTHORITIES = [
    ("college-communal", "Collège communal", "communal"),
    ("conseil-communal", "Conseil communal", "communal"),
    ("conseil-provincial", "Conseil provincial", "provincial"),
    ("college-provincial", "Collège provincial", "provincial"),
    ("ministre-wallon-integration", "Ministre wallon en charge de l’intégration", "regional"),
    ("gouvernement-wallon", "Gouvernement wallon", "regional"),
    ("ministre-fwb-enseignement", "Ministre de la Fédération Wallonie-Bruxelles en charge de l’enseignement", "community"),
    ("secretaire-etat-asile-migration", "Secrétaire d’État fédéral à l’asile et la migration", "federal"),
    ("fedasil", "Fedasil", "federal"),
    ("commission-europeenne", "Commission européenne", "european"),
]


def seed(apps, schema_editor):
    PowerLevel = apps.get_model("vocabulary", "PowerLevel")
    Authority = apps.get_model("vocabulary", "Authority")
    levels = {}
    for order, (code, label, delay, very_late) in enumerate(LEVELS, start=1):
        levels[code], _ = PowerLevel.objects.get_or_create(
            code=code,
            defaults={"label": label, "order": order, "answer_delay_days": delay, "very_late_after_days": very_late},
        )
    for order, (code, label, level) in enumerate(AUTHORITIES, start=1):
        Authority.objects.get_or_create(code=code, defaults={"label": label, "order": order, "level": levels[level]})


class Migration(migrations.Migration):
    dependencies = [("vocabulary", "0007_power_levels_authorities")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
