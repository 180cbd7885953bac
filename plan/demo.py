"""Demonstration plans for the Province de Namur, loaded by `pli demo` after the demo findings.

Two versions of the PPLI:

* the "PPLI 2016-2019": adopted in June 2016 by the provincial council, closed by the plenary assembly
  of November 2019 and published; thirty priorities across the six rights of the PCS 2014-2019, each
  justified by findings of the demo "Méta-diagnostic provincial 2016-2017", with about sixty
  recommendations, their territories, publics, addressees, means, partner organisations of the demo
  network and a dated timeline of progress from 2016 to 2019;
* the "PPLI 2.0", in preparation: a new version of the first (`plan.services.new_version`), then
  reworked so that the comparison of the two versions says something: priorities reworded, removed
  and added (digital access to rights, temporary protection, energy poverty, French close to villages
  and work), recommendations added that cite the draft findings of the "Actualisation PPLI 2.0", and
  the first progress updates of its first year, dated relative to the day the demo is loaded.

The demo partner account's organisation is a resource of recommendations in both versions, so that a
partner sees the unpublished plan and can post progress. Everything goes through the models and
`plan.services`; the content is fixed (no randomness). Loading twice creates nothing more: the plans
carry `is_demo`.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from diagnostic.demo import FINDINGS
from diagnostic.models import Diagnostic, Finding, FindingWording
from network.models import Organisation, Person
from plan import services
from plan.choices import MeansKind, PlanKind, PlanStatus, RecommendationStatus, ResourceRole
from plan.models import Means, Plan, Priority, ProgressUpdate, Recommendation, Resource
from territory.choices import Level
from territory.models import Territory
from vocabulary.models import Axis, Public

PROVINCE_CODE = "90000"
FRAMEWORK = "pcs-2014"
COORDINATOR_EMAIL = "coordination@demo.pli.local"
PARTNER_EMAIL = "partenaire@demo.pli.local"
BRUSSELS = ZoneInfo("Europe/Brussels")

PLAN_2016 = {
    "title": "PPLI 2016-2019 — Plan provincial et local d'intégration de Namur",
    "version_label": "PPLI 2016-2019",
    "start_year": 2016,
    "end_year": 2019,
    "carriers": "Province de Namur, CLPS, C.A.I.",
    "adopted_on": date(2016, 6, 23),
    "adopted_by": "Conseil provincial de Namur",
    "closed_on": date(2019, 11, 26),
    "closed_by": "Assemblée plénière du PPLI (novembre 2019)",
    "summary": (
        "Premier plan provincial et local d'intégration de la Province de Namur, construit sur le "
        "méta-diagnostic provincial 2016-2017. Trente priorités réparties sur les six axes d'accès aux "
        "droits fondamentaux du PCS 2014-2019, portées par la Province, le CLPS et le C.A.I. avec les "
        "partenaires du réseau (ILI, CPAS, PCS, centres d'accueil, structures MENA et ILA)."
    ),
}
PLAN_2 = {
    "title": "PPLI 2.0 — Plan provincial et local d'intégration de Namur",
    "version_label": "PPLI 2.0",
    "start_year": 2026,
    "end_year": 2031,
    "summary": (
        "Deuxième version du plan, en préparation. Elle reprend les priorités du PPLI 2016-2019 que "
        "l'actualisation du diagnostic a confirmées, reformule celles dont le constat a évolué, abandonne "
        "celles qui sont atteintes et en ajoute de nouvelles : accès numérique aux droits, protection "
        "temporaire, précarité énergétique, français au plus près des villages et de l'emploi."
    ),
}
DIAGNOSTIC_2016_PERIOD = "2016-2017"
DIAGNOSTIC_2_TITLE = "Actualisation PPLI 2.0"

# --- Vocabulary of the specs -------------------------------------------------------------------------

CARRIER, PARTNER, FUNDER, RELAY = (
    ResourceRole.CARRIER,
    ResourceRole.PARTNER,
    ResourceRole.FUNDER,
    ResourceRole.RELAY,
)
STATUS = {
    "tl": RecommendationStatus.TO_LAUNCH,
    "ip": RecommendationStatus.IN_PROGRESS,
    "done": RecommendationStatus.DONE,
    "ab": RecommendationStatus.ABANDONED,
}
SPW = "SPW Intérieur et Action sociale"
PROV = "Province de Namur"
FSE = "FSE"
FAMI = "FAMI"
AVIQ = "AVIQ"
FWB = "Fédération Wallonie-Bruxelles"
FEDASIL = "Fedasil"

# Short names of the demo network's organisations (network/demo.py ORGANISATIONS); "cai" is the centre.
ORGS = {
    "ac-dinant": "Administration communale de Dinant",
    "ac-philippeville": "Administration communale de Philippeville",
    "pcs-namur": "Plan de cohésion sociale de Namur",
    "pcs-sambreville": "Plan de cohésion sociale de Sambreville",
    "pcs-ciney": "Plan de cohésion sociale de Ciney",
    "pcs-florennes": "Plan de cohésion sociale de Florennes",
    "pcs-eghezee": "Plan de cohésion sociale d'Eghezée",
    "cpas-beauraing": "CPAS de Beauraing",
    "cpas-walcourt": "CPAS de Walcourt",
    "cpas-hamois": "CPAS de Hamois",
    "cpas-fosses": "CPAS de Fosses-la-Ville",
    "cpas-viroinval": "CPAS de Viroinval",
    "ili-passerelles": "ILI Les Passerelles",
    "ili-horizons": "ILI Horizons partagés",
    "ili-ariane": "ILI Le Fil d'Ariane",
    "ili-trait": "ILI Trait d'union",
    "ili-racines": "ILI Racines et Ailes",
    "ili-entre-rives": "ILI Entre-Rives",
    "ili-boussole": "ILI La Boussole",
    "ili-mosaique": "ILI Mosaïque",
    "cada-tilleuls": "Centre d'accueil Les Tilleuls",
    "cada-plateau": "Centre d'accueil du Plateau",
    "mena-escale": "Maison MENA L'Escale",
    "mena-cap": "Service d'autonomie MENA Cap Avenir",
    "ila-mettet": "ILA de Mettet",
    "ila-yvoir": "ILA d'Yvoir",
    "ila-gesves": "ILA de Gesves",
    "ila-havelange": "ILA de Havelange",
    "ila-cerfontaine": "ILA de Cerfontaine",
    "eps": "Institut de promotion sociale de la Haute-Meuse",
    "athenee": "Athénée du Bocage",
    "ssm": "Service de santé mentale L'Ancrage",
    "mm-bois": "Maison médicale du Bois",
    "mm-ruisseaux": "Maison médicale des Deux Ruisseaux",
    "cisp": "CISP Le Tremplin",
    "ale": "Agence locale pour l'emploi de Somme-Leuze",
    "interim": "Agence d'intérim Horizon Travail",
    "ais": "Agence immobilière sociale Les Toits partagés",
    "habitat": "Habitat solidaire du Condroz",
    "regie": "Régie de quartier Les Clés",
    "fabrique": "Espace culturel La Fabrique",
    "biblio": "Bibliothèque Les Mille Pages",
    "mq-bois": "Maison de quartier du Bois",
    "parole": "Service d'interprétariat social Parole partagée",
    "droits": "Permanence juridique Droits en main",
    "pont": "Association Pont des Cultures",
    "epicerie": "Épicerie sociale Le Panier",
    "terre": "Association Terre d'accueil",
    "lingua": "Cabinet de traduction Lingua Franca",
}
CENTRE = "cai"


@dataclass
class Rec:
    """A recommendation. `territories`: NIS codes; `publics`: Public codes; `levels`: PowerLevel values;
    `addressed`: short names of organisations; `means`: ("€", amount, funder, year[, description]),
    ("ETP", fte, description) or ("log", description); `resources`: "short-name:role …"; `progress`:
    steps "YYYY-MM-DD status percent [text]" separated by "|" (days ago instead of a date in the
    PPLI 2.0); `findings`: keys of diagnostic/demo.py FINDINGS, the priority's own when empty."""

    key: str
    title: str
    text: str
    territories: str
    publics: str
    levels: str
    addressed: str
    means: tuple
    resources: str
    progress: str = ""
    findings: str = ""


@dataclass
class Prio:
    key: str
    axis: str
    title: str
    findings: str  # keys of diagnostic/demo.py FINDINGS
    description: str
    recommendations: tuple


# fmt: off
PRIORITIES = [
    # --- Droit à un revenu digne --------------------------------------------------------------------
    Prio("sortie-revenus", "revenu-digne",
         "Garantir la continuité des revenus à la sortie des structures d'accueil",
         "ris-sortie compte-bancaire",
         "Aucune personne reconnue réfugiée ne doit quitter un centre ou une ILA sans revenu ni compte bancaire.",
         (
             Rec("protocole-cpas", "Conclure un protocole entre CPAS et centres d'accueil pour ouvrir le droit au revenu d'intégration avant la sortie",
                 "Une fiche de liaison commune permet au CPAS de la commune d'arrivée d'instruire la demande dès la décision de reconnaissance, sans attendre le bail.",
                 "90000", "asylum-seekers newcomer", "communal", "cpas-walcourt cpas-fosses cpas-beauraing",
                 (("ETP", "0.5", "Coordination du protocole au C.A.I."), ("log", "Modèle de protocole et fiche de liaison partagés"), ("€", 12000, PROV, 2017)),
                 "cai:carrier cada-tilleuls:partner cada-plateau:partner cpas-walcourt:partner cpas-fosses:partner",
                 "2016-11-08 ip 15 | 2017-09-20 ip 50 Le protocole est signé par six CPAS et les deux centres d'accueil. | 2018-12-04 ip 80 | 2019-09-17 done 100 Vingt-deux CPAS appliquent désormais le protocole."),
             Rec("compte-bancaire", "Obtenir des banques un service bancaire de base accessible avec un titre de séjour temporaire",
                 "Négocier avec les agences bancaires de la province l'ouverture d'un compte sur présentation de l'annexe ou de la carte orange, et relayer la demande au niveau fédéral.",
                 "90000", "asylum-seekers newcomer", "federal", "",
                 (("ETP", "0.1", "Juriste du C.A.I."),),
                 "droits:carrier cai:partner",
                 "2017-05-16 ip 20 | 2018-10-02 ab 30 Les banques sollicitées n'ont pas donné suite ; la question est relayée au niveau fédéral."),
         )),
    Prio("info-droits-sociaux", "revenu-digne",
         "Informer les nouveaux arrivants de leurs droits sociaux et des aides existantes",
         "allocations frais-documents cpas-inegalites",
         "Les droits ouverts aux nouveaux arrivants restent inconnus ou appliqués de façon inégale selon la commune.",
         (
             Rec("fiches-multilingues", "Éditer des fiches multilingues sur les allocations familiales, les aides du CPAS et les tarifs sociaux",
                 "Douze fiches en huit langues, diffusées par les ILI, les CPAS et les services population.",
                 "90000", "newcomer", "provincial", "",
                 (("€", 8000, PROV, 2017, "Traduction et impression"), ("log", "Diffusion par les ILI et les CPAS")),
                 "cai:carrier lingua:partner ili-passerelles:relay ili-ariane:relay",
                 "2017-02-14 ip 20 | 2017-11-07 ip 70 | 2018-05-22 done 100 Les fiches sont diffusées dans les 38 communes."),
             Rec("frais-traduction", "Harmoniser entre CPAS la prise en charge des frais de traduction et de légalisation des documents",
                 "Proposer aux CPAS une règle commune de prise en charge, pour que l'aide ne dépende plus de la commune de résidence.",
                 "90000", "newcomer", "communal", "cpas-hamois cpas-viroinval",
                 (("ETP", "0.2", "Animation du groupe de travail des CPAS"),),
                 "cai:carrier cpas-hamois:partner cpas-viroinval:partner",
                 "2018-03-13 ip 25 | 2019-06-18 ip 40 Huit CPAS ont adopté la règle commune ; les autres attendent l'avis de leur conseil."),
         )),
    Prio("surendettement", "revenu-digne",
         "Prévenir le surendettement des familles d'origine étrangère",
         "surendettement",
         "Contrats de crédit et d'énergie signés sans en comprendre les conditions.",
         (
             Rec("ateliers-budget", "Organiser des ateliers d'éducation budgétaire en langue maternelle avec les services de médiation de dettes",
                 "Des ateliers animés avec un interprète, sur le budget, les contrats d'énergie et le crédit à la consommation.",
                 "92137 92094", "foreign-origin women", "communal", "",
                 (("€", 15000, SPW, 2017), ("ETP", "0.3", "Animateur des ateliers")),
                 "pcs-sambreville:carrier epicerie:partner ili-horizons:partner parole:partner",
                 "2017-01-24 ip 10 | 2017-10-10 ip 45 | 2018-09-25 ip 75 | 2019-06-11 done 100"),
             Rec("contrats-energie", "Accompagner les ménages dans la lecture de leurs contrats d'énergie et de crédit",
                 "Permanences mensuelles dans les CPAS partenaires, avec relecture des contrats avant signature.",
                 "92048 92137", "foreign-origin", "communal", "cpas-fosses",
                 (("ETP", "0.2", "Assistant social du CPAS"), ("log", "Local de permanence au CPAS")),
                 "cpas-fosses:carrier pcs-sambreville:partner",
                 "2018-02-06 ip 20 | 2019-03-19 ip 50"),
         )),
    Prio("autonomie-femmes", "revenu-digne",
         "Soutenir l'autonomie financière des femmes migrantes",
         "femmes-dependance regroupement-revenus",
         "Les femmes arrivées par regroupement familial dépendent longtemps des revenus de leur conjoint.",
         (
             Rec("permanences-juridiques-femmes", "Tenir des permanences d'information juridique sur le séjour et les droits propres des femmes",
                 "Informer sur les conditions du regroupement familial, l'accès à un titre de séjour autonome et les droits sociaux personnels.",
                 "90000", "women newcomer", "provincial federal", "",
                 (("€", 22000, FAMI, 2017), ("ETP", "0.4", "Juriste en droit des étrangers")),
                 "droits:carrier ili-racines:partner cai:partner",
                 "2017-03-07 ip 25 | 2018-01-16 ip 60 | 2019-02-12 done 100"),
             Rec("isp-femmes", "Ouvrir des parcours d'insertion professionnelle pour les femmes primo-arrivantes, avec garde d'enfants",
                 "Un module de six mois qui associe français, orientation et stage, avec une halte-garderie sur place.",
                 "92137 92003", "women newcomer", "regional", "",
                 (("€", 48000, FSE, 2018), ("€", 12000, SPW, 2018, "Halte-garderie"), ("ETP", "1", "Formatrice et job coach")),
                 "cisp:carrier ili-racines:partner ili-horizons:relay",
                 "2018-01-09 ip 15 | 2018-10-23 ip 55 | 2019-09-03 ip 85 Deux groupes de douze femmes ; sept ont trouvé un emploi ou une formation qualifiante."),
         )),
    Prio("precarites-cachees", "revenu-digne",
         "Repérer les précarités cachées des aînés immigrés et des étudiants étrangers",
         "pensions etudiants",
         "Petites pensions, carrières incomplètes et emplois étudiants précaires échappent aux services sociaux.",
         (
             Rec("grapa", "Informer les aînés immigrés sur la garantie de revenus et les droits à pension acquis à l'étranger",
                 "Séances d'information dans les lieux fréquentés par les aînés, avec le service des pensions et un interprète.",
                 "92094 92137 92003", "elderly foreign-origin", "federal", "",
                 (("€", 5000, PROV, 2018), ("log", "Salles prêtées par les maisons de quartier")),
                 "pcs-namur:carrier mm-bois:relay mq-bois:partner",
                 "2018-04-17 ip 30 | 2019-04-09 done 100"),
             Rec("etudiants-info", "Ouvrir un point d'information pour les étudiants étrangers de Namur et de Gembloux",
                 "Travail étudiant, aides sociales, logement : une permanence mensuelle sur chaque campus, avec les services sociaux étudiants.",
                 "92094 92142", "youth", "community", "",
                 (("ETP", "0.2", "Permanence de l'ILI"), ("log", "Local prêté par les services sociaux étudiants")),
                 "ili-trait:carrier cai:partner ili-passerelles:partner",
                 "2017-10-03 ip 30 | 2018-10-16 ip 70 | 2019-05-28 done 100"),
         )),

    # --- Droit à la protection de la santé et à l'aide sociale et médicale --------------------------
    Prio("interpretariat", "sante-aide-sociale",
         "Développer l'interprétariat social et médical",
         "interpretes-hopitaux mediation-hopital",
         "Sans interprète, les consultations sont reportées ou se font avec un enfant ou un voisin pour traduire.",
         (
             Rec("dispositif-interpretariat", "Créer un dispositif provincial d'interprétariat social ouvert aux hôpitaux, CPAS et services de santé",
                 "Un pool d'interprètes sociaux formés, réservables en présentiel ou par téléphone, avec une tarification solidaire pour les services publics.",
                 "90000", "asylum-seekers newcomer foreign-origin", "provincial regional", "",
                 (("€", 60000, PROV, 2017), ("€", 40000, AVIQ, 2018), ("ETP", "1.5", "Coordination et interprètes salariés")),
                 "parole:carrier cai:partner ssm:partner cpas-beauraing:relay",
                 "2016-10-04 ip 10 | 2017-06-13 ip 40 Vingt interprètes recrutés, en quatorze langues. | 2018-06-19 ip 75 | 2019-10-01 done 100 Plus de 3 000 prestations en 2019."),
             Rec("interpretariat-telephone", "Proposer l'interprétariat par téléphone dans les hôpitaux de l'arrondissement de Philippeville",
                 "Une ligne réservée aux hôpitaux et aux maisons médicales, avec les langues rares en priorité.",
                 "93000", "asylum-seekers newcomer", "regional", "",
                 (("€", 18000, AVIQ, 2018), ("log", "Ligne téléphonique et agenda partagé")),
                 "parole:carrier ila-cerfontaine:relay",
                 "2018-02-20 ip 20 | 2018-11-13 ip 45 | 2019-09-24 ip 60 La ligne fonctionne ; les langues rares (tigrinya, dari) restent mal couvertes."),
             Rec("mediation-interculturelle", "Plaider pour le refinancement de la médiation interculturelle à l'hôpital",
                 "Interpeller le niveau fédéral, qui finance les médiateurs interculturels hospitaliers, avec les chiffres des hôpitaux de la province.",
                 "90000", "foreign-origin", "federal", "",
                 (("ETP", "0.1", "Rédaction de l'interpellation"),),
                 "cai:carrier parole:partner",
                 "2017-04-25 ip 30 | 2018-03-27 ab 30 Pas de réponse du niveau fédéral ; l'interpellation sera reprise dans le plan suivant."),
         )),
    Prio("sante-mentale", "sante-aide-sociale",
         "Améliorer l'accès des personnes exilées à la santé mentale",
         "sante-mentale-delais mena-psy",
         "Des mois d'attente pour une consultation avec interprète ; un suivi interrompu à la majorité des MENA.",
         (
             Rec("consultations-interprete", "Renforcer les consultations avec interprète du service de santé mentale",
                 "Des heures d'interprétariat réservées chaque semaine et une consultation de première ligne sans rendez-vous.",
                 "92000", "asylum-seekers newcomer", "regional", "",
                 (("€", 35000, AVIQ, 2017), ("ETP", "0.5", "Psychologue")),
                 "ssm:carrier parole:partner cai:relay",
                 "2017-01-17 ip 20 | 2017-12-12 ip 50 | 2018-11-20 ip 80 | 2019-10-22 done 100 Le délai moyen est passé de trois mois à cinq semaines."),
             Rec("mena-suivi-18", "Assurer la continuité du suivi psychologique des MENA après 18 ans",
                 "Une convention entre les structures MENA et le service de santé mentale garantit que le suivi continue après la majorité.",
                 "90000", "mena youth", "community", "mena-escale mena-cap",
                 (("ETP", "0.3", "Psychologue référent MENA"), ("log", "Convention-type entre structures")),
                 "mena-escale:carrier mena-cap:partner ssm:partner",
                 "2017-09-12 ip 30 | 2018-09-18 ip 60 | 2019-06-04 done 100"),
         )),
    Prio("soins-premiere-ligne", "sante-aide-sociale",
         "Simplifier l'accès à l'aide médicale urgente et aux soins de première ligne",
         "amu generalistes",
         "Procédures différentes d'un CPAS à l'autre, généralistes qui ne prennent plus de patients.",
         (
             Rec("procedure-amu", "Adopter une procédure commune d'aide médicale urgente dans les CPAS de la province",
                 "Un formulaire et un délai de réponse communs, une liste des prestataires qui acceptent la carte médicale.",
                 "90000", "foreign-origin", "communal", "cpas-beauraing cpas-viroinval cpas-walcourt",
                 (("ETP", "0.2", "Animation du groupe de travail"), ("log", "Formulaire commun")),
                 "cai:carrier cpas-beauraing:partner cpas-viroinval:partner mm-ruisseaux:partner",
                 "2017-06-06 ip 25 | 2018-06-12 ip 60 | 2019-05-14 ip 70"),
             Rec("maisons-medicales", "Soutenir l'ouverture de maisons médicales au forfait dans les communes rurales",
                 "Accompagner les projets de maisons médicales dans les arrondissements de Dinant et de Philippeville.",
                 "91000 93000", "newcomer all", "regional", "",
                 (("€", 25000, AVIQ, 2018),),
                 "mm-ruisseaux:carrier pcs-florennes:partner",
                 "2018-05-08 ip 20 | 2019-10-15 ip 40"),
         )),
    Prio("violences", "sante-aide-sociale",
         "Protéger les femmes migrantes victimes de violences",
         "violences-sejour",
         "La peur de perdre le titre de séjour retient des femmes au domicile de leur agresseur.",
         (
             Rec("formation-violences", "Former les professionnels de première ligne au droit de séjour des victimes de violences",
                 "Quatre journées de formation par an pour les travailleurs sociaux, les policiers de proximité et les soignants.",
                 "90000", "women", "provincial federal", "",
                 (("€", 14000, FAMI, 2017), ("ETP", "0.2", "Formatrice juriste")),
                 "cai:carrier droits:partner",
                 "2017-02-21 ip 25 | 2018-02-27 ip 60 | 2019-03-12 done 100 160 professionnels formés en trois ans."),
             Rec("groupes-parole", "Ouvrir des groupes de parole pour les femmes exilées",
                 "Des groupes animés par une psychologue et une interprète, dans les locaux des ILI.",
                 "92003 93014", "women asylum-seekers", "", "",
                 (("€", 9000, SPW, 2018), ("log", "Locaux des ILI")),
                 "ili-racines:carrier ili-entre-rives:partner ssm:partner",
                 "2018-03-06 ip 30 | 2019-01-22 ip 70"),
         )),
    Prio("soins-proximite", "sante-aide-sociale",
         "Rapprocher les soins et l'aide sociale des lieux de vie",
         "soins-florennes aide-domicile demarches-en-ligne",
         "Trajets sans transport organisé, services à domicile méconnus, démarches en ligne en français seulement.",
         (
             Rec("navette-florennes", "Organiser une navette vers les consultations spécialisées pour les résidents du centre de Florennes",
                 "Deux trajets par semaine vers Namur, réservés par le service médical du centre.",
                 "93022", "asylum-seekers", "federal", "",
                 (("€", 16000, FEDASIL, 2017), ("log", "Minibus du centre d'accueil")),
                 "cada-tilleuls:carrier pcs-florennes:partner",
                 "2017-04-04 ip 40 | 2017-11-21 done 100"),
             Rec("aide-domicile", "Faire connaître les services d'aide à domicile aux familles et aux aînés immigrés",
                 "Présentation des services par des pairs, dans les associations de quartier et les lieux de culte.",
                 "92094 92137", "elderly", "communal", "",
                 (("ETP", "0.2", "Animatrice du PCS"),),
                 "pcs-namur:carrier mq-bois:relay",
                 "2018-09-11 ip 30"),
         )),

    # --- Droit à un logement décent et à un environnement sain --------------------------------------
    Prio("logement-sortie-accueil", "logement-environnement",
         "Faciliter l'accès au logement à la sortie des structures d'accueil",
         "sortie-centres ila-familles",
         "Deux mois pour trouver un logement après la reconnaissance : un délai presque toujours trop court.",
         (
             Rec("capteur-logement", "Créer une cellule de recherche de logement pour les personnes reconnues réfugiées",
                 "Un capteur logement prospecte les propriétaires, accompagne les visites et garantit le suivi des premiers mois.",
                 "90000", "asylum-seekers newcomer", "regional", "",
                 (("€", 45000, FAMI, 2017), ("ETP", "1", "Capteur logement")),
                 "ais:carrier cada-plateau:partner cada-tilleuls:partner ila-mettet:relay",
                 "2017-01-10 ip 15 | 2017-09-26 ip 45 Cinquante-quatre ménages relogés depuis le début de l'action. | 2018-10-09 ip 75 | 2019-09-10 done 100"),
             Rec("delai-sortie", "Demander à Fedasil de prolonger le délai de sortie pour les familles nombreuses",
                 "Porter au niveau fédéral la demande d'un délai de quatre mois pour les familles de plus de quatre enfants.",
                 "90000", "asylum-seekers", "federal", "",
                 (("ETP", "0.05", "Rédaction de la demande"),),
                 "cai:carrier cada-tilleuls:partner",
                 "2018-04-24 ip 50 | 2019-02-05 done 100 Fedasil accepte une prolongation au cas par cas."),
         )),
    Prio("discrimination-logement", "logement-environnement",
         "Combattre les discriminations dans l'accès au logement",
         "refus-location logement-dinant",
         "Refus de louer aux personnes d'origine étrangère ou aidées par le CPAS.",
         (
             Rec("sensibilisation-proprietaires", "Sensibiliser les propriétaires et les agences immobilières aux discriminations",
                 "Séances d'information avec les syndicats de propriétaires et les agences, et un guide des critères de sélection légaux.",
                 "92000 91000", "foreign-origin", "regional", "",
                 (("€", 10000, SPW, 2018), ("log", "Guide imprimé à 2 000 exemplaires")),
                 "cai:carrier ais:partner",
                 "2018-01-30 ip 30 | 2018-11-27 ip 60 | 2019-10-08 done 100"),
             Rec("mediation-dinant", "Proposer une médiation entre propriétaires et locataires à Dinant",
                 "Un service de médiation locative ouvert aux propriétaires comme aux locataires, avec l'administration communale.",
                 "91034", "newcomer foreign-origin", "communal", "ac-dinant",
                 (("ETP", "0.3", "Médiatrice"),),
                 "ili-ariane:carrier ac-dinant:partner",
                 "2017-10-17 ip 20 | 2018-12-11 ip 50 | 2019-08-27 ip 65"),
         )),
    Prio("garanties-locatives", "logement-environnement",
         "Soutenir la constitution des garanties locatives",
         "garanties-locatives",
         "Sans garantie locative, les personnes aidées par le CPAS ne trouvent pas à se loger.",
         (
             Rec("fonds-garanties", "Créer un fonds provincial de garanties locatives avec les CPAS",
                 "Le fonds avance la garantie ; le locataire la rembourse à son rythme, le CPAS sert d'intermédiaire.",
                 "93000 91000", "all", "provincial communal", "cpas-viroinval cpas-walcourt",
                 (("€", 80000, PROV, 2017, "Dotation du fonds"), ("ETP", "0.3", "Gestion des dossiers")),
                 "cai:partner cpas-viroinval:carrier cpas-walcourt:partner ais:partner",
                 "2017-03-21 ip 20 | 2018-03-20 ip 55 | 2019-03-26 done 100 Cent douze garanties avancées, 91 % remboursées."),
         )),
    Prio("mena-autonomie", "logement-environnement",
         "Préparer les jeunes MENA à l'autonomie en logement",
         "mena-logement",
         "À 18 ans, les jeunes quittent la structure d'accueil sans solution de logement.",
         (
             Rec("logements-transit", "Ouvrir des logements de transition pour les jeunes MENA devenus majeurs",
                 "Six studios en colocation accompagnée, pour une durée de douze mois au plus.",
                 "91030 92094", "mena youth", "community regional", "",
                 (("€", 54000, SPW, 2017), ("€", 20000, PROV, 2018), ("ETP", "0.5", "Éducateur référent autonomie")),
                 "mena-cap:carrier habitat:partner mena-escale:partner",
                 "2017-02-07 ip 20 | 2017-12-05 ip 50 | 2018-09-04 done 100 Les six studios sont occupés."),
             Rec("parrainage-mena", "Mettre en place un parrainage par des habitants pour les jeunes MENA en autonomie",
                 "Des habitants bénévoles accompagnent les jeunes dans les démarches de la vie quotidienne.",
                 "91000 92000", "mena", "", "",
                 (("ETP", "0.2", "Coordinatrice des parrainages"),),
                 "mena-escale:carrier terre:partner",
                 "2018-06-05 ip 30 | 2019-05-07 ip 60"),
         )),
    Prio("qualite-logement", "logement-environnement",
         "Améliorer la qualité des logements et l'information des locataires",
         "surpeuplement-sambreville droits-locataires campings",
         "Logements surpeuplés ou insalubres, droits des locataires méconnus, installation durable en camping.",
         (
             Rec("guide-locataire", "Publier un guide multilingue des droits et devoirs du locataire",
                 "Le bail, l'état des lieux, la garantie, les recours : en dix langues, avec des pictogrammes.",
                 "90000", "newcomer", "regional", "",
                 (("€", 7000, SPW, 2017), ("log", "Diffusion par les ILI et les régies de quartier")),
                 "cai:carrier regie:partner lingua:partner",
                 "2017-05-30 ip 40 | 2018-01-23 done 100"),
             Rec("insalubrite-sambreville", "Repérer les logements insalubres de Sambreville avec le service communal du logement",
                 "Visites conjointes et signalement au service régional de l'inspection du logement.",
                 "92137", "foreign-origin", "communal regional", "pcs-sambreville",
                 (("ETP", "0.2", "Travailleur de rue du PCS"),),
                 "pcs-sambreville:carrier ili-horizons:relay",
                 "2018-04-10 ip 25 | 2019-04-23 ip 55"),
             Rec("habitat-permanent", "Accompagner les habitants permanents des campings vers un logement durable",
                 "Intégrer les personnes étrangères au plan Habitat permanent et les accompagner dans la recherche d'un logement.",
                 "91142 91072", "foreign-origin", "regional communal", "",
                 (("ETP", "0.3", "Accompagnatrice sociale"),),
                 "pcs-ciney:partner fabrique:relay cai:carrier"),
         )),

    # --- Droit au travail ---------------------------------------------------------------------------
    Prio("equivalences", "travail",
         "Accélérer la reconnaissance des diplômes et des compétences",
         "equivalences",
         "Des mois d'attente et des frais élevés avant de pouvoir exercer son métier.",
         (
             Rec("accompagnement-equivalences", "Accompagner les demandes d'équivalence des diplômes et prendre en charge leurs frais",
                 "Aide à la constitution du dossier, traduction des documents et prise en charge des frais de procédure.",
                 "90000", "newcomer workers", "community", "",
                 (("€", 30000, FSE, 2017), ("€", 10000, PROV, 2018, "Frais de procédure"), ("ETP", "0.5", "Conseillère équivalences")),
                 "cai:carrier lingua:partner ili-passerelles:relay",
                 "2017-01-31 ip 25 | 2017-12-19 ip 55 | 2018-12-18 ip 80 | 2019-11-05 done 100 240 dossiers accompagnés, délai moyen réduit de moitié."),
             Rec("validation-competences", "Développer la validation des compétences pour les métiers en pénurie",
                 "Des épreuves de validation adaptées aux personnes qui parlent encore peu le français.",
                 "90000", "newcomer workers", "regional", "",
                 (("€", 20000, FSE, 2018),),
                 "cisp:carrier eps:partner",
                 "2018-09-25 ip 20 | 2019-09-10 ip 45"),
         )),
    Prio("discrimination-embauche", "travail",
         "Lutter contre les discriminations à l'embauche",
         "discrimination-embauche foulard-stages",
         "Candidatures écartées pour un nom, stages refusés pour un foulard.",
         (
             Rec("employeurs-diversite", "Sensibiliser les employeurs et les agences d'intérim à la diversité",
                 "Petits-déjeuners d'entreprises, plans de diversité accompagnés et chartes d'engagement.",
                 "92000", "foreign-origin youth women", "regional", "interim",
                 (("€", 12000, SPW, 2017), ("ETP", "0.3", "Chargée de projets diversité")),
                 "cai:carrier interim:partner pcs-namur:partner",
                 "2017-03-14 ip 20 | 2018-03-13 ip 55 | 2019-03-19 done 100"),
             Rec("soutien-victimes", "Soutenir les victimes de discrimination dans leurs démarches de signalement",
                 "Un relais vers Unia et les services juridiques, et un suivi des signalements.",
                 "90000", "foreign-origin women", "federal", "",
                 (("ETP", "0.1", "Juriste"),),
                 "droits:carrier cai:partner",
                 "2018-01-16 ip 30 | 2019-01-29 ip 60"),
         )),
    Prio("orientation-precoce", "travail",
         "Intégrer l'orientation socioprofessionnelle dès le début du parcours d'intégration",
         "osp-tardive droit-travail-dpi",
         "L'orientation arrive trop tard, et les demandeurs d'asile ignorent qu'ils peuvent travailler.",
         (
             Rec("module-orientation", "Intégrer un module d'orientation professionnelle au parcours d'intégration, en parallèle du FLE",
                 "Bilan de compétences et découverte des métiers dès les premiers mois, sans attendre la fin des cours de français.",
                 "90000", "newcomer", "regional", "",
                 (("€", 25000, SPW, 2018), ("ETP", "0.5", "Conseiller en orientation")),
                 "cai:carrier cisp:partner ili-trait:partner ili-boussole:partner",
                 "2018-01-23 ip 20 | 2018-09-18 ip 50 | 2019-06-25 done 100"),
             Rec("droit-travail-dpi", "Informer les demandeurs de protection internationale de leur droit au travail",
                 "Séances d'information dans les centres d'accueil, avec les agences locales pour l'emploi.",
                 "92142 93022", "asylum-seekers", "federal", "",
                 (("log", "Supports d'information traduits"), ("ETP", "0.1", "Animation des séances")),
                 "cada-plateau:carrier cada-tilleuls:partner ale:partner",
                 "2017-05-09 ip 50 | 2017-12-12 done 100"),
         )),
    Prio("isp-rural", "travail",
         "Développer l'insertion socioprofessionnelle en milieu rural",
         "isp-philippeville permis-conduire eghezee-emploi",
         "Peu d'offres pour les personnes qui apprennent le français ; sans permis de conduire, pas d'emploi à la campagne.",
         (
             Rec("permis-conduire", "Préparer au permis de conduire les demandeurs d'emploi étrangers des zones rurales",
                 "Cours théoriques avec un vocabulaire adapté, heures de conduite financées, aide à l'échange des permis étrangers.",
                 "91000 93000", "newcomer workers", "regional", "",
                 (("€", 28000, FSE, 2017), ("€", 6000, PROV, 2018)),
                 "ale:carrier cisp:partner ili-mosaique:relay",
                 "2017-09-05 ip 25 | 2018-06-26 ip 60 | 2019-06-18 done 100"),
             Rec("filiere-fle-isp", "Ouvrir dans l'arrondissement de Philippeville une filière qui associe FLE et formation qualifiante",
                 "Formation en alternance dans les métiers de l'aide aux personnes et de la logistique.",
                 "93000 93088", "newcomer", "regional community", "",
                 (("€", 36000, FSE, 2018), ("ETP", "0.8", "Formateurs")),
                 "eps:carrier ili-boussole:partner cpas-walcourt:relay",
                 "2018-09-04 ip 20 | 2019-09-03 ip 45"),
             Rec("eghezee-emploi", "Faire connaître la population étrangère d'Eghezée aux services locaux de l'emploi",
                 "Rencontre entre le PCS, le CPAS et les services d'emploi pour inclure ce public dans leurs actions.",
                 "92035", "foreign-origin", "communal", "pcs-eghezee",
                 (("ETP", "0.05", "Animation de la rencontre"),),
                 "pcs-eghezee:carrier",
                 "2019-02-19 ip 20"),
         )),
    Prio("jeunes-emploi", "travail",
         "Accompagner vers l'emploi les jeunes et les travailleurs d'origine étrangère",
         "decrochage-sambreville droits-sociaux",
         "Des jeunes sans diplôme et des travailleurs précaires qui connaissent mal leurs droits.",
         (
             Rec("coaching-jeunes", "Proposer un coaching vers l'emploi aux jeunes sans diplôme de Sambreville",
                 "Accompagnement individuel, stages en entreprise et remise à niveau, en lien avec le PCS.",
                 "92137", "youth foreign-origin", "communal regional", "",
                 (("€", 32000, FSE, 2017), ("ETP", "1", "Job coach")),
                 "cisp:carrier pcs-sambreville:partner",
                 "2017-02-28 ip 20 | 2017-11-14 ip 45 | 2018-11-06 ip 75 | 2019-10-29 done 100"),
             Rec("droits-travailleurs", "Organiser des séances sur les droits sociaux des travailleurs, avec les organisations syndicales",
                 "Contrat, salaire minimum, accidents du travail : dans les secteurs de l'horeca et de la construction.",
                 "92094 91034", "workers", "", "",
                 (("log", "Salles et supports des organisations syndicales"),),
                 "cai:carrier ili-ariane:relay",
                 "2018-10-23 ip 40 | 2019-04-30 done 100"),
         )),

    # --- Droit à la formation -----------------------------------------------------------------------
    Prio("fle-attente", "formation",
         "Réduire les listes d'attente en français langue étrangère",
         "fle-attente formateurs-fle",
         "Plus de six mois d'attente pour un cours de français à Namur et à Sambreville.",
         (
             Rec("groupes-fle", "Ouvrir des groupes de FLE supplémentaires, en soirée, à Namur et à Sambreville",
                 "Huit groupes du soir et deux groupes intensifs, pour les personnes qui travaillent.",
                 "92094 92137", "newcomer workers", "regional", "",
                 (("€", 70000, SPW, 2017), ("€", 40000, FSE, 2018), ("ETP", "2", "Formateurs FLE")),
                 "ili-passerelles:carrier ili-horizons:carrier cai:partner",
                 "2016-09-13 ip 15 | 2017-09-12 ip 45 Quatre groupes du soir ouverts à Sambreville. | 2018-09-11 ip 70 | 2019-09-10 ip 85"),
             Rec("formation-formateurs", "Former les formateurs FLE à l'enseignement aux adultes peu scolarisés",
                 "Un cycle de formation continue de dix journées, avec l'enseignement de promotion sociale.",
                 "90000", "newcomer", "community", "",
                 (("€", 15000, FWB, 2017), ("ETP", "0.2", "Coordination pédagogique")),
                 "eps:carrier cai:partner",
                 "2017-03-28 ip 30 | 2018-03-27 done 100"),
             Rec("inventaire-fle", "Tenir un inventaire provincial des places de FLE disponibles, mis à jour chaque semestre",
                 "Les opérateurs déclarent leurs places ; le C.A.I. oriente les candidats vers les groupes qui ont de la place.",
                 "90000", "newcomer", "provincial", "",
                 (("ETP", "0.2", "Chargé de l'observatoire"), ("log", "Tableau partagé des places")),
                 "cai:carrier ili-passerelles:partner ili-horizons:partner ili-trait:partner",
                 "2016-10-18 ip 30 | 2017-04-11 done 100"),
         )),
    Prio("cours-hors-namur", "formation",
         "Rendre les cours de français et de citoyenneté accessibles hors de Namur",
         "fle-journee-dinant alpha-rural citoyennete-rural",
         "Des cours en journée seulement, une alphabétisation insuffisante et des groupes trop petits en zone rurale.",
         (
             Rec("fle-dinant", "Décentraliser les cours de FLE et d'alphabétisation dans l'arrondissement de Dinant, en journée et en soirée",
                 "Des groupes à Dinant, Ciney et Rochefort, dont deux en soirée.",
                 "91000", "newcomer workers women", "regional", "",
                 (("€", 42000, SPW, 2017), ("ETP", "1", "Formatrices FLE et alpha")),
                 "ili-ariane:carrier ili-mosaique:partner pcs-ciney:relay",
                 "2017-01-17 ip 20 | 2017-09-19 ip 50 | 2018-09-18 ip 75 | 2019-06-25 done 100"),
             Rec("citoyennete-itinerante", "Organiser des formations à la citoyenneté itinérantes dans les arrondissements de Dinant et de Philippeville",
                 "Le formateur se déplace : des groupes de six personnes suffisent à ouvrir une session.",
                 "91000 93000", "newcomer", "regional", "",
                 (("ETP", "0.5", "Formateur en citoyenneté"), ("log", "Salles communales")),
                 "cai:carrier ili-boussole:partner ili-entre-rives:partner",
                 "2017-02-14 ip 30 | 2018-02-13 ip 70 | 2019-02-12 done 100"),
             Rec("transport-apprenants", "Défrayer les transports des apprenants des villages",
                 "Une intervention forfaitaire dans les frais de bus pour les apprenants qui habitent à plus de dix kilomètres.",
                 "91000 93000", "newcomer", "provincial", "",
                 (("€", 9000, PROV, 2018),),
                 "cai:carrier",
                 "2018-02-20 ip 20 | 2018-12-18 ab 20 Le budget n'a pas été reconduit ; la question de la mobilité est reportée au plan suivant."),
         )),
    Prio("parents", "formation",
         "Permettre aux parents, et d'abord aux mères, de se former",
         "garderie parents-ecole",
         "Pas de garderie pendant les cours ; une école dont les parents comprennent mal le fonctionnement.",
         (
             Rec("haltes-garderies", "Ouvrir des haltes-garderies pendant les cours de français",
                 "Une garderie agréée à proximité de chaque lieu de cours qui accueille plus de dix mères.",
                 "92003 93014", "women", "community", "",
                 (("€", 24000, SPW, 2017), ("€", 8000, FWB, 2018)),
                 "ili-racines:carrier ili-entre-rives:partner",
                 "2017-09-05 ip 40 | 2018-09-04 done 100"),
             Rec("ecole-familles", "Organiser des rencontres école-familles avec interprète pour les parents primo-arrivants",
                 "Une rencontre par trimestre dans les écoles qui accueillent des élèves primo-arrivants.",
                 "92094 92003 92141", "newcomer", "community", "athenee",
                 (("ETP", "0.1", "Interprétariat"),),
                 "athenee:carrier parole:partner",
                 "2017-10-10 ip 30 | 2018-10-09 ip 60 | 2019-10-08 done 100"),
         )),
    Prio("scolarite-jeunes", "formation",
         "Améliorer la scolarité des jeunes primo-arrivants et des MENA",
         "daspa mena-scolarite",
         "Peu de classes DASPA en zone rurale ; peu de filières qualifiantes ouvertes aux MENA de plus de seize ans.",
         (
             Rec("daspa-philippeville", "Plaider pour l'ouverture de classes DASPA dans l'arrondissement de Philippeville",
                 "Interpeller la Fédération Wallonie-Bruxelles avec les chiffres des élèves primo-arrivants de l'arrondissement.",
                 "93000", "youth newcomer", "community", "",
                 (("ETP", "0.05", "Rédaction de l'interpellation"),),
                 "cai:carrier ac-philippeville:partner",
                 "2017-11-07 ip 40 | 2019-01-15 done 100 Une classe DASPA ouvre à Philippeville à la rentrée 2019."),
             Rec("alternance-mena", "Ouvrir aux MENA de plus de seize ans des filières qualifiantes en alternance",
                 "Accords avec les centres d'éducation et de formation en alternance et recherche de patrons de stage.",
                 "90000", "mena youth", "community", "",
                 (("ETP", "0.3", "Référent scolarité"),),
                 "mena-escale:carrier mena-cap:partner eps:partner",
                 "2018-02-13 ip 30 | 2019-02-19 ip 60"),
         )),
    Prio("fle-procedure", "formation",
         "Garantir l'accès au français pendant la procédure d'asile",
         "fle-gembloux-centre",
         "Les résidents des centres attendent parfois des mois avant un premier cours.",
         (
             Rec("fle-centres", "Organiser des cours de français dans les centres d'accueil de Gembloux et de Florennes",
                 "Des cours de base dès l'arrivée, donnés dans le centre par l'ILI de la commune.",
                 "92142 93022", "asylum-seekers", "federal", "",
                 (("€", 26000, FEDASIL, 2017), ("ETP", "0.5", "Formatrice FLE")),
                 "ili-trait:carrier cada-plateau:partner cada-tilleuls:partner",
                 "2017-01-24 ip 30 | 2017-10-17 ip 70 | 2018-06-19 done 100"),
         )),

    # --- Droit à l'épanouissement culturel et social ------------------------------------------------
    Prio("participation", "epanouissement",
         "Encourager la participation citoyenne des résidents étrangers",
         "electeurs",
         "Peu de résidents étrangers inscrits comme électeurs aux élections communales.",
         (
             Rec("campagne-electeurs", "Mener une campagne d'inscription des résidents étrangers sur les listes électorales communales de 2018",
                 "Affiches et séances d'information en plusieurs langues, permanences d'inscription dans les ILI.",
                 "90000", "foreign-origin", "communal", "ac-dinant ac-philippeville",
                 (("€", 11000, PROV, 2018), ("ETP", "0.3", "Chargée de communication")),
                 "cai:carrier ili-passerelles:relay ili-ariane:relay ili-boussole:relay",
                 "2017-12-05 ip 20 | 2018-05-15 ip 70 | 2018-08-07 done 100 Les inscriptions ont progressé dans 30 communes sur 38."),
             Rec("conseils-consultatifs", "Soutenir la création de conseils consultatifs des résidents étrangers",
                 "Accompagner les communes qui souhaitent associer leurs résidents étrangers à la vie communale.",
                 "92094 91034", "foreign-origin", "communal", "",
                 (("ETP", "0.1", "Accompagnement des communes"),),
                 "cai:carrier pcs-namur:partner"),
         )),
    Prio("connaissance-reseau", "epanouissement",
         "Mieux connaître les associations et les services utiles aux personnes migrantes",
         "cadastre-associations repertoire-services",
         "Ni recensement des associations de personnes immigrées, ni répertoire des services à l'échelle de la province.",
         (
             Rec("cadastre-associations", "Établir le cadastre des associations de personnes immigrées de la province",
                 "Un recensement par enquête et par entretiens, publié et mis à jour chaque année.",
                 "90000", "foreign-origin", "provincial", "",
                 (("€", 6000, PROV, 2017), ("ETP", "0.3", "Chargé de l'observatoire")),
                 "cai:carrier pont:partner",
                 "2017-03-07 ip 40 | 2017-10-24 done 100 Quatre-vingt-sept associations recensées."),
             Rec("repertoire-services", "Publier un répertoire en ligne des services utiles aux personnes migrantes",
                 "Par commune et par thème : cours, aide sociale, aide juridique, santé, logement.",
                 "90000", "newcomer", "provincial", "",
                 (("€", 9000, PROV, 2018), ("log", "Hébergement du site par la Province")),
                 "cai:carrier ili-passerelles:partner ili-trait:partner",
                 "2018-01-09 ip 25 | 2018-10-30 ip 65 | 2019-10-15 ip 85"),
         )),
    Prio("racisme", "epanouissement",
         "Lutter contre le racisme et les discriminations",
         "racisme-signalement",
         "Des actes et propos racistes rapportés sans suite, faute de signalement.",
         (
             Rec("plateforme-racisme", "Animer une plateforme provinciale de lutte contre le racisme, relais des signalements vers Unia",
                 "Les partenaires recueillent les témoignages et accompagnent les victimes vers un signalement.",
                 "90000", "foreign-origin", "federal", "",
                 (("ETP", "0.3", "Animatrice de la plateforme"), ("€", 5000, PROV, 2017)),
                 "cai:carrier pont:partner droits:partner",
                 "2016-12-06 ip 25 | 2017-12-12 ip 55 | 2018-12-11 ip 80 | 2019-11-12 done 100"),
             Rec("ecoles-racisme", "Mener des actions de sensibilisation au racisme dans les écoles secondaires",
                 "Ateliers, théâtre-forum et rencontres avec des témoins, dans dix écoles par an.",
                 "90000", "youth", "community", "athenee",
                 (("€", 8000, FWB, 2018),),
                 "fabrique:carrier athenee:partner cai:partner",
                 "2018-01-23 ip 30 | 2019-05-21 done 100"),
         )),
    Prio("liens-ruraux", "epanouissement",
         "Créer des liens entre habitants en milieu rural",
         "isolement-rural activites-ciney centre-florennes",
         "Isolement des personnes étrangères dans les villages ; activités communales qui ne touchent pas les familles primo-arrivantes.",
         (
             Rec("rencontres-villages", "Organiser des rencontres interculturelles dans les villages avec les associations locales",
                 "Repas, balades et ateliers, préparés avec les habitants et les résidents des structures d'accueil.",
                 "91000 93000 93022", "newcomer asylum-seekers all", "", "",
                 (("€", 7000, SPW, 2017), ("log", "Salles des fêtes prêtées par les communes")),
                 "terre:carrier fabrique:partner pcs-florennes:partner",
                 "2017-04-25 ip 30 | 2018-04-24 ip 65 | 2019-04-23 done 100"),
             Rec("activites-familles", "Ouvrir les activités culturelles et sportives aux familles primo-arrivantes",
                 "Chèques sport et culture, accompagnement à la première inscription, tarifs réduits.",
                 "91030 91114", "newcomer youth", "communal", "pcs-ciney",
                 (("€", 6000, SPW, 2018),),
                 "pcs-ciney:carrier biblio:partner ili-mosaique:relay",
                 "2018-03-20 ip 40 | 2019-03-26 ip 70"),
         )),
    Prio("lieux-rencontre", "epanouissement",
         "Ouvrir des lieux de rencontre aux jeunes, aux femmes et aux aînés",
         "lieux-jeunes femmes-activites aines-isoles gembloux-croissance",
         "Peu de lieux de rencontre hors de Namur, des femmes et des aînés absents des activités collectives.",
         (
             Rec("espaces-jeunes", "Créer des espaces jeunes interculturels hors de la ville de Namur",
                 "Trois espaces ouverts le mercredi et le samedi, animés avec les maisons de jeunes.",
                 "92137 92140 92142", "youth", "communal community", "",
                 (("€", 18000, FWB, 2018), ("ETP", "0.5", "Animateurs")),
                 "regie:carrier mq-bois:partner",
                 "2018-02-27 ip 25 | 2019-02-26 ip 55"),
             Rec("accueil-gembloux", "Accueillir les nouveaux habitants de Gembloux avec l'ILI",
                 "Une matinée d'accueil trimestrielle à l'administration communale, et un parrainage par des habitants.",
                 "92142", "newcomer foreign-origin youth", "communal", "",
                 (("ETP", "0.2", "Animatrice de l'ILI"), ("log", "Salle du conseil communal")),
                 "ili-trait:carrier cai:partner",
                 "2017-09-26 ip 30 | 2018-09-25 ip 70 | 2019-09-24 done 100"),
             Rec("aines-intergenerationnel", "Associer les aînés immigrés aux activités intergénérationnelles",
                 "Ateliers de récits de vie et de cuisine avec les écoles et les maisons de repos.",
                 "92094", "elderly", "communal", "",
                 (("€", 4000, PROV, 2019),),
                 "pcs-namur:carrier mq-bois:partner",
                 "2019-03-12 ip 30"),
         )),
]

# The PPLI 2.0 compared with the PPLI 2016-2019.
REWORDED_PRIORITIES = {
    "precarites-cachees": "Repérer et prévenir les précarités cachées des aînés immigrés et des étudiants étrangers",
    "garanties-locatives": "Lever l'obstacle des garanties locatives et des premiers frais d'installation",
    "cours-hors-namur": "Rapprocher les cours de français et de citoyenneté des apprenants des villages",
    "participation": "Encourager la participation citoyenne et démocratique des résidents étrangers",
}
REMOVED_PRIORITIES = ["surendettement", "fle-procedure", "connaissance-reseau"]
REWORDED_RECOMMENDATIONS = {
    "groupes-fle": "Ouvrir des groupes de FLE en soirée et en intensif partout où l'attente dépasse trois mois",
    "interpretariat-telephone": "Couvrir les langues rares par l'interprétariat à distance dans les hôpitaux de la province",
}
REMOVED_RECOMMENDATIONS = ["compte-bancaire", "delai-sortie"]
# Recommendations added to priorities kept; a "draft:<word>" cites the draft findings that contain it.
ADDED_RECOMMENDATIONS = {
    "sante-mentale": (
        Rec("ssm-decentralise", "Décentraliser des consultations de santé mentale avec interprète à Dinant et à Philippeville",
            "Une consultation mensuelle dans chaque arrondissement, pour éviter les trajets jusqu'à Namur.",
            "91000 93000", "asylum-seekers newcomer", "regional", "",
            (("€", 30000, AVIQ, 2026), ("ETP", "0.4", "Psychologue itinérant")),
            "ssm:carrier parole:partner ili-ariane:relay",
            "120 ip 15 La convention avec l'AVIQ est en cours de signature.",
            "sante-mentale-delais draft:consultation draft:interprét"),
    ),
    "logement-sortie-accueil": (
        Rec("logement-ila", "Prévoir un accompagnement logement de six mois après la sortie d'une ILA",
            "Le capteur logement suit les ménages pendant les six premiers mois dans leur nouveau logement.",
            "90000", "asylum-seekers newcomer", "regional federal", "",
            (("€", 38000, FAMI, 2026), ("ETP", "0.8", "Capteur logement")),
            "ais:carrier ila-yvoir:partner ila-havelange:partner ili-trait:partner",
            "200 ip 10 | 75 ip 25 Douze ménages accompagnés depuis le début de l'année.",
            "sortie-centres ila-familles draft:loyers draft:location"),
    ),
    "fle-attente": (
        Rec("fle-numerique", "Compléter les cours de FLE par des ressources en ligne accompagnées",
            "Des exercices en ligne entre deux cours, avec un tutorat hebdomadaire dans les ILI.",
            "90000", "newcomer workers", "community", "",
            (("€", 15000, FWB, 2026), ("log", "Tablettes prêtées par la Province")),
            "ili-passerelles:carrier ili-trait:partner cai:partner", "",
            "fle-attente draft:attente"),
    ),
    "discrimination-embauche": (
        Rec("tests-situation", "Mener des tests de situation à l'embauche avec les services régionaux de l'emploi",
            "Mesurer les discriminations dans les offres d'emploi de la province et en publier les résultats.",
            "92000 91000", "foreign-origin youth", "regional", "interim",
            (("€", 20000, SPW, 2027),),
            "cai:carrier interim:partner", "",
            "discrimination-embauche draft:témoignages draft:plainte"),
    ),
}
NEW_PRIORITIES = [
    Prio("numerique", "sante-aide-sociale",
         "Garantir l'accès aux droits quand les démarches passent au numérique",
         "demarches-en-ligne allocations",
         "La numérisation des CPAS, des mutualités et des administrations exclut ceux qui ne lisent pas le français ou n'ont pas d'ordinateur.",
         (
             Rec("epn-accompagnes", "Ouvrir des permanences numériques accompagnées, avec interprète, dans les ILI",
                 "Aide aux démarches en ligne (mutualité, CPAS, titres de séjour) et initiation à l'usage du smartphone.",
                 "90000", "newcomer elderly", "regional", "",
                 (("€", 35000, SPW, 2026), ("ETP", "1", "Médiateurs numériques")),
                 "ili-trait:carrier ili-passerelles:partner ili-entre-rives:partner parole:partner",
                 "160 ip 10 | 40 ip 30 Six permanences hebdomadaires ouvertes ; 180 personnes aidées."),
             Rec("guichet-physique", "Plaider pour le maintien d'un guichet physique dans les CPAS et les mutualités",
                 "Interpeller les niveaux régional et fédéral pour qu'aucun droit ne dépende d'une démarche uniquement en ligne.",
                 "90000", "all", "regional federal", "",
                 (("ETP", "0.1", "Rédaction de l'interpellation"),),
                 "cai:carrier cpas-hamois:partner", "",
                 "demarches-en-ligne draft:aide_médicale"),
         )),
    Prio("protection-temporaire", "logement-environnement",
         "Accompagner vers un logement durable les personnes déplacées d'Ukraine sous protection temporaire",
         "sortie-centres villages-isoles draft:loyers",
         "Hébergées chez l'habitant ou dans des logements de crise, des familles ukrainiennes doivent trouver un logement durable.",
         (
             Rec("ukraine-logement", "Accompagner les familles sous protection temporaire vers un logement durable",
                 "Recherche de logement, médiation avec les hébergeurs et les propriétaires, accès aux aides à l'installation.",
                 "90000", "newcomer women", "communal regional", "cpas-beauraing cpas-fosses",
                 (("€", 42000, SPW, 2026), ("ETP", "0.8", "Capteur logement")),
                 "ais:carrier habitat:partner cpas-fosses:partner cai:partner",
                 "210 ip 15 | 90 ip 35 Trente-huit familles relogées dans les arrondissements de Namur et de Dinant.",
                 "sortie-centres draft:loyers"),
             Rec("ukraine-emploi", "Faciliter l'accès des personnes sous protection temporaire au français et à l'emploi",
                 "Groupes de FLE intensifs et reconnaissance des qualifications, en lien avec les ILI.",
                 "90000", "newcomer workers", "regional community", "",
                 (("€", 25000, FSE, 2027),),
                 "cisp:carrier ili-horizons:partner", "",
                 "equivalences osp-tardive"),
         )),
    Prio("precarite-energetique", "logement-environnement",
         "Lutter contre la précarité énergétique des ménages d'origine étrangère",
         "surpeuplement-sambreville surendettement",
         "Des logements mal isolés, des factures d'énergie qui explosent et des contrats mal compris.",
         (
             Rec("tuteurs-energie", "Former des tuteurs énergie qui accompagnent les ménages à domicile, en plusieurs langues",
                 "Relecture des factures, conseils d'économie d'énergie, accès au tarif social et aux primes à la rénovation.",
                 "92137 92094 93014", "foreign-origin", "regional communal", "",
                 (("€", 30000, SPW, 2026), ("ETP", "0.6", "Tuteurs énergie")),
                 "cpas-fosses:carrier regie:partner epicerie:partner",
                 "130 ip 20"),
             Rec("renovation-proprietaires", "Inciter les propriétaires bailleurs à rénover les logements énergivores loués à des ménages précaires",
                 "Information sur les primes régionales et conventionnement avec l'agence immobilière sociale.",
                 "90000", "all", "regional", "",
                 (("ETP", "0.2", "Conseiller logement"),),
                 "ais:carrier cai:partner"),
         )),
    Prio("francais-emploi", "formation",
         "Rapprocher l'apprentissage du français des villages et de l'emploi",
         "alpha-rural fle-journee-dinant draft:villages",
         "Les cours du soir existent en ville, mais les apprenants des villages ne peuvent pas s'y rendre ; le français enseigné est peu tourné vers le travail.",
         (
             Rec("fle-metiers", "Proposer du français sur objectifs professionnels avec les entreprises et les CISP",
                 "Des modules de français liés à un métier (aide aux personnes, logistique, horeca), avec des stages.",
                 "91000 93000", "newcomer workers", "regional", "",
                 (("€", 40000, FSE, 2026), ("ETP", "1", "Formateurs")),
                 "cisp:carrier eps:partner ili-mosaique:partner",
                 "180 ip 15 | 60 ip 30",
                 "alpha-rural osp-tardive draft:attente"),
             Rec("mobilite-apprenants", "Organiser le transport des apprenants des villages vers les cours du soir",
                 "Transport à la demande et covoiturage solidaire, avec les communes rurales.",
                 "91000 93000", "newcomer", "provincial communal", "ac-dinant ac-philippeville",
                 (("€", 12000, PROV, 2026),),
                 "cai:carrier ili-ariane:partner ili-boussole:partner", "",
                 "fle-journee-dinant draft:villages draft:bus"),
         )),
]
# Progress of the first year of the PPLI 2.0 on recommendations kept (days ago).
PROGRESS_2 = {
    "protocole-cpas": "180 ip 20 Le protocole est actualisé avec les CPAS qui n'y avaient pas adhéré.",
    "dispositif-interpretariat": "150 ip 10 | 30 ip 25",
    "capteur-logement": "190 ip 15",
    "groupes-fle": "170 ip 10 | 50 ip 30 Deux groupes intensifs ouverts à Namur.",
    "accueil-gembloux": "100 ip 40 Première matinée d'accueil de l'année avec l'administration communale.",
    "etudiants-info": "60 ip 20",
}
# fmt: on

GENERIC_TEXTS = {
    "start": [
        "Réunion de lancement avec les partenaires ; calendrier et répartition des rôles arrêtés.",
        "Groupe de travail constitué ; un état des lieux est en cours auprès des partenaires.",
        "Convention signée avec le porteur ; premières actions programmées.",
        "Premières rencontres avec les services concernés ; le besoin est confirmé sur le terrain.",
        "Note de cadrage validée par le comité de pilotage du PPLI.",
    ],
    "middle": [
        "Premières actions réalisées ; bilan intermédiaire présenté à l'espace de concertation.",
        "L'action se déploie : de nouveaux partenaires ont rejoint le projet.",
        "Outil testé auprès de plusieurs partenaires ; des ajustements sont en cours.",
        "Financement confirmé pour l'année suivante ; une extension à d'autres communes est à l'étude.",
        "Évaluation à mi-parcours : la participation est bonne, les délais restent serrés.",
    ],
    "done": [
        "Action réalisée ; le bilan a été présenté à l'assemblée plénière du PPLI.",
        "Objectif atteint : le dispositif fait désormais partie de l'offre des partenaires.",
        "Action clôturée ; l'évaluation finale figure au rapport annuel du C.A.I.",
    ],
    "abandoned": [
        "Action abandonnée : le financement attendu n'a pas été obtenu.",
        "Action abandonnée faute de porteur ; le besoin est reporté au plan suivant.",
    ],
    "to_launch": ["Action reportée : elle attend une décision de financement."],
}


def is_loaded() -> bool:
    return Plan.objects.filter(is_demo=True).exists()


@transaction.atomic
def load(stdout) -> None:
    if is_loaded():
        stdout.write("Demo plans already loaded.")
        return
    province = Territory.objects.active().filter(nis_code=PROVINCE_CODE).first()
    if province is None:
        stdout.write(
            f"Demo plans skipped: the Province de Namur ({PROVINCE_CODE}) is not loaded "
            "(run `pli setup_data` first)."
        )
        return
    diagnostic = (
        Diagnostic.objects.filter(is_demo=True, title__contains=DIAGNOSTIC_2016_PERIOD).order_by("pk").first()
    )
    if diagnostic is None:
        stdout.write("Demo plans skipped: the demo diagnostic 2016-2017 is not loaded.")
        return
    stdout.write(_Builder(province, diagnostic).build())


def _unique_title(title: str) -> str:
    """The title, or "<title> (démo)" when a real plan already has it."""
    return f"{title} (démo)" if Plan.objects.filter(title=title).exists() else title


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=BRUSSELS)


class _Builder:
    def __init__(self, province: Territory, diagnostic: Diagnostic):
        users = get_user_model().objects
        self.province = province
        self.diagnostic = diagnostic
        self.today = timezone.localdate()
        self.coordinator = users.filter(email=COORDINATOR_EMAIL, is_active=True).first()
        if self.coordinator is not None and not self.coordinator.is_coordinator:
            self.coordinator = None
        self.partner = users.filter(email=PARTNER_EMAIL, is_active=True).first()
        person = Person.objects.filter(user=self.partner).first() if self.partner else None
        self.partner_org = person.organisation if person and not person.erased_at else None
        self.axes = {
            a.code.removeprefix(f"{FRAMEWORK}-"): a for a in Axis.objects.filter(framework=FRAMEWORK)
        }
        self.publics = {p.code: p for p in Public.objects.all()}
        self.territories = {
            t.nis_code: t
            for t in Territory.objects.active().filter(
                province_code=PROVINCE_CODE, level__in=[Level.ARRONDISSEMENT, Level.COMMUNE]
            )
        }
        self.territories[PROVINCE_CODE] = province
        demo_orgs = {o.name.removesuffix(" (démo)"): o for o in Organisation.objects.filter(is_demo=True)}
        self.orgs = {short: demo_orgs[name] for short, name in ORGS.items() if name in demo_orgs}
        centre = Organisation.objects.filter(is_demo=True, type__code="cri").order_by("pk").first()
        if centre is not None:
            self.orgs[CENTRE] = centre
        # The findings of the 2016-2017 diagnostic by their first wording (a nuanced one was reworded).
        first_wordings = FindingWording.objects.filter(
            finding__diagnostic=diagnostic, settlement=None
        ).values_list("text", "finding_id")
        by_text = dict(first_wordings)
        findings = Finding.objects.in_bulk(set(by_text.values()))
        self.findings = {
            spec.key: findings[by_text[spec.statement]] for spec in FINDINGS if spec.statement in by_text
        }
        self.axis_findings: dict[int, list[Finding]] = {}
        for finding in Finding.objects.filter(diagnostic=diagnostic).order_by("pk"):
            self.axis_findings.setdefault(finding.axis_id, []).append(finding)
        self.draft = (
            Diagnostic.objects.filter(is_demo=True, title__startswith=DIAGNOSTIC_2_TITLE)
            .order_by("pk")
            .first()
        )
        self.draft_findings = list(
            Finding.objects.filter(diagnostic=self.draft).order_by("pk") if self.draft else []
        )
        self.text_index = 0
        self.notes: list[str] = []

    # --- the whole ---------------------------------------------------------------------------------

    def build(self) -> str:
        old = self._plan_2016()
        old_priorities = {p.key: p for p in PRIORITIES if p.axis in self.axes}
        old_recs = {r.key: r for p in old_priorities.values() for r in p.recommendations}
        priorities, recs = self._priorities(old, list(old_priorities.values()), first_number=1)
        self._means_and_resources(recs, old_recs)
        old_updates = self._progress_2016(recs, old_recs)
        partner_old = self._partner_resources(recs, old_recs)
        old = services.set_published(old, True, by=self.coordinator)

        new, changes = self._plan_2(old, priorities, recs)
        partner_new = (
            Recommendation.objects.filter(priority__plan=new, resources__organisation=self.partner_org)
            .distinct()
            .count()
            if self.partner_org
            else 0
        )
        if self.partner_org is None:
            self.notes.append(f"no partner organisation: the account {PARTNER_EMAIL} has no person")
        if not self.orgs:
            self.notes.append("no resources: the demo network is not loaded")

        line = (
            f"Demo plans: {old.version_label} (closed, published): {len(priorities)} priorities, "
            f"{len(recs)} recommendations, {old_updates} progress updates; "
            f"{new.version_label} (in preparation): {new.priorities.count()} priorities "
            f"({changes['reworded']} reworded, {changes['removed']} removed, {changes['added']} added), "
            f"{Recommendation.objects.filter(priority__plan=new).count()} recommendations, "
            f"{changes['updates']} progress updates; partner organisation a resource of "
            f"{partner_old} + {partner_new} recommendations."
        )
        return line + "".join(f" Note: {note}." for note in self.notes)

    # --- the PPLI 2016-2019 ------------------------------------------------------------------------

    def _plan_2016(self) -> Plan:
        return Plan.objects.create(
            kind=PlanKind.PPLI,
            title=_unique_title(PLAN_2016["title"]),
            version_label=PLAN_2016["version_label"],
            territory=self.province,
            start_year=PLAN_2016["start_year"],
            end_year=PLAN_2016["end_year"],
            status=PlanStatus.CLOSED,
            carriers=PLAN_2016["carriers"],
            framework=FRAMEWORK,
            diagnostic=self.diagnostic,
            adopted_on=PLAN_2016["adopted_on"],
            adopted_by=PLAN_2016["adopted_by"],
            closed_on=PLAN_2016["closed_on"],
            closed_by=PLAN_2016["closed_by"],
            summary=PLAN_2016["summary"],
            is_demo=True,
        )

    def _findings_for(self, keys: str, axis: Axis) -> list[Finding]:
        """The 2016-2017 findings named (the first of the axis if none is found), then the draft
        findings of the "Actualisation PPLI 2.0" whose statement contains a "draft:<word>" word."""
        tokens = keys.split()
        found = [self.findings[k] for k in tokens if k in self.findings]
        found = [f for f in found if f.axis_id == axis.pk] or found or self.axis_findings.get(axis.pk, [])[:1]
        words = [t.removeprefix("draft:").replace("_", " ").lower() for t in tokens if t.startswith("draft:")]
        drafts = [f for f in self.draft_findings if any(word in f.statement.lower() for word in words)]
        return found + drafts[:2]

    def _priorities(
        self, plan: Plan, specs: list[Prio], first_number: int
    ) -> tuple[dict[str, Priority], dict[str, Recommendation]]:
        priorities, recs = {}, {}
        for number, spec in enumerate(specs, start=first_number):
            axis = self.axes[spec.axis]
            priority = Priority.objects.create(
                plan=plan, axis=axis, number=number, title=spec.title, description=spec.description
            )
            findings = self._findings_for(spec.findings, axis)
            priority.findings.set(findings)
            priorities[spec.key] = priority
            for rec_number, rec in enumerate(spec.recommendations, start=1):
                recs[rec.key] = self._recommendation(priority, rec_number, rec, findings)
        return priorities, recs

    def _recommendation(self, priority, number, spec: Rec, priority_findings):
        recommendation = Recommendation.objects.create(
            priority=priority,
            number=number,
            title=spec.title,
            text=spec.text,
            addressed_levels=spec.levels.split(),
        )
        findings = self._findings_for(spec.findings, priority.axis) if spec.findings else priority_findings
        recommendation.findings.set(findings)
        territories = [self.territories[nis] for nis in spec.territories.split() if nis in self.territories]
        recommendation.territories.set(territories or [self.province])
        recommendation.publics.set([self.publics[c] for c in spec.publics.split() if c in self.publics])
        recommendation.addressed_to.set([self.orgs[s] for s in spec.addressed.split() if s in self.orgs])
        return recommendation

    def _means_and_resources(
        self, recs: dict[str, Recommendation], specs: dict[str, Rec], year_shift: int = 0
    ) -> None:
        means, resources = [], []
        for key, recommendation in recs.items():
            spec = specs[key]
            for line in spec.means:
                if line[0] == "€":
                    amount, funder, year, *description = line[1:]
                    means.append(
                        Means(
                            recommendation=recommendation,
                            kind=MeansKind.FINANCIAL,
                            amount=Decimal(amount),
                            funder=funder,
                            year=year + year_shift,
                            description=description[0] if description else "",
                        )
                    )
                elif line[0] == "ETP":
                    means.append(
                        Means(
                            recommendation=recommendation,
                            kind=MeansKind.HUMAN,
                            fte=Decimal(line[1]),
                            description=line[2],
                        )
                    )
                else:
                    means.append(
                        Means(recommendation=recommendation, kind=MeansKind.LOGISTIC, description=line[1])
                    )
            seen = set()
            for item in spec.resources.split():
                short, role = item.split(":")
                organisation = self.orgs.get(short)
                if organisation is not None and (organisation.pk, role) not in seen:
                    seen.add((organisation.pk, role))
                    resources.append(
                        Resource(recommendation=recommendation, organisation=organisation, role=role)
                    )
            if not seen and CENTRE in self.orgs:  # an organisation missing: the centre carries it
                resources.append(
                    Resource(recommendation=recommendation, organisation=self.orgs[CENTRE], role=CARRIER)
                )
        Means.objects.bulk_create(means)
        Resource.objects.bulk_create(resources)

    def _carrier(self, recommendation: Recommendation):
        resource = (
            recommendation.resources.filter(role=CARRIER)
            .select_related("organisation")
            .order_by("pk")
            .first()
        )
        return resource.organisation if resource else None

    def _text(self, phase: str) -> str:
        texts = GENERIC_TEXTS[phase]
        self.text_index += 1
        return texts[self.text_index % len(texts)]

    def _post(self, recommendation, steps, *, relative: bool, by=None, organisation=None) -> list:
        """Post the steps "<date or days ago> <status> <percent> [text]" separated by "|"."""
        updates = []
        if not steps:
            return updates
        carrier = organisation or self._carrier(recommendation)
        for index, step in enumerate(s.strip() for s in steps.split("|")):
            when, status, percent, *text = step.split(" ", 3)
            status, percent = STATUS[status], int(percent)
            if relative:
                day = max(self.today - timedelta(days=int(when)), date(PLAN_2["start_year"], 1, 1))
                day = min(day, self.today)
            else:
                day = date.fromisoformat(when)
            if text:
                words = text[0]
            elif status == RecommendationStatus.IN_PROGRESS:
                words = self._text("start" if index == 0 else "middle")
            else:
                words = self._text(status)
            updates.append(
                services.post_progress(
                    recommendation,
                    text=words,
                    progress=percent,
                    status=status,
                    by=by or self.coordinator,
                    date=day,
                    organisation=carrier,
                )
            )
        return updates

    def _backdate(self, updates: list) -> None:
        """An update is written the day it reports, not the day the demo is loaded."""
        for update in updates:
            update.created_at = min(_noon(update.date), timezone.now())
        ProgressUpdate.objects.bulk_update(updates, ["created_at"])

    def _progress_2016(self, recs: dict[str, Recommendation], specs: dict[str, Rec]) -> int:
        updates = []
        for key, recommendation in recs.items():
            updates += self._post(recommendation, specs[key].progress, relative=False)
        self._backdate(updates)
        return len(updates)

    def _partner_resources(self, recs: dict[str, Recommendation], specs: dict[str, Rec]) -> int:
        """The partner's organisation is a resource of the recommendations of ILI Trait d'union (the
        demo partner's organisation), whichever organisation the partner account works for."""
        if self.partner_org is None:
            return 0
        count = 0
        for key, recommendation in recs.items():
            if "ili-trait:" not in specs[key].resources:
                continue
            if not recommendation.resources.filter(organisation=self.partner_org).exists():
                Resource.objects.create(
                    recommendation=recommendation, organisation=self.partner_org, role=PARTNER
                )
            count += 1
        return count

    # --- the PPLI 2.0 ------------------------------------------------------------------------------

    def _plan_2(self, old: Plan, old_priorities: dict, old_recs: dict) -> tuple[Plan, dict]:
        new = services.new_version(
            old,
            title=_unique_title(PLAN_2["title"]),
            version_label=PLAN_2["version_label"],
            start_year=PLAN_2["start_year"],
            end_year=PLAN_2["end_year"],
            by=self.coordinator,
        )
        new.summary = PLAN_2["summary"]
        new.diagnostic = self.draft or old.diagnostic
        new.save(update_fields=["summary", "diagnostic", "updated_at"])
        shift = PLAN_2["start_year"] - PLAN_2016["start_year"]
        # The financial means carried over are budgeted for the new period.
        for means in Means.objects.filter(recommendation__priority__plan=new, kind=MeansKind.FINANCIAL):
            means.year += shift
            means.save(update_fields=["year"])

        copies = {p.copied_from_id: p for p in new.priorities.all()}
        priorities = {key: copies[p.pk] for key, p in old_priorities.items() if p.pk in copies}
        rec_copies = {r.copied_from_id: r for r in Recommendation.objects.filter(priority__plan=new)}
        recs = {key: rec_copies[r.pk] for key, r in old_recs.items() if r.pk in rec_copies}

        changes = {"reworded": 0, "removed": 0, "added": 0, "updates": 0}
        for key, title in REWORDED_PRIORITIES.items():
            if key in priorities:
                priority = priorities[key]
                priority.title = title
                priority.version += 1
                priority.save(update_fields=["title", "version", "updated_at"])
                changes["reworded"] += 1
        for key in REMOVED_PRIORITIES:
            if key in priorities:
                priorities.pop(key).delete()
                changes["removed"] += 1
        kept = set(Recommendation.objects.filter(priority__plan=new).values_list("pk", flat=True))
        recs = {key: r for key, r in recs.items() if r.pk in kept}
        for key, title in REWORDED_RECOMMENDATIONS.items():
            if key in recs:
                recs[key].title = title
                recs[key].version += 1
                recs[key].save(update_fields=["title", "version", "updated_at"])
        for key in REMOVED_RECOMMENDATIONS:
            if key in recs:
                recs.pop(key).delete()

        # Recommendations added to priorities kept, then the new priorities.
        added_specs, added = {}, {}
        for priority_key, specs in ADDED_RECOMMENDATIONS.items():
            priority = priorities.get(priority_key)
            if priority is None:
                continue
            last = priority.recommendations.order_by("-number").values_list("number", flat=True).first() or 0
            for number, spec in enumerate(specs, start=last + 1):
                added[spec.key] = self._recommendation(priority, number, spec, list(priority.findings.all()))
                added_specs[spec.key] = spec
        new_specs = [p for p in NEW_PRIORITIES if p.axis in self.axes]
        last = max((p.number for p in new.priorities.all()), default=0)
        created, created_recs = self._priorities(new, new_specs, first_number=last + 1)
        changes["added"] = len(created)
        added.update(created_recs)
        added_specs.update({r.key: r for p in new_specs for r in p.recommendations})
        self._means_and_resources(added, added_specs)
        self._partner_resources(added, added_specs)
        self._renumber(new)

        # The first progress updates of the PPLI 2.0, some posted by the partner.
        updates = []
        for key, recommendation in {**recs, **added}.items():
            steps = PROGRESS_2.get(key) or (added_specs[key].progress if key in added_specs else "")
            partner_posts = (
                self.partner is not None
                and self.partner_org is not None
                and recommendation.resources.filter(organisation=self.partner_org).exists()
            )
            updates += self._post(
                recommendation,
                steps,
                relative=True,
                by=self.partner if partner_posts else None,
                organisation=self.partner_org if partner_posts else None,
            )
        self._backdate(updates)
        changes["updates"] = len(updates)
        return new, changes

    @staticmethod
    def _renumber(plan: Plan) -> None:
        """Number the priorities 1, 2, 3… again in the order of the axes, as a new version is printed."""
        priorities = list(plan.priorities.order_by("axis__order", "number", "pk"))
        # Out of the way first: the number is unique in the plan and checked row by row.
        Priority.objects.filter(plan=plan).update(number=F("number") + 1000)
        for number, priority in enumerate(priorities, start=1):
            if priority.number != number:
                priority.version += 1
            priority.number = number
        Priority.objects.bulk_update(priorities, ["number", "version"])
