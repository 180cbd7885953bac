"""The first lists of the vocabulary, frozen here as they were first loaded.

This migration once imported `vocabulary.seed`; it now carries its own copy of what that loaded, so that
later changes to the live seed (new lists, new fields) never change what this step creates. Migrations
are added, never edited: the lists added since are seeded by later migrations.
"""

from django.db import migrations

AXES = {
    "pcs-2014": [
        ("revenu-digne", "Droit à un revenu digne"),
        ("sante-aide-sociale", "Droit à la protection de la santé et à l'aide sociale et médicale"),
        ("logement-environnement", "Droit à un logement décent et à un environnement sain"),
        ("travail", "Droit au travail"),
        ("formation", "Droit à la formation"),
        ("epanouissement", "Droit à l'épanouissement culturel et social"),
    ],
    "pcs-2020": [
        (
            "travail-formation-insertion",
            "Droit au travail, à la formation, à l'apprentissage, à l'insertion sociale",
        ),
        (
            "logement-energie",
            "Droit au logement, à l'énergie, à l'eau, à un environnement sain et à un cadre de vie adapté",
        ),
        ("sante", "Droit à la santé"),
        ("alimentation", "Droit à l'alimentation"),
        ("epanouissement-familial", "Droit à l'épanouissement culturel, social et familial"),
        (
            "participation-tic",
            "Droit à la participation citoyenne et démocratique, aux technologies de l'information et de la communication",
        ),
        ("mobilite", "Droit à la mobilité"),
    ],
}

PUBLICS = [
    ("newcomer", "Primo-arrivants"),
    ("asylum-seekers", "Demandeurs de protection internationale"),
    ("mena", "Mineurs étrangers non accompagnés (MENA)"),
    ("women", "Femmes"),
    ("elderly", "Personnes âgées"),
    ("youth", "Jeunes"),
    ("workers", "Travailleurs"),
    ("foreign-origin", "Personnes d'origine étrangère"),
    ("all", "Tous publics"),
]

ORGANISATION_TYPES = [
    ("cri", "Centre régional d'intégration (CRI)"),
    ("commune", "Commune"),
    ("pcs", "Plan de cohésion sociale (PCS)"),
    ("cpas", "CPAS"),
    ("ili", "Initiative locale d'intégration (ILI)"),
    ("cada", "Centre d'accueil pour demandeurs d'asile (CADA)"),
    ("mena", "Structure MENA"),
    ("ila", "Initiative locale d'accueil (ILA)"),
    ("school", "École"),
    ("health", "Santé"),
    ("employment", "Emploi"),
    ("housing", "Logement"),
    ("culture", "Culture"),
    ("other", "Autre"),
]

OFFER_TYPES = [
    ("fle", "Cours de français / FLE"),
    ("citizenship", "Formation à la citoyenneté"),
    ("literacy", "Alphabétisation"),
    ("isp", "Insertion socioprofessionnelle"),
    ("social-help", "Aide sociale"),
    ("legal-help", "Aide juridique"),
    ("interpreting", "Interprétariat"),
    ("asylum-reception", "Accueil de demandeurs d'asile"),
    ("mena-support", "Accompagnement MENA"),
    ("other", "Autre"),
]

EXPERTISE_AREAS = [
    (
        "droit-etrangers",
        "Droit des étrangers",
        [
            ("sejour", "Séjour et titres de séjour"),
            ("regroupement-familial", "Regroupement familial"),
            ("protection-internationale", "Protection internationale"),
            ("nationalite", "Acquisition de la nationalité"),
        ],
    ),
    ("sante-mentale", "Santé mentale", [("exil-trauma", "Exil et trauma")]),
    ("logement", "Logement", []),
    ("emploi", "Emploi", [("equivalence-diplomes", "Équivalence des diplômes")]),
    ("mena", "MENA", []),
    ("interculturalite", "Interculturalité", [("mediation", "Médiation interculturelle")]),
    ("racisme", "Lutte contre le racisme et les discriminations", []),
    ("langue", "Apprentissage du français", []),
    ("parcours", "Parcours d'intégration", []),
]


def seed(apps, schema_editor):
    Axis = apps.get_model("vocabulary", "Axis")
    for framework, axes in AXES.items():
        for order, (code, label) in enumerate(axes, start=1):
            Axis.objects.update_or_create(
                code=f"{framework}-{code}", defaults={"label": label, "framework": framework, "order": order}
            )
    for model_name, rows in (
        ("Public", PUBLICS),
        ("OrganisationType", ORGANISATION_TYPES),
        ("OfferType", OFFER_TYPES),
    ):
        model = apps.get_model("vocabulary", model_name)
        for order, (code, label) in enumerate(rows, start=1):
            model.objects.update_or_create(code=code, defaults={"label": label, "order": order})
    Area = apps.get_model("vocabulary", "ExpertiseArea")
    for order, (code, label, children) in enumerate(EXPERTISE_AREAS, start=1):
        parent, _ = Area.objects.update_or_create(code=code, defaults={"label": label, "order": order})
        for child_order, (child_code, child_label) in enumerate(children, start=1):
            Area.objects.update_or_create(
                code=child_code, defaults={"label": child_label, "order": child_order, "parent": parent}
            )


class Migration(migrations.Migration):
    dependencies = [("vocabulary", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
