"""The lists as the migrations seed them (from ../shared/domain/BRIEF.md and the issues).

The migrations carry their own frozen copies (a migration never changes once written); this module is
the live seed, which reloads every list in one call: `load_vocabulary()` after a test flushed the
tables, or on a database created without migrations. Keep it equal to what the migrations create.
"""

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
YOUTH_PUBLICS = {"youth", "mena"}

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

# Finding source types and review lenses: (code, label, reference). The codes are stored in the findings'
# rows and never change; the reference (here the years of the diagnostic) is data the admin may edit.
SOURCE_TYPES = [
    ("diagnostic_2016", "diagnostic", "2016-2017"),
    ("ili", "accompagnement des ILI", ""),
    ("pcs_pst", "PCS / PST d’une commune", ""),
    ("structures", "structures CADA, MENA et ILA", ""),
    ("field", "constat de terrain", ""),
    ("statistic", "statistique", ""),
]
# The five lenses of the PPLI 2.0 (domain/000_fdfe663786479ec5.txt).
REVIEW_LENSES = [
    ("diagnostic_2016", "validité des principaux constats du diagnostic", "2016-2017"),
    ("ili", "la mission décrétale d’accompagnement des ILI", ""),
    ("pcs_pst", "les PCS et PST des communes", ""),
    ("structures", "les structures spécifiques (CADA, MENA, ILA)", ""),
    ("field", "les constats de terrain", ""),
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


URGENCIES = [  # code, label, hours to first answer, hours to closure (as the migration 0006 seeds them)
    ("normale", "normale", 10 * 24, 30 * 24),
    ("urgente", "urgente", 3 * 24, 10 * 24),
    ("critique", "critique", 24, 3 * 24),
]


def load_vocabulary(apps=None):
    """Create or update the lists; `apps` is the migration's app registry (the live one by default)."""
    if apps is None:
        from django.apps import apps

    _load_axes_and_publics(apps)
    _load_lists(apps)
    _load_expertise(apps)
    _load_urgencies(apps)
    _load_power_levels(apps)


def _load_axes_and_publics(apps) -> None:
    Axis = apps.get_model("vocabulary", "Axis")
    for framework, axes in AXES.items():
        for order, (code, label) in enumerate(axes, start=1):
            Axis.objects.update_or_create(
                code=f"{framework}-{code}", defaults={"label": label, "framework": framework, "order": order}
            )
    Public = apps.get_model("vocabulary", "Public")
    for order, (code, label) in enumerate(PUBLICS, start=1):
        Public.objects.update_or_create(
            code=code, defaults={"label": label, "order": order, "is_youth": code in YOUTH_PUBLICS}
        )


def _load_lists(apps) -> None:
    for model_name, rows in (("OrganisationType", ORGANISATION_TYPES), ("OfferType", OFFER_TYPES)):
        model = apps.get_model("vocabulary", model_name)
        for order, (code, label) in enumerate(rows, start=1):
            model.objects.update_or_create(code=code, defaults={"label": label, "order": order})
    for model_name, rows in (("SourceType", SOURCE_TYPES), ("ReviewLens", REVIEW_LENSES)):
        model = apps.get_model("vocabulary", model_name)
        for order, (code, label, reference) in enumerate(rows, start=1):
            model.objects.update_or_create(
                code=code, defaults={"label": label, "reference": reference, "order": order}
            )


def _load_expertise(apps) -> None:
    Area = apps.get_model("vocabulary", "ExpertiseArea")
    for order, (code, label, children) in enumerate(EXPERTISE_AREAS, start=1):
        parent, _ = Area.objects.update_or_create(code=code, defaults={"label": label, "order": order})
        for child_order, (child_code, child_label) in enumerate(children, start=1):
            Area.objects.update_or_create(
                code=child_code, defaults={"label": child_label, "order": child_order, "parent": parent}
            )


def _load_urgencies(apps) -> None:
    """Created when missing; target delays changed by an administrator are kept."""
    Urgency = apps.get_model("vocabulary", "Urgency")
    for order, (code, label, first, closure) in enumerate(URGENCIES, start=1):
        Urgency.objects.get_or_create(
            code=code,
            defaults={"label": label, "order": order, "first_answer_hours": first, "closure_hours": closure},
        )


# Levels of power (code, label, expected answer delay, very late after, in days) and the authorities
# interpellations are most often addressed to (code, label, level).
POWER_LEVELS = [
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
    (
        "ministre-fwb-enseignement",
        "Ministre de la Fédération Wallonie-Bruxelles en charge de l’enseignement",
        "community",
    ),
    ("secretaire-etat-asile-migration", "Secrétaire d’État fédéral à l’asile et la migration", "federal"),
    ("fedasil", "Fedasil", "federal"),
    ("commission-europeenne", "Commission européenne", "european"),
]


def _load_power_levels(apps) -> None:
    """Levels and authorities are created when missing, never reset (their delays are edited)."""
    PowerLevel = apps.get_model("vocabulary", "PowerLevel")
    Authority = apps.get_model("vocabulary", "Authority")
    levels = {}
    for order, (code, label, delay, very_late) in enumerate(POWER_LEVELS, start=1):
        levels[code], _ = PowerLevel.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "order": order,
                "answer_delay_days": delay,
                "very_late_after_days": very_late,
            },
        )
    for order, (code, label, level) in enumerate(AUTHORITIES, start=1):
        Authority.objects.get_or_create(
            code=code, defaults={"label": label, "order": order, "level": levels[level]}
        )
