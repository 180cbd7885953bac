from django.db import migrations


def seed(apps, schema_editor):
    from vocabulary import seed as data

    Axis = apps.get_model("vocabulary", "Axis")
    for framework, axes in data.AXES.items():
        for order, (code, label) in enumerate(axes, start=1):
            Axis.objects.update_or_create(code=f"{framework}-{code}", defaults={"label": label, "framework": framework, "order": order})
    for model_name, rows in (
        ("Public", data.PUBLICS),
        ("OrganisationType", data.ORGANISATION_TYPES),
        ("OfferType", data.OFFER_TYPES),
    ):
        model = apps.get_model("vocabulary", model_name)
        for order, (code, label) in enumerate(rows, start=1):
            model.objects.update_or_create(code=code, defaults={"label": label, "order": order})
    Area = apps.get_model("vocabulary", "ExpertiseArea")
    for order, (code, label, children) in enumerate(data.EXPERTISE_AREAS, start=1):
        parent, _ = Area.objects.update_or_create(code=code, defaults={"label": label, "order": order})
        for child_order, (child_code, child_label) in enumerate(children, start=1):
            Area.objects.update_or_create(
                code=child_code, defaults={"label": child_label, "order": child_order, "parent": parent}
            )


class Migration(migrations.Migration):
    dependencies = [("vocabulary", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
