"""Demonstration findings for the Province de Namur, loaded by `pli demo` after the demo network.

Two diagnostics: the "Méta-diagnostic provincial 2016-2017" (published, about sixty findings across the
six rights of the PCS 2014-2019, some citing real Statbel figures of 2009 or 2012) and the "Actualisation
PPLI 2.0" (draft: the finding that replaced an old one, and a few field findings drawn from the minutes
of the demo meetings). A review campaign over the 2016-2017 findings is half done: about half of them
have reviews, a third have a final verdict (confirmed, nuanced with a new wording, obsolete, replaced).

Everything goes through `diagnostic.services`, so the wordings, search text, evidence and verdicts are
recorded as the pages record them. The content is fixed (no randomness); dates are relative to the day
it is loaded. Loading twice creates nothing more: the diagnostics carry `is_demo`.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from diagnostic import services
from diagnostic.choices import CampaignStatus, DiagnosticStatus, Lens, SourceKind, Verdict
from diagnostic.models import (
    CampaignInvitation,
    Diagnostic,
    Evidence,
    Finding,
    FindingReview,
    FindingWording,
    ReviewCampaign,
    Settlement,
)
from territory.choices import Level
from territory.models import Territory
from vocabulary.models import Axis, Public

PROVINCE_CODE = "90000"
FRAMEWORK = "pcs-2014"
COORDINATOR_EMAIL = "coordination@demo.pli.local"
PARTNER_EMAIL = "partenaire@demo.pli.local"
PARTNER_LENSES = [Lens.FIELD, Lens.ILI]
BRUSSELS = ZoneInfo("Europe/Brussels")
DIAGNOSTIC_DATE = datetime(2017, 6, 30, 10, 0, tzinfo=BRUSSELS)  # the 2016-2017 report's date
CAMPAIGN_AGE_DAYS = 70

DIAGNOSTIC_2016 = {
    "title": "Méta-diagnostic provincial 2016-2017",
    "period": "2016-2017",
    "method": (
        "Grilles de synthèse remplies par les partenaires de chaque arrondissement, entretiens avec les "
        "CPAS, les ILI, les PCS et les structures d'accueil, focus groups thématiques (FLE, logement, santé "
        "mentale, emploi), profil statistique des communes à partir des données Statbel de la population "
        "par nationalité."
    ),
    "scope": (
        "Les 38 communes de la Province de Namur ; personnes étrangères et d'origine étrangère ; six axes "
        "d'accès aux droits fondamentaux, ceux du PCS 2014-2019."
    ),
}
DIAGNOSTIC_2023 = {
    "title": "Actualisation PPLI 2.0",
    "period": "2023-2025",
    "method": (
        "Questionnement de la validité des constats du diagnostic 2016-2017 à travers cinq prismes : "
        "validité du diagnostic, accompagnement des ILI, PCS et PST des communes, structures CADA, MENA et "
        "ILA, constats de terrain des espaces de concertation."
    ),
    "scope": "Les 38 communes de la Province de Namur ; constats nouveaux ou reformulés.",
}
CAMPAIGN = {
    "title": "Actualisation PPLI 2.0 — questionnement des constats",
    "description": (
        "Relecture des constats du méta-diagnostic 2016-2017 avec les partenaires du réseau : chaque "
        "constat est confirmé, nuancé, déclaré obsolète ou remplacé, à travers les cinq prismes du PPLI 2.0."
    ),
}

D, ILI, PCS, STRUCT, FIELD = (
    SourceKind.DIAGNOSTIC_2016,
    SourceKind.ILI,
    SourceKind.PCS_PST,
    SourceKind.STRUCTURES,
    SourceKind.FIELD,
)
LENS_OF_SOURCE = {
    D: Lens.DIAGNOSTIC_2016,
    ILI: Lens.ILI,
    PCS: Lens.PCS_PST,
    STRUCT: Lens.STRUCTURES,
    FIELD: Lens.FIELD,
}


@dataclass
class Spec:
    """One finding of the 2016-2017 diagnostic and what the campaign did with it.

    `plan`: "" not reviewed yet; "R" reviewed, no final verdict; "C" reviewed and confirmed; "X" the
    reviews and final verdict of EXPLICIT[key].
    """

    key: str
    axis: str
    statement: str
    territories: str
    publics: str
    sources: list
    evidence: list = field(default_factory=list)  # (NIS, indicator, year)
    description: str = ""
    plan: str = ""


def F(key, axis, statement, territories, publics, sources, evidence=(), description="", plan=""):
    return Spec(key, axis, statement, territories, publics, list(sources), list(evidence), description, plan)


# fmt: off
FINDINGS = [
    # --- Droit à un revenu digne --------------------------------------------------------------------
    F("ris-sortie", "revenu-digne",
      "Les délais d'ouverture du droit au revenu d'intégration laissent sans ressources les personnes reconnues réfugiées pendant plusieurs semaines à la sortie des centres",
      "90000", "asylum-seekers newcomer",
      [(D, "Entretiens avec les CPAS, 2016"), (STRUCT, "CADA de Florennes")], plan="C",
      description="Les CPAS demandent une adresse et un bail avant d'ouvrir le dossier ; les personnes quittent le centre sans revenu et s'endettent auprès de proches."),
    F("allocations", "revenu-digne",
      "Les primo-arrivants connaissent mal les allocations familiales et les aides auxquelles ils ont droit",
      "91000", "newcomer", [(D, "Grille de synthèse de l'arrondissement de Dinant"), (ILI, "Permanences sociales des ILI")]),
    F("surendettement", "revenu-digne",
      "Des familles étrangères se surendettent après avoir signé des contrats de crédit ou d'énergie sans en comprendre les conditions",
      "92094 92137", "foreign-origin", [(D, "Focus group « revenus », Namur, 2016"), (PCS, "PCS de Sambreville")], plan="R"),
    F("regroupement-revenus", "revenu-digne",
      "Les conditions de revenus du regroupement familial poussent des familles à accepter des emplois précaires et mal rémunérés",
      "90000", "newcomer workers", [(D, "Entretiens avec les ILI, 2016"), (ILI, "Permanences juridiques des ILI")], plan="C"),
    F("femmes-dependance", "revenu-digne",
      "Les femmes arrivées par regroupement familial dépendent financièrement de leur conjoint pendant plusieurs années",
      "90000", "women newcomer", [(D, "Focus group « femmes et exil », 2016"), (ILI, "Groupes de femmes des ILI")], plan="C"),
    F("frais-documents", "revenu-digne",
      "Les frais de traduction et de légalisation des documents d'état civil pèsent lourdement sur le budget des nouveaux arrivants",
      "92094", "newcomer", [(D, "Entretiens avec le service population de Namur, 2016")]),
    F("pensions", "revenu-digne",
      "Les personnes âgées immigrées ont des carrières incomplètes en Belgique et vivent de petites pensions ou de la garantie de revenus aux personnes âgées",
      "92137 92003", "elderly foreign-origin", [(D, "Grille de synthèse de l'arrondissement de Namur"), (PCS, "PCS d'Andenne")], plan="R"),
    F("compte-bancaire", "revenu-digne",
      "L'ouverture d'un compte bancaire est difficile pour les personnes dont le titre de séjour est temporaire",
      "90000", "asylum-seekers newcomer", [(D, "Entretiens avec les ILA, 2016"), (STRUCT, "ILA de Mettet")]),
    F("cpas-inegalites", "revenu-digne",
      "Les aides complémentaires des CPAS diffèrent d'une commune à l'autre, au détriment des habitants des communes rurales",
      "93000", "all", [(D, "Entretiens avec les CPAS, 2016"), (PCS, "PCS de Florennes")]),
    F("etudiants", "revenu-digne",
      "Des étudiants étrangers hors Union européenne cumulent études et emplois précaires pour financer leur séjour à Namur et Gembloux",
      "92094 92142", "youth", [(D, "Focus group « jeunes », Namur, 2016")]),

    # --- Droit à la protection de la santé et à l'aide sociale et médicale --------------------------
    F("interpretes-hopitaux", "sante-aide-sociale",
      "Manque d'interprètes en milieu hospitalier dans l'arrondissement de Philippeville",
      "93000", "asylum-seekers newcomer",
      [(D, "Grille de synthèse de l'arrondissement de Philippeville"), (FIELD, "Groupe thématique interprétariat social")], plan="X"),
    F("sante-mentale-delais", "sante-aide-sociale",
      "Les délais pour une consultation en santé mentale avec interprète dépassent trois mois",
      "90000", "asylum-seekers mena", [(D, "Focus group « santé mentale », 2016"), (STRUCT, "Structures MENA de la province")], plan="C",
      description="Les services de santé mentale manquent d'heures d'interprétariat ; les listes d'attente s'allongent pour les personnes exilées, en particulier les jeunes."),
    F("amu", "sante-aide-sociale",
      "Les procédures d'aide médicale urgente varient d'un CPAS à l'autre et découragent les personnes sans titre de séjour",
      "90000", "foreign-origin", [(D, "Entretiens avec les CPAS, 2016")]),
    F("generalistes", "sante-aide-sociale",
      "Des médecins généralistes de communes rurales n'acceptent plus de nouveaux patients, ce qui pénalise les nouveaux habitants",
      "91054 91013 93090", "newcomer", [(D, "Grilles de synthèse des arrondissements de Dinant et de Philippeville"), (PCS, "PCS de Beauraing")], plan="R"),
    F("violences-sejour", "sante-aide-sociale",
      "Des femmes migrantes victimes de violences conjugales renoncent à quitter le domicile par crainte de perdre leur titre de séjour",
      "90000", "women", [(D, "Focus group « femmes et exil », 2016"), (FIELD, "Groupe thématique santé mentale et exil")], plan="C"),
    F("mena-psy", "sante-aide-sociale",
      "Les MENA mis en autonomie perdent l'accès au suivi psychologique à leurs 18 ans",
      "90000", "mena youth", [(STRUCT, "Structures MENA de la province"), (D, "Entretiens avec les structures MENA, 2016")], plan="C"),
    F("soins-florennes", "sante-aide-sociale",
      "Les résidents du centre d'accueil de Florennes doivent se rendre à Namur pour les soins spécialisés, sans transport organisé",
      "93022", "asylum-seekers", [(STRUCT, "CADA de Florennes"), (D, "Entretiens avec les centres d'accueil, 2016")]),
    F("mediation-hopital", "sante-aide-sociale",
      "La médiation interculturelle a disparu de plusieurs hôpitaux de la province faute de financement",
      "90000", "foreign-origin", [(D, "Entretiens avec les services sociaux hospitaliers, 2016")]),
    F("aide-domicile", "sante-aide-sociale",
      "Les personnes âgées immigrées recourent peu aux services d'aide à domicile, mal connus et jugés peu adaptés",
      "92094 92137", "elderly", [(D, "Focus group « personnes âgées », 2016"), (PCS, "PCS de Namur")]),
    F("demarches-en-ligne", "sante-aide-sociale",
      "Les démarches en ligne des mutualités et des CPAS excluent les personnes qui ne lisent pas le français",
      "90000", "newcomer", [(FIELD, "Plateforme FLE et alphabétisation"), (D, "Grille de synthèse provinciale")]),

    # --- Droit à un logement décent et à un environnement sain --------------------------------------
    F("logement-dinant", "logement-environnement",
      "Les primo-arrivants peinent à accéder au logement privé à Dinant",
      "91034", "newcomer", [(D, "Grille de synthèse de l'arrondissement de Dinant"), (ILI, "Permanences logement des ILI")],
      evidence=[("91034", "non_belgian", 2009)], plan="X",
      description="Loyers élevés dans le centre, exigence de fiches de paie, méfiance des propriétaires : les familles se replient sur des logements vétustes en périphérie."),
    F("refus-location", "logement-environnement",
      "Des propriétaires refusent de louer à des personnes d'origine étrangère ou aidées par le CPAS",
      "92000", "foreign-origin", [(D, "Focus group « logement », Namur, 2016"), (FIELD, "Groupe thématique logement")], plan="C"),
    F("sortie-centres", "logement-environnement",
      "À la sortie des centres d'accueil, le délai laissé aux personnes reconnues réfugiées pour trouver un logement est presque toujours insuffisant",
      "90000", "asylum-seekers",
      [(STRUCT, "CADA de Gembloux"), (STRUCT, "CADA de Florennes"), (D, "Entretiens avec les centres d'accueil, 2016")], plan="C"),
    F("garanties-locatives", "logement-environnement",
      "Les garanties locatives sont difficiles à constituer pour les personnes qui dépendent du CPAS",
      "93014 93056", "all", [(PCS, "PCS de Philippeville"), (D, "Entretiens avec les CPAS, 2016")], plan="R"),
    F("villages-isoles", "logement-environnement",
      "Les logements abordables se trouvent dans des villages mal desservis par les transports en commun, loin des cours et des services",
      "91000 93000", "newcomer", [(D, "Grille de synthèse de l'arrondissement de Philippeville"), (PCS, "PCS de Ciney")]),
    F("surpeuplement-sambreville", "logement-environnement",
      "Des familles nombreuses d'origine étrangère vivent dans des logements surpeuplés ou insalubres dans les quartiers anciens de Sambreville",
      "92137", "foreign-origin", [(D, "Focus group « logement », Namur, 2016"), (PCS, "PCS de Sambreville")],
      evidence=[("92137", "non_belgian_share", 2009)]),
    F("mena-logement", "logement-environnement",
      "Les jeunes MENA qui atteignent la majorité ne trouvent pas de logement à la sortie des structures d'accueil",
      "90000", "mena youth", [(STRUCT, "Structures MENA de la province"), (D, "Entretiens avec les structures MENA, 2016")], plan="C"),
    F("ila-familles", "logement-environnement",
      "Les ILA de l'arrondissement de Philippeville manquent de places adaptées aux familles",
      "93000 93010", "asylum-seekers", [(STRUCT, "ILA de Cerfontaine"), (D, "Entretiens avec les ILA, 2016")]),
    F("campings", "logement-environnement",
      "Des personnes étrangères sans autre solution s'installent durablement dans des campings et parcs résidentiels",
      "91142 91072", "foreign-origin", [(D, "Grille de synthèse de l'arrondissement de Dinant"), (PCS, "PCS de Hastière")]),
    F("droits-locataires", "logement-environnement",
      "L'information sur les droits et devoirs des locataires n'existe pas dans les langues des nouveaux arrivants",
      "90000", "newcomer", [(D, "Focus group « logement », Namur, 2016"), (ILI, "Permanences logement des ILI")]),

    # --- Droit au travail ---------------------------------------------------------------------------
    F("equivalences", "travail",
      "Les procédures d'équivalence des diplômes sont longues et coûteuses, ce qui retarde l'accès à un emploi qualifié",
      "90000", "newcomer workers", [(D, "Focus group « emploi », 2016"), (FIELD, "Groupe thématique emploi et équivalence des diplômes")], plan="C"),
    F("discrimination-embauche", "travail",
      "Des employeurs écartent les candidatures portant un nom à consonance étrangère",
      "92000", "foreign-origin youth", [(D, "Focus group « emploi », 2016"), (PCS, "PCS de Namur")], plan="C"),
    F("foulard-stages", "travail",
      "Des femmes portant le foulard se voient refuser des stages en entreprise, ce qui bloque leur formation qualifiante",
      "92137 92094", "women", [(D, "Focus group « femmes et exil », 2016"), (FIELD, "Espace décentralisé de la Basse-Sambre")], plan="R"),
    F("droit-travail-dpi", "travail",
      "Les demandeurs de protection internationale ignorent souvent qu'ils peuvent travailler pendant la procédure",
      "92142 93022", "asylum-seekers", [(STRUCT, "CADA de Gembloux"), (D, "Entretiens avec les centres d'accueil, 2016")]),
    F("osp-tardive", "travail",
      "L'orientation socioprofessionnelle du parcours d'intégration intervient trop tard, après l'apprentissage du français",
      "90000", "newcomer", [(D, "Entretiens avec les ILI, 2016"), (ILI, "Plateforme des ILI")]),
    F("isp-philippeville", "travail",
      "Peu d'offres d'insertion socioprofessionnelle accueillent dans l'arrondissement de Philippeville des personnes qui apprennent encore le français",
      "93000 93088", "newcomer", [(D, "Grille de synthèse de l'arrondissement de Philippeville"), (PCS, "PCS de Walcourt")],
      evidence=[("93088", "non_belgian", 2009)], plan="X"),
    F("droits-sociaux", "travail",
      "Les travailleurs étrangers de l'horeca et de la construction connaissent mal leurs droits sociaux",
      "92094 91034", "workers", [(D, "Entretiens avec les organisations syndicales, 2016")]),
    F("permis-conduire", "travail",
      "Les permis de conduire étrangers non reconnus freinent l'accès à l'emploi en zone rurale",
      "91000 93000", "newcomer workers", [(D, "Grille de synthèse de l'arrondissement de Dinant"), (FIELD, "Espace décentralisé de Dinant")]),
    F("decrochage-sambreville", "travail",
      "Les jeunes d'origine étrangère sortis de l'école sans diplôme sont nombreux parmi les demandeurs d'emploi de Sambreville",
      "92137", "youth foreign-origin", [(PCS, "PCS de Sambreville"), (D, "Focus group « jeunes », Namur, 2016")]),
    F("eghezee-emploi", "travail",
      "La population étrangère d'Eghezée, encore peu nombreuse, n'est pas un public identifié des services locaux d'emploi",
      "92035", "foreign-origin", [(D, "Grille de synthèse de l'arrondissement de Namur")],
      evidence=[("92035", "non_belgian", 2009)], plan="X"),

    # --- Droit à la formation -----------------------------------------------------------------------
    F("fle-attente", "formation",
      "Les listes d'attente en cours de français (FLE) dépassent six mois à Namur et Sambreville",
      "92094 92137", "newcomer", [(D, "Focus group « FLE », 2016"), (ILI, "Plateforme des ILI")],
      evidence=[("92094", "non_belgian_share", 2009)], plan="X",
      description="Les opérateurs de FLE refusent des inscriptions chaque mois ; l'attente est la plus longue pour les niveaux débutants et les cours du soir."),
    F("fle-journee-dinant", "formation",
      "Les cours de FLE ne sont organisés qu'en journée dans l'arrondissement de Dinant, ce qui exclut les personnes qui travaillent",
      "91000", "workers newcomer", [(D, "Grille de synthèse de l'arrondissement de Dinant"), (ILI, "Plateforme des ILI")], plan="X"),
    F("alpha-rural", "formation",
      "L'offre d'alphabétisation pour les adultes peu scolarisés est insuffisante dans les communes rurales",
      "91000 93000", "newcomer women", [(D, "Focus group « FLE », 2016"), (FIELD, "Plateforme FLE et alphabétisation")]),
    F("daspa", "formation",
      "Les classes DASPA sont rares dans l'arrondissement de Philippeville et imposent de longs trajets aux élèves primo-arrivants",
      "93000", "youth newcomer", [(D, "Entretiens avec les écoles, 2016"), (PCS, "PCS de Couvin")],
      evidence=[("93000", "non_belgian_share", 2009)], plan="R"),
    F("garderie", "formation",
      "Les mères de jeunes enfants ne peuvent pas suivre les cours de français faute de garderie",
      "90000", "women", [(D, "Focus group « femmes et exil », 2016"), (ILI, "Groupes de femmes des ILI")]),
    F("citoyennete-rural", "formation",
      "Les formations à la citoyenneté du parcours d'intégration peinent à réunir des groupes suffisants hors de Namur",
      "91000 93000", "newcomer", [(D, "Entretiens avec les ILI, 2016"), (ILI, "Plateforme des ILI")]),
    F("mena-scolarite", "formation",
      "Les jeunes MENA arrivés après 16 ans trouvent peu de filières qualifiantes qui les acceptent",
      "90000", "mena", [(STRUCT, "Structures MENA de la province"), (D, "Entretiens avec les écoles, 2016")], plan="C"),
    F("parents-ecole", "formation",
      "Les parents primo-arrivants comprennent mal le fonctionnement de l'école et les communications des enseignants",
      "92094 92003", "newcomer", [(D, "Entretiens avec les écoles, 2016"), (PCS, "PCS d'Andenne")],
      evidence=[("92003", "non_belgian", 2009)]),
    F("fle-gembloux-centre", "formation",
      "Les résidents du centre d'accueil de Gembloux ont un accès limité aux cours de français pendant la procédure d'asile",
      "92142", "asylum-seekers", [(STRUCT, "CADA de Gembloux"), (D, "Entretiens avec les centres d'accueil, 2016")], plan="R"),
    F("formateurs-fle", "formation",
      "Les opérateurs de FLE manquent de formateurs formés à l'enseignement aux adultes peu scolarisés",
      "90000", "newcomer", [(ILI, "Plateforme des ILI"), (FIELD, "Plateforme FLE et alphabétisation")]),

    # --- Droit à l'épanouissement culturel et social ------------------------------------------------
    F("electeurs", "epanouissement",
      "Les résidents étrangers s'inscrivent peu comme électeurs aux élections communales",
      "90000", "foreign-origin", [(D, "Grille de synthèse provinciale"), (PCS, "PCS de Namur")],
      evidence=[("90000", "non_belgian_share", 2012)]),
    F("cadastre-associations", "epanouissement",
      "Aucun recensement des associations de personnes immigrées n'existe à l'échelle de la province",
      "90000", "foreign-origin", [(D, "Grille de synthèse provinciale")], plan="X"),
    F("repertoire-services", "epanouissement",
      "Aucun répertoire des services utiles aux personnes migrantes n'existe à l'échelle de la province",
      "90000", "newcomer", [(D, "Entretiens avec les ILI, 2016")], plan="X"),
    F("racisme-signalement", "epanouissement",
      "Des actes et propos racistes sont rapportés dans l'espace public et sur les réseaux sociaux, sans suite faute de signalement",
      "90000", "foreign-origin", [(D, "Focus group « racisme », 2016"), (FIELD, "Plateforme provinciale de lutte contre le racisme")], plan="C"),
    F("activites-ciney", "epanouissement",
      "Les activités culturelles et sportives communales touchent peu les familles primo-arrivantes à Ciney et Rochefort",
      "91030 91114", "newcomer youth", [(PCS, "PCS de Ciney"), (D, "Grille de synthèse de l'arrondissement de Dinant")],
      evidence=[("91030", "non_belgian", 2012)], plan="X"),
    F("isolement-rural", "epanouissement",
      "L'isolement des personnes étrangères en milieu rural freine la création de liens avec les habitants",
      "91000 93000", "newcomer", [(D, "Grille de synthèse de l'arrondissement de Philippeville"), (FIELD, "Espace décentralisé de Philippeville")]),
    F("lieux-jeunes", "epanouissement",
      "Les jeunes d'origine étrangère disposent de peu de lieux de rencontre interculturels en dehors de la ville de Namur",
      "92000", "youth", [(D, "Focus group « jeunes », Namur, 2016"), (ILI, "Projets jeunesse des ILI")]),
    F("gembloux-croissance", "epanouissement",
      "La population de Gembloux croît rapidement, avec de jeunes ménages et des étudiants étrangers, sans que l'accueil communal des nouveaux habitants ne suive",
      "92142", "foreign-origin youth", [(D, "Grille de synthèse de l'arrondissement de Namur"), (PCS, "PCS de Gembloux")],
      evidence=[("92142", "population", 2009), ("92142", "non_belgian", 2012)], plan="X"),
    F("femmes-activites", "epanouissement",
      "Les femmes migrantes participent peu aux activités collectives, faute de temps, de garde d'enfants ou de transport",
      "90000", "women", [(D, "Focus group « femmes et exil », 2016"), (ILI, "Groupes de femmes des ILI")]),
    F("aines-isoles", "epanouissement",
      "Les personnes âgées immigrées sont isolées et absentes des activités intergénérationnelles à Namur",
      "92094", "elderly", [(D, "Focus group « personnes âgées », 2016"), (PCS, "PCS de Namur")],
      evidence=[("92094", "non_belgian", 2012)]),
    F("centre-florennes", "epanouissement",
      "À Florennes, la présence du centre d'accueil n'a pas d'équivalent en activités d'intégration pour les habitants étrangers de la commune",
      "93022", "foreign-origin asylum-seekers", [(STRUCT, "CADA de Florennes"), (PCS, "PCS de Florennes")],
      evidence=[("93022", "non_belgian", 2012)]),
]
# fmt: on

# Reviews and final verdicts written out for the findings whose plan is "X".
# key -> ([(lens, reviewer "coordinator"/"partner", verdict, rationale, new wording)], settlement or None);
# settlement = (verdict, rationale, new wording); REPLACEMENT holds the finding that replaces one.
EXPLICIT = {
    "fle-attente": (
        [
            (
                Lens.ILI,
                "partner",
                Verdict.NUANCED,
                "Les ILI de Sambreville ont ouvert des groupes du soir : l'attente y est passée à deux ou trois mois. À Namur, rien n'a changé pour le niveau A1.",
                "Les listes d'attente en FLE dépassent toujours six mois à Namur pour les débutants, mais se sont réduites à Sambreville depuis l'ouverture de groupes du soir",
            ),
            (
                Lens.DIAGNOSTIC_2016,
                "coordinator",
                Verdict.CONFIRMED,
                "La population étrangère de Namur a augmenté depuis le diagnostic : la pression sur l'offre de FLE demeure.",
                "",
            ),
        ],
        (
            Verdict.NUANCED,
            "Les deux lectures convergent : le constat reste vrai à Namur, il ne l'est plus autant à Sambreville.",
            "Les listes d'attente en FLE dépassent toujours six mois à Namur pour les débutants, mais se sont réduites à Sambreville depuis l'ouverture de groupes du soir",
        ),
    ),
    "logement-dinant": (
        [
            (
                Lens.ILI,
                "partner",
                Verdict.NUANCED,
                "L'ILI constate que les personnes seules trouvent plus facilement qu'en 2016 ; les familles nombreuses et les personnes qui quittent une ILA restent bloquées.",
                "L'accès au logement privé reste difficile à Dinant pour les familles nombreuses et les personnes qui quittent une ILA",
            ),
            (
                Lens.PCS_PST,
                "coordinator",
                Verdict.CONFIRMED,
                "Le PCS de Dinant cite toujours l'accès au logement parmi les difficultés des nouveaux habitants.",
                "",
            ),
        ],
        (
            Verdict.NUANCED,
            "Le constat est maintenu mais précisé : les publics les plus touchés sont désormais identifiés. La population étrangère de Dinant a par ailleurs nettement augmenté depuis 2009.",
            "L'accès au logement privé reste difficile à Dinant, surtout pour les familles nombreuses et les personnes qui quittent une ILA",
        ),
    ),
    "interpretes-hopitaux": (
        [
            (
                Lens.FIELD,
                "partner",
                Verdict.NUANCED,
                "Le groupe interprétariat relève que l'interprétariat par téléphone est désormais proposé, mais pas pour les langues rares.",
                "L'interprétariat par téléphone s'est développé dans les hôpitaux de l'arrondissement de Philippeville, mais les langues rares restent mal couvertes",
            ),
            (
                Lens.STRUCTURES,
                "coordinator",
                Verdict.NUANCED,
                "Les ILA de l'arrondissement signalent des consultations reportées faute d'interprète en tigrinya et en dari.",
                "Les hôpitaux de l'arrondissement de Philippeville manquent toujours d'interprètes pour les langues rares (tigrinya, dari)",
            ),
            (
                Lens.DIAGNOSTIC_2016,
                "coordinator",
                Verdict.CONFIRMED,
                "Le besoin d'interprètes reste cité dans toutes les grilles de synthèse de l'arrondissement.",
                "",
            ),
        ],
        (
            Verdict.NUANCED,
            "Synthèse des trois lectures : le manque a changé de nature, il porte désormais sur les langues rares.",
            "L'interprétariat par téléphone s'est développé dans les hôpitaux de l'arrondissement de Philippeville, mais les langues rares (tigrinya, dari) restent mal couvertes",
        ),
    ),
    "eghezee-emploi": (
        [
            (
                Lens.DIAGNOSTIC_2016,
                "coordinator",
                Verdict.NUANCED,
                "Le nombre de résidents étrangers d'Eghezée a augmenté de plus d'un quart depuis 2009 : ils ne sont plus un public marginal.",
                "La population étrangère d'Eghezée a nettement augmenté et n'est toujours pas un public identifié des services locaux d'emploi",
            ),
        ],
        (
            Verdict.NUANCED,
            "La statistique citée a bougé au-delà du seuil : le constat est reformulé à partir des chiffres récents.",
            "La population étrangère d'Eghezée a nettement augmenté depuis 2009 et n'est toujours pas un public identifié des services locaux d'emploi",
        ),
    ),
    "cadastre-associations": (
        [
            (
                Lens.DIAGNOSTIC_2016,
                "coordinator",
                Verdict.OBSOLETE,
                "Le C.A.I. a réalisé en 2022 un cadastre des associations de personnes immigrées de la province.",
                "",
            ),
        ],
        (
            Verdict.OBSOLETE,
            "Le cadastre des associations existe depuis 2022 ; il reste à le tenir à jour.",
            "",
        ),
    ),
    "repertoire-services": (
        [
            (
                Lens.ILI,
                "partner",
                Verdict.OBSOLETE,
                "Les ILI utilisent le Guide du migrant en province de Namur, en ligne depuis 2022.",
                "",
            ),
            (
                Lens.DIAGNOSTIC_2016,
                "coordinator",
                Verdict.OBSOLETE,
                "Le Guide du migrant en province de Namur répond à ce constat.",
                "",
            ),
        ],
        (Verdict.OBSOLETE, "Le Guide du migrant en province de Namur, publié en 2022, comble ce manque.", ""),
    ),
    "fle-journee-dinant": (
        [
            (
                Lens.ILI,
                "partner",
                Verdict.REPLACED,
                "Des cours du soir existent désormais à Dinant et à Ciney ; le problème s'est déplacé vers les villages.",
                "",
            ),
            (
                Lens.FIELD,
                "coordinator",
                Verdict.REPLACED,
                "L'espace décentralisé de Dinant parle surtout de mobilité des apprenants des villages.",
                "",
            ),
        ],
        (
            Verdict.REPLACED,
            "Le constat de 2016 ne décrit plus la situation ; il est remplacé par un constat sur l'accès des villages aux cours du soir.",
            "",
        ),
    ),
    "isp-philippeville": (
        [
            (
                Lens.PCS_PST,
                "coordinator",
                Verdict.CONFIRMED,
                "Le PCS de Walcourt prévoit toujours une action d'orientation vers l'insertion pour les personnes étrangères.",
                "",
            ),
            (
                Lens.DIAGNOSTIC_2016,
                "coordinator",
                Verdict.NUANCED,
                "Le nombre de résidents étrangers de Walcourt a augmenté de plus de 10 % depuis 2009 ; le constat doit en tenir compte.",
                "L'offre d'insertion socioprofessionnelle pour les personnes qui apprennent le français reste faible dans l'arrondissement de Philippeville, où la population étrangère augmente",
            ),
        ],
        None,
    ),
    "activites-ciney": (
        [
            (
                Lens.PCS_PST,
                "coordinator",
                Verdict.CONFIRMED,
                "Le PCS de Ciney relève toujours la faible participation des familles primo-arrivantes.",
                "",
            ),
            (
                Lens.FIELD,
                "partner",
                Verdict.NUANCED,
                "À Rochefort, une maison de quartier accueille désormais des familles primo-arrivantes chaque semaine.",
                "Les activités culturelles et sportives touchent peu les familles primo-arrivantes à Ciney ; Rochefort a ouvert une maison de quartier qui les accueille",
            ),
        ],
        None,
    ),
    "gembloux-croissance": (
        [
            (
                Lens.DIAGNOSTIC_2016,
                "coordinator",
                Verdict.CONFIRMED,
                "La croissance de la population de Gembloux s'est poursuivie, au-delà de 10 % depuis 2009.",
                "",
            ),
        ],
        None,
    ),
}
REPLACEMENT = {
    "fle-journee-dinant": (
        "formation",
        "Des cours de FLE en soirée existent à Dinant et à Ciney, mais les apprenants des villages ne peuvent pas s'y rendre en transport en commun",
        "91000",
        "workers newcomer",
        [(ILI, "Plateforme des ILI"), (FIELD, "Espace décentralisé de Dinant")],
    ),
}

GENERIC_RATIONALES = {
    Lens.DIAGNOSTIC_2016: [
        "Le constat reste valide : les entretiens menés pour l'actualisation décrivent la même situation qu'en 2016-2017.",
        "Rien n'indique d'amélioration depuis le diagnostic ; les partenaires interrogés confirment le constat.",
    ],
    Lens.ILI: [
        "Les ILI accompagnées relèvent la même difficulté dans leurs rapports d'activités récents.",
        "Constat partagé à la plateforme des ILI : les permanences y sont confrontées chaque semaine.",
    ],
    Lens.PCS_PST: [
        "Le diagnostic de cohésion sociale du PCS 2020-2025 fait le même constat.",
        "Le PST de la commune prévoit une action sur ce point, signe que le besoin demeure.",
    ],
    Lens.STRUCTURES: [
        "Les équipes des centres d'accueil et des ILA confirment la situation pour les résidents actuels.",
        "Les structures MENA et les ILA font toujours face à cette difficulté à la sortie de l'accueil.",
    ],
    Lens.FIELD: [
        "Constat relayé à plusieurs reprises dans les espaces de concertation au cours de l'année.",
        "Les procès-verbaux des réunions de l'espace en font encore état.",
    ],
}
CONFIRM_SETTLEMENTS = [
    "Confirmé par les relectures : le constat est repris tel quel dans le PPLI 2.0.",
    "Les prismes consultés convergent ; le constat est maintenu.",
    "Constat toujours d'actualité, confirmé par les partenaires de terrain.",
]

# Field findings: an agenda point of the demo meetings (network/demo.py TOPICS) -> axis, and the
# beginnings of the minutes that state a finding (other variants merely report an activity).
FIELD_POINTS = {
    "Logement : sortie des centres d'accueil": ("logement-environnement", ("Les loyers", "Plusieurs refus")),
    "Santé mentale : délais et accès aux consultations": ("sante-aide-sociale", ("Les équipes relèvent",)),
    "Listes d'attente en FLE : état des lieux": ("formation", ("Les opérateurs signalent",)),
    "Discriminations à l'embauche : témoignages": ("travail", ("Témoignages recueillis",)),
    "MENA : passage à la majorité": ("logement-environnement", ("Le passage à 18 ans",)),
    "Interprétariat : demandes et délais": ("sante-aide-sociale", ("Les délais pour les langues rares",)),
    "Mobilité : accès aux cours et aux services": ("formation", ("Les apprenants des villages",)),
    "Accès aux soins et aide médicale urgente": ("sante-aide-sociale", ("Les procédures d'aide médicale",)),
}
FIELD_FINDINGS_WANTED = 5


def is_loaded() -> bool:
    return Diagnostic.objects.filter(is_demo=True).exists()


@transaction.atomic
def load(stdout) -> None:
    if is_loaded():
        stdout.write("Demo findings already loaded.")
        return
    province = Territory.objects.active().filter(nis_code=PROVINCE_CODE).first()
    if province is None:
        stdout.write(
            f"Demo findings skipped: the Province de Namur ({PROVINCE_CODE}) is not loaded "
            "(run `pli setup_data` first)."
        )
        return
    stdout.write(_Builder(province).build())


def _unique_title(model, title: str) -> str:
    """The title, or "<title> (démo)" when a real row already has it."""
    return f"{title} (démo)" if model.objects.filter(title=title).exists() else title


class _Builder:
    def __init__(self, province: Territory):
        users = get_user_model().objects
        self.province = province
        self.now = timezone.now()
        self.coordinator = users.filter(email=COORDINATOR_EMAIL, is_active=True).first()
        if self.coordinator is not None and not self.coordinator.is_coordinator:
            self.coordinator = None
        self.partner = users.filter(email=PARTNER_EMAIL, is_active=True).first()
        self.axes = {
            a.code.removeprefix(f"{FRAMEWORK}-"): a for a in Axis.objects.filter(framework=FRAMEWORK)
        }
        self.publics = {p.code: p for p in Public.objects.all()}
        territories = Territory.objects.active().filter(
            nis_code__in={nis for spec in FINDINGS for nis in spec.territories.split()}
            | {nis for spec in FINDINGS for nis, _indicator, _year in spec.evidence}
            | {nis for *_rest, nis, _publics, _sources in REPLACEMENT.values()}
        )
        self.territories = {
            t.nis_code: t
            for t in territories
            if t.nis_code == PROVINCE_CODE
            or (t.level in (Level.ARRONDISSEMENT, Level.COMMUNE) and t.province_code == PROVINCE_CODE)
        }
        self.findings: dict[str, Finding] = {}
        self.notes: list[str] = []

    # --- the whole ---------------------------------------------------------------------------------

    def build(self) -> str:
        old = self._diagnostic(DIAGNOSTIC_2016, DiagnosticStatus.PUBLISHED)
        new = self._diagnostic(DIAGNOSTIC_2023, DiagnosticStatus.DRAFT)
        self._findings(old)
        cited, skipped, moved = self._evidence()
        campaign = self._campaign(old)
        reviews = settled = 0
        if self.coordinator is None:
            self.notes.append(f"reviews skipped: no coordinator account {COORDINATOR_EMAIL}")
        else:
            reviews, settled = self._reviews(campaign, new)
        field_count = self._field_findings(new)
        reviewed = FindingReview.objects.filter(campaign=campaign).values("finding").distinct().count()
        line = (
            f"Demo findings: 2 diagnostics, {len(self.findings)} findings of the 2016-2017 diagnostic, "
            f"{Finding.objects.filter(diagnostic=new).count()} in the PPLI 2.0 update ({field_count} from "
            f"meetings), {cited} statistics cited ({moved} to re-examine"
            + (f", {skipped} skipped: year not loaded" if skipped else "")
            + f"), campaign: {reviewed} findings reviewed ({reviews} reviews), {settled} settled."
        )
        return line + "".join(f" Note: {note}." for note in self.notes)

    def _diagnostic(self, data: dict, status: str) -> Diagnostic:
        return Diagnostic.objects.create(
            title=_unique_title(Diagnostic, data["title"]),
            territory=self.province,
            period=data["period"],
            method=data["method"],
            scope=data["scope"],
            status=status,
            is_demo=True,
        )

    # --- findings and evidence ---------------------------------------------------------------------

    def _territories_of(self, codes: str) -> list[Territory]:
        found = [self.territories[nis] for nis in codes.split() if nis in self.territories]
        return found or [self.province]

    def _create(self, diagnostic, axis_code, statement, territories, publics, sources, description=""):
        return services.create_finding(
            diagnostic=diagnostic,
            statement=statement,
            description=description,
            axis=self.axes[axis_code],
            territories=self._territories_of(territories),
            publics=[self.publics[code] for code in publics.split() if code in self.publics],
            sources=sources,
            by=self.coordinator,
        )

    def _findings(self, diagnostic: Diagnostic) -> None:
        for spec in FINDINGS:
            if spec.axis not in self.axes:
                continue
            self.findings[spec.key] = self._create(
                diagnostic,
                spec.axis,
                spec.statement,
                spec.territories,
                spec.publics,
                spec.sources,
                spec.description,
            )
        # The 2016-2017 findings were written in 2017: their first wording dates from then.
        ids = [f.pk for f in self.findings.values()]
        Finding.objects.filter(pk__in=ids).update(created_at=DIAGNOSTIC_DATE)
        FindingWording.objects.filter(finding__in=ids).update(since=DIAGNOSTIC_DATE)

    def _evidence(self) -> tuple[int, int, int]:
        """Cite the statistics; a year that is not loaded is skipped. Returns (cited, skipped, moved)."""
        from territory.queries import latest_structure_year

        cited, skipped = [], 0
        for spec in FINDINGS:
            finding = self.findings.get(spec.key)
            for nis, indicator, year in spec.evidence if finding else ():
                territory = self.territories.get(nis)
                if territory is None:
                    skipped += 1
                    continue
                try:
                    with transaction.atomic():
                        cited.append(
                            services.cite_statistic(
                                finding=finding,
                                territory=territory,
                                indicator=indicator,
                                year=year,
                                by=self.coordinator,
                            )
                        )
                except ValidationError:
                    skipped += 1
        Evidence.objects.filter(pk__in=[e.pk for e in cited]).update(captured_at=DIAGNOSTIC_DATE)
        latest = latest_structure_year()
        moved = sum(1 for e in cited if services.check_evidence(e, latest).moved)
        return len(cited), skipped, moved

    # --- the campaign ------------------------------------------------------------------------------

    def _campaign(self, diagnostic: Diagnostic) -> ReviewCampaign:
        campaign = ReviewCampaign.objects.create(
            title=_unique_title(ReviewCampaign, CAMPAIGN["title"]),
            description=CAMPAIGN["description"],
            diagnostic=diagnostic,
            lenses=list(Lens.values),
            status=CampaignStatus.OPEN,
            opened_at=self.now - timedelta(days=CAMPAIGN_AGE_DAYS),
            opened_by=self.coordinator,
            is_demo=True,
        )
        campaign.findings.set(list(self.findings.values()))
        if self.partner is not None:
            CampaignInvitation.objects.bulk_create(
                [
                    CampaignInvitation(campaign=campaign, user=self.partner, lens=lens)
                    for lens in PARTNER_LENSES
                ]
            )
        else:
            self.notes.append(f"no partner invited: no account {PARTNER_EMAIL}")
        return campaign

    def _reviewer(self, who: str, lens: str):
        if who == "partner" and self.partner is not None and lens in PARTNER_LENSES:
            return self.partner
        return self.coordinator

    def _generic_reviews(self, spec: Spec, index: int) -> list[tuple]:
        """1 to 3 confirmations, through the lenses of the finding's sources first."""
        lenses = []
        for kind, _detail in spec.sources:
            lens = LENS_OF_SOURCE.get(kind)
            if lens and lens not in lenses:
                lenses.append(lens)
        lenses += [lens for lens in Lens.values if lens not in lenses]
        count = 1 + index % 3
        reviews = []
        for number, lens in enumerate(lenses[:count]):
            who = "partner" if lens in PARTNER_LENSES and (index + number) % 2 == 0 else "coordinator"
            variants = GENERIC_RATIONALES[lens]
            reviews.append((lens, who, Verdict.CONFIRMED, variants[(index + number) % len(variants)], ""))
        return reviews

    def _reviews(self, campaign: ReviewCampaign, new: Diagnostic) -> tuple[int, int]:
        review_count = settled = 0
        order = 0
        dated_reviews, dated_settlements = [], []
        for index, spec in enumerate(FINDINGS):
            finding = self.findings.get(spec.key)
            if finding is None or not spec.plan:
                continue
            if spec.plan == "X":
                reviews, settlement = EXPLICIT[spec.key]
            else:
                reviews = self._generic_reviews(spec, index)
                settlement = None
                if spec.plan == "C":
                    rationale = CONFIRM_SETTLEMENTS[index % len(CONFIRM_SETTLEMENTS)]
                    settlement = (Verdict.CONFIRMED, rationale, "")
            replacement = None
            if spec.key in REPLACEMENT:
                axis, statement, territories, publics, sources = REPLACEMENT[spec.key]
                replacement = self._create(new, axis, statement, territories, publics, sources)
            start = campaign.opened_at + timedelta(days=3 + 2 * order, hours=order % 5)
            order += 1
            for number, (lens, who, verdict, rationale, wording) in enumerate(reviews):
                review = services.record_review(
                    campaign=campaign,
                    finding=finding,
                    lens=lens,
                    reviewer=self._reviewer(who, lens),
                    verdict=verdict,
                    rationale=rationale,
                    new_wording=wording,
                    replacement=replacement,
                )
                review.created_at = start + timedelta(days=number, hours=2 * number)
                dated_reviews.append(review)
                review_count += 1
            if settlement is not None:
                verdict, rationale, wording = settlement
                done = services.settle(
                    campaign=campaign,
                    finding=finding,
                    verdict=verdict,
                    rationale=rationale,
                    by=self.coordinator,
                    new_wording=wording,
                    replacement=replacement,
                )
                done.settled_at = start + timedelta(days=len(reviews) + 1)
                dated_settlements.append(done)
                settled += 1
        FindingReview.objects.bulk_update(dated_reviews, ["created_at"])
        Settlement.objects.bulk_update(dated_settlements, ["settled_at"])
        for done in dated_settlements:
            FindingWording.objects.filter(settlement=done).update(since=done.settled_at)
        return review_count, settled

    # --- field findings from the demo meetings -----------------------------------------------------

    def _field_findings(self, diagnostic: Diagnostic) -> int:
        from network.models import Meeting

        meetings = (
            Meeting.objects.filter(space__is_demo=True, starts_at__lt=self.now)
            .exclude(minutes="")
            .select_related("space__territory")
            .order_by("-starts_at", "pk")
        )
        created, used_points = 0, set()
        for meeting in meetings:
            for point, text in _minutes_points(meeting.minutes):
                if point in used_points or point not in FIELD_POINTS:
                    continue
                axis_code, beginnings = FIELD_POINTS[point]
                if not text.startswith(beginnings) or axis_code not in self.axes:
                    continue
                services.field_finding_from_meeting(
                    meeting=meeting,
                    statement=text.rstrip("."),
                    axis=self.axes[axis_code],
                    by=self.coordinator,
                    diagnostic=diagnostic,
                )
                used_points.add(point)
                created += 1
                break  # one finding per meeting
            if created >= FIELD_FINDINGS_WANTED:
                break
        if not created:
            self.notes.append("no field findings: the demo network's meetings are not loaded")
        return created


def _minutes_points(minutes: str) -> list[tuple[str, str]]:
    """The numbered points of demo minutes: "2. <agenda point> — <what was said>"."""
    points = []
    for block in minutes.split("\n\n"):
        head, separator, text = block.partition(" — ")
        number, dot, point = head.partition(". ")
        if separator and dot and number.strip().isdigit():
            points.append((point.strip(), text.strip()))
    return points
