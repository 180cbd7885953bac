"""Demonstration network for the Province de Namur, loaded by `pli demo` after the demo accounts.

Everything here is fictitious: organisation names are invented (public bodies of real communes are
named after their commune, as institutions), people are random pairs of common first names and
invented surnames, e-mail addresses are on example.org and phone numbers are of the "00 00" kind.
The content is deterministic (a fixed random seed) and dated relative to the day it is loaded, so the
year of meetings always ends today. Loading twice creates nothing more: organisations and spaces
carry `is_demo`, and their presence means the network is already there.
"""

import random
import unicodedata
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from network.choices import (
    AttendanceStatus,
    CapacityUnit,
    ConsentScope,
    MeetingKind,
    MemberRole,
    Sector,
    SpaceKind,
)
from network.models import (
    Attendance,
    ConcertationSpace,
    Decision,
    Meeting,
    Membership,
    Offer,
    Organisation,
    Person,
)
from territory.choices import Level
from territory.models import Territory
from vocabulary.models import Axis, ExpertiseArea, OfferType, OrganisationType, Public

SEED = 20160517
PROVINCE_CODE = "90000"
CENTRE_COMMUNE = "92094"  # Namur
BRUSSELS = ZoneInfo("Europe/Brussels")
CENTRE_NAME = "C.A.I. — Centre d'action interculturelle (démo)"
PARTNER_EMAIL = "partenaire@demo.pli.local"
COORDINATOR_EMAIL = "coordination@demo.pli.local"

PUBLIC, ASSOCIATIVE, PRIVATE = Sector.PUBLIC, Sector.ASSOCIATIVE, Sector.PRIVATE

# (type, name, commune NIS, sector). The centre comes first and is built apart.
ORGANISATIONS = [
    ("commune", "Administration communale de Dinant", "91034", PUBLIC),
    ("commune", "Administration communale de Philippeville", "93056", PUBLIC),
    ("pcs", "Plan de cohésion sociale de Namur", "92094", PUBLIC),
    ("pcs", "Plan de cohésion sociale de Sambreville", "92137", PUBLIC),
    ("pcs", "Plan de cohésion sociale de Ciney", "91030", PUBLIC),
    ("pcs", "Plan de cohésion sociale de Florennes", "93022", PUBLIC),
    ("pcs", "Plan de cohésion sociale d'Eghezée", "92035", PUBLIC),
    ("cpas", "CPAS de Beauraing", "91013", PUBLIC),
    ("cpas", "CPAS de Walcourt", "93088", PUBLIC),
    ("cpas", "CPAS de Hamois", "91059", PUBLIC),
    ("cpas", "CPAS de Fosses-la-Ville", "92048", PUBLIC),
    ("cpas", "CPAS de Viroinval", "93090", PUBLIC),
    ("ili", "ILI Les Passerelles", "92094", ASSOCIATIVE),
    ("ili", "ILI Horizons partagés", "92137", ASSOCIATIVE),
    ("ili", "ILI Le Fil d'Ariane", "91034", ASSOCIATIVE),
    ("ili", "ILI Trait d'union", "92142", ASSOCIATIVE),
    ("ili", "ILI Racines et Ailes", "92003", ASSOCIATIVE),
    ("ili", "ILI Entre-Rives", "93014", ASSOCIATIVE),
    ("ili", "ILI La Boussole", "93056", ASSOCIATIVE),
    ("ili", "ILI Mosaïque", "91114", ASSOCIATIVE),
    ("cada", "Centre d'accueil Les Tilleuls", "93022", ASSOCIATIVE),
    ("cada", "Centre d'accueil du Plateau", "92142", ASSOCIATIVE),
    ("mena", "Maison MENA L'Escale", "92094", ASSOCIATIVE),
    ("mena", "Service d'autonomie MENA Cap Avenir", "91030", ASSOCIATIVE),
    ("ila", "ILA de Mettet", "92087", PUBLIC),
    ("ila", "ILA d'Yvoir", "91141", PUBLIC),
    ("ila", "ILA de Gesves", "92054", PUBLIC),
    ("ila", "ILA de Havelange", "91064", PUBLIC),
    ("ila", "ILA de Cerfontaine", "93010", PUBLIC),
    ("school", "Institut de promotion sociale de la Haute-Meuse", "91142", PUBLIC),
    ("school", "Athénée du Bocage", "92141", PUBLIC),
    ("health", "Service de santé mentale L'Ancrage", "92094", ASSOCIATIVE),
    ("health", "Maison médicale du Bois", "92003", ASSOCIATIVE),
    ("health", "Maison médicale des Deux Ruisseaux", "92101", ASSOCIATIVE),
    ("employment", "CISP Le Tremplin", "92137", ASSOCIATIVE),
    ("employment", "Agence locale pour l'emploi de Somme-Leuze", "91120", PUBLIC),
    ("employment", "Agence d'intérim Horizon Travail", "92114", PRIVATE),
    ("housing", "Agence immobilière sociale Les Toits partagés", "93014", ASSOCIATIVE),
    ("housing", "Habitat solidaire du Condroz", "92097", ASSOCIATIVE),
    ("housing", "Régie de quartier Les Clés", "92140", ASSOCIATIVE),
    ("culture", "Espace culturel La Fabrique", "91072", ASSOCIATIVE),
    ("culture", "Bibliothèque Les Mille Pages", "92138", PUBLIC),
    ("other", "Maison de quartier du Bois", "92094", ASSOCIATIVE),
    ("other", "Service d'interprétariat social Parole partagée", "92094", ASSOCIATIVE),
    ("other", "Permanence juridique Droits en main", "91034", ASSOCIATIVE),
    ("other", "Association Pont des Cultures", "91054", ASSOCIATIVE),
    ("other", "Épicerie sociale Le Panier", "91005", ASSOCIATIVE),
    ("other", "Association Terre d'accueil", "91103", ASSOCIATIVE),
    ("other", "Cabinet de traduction Lingua Franca", "91015", PRIVATE),
]
ALWAYS_PARTNER = {"pcs", "cpas", "ili", "cada", "mena", "ila"}
SERVES_ARRONDISSEMENT = {"cada", "mena", "ila", "health", "housing"}
AGREEMENTS = {
    "ili": "Agrément ILI 2025-2030",
    "pcs": "Convention de partenariat PPLI 2.0",
    "cada": "Convention de collaboration PPLI — accueil",
    "mena": "Convention de collaboration PPLI — MENA",
    "health": "Charte de partenariat du PPLI",
    "employment": "Charte de partenariat du PPLI",
}
STREETS = [
    "Rue de la Gare",
    "Rue du Centre",
    "Place communale",
    "Avenue des Tilleuls",
    "Rue de l'Église",
    "Rue des Écoles",
    "Rue du Moulin",
    "Chaussée de Namur",
    "Rue des Prés",
    "Rue Haute",
]
PHONE_ZONE = {"91": "82", "92": "81", "93": "71"}

FIRST_NAMES = [
    ("Nadia", "f"), ("Marc", "m"), ("Sophie", "f"), ("Julien", "m"), ("Amina", "f"), ("Thomas", "m"),
    ("Claire", "f"), ("Youssef", "m"), ("Élodie", "f"), ("Karim", "m"), ("Isabelle", "f"),
    ("Olivier", "m"), ("Fatima", "f"), ("Nicolas", "m"), ("Sarah", "f"), ("Mehmet", "m"),
    ("Aurélie", "f"), ("Pierre", "m"), ("Leïla", "f"), ("François", "m"), ("Hélène", "f"),
    ("Samir", "m"), ("Laurence", "f"), ("David", "m"), ("Ayşe", "f"), ("Benoît", "m"), ("Marie", "f"),
    ("Jonathan", "m"), ("Salma", "f"), ("Vincent", "m"), ("Céline", "f"), ("Omar", "m"), ("Anne", "f"),
    ("Mathieu", "m"), ("Nathalie", "f"), ("Ahmad", "m"), ("Justine", "f"), ("Grégoire", "m"),
    ("Rachida", "f"), ("Stéphane", "m"), ("Valérie", "f"), ("Hamid", "m"), ("Émilie", "f"),
    ("Cédric", "m"), ("Zahra", "f"), ("Laurent", "m"), ("Delphine", "f"), ("Tesfay", "m"),
    ("Mariam", "f"), ("Arnaud", "m"), ("Christine", "f"), ("Bilal", "m"), ("Anaïs", "f"),
    ("Farid", "m"), ("Sandrine", "f"), ("Elif", "f"), ("Jérôme", "m"), ("Catherine", "f"),
    ("Rahel", "f"), ("Sébastien", "m"), ("Pauline", "f"), ("Hassan", "m"), ("Géraldine", "f"),
    ("Kevin", "m"), ("Ines", "f"), ("Adrien", "m"), ("Yasmina", "f"), ("Quentin", "m"),
]  # fmt: skip
# Surnames frequent in Wallonia or among its residents of foreign origin, none of a public figure.
SURNAMES = [
    "Verhoeven", "Collignon", "Delhaye", "Rondeux", "Hanquet", "Pirson", "Lallemand", "Gérardy",
    "Marchal", "Lecomte", "Wéry", "Thonon", "Dethier", "Gillard", "Henrotte", "Jadoul", "Kinet",
    "Lhoest", "Mottet", "Piérard", "Rasquin", "Servais", "Stassart", "Toussaint", "Warnier", "Bodart",
    "Carpentier", "Defossez", "Englebert", "Frérotte", "Istasse", "Jacquet", "Laloux", "Mathy", "Nizet",
    "Petitjean", "Quoilin", "Remacle", "Simonis", "Tilmant", "Vanhove", "Wilmotte", "Benali",
    "El Idrissi", "Bouzidi", "Yildiz", "Kaplan", "Haidari", "Rahimi", "Tesfaye", "Gebreyesus", "Diallo",
    "Mbuyi", "Kabongo", "Osmani", "Berisha", "Popescu", "Nowak", "Ferreira", "Lombardi", "Moreau",
    "Leclercq", "Dubois", "Hubermont", "Dessart", "Wauthier", "Bastin", "Goffin", "Hennuy", "Lambot",
]  # fmt: skip

FUNCTIONS = {
    "cri": [
        ("Chargé de projets", "Chargée de projets"),
        ("Formateur en citoyenneté", "Formatrice en citoyenneté"),
        ("Agent d'accueil du parcours d'intégration", "Agente d'accueil du parcours d'intégration"),
        ("Chargé de l'observatoire", "Chargée de l'observatoire"),
        ("Juriste en droit des étrangers", "Juriste en droit des étrangers"),
        ("Directeur", "Directrice"),
        ("Chargé de communication", "Chargée de communication"),
        ("Animateur interculturel", "Animatrice interculturelle"),
    ],
    "commune": [
        ("Employé du service population", "Employée du service population"),
        ("Chef de projet PST", "Cheffe de projet PST"),
    ],
    "pcs": [("Chef de projet PCS", "Cheffe de projet PCS"), ("Travailleur de rue", "Travailleuse de rue")],
    "cpas": [
        ("Assistant social", "Assistante sociale"),
        ("Responsable du service d'insertion", "Responsable du service d'insertion"),
    ],
    "ili": [
        ("Coordinateur de l'ILI", "Coordinatrice de l'ILI"),
        ("Formateur FLE", "Formatrice FLE"),
        ("Animateur citoyenneté", "Animatrice citoyenneté"),
        ("Assistant social", "Assistante sociale"),
    ],
    "cada": [
        ("Directeur du centre", "Directrice du centre"),
        ("Assistant social", "Assistante sociale"),
        ("Éducateur", "Éducatrice"),
    ],
    "mena": [("Éducateur", "Éducatrice"), ("Référent autonomie", "Référente autonomie")],
    "ila": [("Assistant social ILA", "Assistante sociale ILA"), ("Responsable ILA", "Responsable ILA")],
    "school": [("Professeur de FLE", "Professeure de FLE"), ("Directeur", "Directrice")],
    "health": [
        ("Psychologue", "Psychologue"),
        ("Médecin généraliste", "Médecin généraliste"),
        ("Infirmier", "Infirmière"),
    ],
    "employment": [("Conseiller emploi", "Conseillère emploi"), ("Job coach", "Job coach")],
    "housing": [("Capteur logement", "Captrice logement"), ("Gestionnaire locatif", "Gestionnaire locative")],
    "culture": [("Animateur", "Animatrice"), ("Médiateur culturel", "Médiatrice culturelle")],
    "other": [
        ("Coordinateur", "Coordinatrice"),
        ("Animateur", "Animatrice"),
        ("Interprète social", "Interprète sociale"),
        ("Juriste", "Juriste"),
    ],
}
EXPERTISE_BY_TYPE = {
    "cri": ["parcours", "interculturalite", "mediation", "racisme", "sejour", "langue"],
    "commune": ["parcours", "sejour", "nationalite"],
    "pcs": ["interculturalite", "logement", "racisme", "mediation"],
    "cpas": ["sejour", "logement", "emploi", "regroupement-familial"],
    "ili": ["langue", "parcours", "interculturalite", "emploi"],
    "cada": ["protection-internationale", "exil-trauma", "sejour"],
    "mena": ["mena", "exil-trauma", "logement"],
    "ila": ["protection-internationale", "logement", "sejour"],
    "school": ["langue", "equivalence-diplomes", "mena"],
    "health": ["sante-mentale", "exil-trauma", "mediation"],
    "employment": ["emploi", "equivalence-diplomes"],
    "housing": ["logement", "racisme"],
    "culture": ["interculturalite", "racisme"],
    "other": ["interculturalite", "mediation", "racisme", "regroupement-familial", "nationalite"],
}
LANGUAGES = [
    ("anglais", 0.45),
    ("néerlandais", 0.2),
    ("arabe", 0.22),
    ("espagnol", 0.08),
    ("turc", 0.05),
    ("dari", 0.05),
    ("tigrinya", 0.04),
    ("lingala", 0.05),
    ("russe", 0.04),
    ("albanais", 0.03),
    ("pachto", 0.03),
]

# Offers by organisation type: (offer type, unit or None, capacity range, description, publics).
HOURS, PLACES = CapacityUnit.HOURS, CapacityUnit.PLACES
OFFERS_BY_TYPE = {
    "cri": [
        ("citizenship", HOURS, (600, 900), "Formation à la citoyenneté du parcours d'intégration (60 h)", ["newcomer"]),
        ("other", PLACES, (300, 500), "Module d'accueil personnalisé et bilan social", ["newcomer"]),
        ("legal-help", None, None, "Permanence juridique en droit des étrangers", ["newcomer", "foreign-origin"]),
    ],
    "commune": [("other", None, None, "Accueil des nouveaux habitants et information sur le parcours d'intégration", ["newcomer"])],
    "pcs": [
        ("social-help", None, None, "Permanence sociale de quartier et orientation", ["all"]),
        ("other", None, None, "Rencontres interculturelles dans les quartiers", ["all", "foreign-origin"]),
    ],
    "cpas": [
        ("social-help", None, None, "Aide sociale et accompagnement des personnes étrangères", ["all"]),
        ("isp", PLACES, (10, 30), "Mise à l'emploi (article 60) et accompagnement", ["workers", "newcomer"]),
    ],
    "ili": [
        ("fle", PLACES, (24, 60), "Cours de français langue étrangère, niveaux A1 à B1", ["newcomer", "women"]),
        ("citizenship", HOURS, (120, 360), "Modules de citoyenneté en petits groupes", ["newcomer"]),
        ("literacy", PLACES, (10, 24), "Alphabétisation pour adultes, en journée", ["foreign-origin", "women"]),
    ],
    "cada": [
        ("asylum-reception", PLACES, (120, 300), "Accueil collectif de demandeurs de protection internationale", ["asylum-seekers"]),
    ],
    "mena": [("mena-support", PLACES, (12, 30), "Accompagnement vers l'autonomie des MENA de 16 à 18 ans", ["mena", "youth"])],
    "ila": [("asylum-reception", PLACES, (6, 24), "Logements individuels pour demandeurs de protection internationale", ["asylum-seekers"])],
    "school": [
        ("fle", PLACES, (30, 90), "FLE en promotion sociale, cours du soir", ["newcomer", "workers"]),
        ("literacy", PLACES, (12, 30), "Alphabétisation, niveau débutant", ["foreign-origin"]),
    ],
    "health": [("other", HOURS, (200, 600), "Consultations avec interprète", ["asylum-seekers", "newcomer"])],
    "employment": [("isp", PLACES, (12, 40), "Orientation et formation qualifiante", ["workers", "newcomer"])],
    "housing": [("social-help", PLACES, (10, 40), "Accompagnement dans la recherche d'un logement", ["newcomer", "asylum-seekers"])],
    "culture": [("other", None, None, "Ateliers interculturels et tables de conversation", ["all"])],
    "other": [("other", None, None, "Activités de rencontre et d'entraide", ["all"])],
}  # fmt: skip
OFFERS_BY_NAME = {
    "Service d'interprétariat social Parole partagée": [
        ("interpreting", HOURS, (1200, 2400), "Interprétariat en milieu social, sur place ou par téléphone", ["newcomer", "asylum-seekers"]),
    ],
    "Permanence juridique Droits en main": [
        ("legal-help", None, None, "Consultations juridiques gratuites : séjour, regroupement familial", ["newcomer", "foreign-origin"]),
    ],
    "Maison de quartier du Bois": [
        ("fle", PLACES, (12, 20), "Tables de conversation en français", ["women", "foreign-origin"]),
        ("literacy", PLACES, (8, 15), "Atelier d'alphabétisation du mardi", ["women"]),
    ],
    "Cabinet de traduction Lingua Franca": [
        ("interpreting", HOURS, (200, 500), "Traductions jurées et interprétariat sur rendez-vous", ["all"]),
    ],
    "Association Terre d'accueil": [
        ("fle", PLACES, (10, 20), "Cours de français par des bénévoles", ["newcomer"]),
    ],
    "Agence d'intérim Horizon Travail": [
        ("isp", PLACES, (5, 15), "Premières missions accompagnées pour primo-arrivants", ["workers", "newcomer"]),
    ],
}  # fmt: skip
# ILI give some of their courses in a neighbouring commune (antennas).
ANTENNAS = {"ILI Le Fil d'Ariane": "91030", "ILI La Boussole": "93088", "ILI Racines et Ailes": "92097"}

# Spaces: (name, kind, carrier (None: the centre), territory NIS, axes, theme, member org types, published,
# topic codes). Member types None: any type.
ALL_AXES = [
    "revenu-digne",
    "sante-aide-sociale",
    "logement-environnement",
    "travail",
    "formation",
    "epanouissement",
]
SPACES = [
    (
        "Plateforme provinciale de lutte contre le racisme", SpaceKind.STATUTORY, None, "90000",
        ["epanouissement", "travail", "logement-environnement"],
        "Lutte contre le racisme et les discriminations",
        "Plateforme née du PPLI : actions de sensibilisation, semaine d'actions contre le racisme, relais des situations de discrimination.",
        None, True, ["racisme", "discrimination-emploi", "participation", "femmes", "partenaire"],
    ),
    (
        "Plateforme FLE et alphabétisation", SpaceKind.STATUTORY, None, "90000", ["formation"],
        "Apprentissage du français et alphabétisation",
        "Les opérateurs de FLE et d'alphabétisation de la province coordonnent leur offre et leurs listes d'attente.",
        {"ili", "school", "cpas", "pcs", "other"}, True, ["fle", "parcours", "mobilite", "numerique", "daspa"],
    ),
    (
        "Plateforme accueil des demandeurs de protection internationale", SpaceKind.STATUTORY, None, "90000",
        ["sante-aide-sociale", "logement-environnement"],
        "Accueil et sortie des centres",
        "Centres d'accueil, ILA, CPAS et services juridiques : transition vers le logement, accès aux droits.",
        {"cada", "ila", "mena", "cpas", "health", "other"}, True, ["logement", "soins", "regroupement", "sante-mentale"],
    ),
    (
        "Plateforme des initiatives locales d'intégration", SpaceKind.STATUTORY, None, "90000",
        ["formation", "epanouissement"],
        "Accompagnement des ILI",
        "Rencontre régulière des ILI agréées et du C.A.I. : agrément, programmation, échange de pratiques.",
        {"ili", "pcs"}, True, ["agrement", "fle", "constats", "parcours"],
    ),
    (
        "Assemblée plénière du PPLI", SpaceKind.STATUTORY, None, "90000", ALL_AXES,
        "Pilotage du Plan provincial et local d'intégration",
        "Assemblée de tous les partenaires du PPLI et son comité de préparation.",
        None, True, ["constats", "plenaire", "pst", "evaluation"],
    ),
    (
        "Espace décentralisé de Dinant", SpaceKind.DECENTRALIZED, "ILI Le Fil d'Ariane", "91000", ALL_AXES,
        "Concertation locale de l'arrondissement de Dinant",
        "Les acteurs de l'arrondissement de Dinant partagent leurs constats et construisent des actions communes.",
        None, True, ["mobilite", "fle", "logement", "pst", "partenaire"],
    ),
    (
        "Espace décentralisé de Philippeville", SpaceKind.DECENTRALIZED, "ILI La Boussole", "93000", ALL_AXES,
        "Concertation locale de l'arrondissement de Philippeville",
        "Concertation des communes, CPAS et associations de l'Entre-Sambre-et-Meuse.",
        None, True, ["mobilite", "logement", "soins", "partenaire", "constats"],
    ),
    (
        "Espace décentralisé de la Basse-Sambre", SpaceKind.DECENTRALIZED, "Plan de cohésion sociale de Sambreville", "92137",
        ["travail", "formation", "logement-environnement"],
        "Concertation locale Sambreville et environs",
        "Espace animé avec le PCS de Sambreville, ouvert aux communes voisines.",
        None, True, ["discrimination-emploi", "fle", "pst", "participation"],
    ),
    (
        "Espace décentralisé de Gembloux", SpaceKind.DECENTRALIZED, "ILI Trait d'union", "92142",
        ["formation", "epanouissement", "sante-aide-sociale"],
        "Concertation locale de Gembloux",
        "Acteurs gembloutois de l'accueil et de l'intégration, dont le centre d'accueil.",
        None, True, ["parcours", "soins", "numerique", "partenaire"],
    ),
    (
        "Espace décentralisé d'Andenne", SpaceKind.DECENTRALIZED, "ILI Racines et Ailes", "92003",
        ["epanouissement", "logement-environnement"],
        "Concertation locale d'Andenne",
        "Concertation des acteurs andennais, avec le PCS et la maison médicale.",
        None, False, ["logement", "participation", "femmes", "fle"],
    ),
    (
        "Groupe thématique santé mentale et exil", SpaceKind.THEMATIC, "Service de santé mentale L'Ancrage", "90000",
        ["sante-aide-sociale"],
        "Santé mentale des personnes exilées",
        "Soignants, centres d'accueil et services sociaux : accès aux soins psychologiques, interprétariat.",
        {"health", "cada", "mena", "cpas", "ila", "other"}, True, ["sante-mentale", "interpretariat", "soins", "femmes"],
    ),
    (
        "Coordination MENA", SpaceKind.THEMATIC, "Maison MENA L'Escale", "90000",
        ["formation", "logement-environnement", "sante-aide-sociale"],
        "Mineurs étrangers non accompagnés",
        "Structures MENA, écoles et services de la province : autonomie, majorité, scolarité.",
        {"mena", "school", "cada", "cpas", "health"}, True, ["mena", "daspa", "logement", "sante-mentale"],
    ),
    (
        "Groupe thématique logement", SpaceKind.THEMATIC, "Agence immobilière sociale Les Toits partagés", "92000",
        ["logement-environnement", "revenu-digne"],
        "Accès au logement",
        "Agences immobilières sociales, CPAS et associations : garanties locatives, discriminations au logement.",
        {"housing", "cpas", "pcs", "ila", "cada"}, False, ["logement", "racisme", "regroupement"],
    ),
    (
        "Groupe thématique emploi et équivalence des diplômes", SpaceKind.THEMATIC, "CISP Le Tremplin", "90000",
        ["travail", "revenu-digne", "formation"],
        "Insertion socioprofessionnelle",
        "Opérateurs d'insertion, CPAS et écoles : équivalences, discriminations à l'embauche, formations qualifiantes.",
        {"employment", "cpas", "school", "ili"}, True, ["equivalence", "discrimination-emploi", "numerique"],
    ),
    (
        "Groupe thématique interprétariat social", SpaceKind.THEMATIC, "Service d'interprétariat social Parole partagée", "90000",
        ["sante-aide-sociale", "epanouissement"],
        "Interprétariat en milieu social",
        "Services qui recourent à l'interprétariat : besoins, langues rares, délais.",
        {"other", "health", "cpas", "cada", "ili"}, True, ["interpretariat", "soins", "sante-mentale"],
    ),
]  # fmt: skip
PLENARY_SPACE = "Assemblée plénière du PPLI"
PARTNER_LINK = (
    "ILI Trait d'union",
    "Coordination de l'ILI",
    "Espace décentralisé de Gembloux",
    "Plateforme FLE et alphabétisation",
)
COORDINATOR_SPACES = [
    "Plateforme provinciale de lutte contre le racisme",
    "Plateforme FLE et alphabétisation",
    "Plateforme des initiatives locales d'intégration",
    PLENARY_SPACE,
]

# Meeting topics: code -> (title, agenda point, minutes variants, decisions). Placeholders: {commune},
# {org}, {n}.
TOPICS = {
    "fle": (
        "Listes d'attente en FLE",
        "Listes d'attente en FLE : état des lieux",
        [
            "Les opérateurs signalent {n} personnes en liste d'attente ; les cours du soir sont saturés à {commune}.",
            "{org} a ouvert un groupe supplémentaire ; l'attente reste de plusieurs mois pour le niveau A1.",
        ],
        [
            "Recenser les places FLE disponibles au second semestre et diffuser le tableau aux partenaires.",
            "Proposer une orientation commune des personnes en attente vers les tables de conversation.",
        ],
    ),
    "parcours": (
        "Parcours d'intégration : bilan du semestre",
        "Parcours d'intégration : chiffres du bureau d'accueil",
        [
            "Le C.A.I. présente les chiffres du semestre : {n} conventions signées, délais de rendez-vous en hausse.",
            "Les communes relaient mieux l'information sur le parcours ; {commune} demande des supports traduits.",
        ],
        ["Organiser une séance d'information sur le parcours pour les agents communaux de {commune}."],
    ),
    "logement": (
        "Accès au logement à la sortie des centres",
        "Logement : sortie des centres d'accueil",
        [
            "Les loyers et les garanties locatives freinent la sortie des centres ; {n} familles cherchent encore un logement.",
            "Plusieurs refus de location liés à l'origine ont été rapportés à {commune}.",
        ],
        [
            "Rédiger une note commune sur les garanties locatives à l'attention des CPAS.",
            "Inviter une agence immobilière sociale à présenter ses critères d'attribution.",
        ],
    ),
    "sante-mentale": (
        "Santé mentale et exil",
        "Santé mentale : délais et accès aux consultations",
        [
            "Les équipes relèvent des délais de plusieurs mois pour une consultation avec interprète.",
            "{org} présente son groupe de parole pour personnes exilées ; {n} participants cette année.",
        ],
        ["Inviter le service de santé mentale L'Ancrage à présenter son dispositif avec interprète."],
    ),
    "mena": (
        "MENA mis en autonomie",
        "MENA : passage à la majorité",
        [
            "Le passage à 18 ans reste un moment de rupture : logement, scolarité, tutelle qui s'arrête.",
            "{n} jeunes suivis cette année ; plusieurs attendent une place en studio supervisé.",
        ],
        [
            "Dresser la liste des contacts utiles par arrondissement pour les jeunes qui atteignent la majorité."
        ],
    ),
    "racisme": (
        "Semaine d'actions contre le racisme",
        "Semaine d'actions contre le racisme : programme",
        [
            "{n} activités sont proposées par les membres ; {commune} accueillera l'exposition itinérante.",
            "Bilan de l'édition précédente : bonne participation des écoles, peu de public adulte.",
        ],
        ["Coordonner le calendrier des activités et le diffuser avant la fin du mois."],
    ),
    "discrimination-emploi": (
        "Discriminations à l'embauche",
        "Discriminations à l'embauche : témoignages",
        [
            "Témoignages recueillis lors des permanences ; les personnes renoncent souvent à porter plainte.",
            "{org} constate des refus liés au port du foulard lors des stages.",
        ],
        [
            "Préparer une fiche d'orientation vers les services de signalement pour les travailleurs de première ligne."
        ],
    ),
    "interpretariat": (
        "Interprétariat en milieu social",
        "Interprétariat : demandes et délais",
        [
            "{n} demandes ce trimestre ; les langues les plus demandées sont le dari, le tigrinya et l'arabe.",
            "Les délais pour les langues rares dépassent deux semaines ; le recours à l'interprétariat par téléphone progresse.",
        ],
        ["Demander au service d'interprétariat un relevé des délais par langue."],
    ),
    "equivalence": (
        "Équivalence des diplômes",
        "Équivalence des diplômes : procédure et coûts",
        [
            "La procédure reste longue et coûteuse ; {n} personnes accompagnées cette année.",
            "{org} propose un accompagnement individuel pour constituer le dossier.",
        ],
        ["Organiser un atelier d'information sur la procédure d'équivalence."],
    ),
    "mobilite": (
        "Mobilité en zone rurale",
        "Mobilité : accès aux cours et aux services",
        [
            "Les apprenants des villages autour de {commune} n'ont pas de bus compatible avec les horaires des cours.",
            "Un projet de covoiturage solidaire est à l'essai ; {n} trajets par mois.",
        ],
        ["Étudier avec le PCS une solution de transport solidaire vers les lieux de formation."],
    ),
    "daspa": (
        "Accueil des élèves primo-arrivants",
        "Scolarité : classes DASPA et accueil des élèves",
        [
            "Les écoles avec DASPA sont peu nombreuses dans l'arrondissement ; certains élèves font une heure de trajet.",
            "{org} partage son expérience d'accueil de {n} élèves primo-arrivants.",
        ],
        ["Inviter les écoles de l'arrondissement disposant d'un DASPA à la prochaine réunion."],
    ),
    "numerique": (
        "Fracture numérique et démarches en ligne",
        "Démarches en ligne : fracture numérique",
        [
            "Les démarches en ligne (rendez-vous, allocations) excluent les personnes sans ordinateur ni connaissance du français.",
            "{org} ouvre un atelier numérique hebdomadaire ; {n} inscrits.",
        ],
        ["Recenser les espaces publics numériques accessibles aux apprenants."],
    ),
    "constats": (
        "Réactualisation des constats du PPLI",
        "PPLI 2.0 : relecture des constats du diagnostic",
        [
            "Relecture des constats du diagnostic 2016-2017 : la plupart restent valides, {n} sont à nuancer.",
            "Les partenaires apportent des constats de terrain nouveaux, notamment sur le logement et la santé mentale.",
        ],
        ["Chaque partenaire transmet ses constats de terrain au C.A.I. avant la prochaine réunion."],
    ),
    "soins": (
        "Accès aux soins",
        "Accès aux soins et aide médicale urgente",
        [
            "Les procédures d'aide médicale urgente diffèrent d'un CPAS à l'autre.",
            "{org} signale des refus de nouveaux patients faute de médecins disponibles à {commune}.",
        ],
        ["Clarifier avec les CPAS la procédure d'aide médicale urgente et la diffuser."],
    ),
    "regroupement": (
        "Regroupement familial",
        "Regroupement familial : questions fréquentes",
        [
            "Questions récurrentes sur les conditions de revenus et de logement du regroupant.",
            "{n} demandes d'information reçues ce trimestre par les permanences.",
        ],
        ["Solliciter une formation en droit des étrangers auprès du C.A.I."],
    ),
    "partenaire": (
        "Présentation d'un partenaire",
        "Présentation d'un partenaire",
        [
            "{org} présente ses activités, ses publics et ses projets pour l'année.",
            "Présentation de {org} et échange de questions.",
        ],
        [],
    ),
    "plenaire": (
        "Préparation de l'assemblée plénière",
        "Assemblée plénière : programme et ateliers",
        [
            "Le programme de la plénière est discuté : {n} ateliers sont proposés.",
            "Répartition des rôles pour l'animation des ateliers.",
        ],
        ["Valider le programme de l'assemblée plénière et envoyer les invitations."],
    ),
    "pst": (
        "PCS, PST et intégration",
        "Prise en compte des personnes étrangères dans le PCS et le PST",
        [
            "Le PST de {commune} mentionne l'accueil des nouveaux habitants ; l'interculturalité y reste peu présente.",
            "Échange sur les actions du PCS qui touchent les personnes étrangères.",
        ],
        ["Proposer une rencontre avec le service de cohésion sociale de {commune}."],
    ),
    "participation": (
        "Participation citoyenne",
        "Participation citoyenne des personnes étrangères",
        [
            "Peu de résidents étrangers sont inscrits comme électeurs communaux ; les démarches sont mal connues.",
            "{org} anime un groupe d'habitants de {n} personnes.",
        ],
        ["Relayer la campagne d'information sur le droit de vote des résidents étrangers."],
    ),
    "femmes": (
        "Femmes et exil",
        "Femmes migrantes : violences et accès aux droits",
        [
            "Les équipes rapportent des situations de violences conjugales liées au titre de séjour.",
            "{org} propose un groupe de paroles pour femmes ; {n} participantes.",
        ],
        ["Diffuser le répertoire des permanences spécialisées."],
    ),
    "agrement": (
        "Agrément des ILI",
        "Agrément des ILI : calendrier et dossiers",
        [
            "Point sur le passage à l'agrément : {n} dossiers introduits, questions sur les indicateurs.",
            "Le C.A.I. rappelle son offre d'accompagnement des ILI pour le rapport annuel.",
        ],
        ["Organiser un atelier d'aide à la rédaction du rapport d'activités."],
    ),
    "evaluation": (
        "Évaluation des actions",
        "Évaluation des actions de l'année",
        [
            "Tour de table des actions menées : {n} recommandations ont progressé.",
            "Les indicateurs de suivi sont difficiles à renseigner pour les petites associations.",
        ],
        ["Simplifier la grille d'évaluation envoyée aux partenaires."],
    ),
}
PLENARY_OPENING = "Accueil et introduction par le C.A.I. et la Province"
PLENARY_WORKSHOPS = "Ateliers par axe et restitution en séance"
MISC_MINUTES = [
    "Tour de table des actualités des partenaires.",
    "Le C.A.I. rappelle la prochaine formation en droit des étrangers.",
    "Aucun point divers.",
    "Annonce d'un nouveau guide du migrant en ligne.",
]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def _de(name: str) -> str:
    """The French preposition before a commune's name: "de Ciney", "d'Andenne"."""
    return f"d'{name}" if _slug(name)[:1] in "aeiouy" else f"de {name}"


def _closed(day: date) -> bool:
    """Weekends and the summer and Christmas holidays: no meeting then."""
    summer = (7, 15) <= (day.month, day.day) <= (8, 15)
    christmas = (day.month == 12 and day.day >= 23) or (day.month == 1 and day.day <= 3)
    return day.weekday() >= 5 or summer or christmas


def _working_day(day: date, lowest: date, highest: date, taken: frozenset | set = frozenset()) -> date:
    """The nearest open day at or after `day` (else before it), not taken, within [lowest, highest]."""
    for step in (1, -1):
        candidate = day
        while lowest <= candidate <= highest:
            if not _closed(candidate) and candidate not in taken:
                return candidate
            candidate += timedelta(days=step)
    return day


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS)


def is_loaded() -> bool:
    return (
        Organisation.objects.filter(is_demo=True).exists()
        or ConcertationSpace.objects.filter(is_demo=True).exists()
    )


@transaction.atomic
def load(stdout) -> None:
    if is_loaded():
        linked = _link_demo_accounts(timezone.localdate())
        suffix = f" Linked {linked} demo account(s)." if linked else ""
        stdout.write(f"Demo network already loaded.{suffix}")
        return
    communes = {
        t.nis_code: t
        for t in Territory.objects.active()
        .filter(level=Level.COMMUNE, province_code=PROVINCE_CODE)
        .select_related("parent")
    }
    if CENTRE_COMMUNE not in communes:
        stdout.write(
            f"Demo network skipped: the communes of the Province de Namur ({PROVINCE_CODE}) are not loaded "
            "(run `pli setup_data` first)."
        )
        return
    builder = _Builder(communes)
    builder.build()
    stdout.write(
        f"Demo network: {len(builder.organisations)} organisations, {len(builder.people)} people, "
        f"{builder.offer_count} offers, {len(builder.spaces)} spaces, {builder.meeting_count} meetings."
    )


class _Builder:
    def __init__(self, communes: dict[str, Territory]):
        self.rng = random.Random(SEED)
        self.today = timezone.localdate()
        self.communes = communes
        self.territories = {
            t.nis_code: t
            for t in Territory.objects.filter(
                nis_code__in=[PROVINCE_CODE, *{c.parent.nis_code for c in communes.values() if c.parent}]
            )
        }
        self.org_types = {t.code: t for t in OrganisationType.objects.all()}
        self.offer_types = {t.code: t for t in OfferType.objects.all()}
        self.publics = {p.code: p for p in Public.objects.all()}
        self.expertise = {e.code: e for e in ExpertiseArea.objects.all()}
        self.axes = {a.code.removeprefix("pcs-2014-"): a for a in Axis.objects.filter(framework="pcs-2014")}
        self.organisations: dict[str, Organisation] = {}
        self.org_type_code: dict[str, str] = {}
        self.people: list[Person] = []
        self.spaces: dict[str, ConcertationSpace] = {}
        self.offer_count = 0
        self.meeting_count = 0

    def build(self) -> None:
        self._organisations()
        self._people()
        self._offers()
        self._spaces()
        _link_demo_accounts(self.today)
        self._meetings()

    # --- organisations -----------------------------------------------------------------------------

    def _org_type(self, code: str) -> OrganisationType:
        return self.org_types.get(code) or self.org_types["other"]

    def _organisations(self) -> None:
        rng = self.rng
        taken = {
            (name.lower(), commune_id)
            for name, commune_id in Organisation.objects.values_list("name", "commune_id")
        }
        rows = [("cri", CENTRE_NAME, CENTRE_COMMUNE, ASSOCIATIVE)] + [
            row for row in ORGANISATIONS if row[2] in self.communes
        ]
        objects = []
        for index, (type_code, name, nis, sector) in enumerate(rows):
            commune = self.communes[nis]
            if (name.lower(), commune.pk) in taken:  # a real organisation already has this name here
                name = f"{name} (démo)"
            is_centre = type_code == "cri"
            partner = is_centre or type_code in ALWAYS_PARTNER or rng.random() < 0.4
            since = None
            if partner:
                since = (
                    date(2016, 1, 1)
                    if is_centre
                    else date(rng.randint(2016, 2024), rng.choice([1, 3, 6, 9, 10]), 1)
                )
            agreement = "Agrément CRI (démo)" if is_centre else ""
            if partner and type_code in AGREEMENTS and rng.random() < 0.7:
                agreement = AGREEMENTS[type_code]
            slug = _slug(name.replace("(démo)", ""))[:40].strip("-")
            zone = PHONE_ZONE.get(nis[:2], "81")
            objects.append(
                Organisation(
                    name=name,
                    sector=sector,
                    type=self._org_type(type_code),
                    address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {commune.name_fr}",
                    commune=commune,
                    website=f"https://{slug}.example.org",
                    email=f"contact@{slug}.example.org",
                    phone=f"+32 {zone} 00 00 {index:02d}",
                    is_partner=partner,
                    partner_since=since,
                    agreement=agreement,
                    is_demo=True,
                )
            )
            self.org_type_code[name] = type_code
        Organisation.objects.bulk_create(objects)
        self.organisations = {o.name: o for o in objects}
        self.centre = objects[0]
        served = Organisation.territories_served.through
        links = [served(organisation_id=self.centre.pk, territory_id=self.territories[PROVINCE_CODE].pk)]
        for org in objects[1:]:
            arrondissement = org.commune.parent
            if self.org_type_code[org.name] in SERVES_ARRONDISSEMENT and arrondissement:
                links.append(served(organisation_id=org.pk, territory_id=arrondissement.pk))
        served.objects.bulk_create(links)

    def org(self, name: str) -> Organisation:
        return self.organisations.get(name) or self.organisations.get(f"{name} (démo)") or self.centre

    # --- people ------------------------------------------------------------------------------------

    def _names(self, count: int) -> list[tuple[str, str, str]]:
        taken = set(Person.objects.values_list("full_name", flat=True))
        names, seen = [], set(taken)
        while len(names) < count:
            first, gender = self.rng.choice(FIRST_NAMES)
            last = self.rng.choice(SURNAMES)
            if f"{first} {last}" not in seen:
                seen.add(f"{first} {last}")
                names.append((first, last, gender))
        return names

    def _people(self) -> None:
        rng = self.rng
        staffing = []
        for org in self.organisations.values():
            type_code = self.org_type_code[org.name]
            count = 8 if type_code == "cri" else 3 if type_code == "ili" else rng.choice([1, 2, 2, 3, 3])
            staffing += [org] * count
        names = self._names(len(staffing))
        network_share = round(len(staffing) * 0.7)
        scopes = [ConsentScope.NETWORK] * network_share + [ConsentScope.INTERNAL] * (
            len(staffing) - network_share
        )
        rng.shuffle(scopes)
        emails = set(Person.objects.exclude(email="").values_list("email", flat=True))
        people, expertise_links = [], []
        through = Person.expertise.through
        for index, (org, (first, last, gender), scope) in enumerate(
            zip(staffing, names, scopes, strict=True)
        ):
            type_code = self.org_type_code[org.name]
            functions = FUNCTIONS.get(type_code, FUNCTIONS["other"])
            function = (
                functions[index % len(functions)] if type_code in {"cri", "ili"} else rng.choice(functions)
            )
            email = f"{_slug(first)[0]}.{_slug(last)}@example.org"
            if email in emails:
                email = f"{_slug(first)}.{_slug(last)}@example.org"
            emails.add(email)
            extra = [lang for lang, weight in LANGUAGES if rng.random() < weight][:3]
            if "Interprète" in function[0] and len(extra) < 3:
                extra += [lang for lang in ("dari", "tigrinya", "arabe") if lang not in extra][
                    : 3 - len(extra)
                ]
            zone = PHONE_ZONE.get(org.commune.nis_code[:2], "81")
            phone = (
                f"+32 470 00 {index // 100:02d} {index % 100:02d}"
                if rng.random() < 0.3
                else f"+32 {zone} 00 {index // 100 + 10:02d} {index % 100:02d}"
            )
            people.append(
                Person(
                    full_name=f"{first} {last}",
                    organisation=org,
                    function=function[1] if gender == "f" else function[0],
                    email=email,
                    phone=phone,
                    languages=", ".join(["français", *extra]),
                    consent_date=self.today - timedelta(days=rng.randint(30, 1000)),
                    consent_scope=scope,
                )
            )
        Person.objects.bulk_create(people)
        for person in people:
            codes = [
                c
                for c in EXPERTISE_BY_TYPE.get(self.org_type_code[person.organisation.name], [])
                if c in self.expertise
            ]
            codes = codes or list(self.expertise)
            for code in rng.sample(codes, min(len(codes), rng.randint(1, 3))):
                expertise_links.append(through(person_id=person.pk, expertisearea_id=self.expertise[code].pk))
        through.objects.bulk_create(expertise_links)
        self.people = people

    # --- offers ------------------------------------------------------------------------------------

    def _offers(self) -> None:
        rng = self.rng
        school_year = self.today.year if self.today.month >= 9 else self.today.year - 1
        offers, publics = [], []
        for org in self.organisations.values():
            type_code = self.org_type_code[org.name]
            specs = OFFERS_BY_NAME.get(org.name.replace(" (démo)", ""), OFFERS_BY_TYPE.get(type_code, []))
            for position, (code, unit, bounds, description, public_codes) in enumerate(specs):
                offer_type = self.offer_types.get(code) or self.offer_types.get("other")
                if offer_type is None:
                    continue
                commune = org.commune
                antenna = ANTENNAS.get(org.name)
                if antenna in self.communes and position == 0:
                    commune = self.communes[antenna]
                    description += f" (antenne {_de(commune.name_fr)})"
                if code in {"fle", "literacy", "citizenship"}:
                    starts, ends = date(school_year, 9, 1), date(school_year + 1, 6, 30)
                elif code in {"asylum-reception", "mena-support"}:
                    starts, ends = date(rng.randint(2016, 2023), rng.choice([1, 4, 9]), 1), None
                else:
                    starts, ends = None, None
                capacity = rng.randint(*bounds) if bounds else None
                if capacity and unit == PLACES and capacity > 30:
                    capacity -= capacity % 5
                offer = Offer(
                    organisation=org,
                    type=offer_type,
                    commune=commune,
                    description=description,
                    capacity=capacity,
                    capacity_unit=unit or PLACES,
                    starts_on=starts,
                    ends_on=ends,
                )
                offers.append(offer)
                publics.append([self.publics[p] for p in public_codes if p in self.publics])
        Offer.objects.bulk_create(offers)
        through = Offer.publics.through
        through.objects.bulk_create(
            [
                through(offer_id=offer.pk, public_id=public.pk)
                for offer, offer_publics in zip(offers, publics, strict=True)
                for public in offer_publics
            ]
        )
        self.offer_count = len(offers)

    # --- spaces and memberships ----------------------------------------------------------------------

    def _in_territory(self, person: Person, territory: Territory) -> bool:
        commune = person.organisation.commune
        if territory.level == Level.COMMUNE:
            return commune.pk == territory.pk
        if territory.level == Level.ARRONDISSEMENT:
            return commune.parent_id == territory.pk
        return True

    def _spaces(self) -> None:
        rng = self.rng
        taken = set(ConcertationSpace.objects.values_list("name", flat=True))
        centre_staff = [p for p in self.people if p.organisation_id == self.centre.pk]
        spaces, memberships, axis_links = [], [], []
        self.space_topics: dict[int, list[str]] = {}
        plans = []
        for name, kind, carrier_name, nis, axes, theme, description, types, published, topics in SPACES:
            territory = self.territories.get(nis) or self.communes.get(nis) or self.territories[PROVINCE_CODE]
            carrier = self.org(carrier_name) if carrier_name else self.centre
            space = ConcertationSpace(
                name=f"{name} (démo)" if name in taken else name,
                theme=theme,
                description=description,
                kind=kind,
                carried_by=carrier,
                territory=territory,
                is_published=published,
                is_demo=True,
            )
            spaces.append(space)
            plans.append((name, carrier, territory, types, axes, topics))
        ConcertationSpace.objects.bulk_create(spaces)
        through = ConcertationSpace.axes.through
        for space, (name, carrier, territory, types, axes, topics) in zip(spaces, plans, strict=True):
            self.spaces[name] = space
            self.space_topics[space.pk] = topics
            axis_links += [
                through(concertationspace_id=space.pk, axis_id=self.axes[a].pk)
                for a in axes
                if a in self.axes
            ]
            # Facilitators: one from the carrier; a centre co-facilitator for some partner-carried spaces.
            linked = name in COORDINATOR_SPACES or name == PARTNER_LINK[2]
            carrier_staff = [p for p in self.people if p.organisation_id == carrier.pk]
            facilitators = [rng.choice(carrier_staff or centre_staff)]
            if carrier != self.centre and not linked and rng.random() < 0.5:
                facilitators.append(rng.choice(centre_staff))
            pool = [
                p
                for p in self.people
                if p not in facilitators
                and p.organisation_id != self.centre.pk
                and (types is None or self.org_type_code[p.organisation.name] in types)
                and self._in_territory(p, territory)
            ]
            if territory.level == Level.COMMUNE:  # open to the rest of the arrondissement
                pool += [
                    p
                    for p in self.people
                    if p not in pool
                    and p not in facilitators
                    and p.organisation_id != self.centre.pk
                    and p.organisation.commune.parent_id == territory.parent_id
                ]
            size = rng.randint(6, 13) - len(facilitators)
            chosen = rng.sample(pool, min(size, len(pool)))
            if self.centre.pk not in {p.organisation_id for p in facilitators}:
                chosen.append(rng.choice([p for p in centre_staff if p not in chosen]))
            first_meeting = self.today - timedelta(days=400)
            for person in facilitators:
                memberships.append(
                    Membership(
                        space=space,
                        person=person,
                        role=MemberRole.FACILITATOR,
                        since=self._since(first_meeting),
                    )
                )
            for person in chosen:
                recent = rng.random() < 0.1
                since = (
                    self.today - timedelta(days=rng.randint(60, 300))
                    if recent
                    else self._since(first_meeting)
                )
                role = MemberRole.GUEST if rng.random() < 0.04 else MemberRole.MEMBER
                memberships.append(Membership(space=space, person=person, role=role, since=since))
        through.objects.bulk_create(axis_links)
        Membership.objects.bulk_create(memberships)

    def _since(self, before: date) -> date:
        start = date(2016, 9, 1)
        return start + timedelta(days=self.rng.randint(0, max(0, (before - start).days)))

    # --- meetings ------------------------------------------------------------------------------------

    def _meetings(self) -> None:
        rng = self.rng
        today = self.today
        now = timezone.now()
        window_start, window_end = today - timedelta(days=365), today - timedelta(days=1)
        memberships: dict[int, list[Membership]] = {}
        rows = Membership.objects.filter(space__in=list(self.spaces.values()))
        for membership in rows.select_related("person__organisation").order_by("pk"):
            memberships.setdefault(membership.space_id, []).append(membership)
        meetings, meeting_plans = [], []
        for name, space in self.spaces.items():
            past_count = rng.randint(4, 10)
            days = set()
            plenary_day = None
            if name == PLENARY_SPACE:
                # The last November plenary already held (the PPLI closes its year in November).
                year = today.year if date(today.year, 11, 27) < today else today.year - 1
                lowest = max(date(year, 11, 1), window_start)
                plenary_day = _working_day(
                    max(date(year, 11, rng.randint(15, 24)), lowest), lowest, date(year, 11, 30)
                )
                days.add(plenary_day)
            slot = 364 // past_count
            for i in range(past_count - len(days)):
                day = window_start + timedelta(days=slot * i + rng.randint(0, slot - 1))
                days.add(_working_day(day, window_start, window_end, days))
            past_days = sorted(d for d in days if d < today)
            upcoming_days = []
            for _ in range(rng.randint(1, 2)):
                offset = rng.randint(3, 20) if not upcoming_days else rng.randint(24, 41)
                upcoming_days.append(
                    _working_day(
                        today + timedelta(days=offset), today + timedelta(days=1), today + timedelta(days=42)
                    )
                )
            morning = rng.random() < 0.6
            for day in past_days + sorted(set(upcoming_days)):
                plenary = day == plenary_day
                meeting = self._meeting(space, day, morning if rng.random() < 0.8 else not morning, plenary)
                meetings.append(meeting)
                meeting_plans.append((meeting, memberships.get(space.pk, []), meeting.starts_at < now))
        # Agenda, minutes and attendance are decided together, before the rows are written.
        attendances, decisions = [], []
        for meeting, members, is_past in meeting_plans:
            topics = self._pick_topics(meeting, members)
            meeting.title = self._title(meeting, topics)
            meeting.agenda = self._agenda(meeting, topics)
            if is_past:
                rows = self._attendance(meeting, members)
                attendances += rows
                meeting.minutes = self._minutes(meeting, topics, rows, members)
                decisions += self._decisions(meeting, topics, rows, members)
        Meeting.objects.bulk_create(meetings)
        for row in attendances:
            row.meeting_id = row.meeting.pk
        for row in decisions:
            row.meeting_id = row.meeting.pk
        Attendance.objects.bulk_create(attendances)
        Decision.objects.bulk_create(decisions)
        self.meeting_count = len(meetings)

    def _meeting(self, space, day, morning, plenary) -> Meeting:
        if plenary:
            start, end = _at(day, 9, 30), _at(day, 16, 0)
            place, link = "Centre culturel de La Marlagne, Wépion", ""
        else:
            start, end = (
                (_at(day, 9, 30), _at(day, 12, 0)) if morning else (_at(day, 13, 30), _at(day, 16, 0))
            )
            place, link = self._place(space, day)
        return Meeting(
            space=space,
            title="",
            kind=MeetingKind.PLENARY if plenary else MeetingKind.ORDINARY,
            starts_at=start,
            ends_at=end,
            place=place,
            video_link=link,
        )

    def _place(self, space: ConcertationSpace, day: date) -> tuple[str, str]:
        rng = self.rng
        link = f"https://visio.example.org/{_slug(space.name)[:40].strip('-')}-{day:%Y%m%d}"
        draw = rng.random()
        if draw < 0.2:
            return "Visioconférence", link
        territory = space.territory
        if territory.level == Level.COMMUNE:
            commune = territory
        elif territory.level == Level.ARRONDISSEMENT:
            commune = rng.choice(
                [c for c in self.communes.values() if c.parent_id == territory.pk]
                or [space.carried_by.commune]
            )
        else:
            commune = rng.choice(
                [
                    space.carried_by.commune,
                    self.communes[CENTRE_COMMUNE],
                    *rng.sample(list(self.communes.values()), 2),
                ]
            )
        cities = {
            "Namur",
            "Dinant",
            "Ciney",
            "Andenne",
            "Gembloux",
            "Couvin",
            "Philippeville",
            "Rochefort",
            "Sambreville",
        }
        building = "Hôtel de ville" if commune.name_fr in cities else "Maison communale"
        choices = [
            f"Salle du conseil, {building} {_de(commune.name_fr)}",
            "Locaux du C.A.I., " + space.carried_by.address
            if space.carried_by == self.centre
            else f"{space.carried_by.name}, {space.carried_by.address}",
            f"Salle polyvalente, Maison de quartier du Bois, {self.communes[CENTRE_COMMUNE].name_fr}"
            if commune.nis_code == CENTRE_COMMUNE
            else f"Salle polyvalente du CPAS {_de(commune.name_fr)}",
        ]
        place = rng.choice(choices)
        return place, link if draw > 0.9 else ""

    def _pick_topics(self, meeting: Meeting, members: list[Membership]) -> list[str]:
        rng = self.rng
        if meeting.kind == MeetingKind.PLENARY:
            return ["constats", "evaluation", "pst"]
        preferred = self.space_topics[meeting.space_id]
        count = rng.choice([1, 2, 2, 3])
        topics = rng.sample(preferred, min(count, len(preferred)))
        if rng.random() < 0.2:
            extra = rng.choice(sorted(set(TOPICS) - set(topics) - {"plenaire"}))
            topics.append(extra)
        return topics[:3]

    def _title(self, meeting: Meeting, topics: list[str]) -> str:
        if meeting.kind == MeetingKind.PLENARY:
            return f"Assemblée plénière du PPLI {timezone.localtime(meeting.starts_at).year}"
        return TOPICS[topics[0]][0]

    def _agenda(self, meeting: Meeting, topics: list[str]) -> str:
        if meeting.kind == MeetingKind.PLENARY:
            points = [PLENARY_OPENING, *(TOPICS[t][1] for t in topics), PLENARY_WORKSHOPS]
            return "\n".join(f"{i}. {p}" for i, p in enumerate(points, 1))
        points = ["Approbation du procès-verbal de la réunion précédente"]
        points += [TOPICS[t][1] for t in topics]
        if len(points) < 5 and self.rng.random() < 0.6:
            points.append("Divers")
        return "\n".join(f"{i}. {p}" for i, p in enumerate(points, 1))

    def _context(self, meeting: Meeting, members: list[Membership]) -> dict:
        rng = self.rng
        orgs = [m.person.organisation for m in members if m.person.organisation_id] or [
            meeting.space.carried_by
        ]
        org = rng.choice(orgs)
        return {"org": org.name, "commune": org.commune.name_fr, "n": rng.randint(3, 45)}

    def _minutes(self, meeting, topics, rows, members) -> str:
        rng = self.rng
        counts = {status: sum(1 for r in rows if r.status == status) for status in AttendanceStatus.values}
        lines = [
            f"Présents : {counts['present']} — excusés : {counts['excused']} — absents : {counts['absent']}."
        ]
        if meeting.kind == MeetingKind.PLENARY:
            lines.append(
                f"1. {PLENARY_OPENING} — Le C.A.I. rappelle la démarche du PPLI 2.0 et les travaux de l'année."
            )
        elif rng.random() < 0.8:
            lines.append("1. Approbation du procès-verbal — Approuvé sans remarque.")
        else:
            lines.append("1. Approbation du procès-verbal — Approuvé moyennant une correction au point 2.")
        for number, topic in enumerate(topics, 2):
            text = rng.choice(TOPICS[topic][2]).format(**self._context(meeting, members))
            lines.append(f"{number}. {TOPICS[topic][1]} — {text}")
        if meeting.kind == MeetingKind.PLENARY:
            lines.append(
                f"{len(topics) + 2}. {PLENARY_WORKSHOPS} — Six ateliers, un par axe ; leurs propositions "
                "nourriront les recommandations de l'année à venir."
            )
        elif "Divers" in meeting.agenda:
            lines.append(f"{len(topics) + 2}. Divers — {rng.choice(MISC_MINUTES)}")
        return "\n\n".join(lines)

    def _attendance(self, meeting: Meeting, members: list[Membership]) -> list[Attendance]:
        rng = self.rng
        day = timezone.localtime(meeting.starts_at).date()
        rows = []
        for membership in members:
            if membership.since > day:
                continue
            if membership.role == MemberRole.FACILITATOR:
                status = AttendanceStatus.PRESENT if rng.random() < 0.95 else AttendanceStatus.EXCUSED
            else:
                draw = rng.random()
                status = (
                    AttendanceStatus.PRESENT
                    if draw < 0.7
                    else AttendanceStatus.EXCUSED
                    if draw < 0.9
                    else AttendanceStatus.ABSENT
                )
            rows.append(Attendance(meeting=meeting, person=membership.person, status=status))
        member_ids = {m.person.pk for m in members}
        outsiders = [p for p in self.people if p.pk not in member_ids]
        guests = 0
        if meeting.kind == MeetingKind.PLENARY:
            guests = min(len(outsiders), 25)
        elif rng.random() < 0.2:
            guests = 1
        for person in rng.sample(outsiders, guests):
            rows.append(
                Attendance(meeting=meeting, person=person, status=AttendanceStatus.PRESENT, is_guest=True)
            )
        return rows

    def _decisions(self, meeting, topics, rows, members) -> list[Decision]:
        rng = self.rng
        candidates = [text for t in topics for text in TOPICS[t][3]]
        count = min(len(candidates), rng.choice([0, 1, 1, 2, 2, 3]))
        present = [r.person for r in rows if r.status == AttendanceStatus.PRESENT and not r.is_guest]
        facilitators = [m.person for m in members if m.role == MemberRole.FACILITATOR]
        day = timezone.localtime(meeting.starts_at).date()
        decisions = []
        for text in rng.sample(candidates, count):
            due = day + timedelta(days=rng.choice([14, 21, 30, 45, 60, 90]))
            decisions.append(
                Decision(
                    meeting=meeting,
                    text=text.format(**self._context(meeting, members)),
                    follow_up_by=rng.choice(present or facilitators) if (present or facilitators) else None,
                    due_on=due,
                    done=due < self.today and rng.random() < 0.7,
                )
            )
        return decisions


def _link_demo_accounts(today: date) -> int:
    """Give the demo partner and coordinator accounts a person and roles in the demo spaces.

    Idempotent: creates only what is missing; does nothing when the accounts do not exist.
    """
    spaces = {}
    for space in ConcertationSpace.objects.filter(is_demo=True):
        spaces[space.name.removesuffix(" (démo)")] = space
    centre = Organisation.objects.filter(is_demo=True, type__code="cri").order_by("pk").first()
    partner_org = (
        Organisation.objects.filter(
            is_demo=True, name__in=[PARTNER_LINK[0], f"{PARTNER_LINK[0]} (démo)"]
        ).first()
        or centre
    )
    plans = [
        (PARTNER_EMAIL, partner_org, PARTNER_LINK[1], [(PARTNER_LINK[2], MemberRole.FACILITATOR), (PARTNER_LINK[3], MemberRole.MEMBER)]),
        (COORDINATOR_EMAIL, centre, "Coordination du PPLI", [(name, MemberRole.FACILITATOR) for name in COORDINATOR_SPACES]),
    ]  # fmt: skip
    linked = 0
    for email, organisation, function, roles in plans:
        user = get_user_model().objects.filter(email=email).first()
        if user is None or organisation is None:
            continue
        person = Person.objects.filter(user=user).first()
        if person is None:
            person = Person.objects.create(
                full_name=user.full_name or email.split("@")[0],
                organisation=organisation,
                function=function,
                email=user.email,
                languages="français, anglais",
                consent_date=today - timedelta(days=400),
                consent_scope=ConsentScope.NETWORK,
                user=user,
            )
            linked += 1
        for space_name, role in roles:
            space = spaces.get(space_name)
            if space is not None:
                Membership.objects.get_or_create(
                    space=space, person=person, defaults={"role": role, "since": today - timedelta(days=400)}
                )
    return linked
