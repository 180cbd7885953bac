"""Source types and lenses move from fixed choices to the vocabulary, where they are edited.

The rows keep their codes (the columns do not change). The vocabulary's migration seeded the codes that
were the choices; any other code found here (written outside the forms) gets a term of its own, retired
and labelled with its code, so that every stored code names a term an administrator can label.
"""

from django.db import migrations, models


def terms_for_codes_in_use(apps, schema_editor):
    FindingSource = apps.get_model("diagnostic", "FindingSource")
    FindingReview = apps.get_model("diagnostic", "FindingReview")
    CampaignInvitation = apps.get_model("diagnostic", "CampaignInvitation")
    ReviewCampaign = apps.get_model("diagnostic", "ReviewCampaign")
    lenses = set(FindingReview.objects.values_list("lens", flat=True))
    lenses |= set(CampaignInvitation.objects.values_list("lens", flat=True))
    for campaign_lenses in ReviewCampaign.objects.values_list("lenses", flat=True):
        lenses |= {code for code in campaign_lenses or [] if isinstance(code, str)}
    in_use = [
        ("SourceType", set(FindingSource.objects.values_list("kind", flat=True))),
        ("ReviewLens", lenses),
    ]
    for model_name, codes in in_use:
        model = apps.get_model("vocabulary", model_name)
        known = set(model.objects.values_list("code", flat=True))
        for code in sorted(codes - known):
            model.objects.create(code=code, label=code, order=1000, is_active=False)


class Migration(migrations.Migration):

    dependencies = [
        ('diagnostic', '0002_search_trigram_index'),
        ('vocabulary', '0004_seed_source_types_lenses_youth'),
    ]

    operations = [
        migrations.AlterField(
            model_name='campaigninvitation',
            name='lens',
            field=models.CharField(help_text='Code of a review lens.', max_length=20, verbose_name='lens'),
        ),
        migrations.AlterField(
            model_name='findingreview',
            name='lens',
            field=models.CharField(help_text='Code of a review lens.', max_length=20, verbose_name='lens'),
        ),
        migrations.AlterField(
            model_name='findingsource',
            name='kind',
            field=models.CharField(help_text='Code of a finding source type.', max_length=20, verbose_name='source'),
        ),
        migrations.RunPython(terms_for_codes_in_use, migrations.RunPython.noop),
    ]
