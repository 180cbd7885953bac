"""The help of each area and the glossary of the field's terms.

A term's name is taken from the vocabulary when the vocabulary has it (an organisation type, a public:
the same words as the forms and lists); its definition is written here, in English, translated like
every other text (locale/fr). Every page of an area links to its help (`area_of`, above the page),
and the field's acronyms link to the glossary where the pages write them (`pli.templatetags.glossary`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    key: str  # the anchor: /aide/glossaire/#ili
    acronym: str
    definition: str
    name: str = ""  # when the vocabulary has no entry for it, or names it by its acronym only
    vocabulary: tuple[str, str] | None = None  # (model, code) whose label names the term


TERMS = [
    Term(
        "pli",
        "PLI",
        _(
            "The plan that brings out the needs of foreign residents and people of foreign origin on a territory, and the strategies to meet them."
        ),
        name=_("Local integration plan"),
    ),
    Term(
        "ppli",
        "PPLI",
        _(
            "The local integration plan at the scale of a province, carried by several umbrella bodies; its versions are compared on the plan's pages."
        ),
        name=_("Provincial and local integration plan"),
    ),
    Term(
        "cri",
        "CRI",
        _("The regional integration centre that runs the plan on its territory and animates its network."),
        vocabulary=("OrganisationType", "cri"),
    ),
    Term(
        "pcs",
        "PCS",
        _(
            "A commune's social cohesion plan, built on axes of access to fundamental rights shared with the integration plan."
        ),
        vocabulary=("OrganisationType", "pcs"),
    ),
    Term(
        "pst",
        "PST",
        _("A commune's multi-year strategic programme, one of the sources of the findings."),
        name=_("Cross-cutting strategic programme"),
    ),
    Term(
        "ili",
        "ILI",
        _(
            "Approved local integration initiatives: French courses, citizenship training, social and legal help."
        ),
        vocabulary=("OrganisationType", "ili"),
    ),
    Term(
        "cada",
        "CADA",
        _("A reception centre for applicants for international protection."),
        vocabulary=("OrganisationType", "cada"),
    ),
    Term(
        "mena",
        "MENA",
        _("Unaccompanied foreign minors, and the structures that receive them."),
        vocabulary=("Public", "mena"),
    ),
    Term(
        "ila",
        "ILA",
        _("A local reception initiative for applicants for international protection, often run by a CPAS."),
        vocabulary=("OrganisationType", "ila"),
    ),
    Term(
        "cpas",
        "CPAS",
        _("The public social welfare centre of a commune."),
        name=_("Public social welfare centre"),
        vocabulary=("OrganisationType", "cpas"),
    ),
    Term(
        "primo",
        "",
        _("A foreigner recently arrived, as the decree defines it."),
        vocabulary=("Public", "newcomer"),
    ),
    Term(
        "constat",
        "",
        _(
            "A short statement of a need or a problem on the territory, with its sources and evidence; the findings register keeps them and their reviews."
        ),
        name=_("Finding"),
    ),
    Term(
        "axe",
        "",
        _(
            "One of the axes of access to fundamental rights shared with the communes' social cohesion plans; every priority of the plan sits under one."
        ),
        name=_("Axis"),
    ),
    Term(
        "ins",
        "INS / NIS",
        _(
            "The code by which Statbel identifies every commune, arrondissement, province and region (REFNIS)."
        ),
        name=_("Statistical code of a territory"),
    ),
]

AREAS = {
    "territoire": (
        _("Territory"),
        [
            _(
                "The territory pages show the official figures of Statbel for every commune, arrondissement and province: population, non-Belgian residents and their share, their evolution since the first year with nationalities imported, the age pyramid and the map."
            ),
            _(
                "Every figure names its source (file, date, checksum). The tables download as CSV or XLSX; the index of territories sorts and filters the communes; several territories can be compared side by side."
            ),
        ],
        "territory:index",
    ),
    "constats": (
        _("Findings"),
        [
            _(
                "The findings register keeps the statements of needs and problems, with their axis, territories, publics and sources. A statistic cited keeps its value and year; when newer figures move beyond a threshold, the finding is to re-examine."
            ),
            _(
                "Review campaigns re-examine the findings through five lenses; each verdict (confirmed, nuanced, obsolete, replaced) is kept with its rationale, nothing is overwritten."
            ),
        ],
        "diagnostic:index",
    ),
    "plan": (
        _("Plan"),
        [
            _(
                "A plan has axes, priorities and recommendations. A recommendation cites the findings that justify it, names its territories and public (with the population computed from the statistics), its means and the organisations that carry it, and follows its progress."
            ),
            _("A plan is published once adopted; its versions can be compared."),
        ],
        "plan:index",
    ),
    "reseau": (
        _("Network"),
        [
            _(
                "The network holds the organisations, their people and their offers, and the concertation spaces with their members, meetings, agendas, minutes and decisions."
            ),
            _("A person's data can be exported (to read, print or as a file) and erased on request."),
        ],
        "network:index",
    ),
    "expertise": (
        _("Expertise"),
        [
            _(
                "A request for expertise comes from the field (a partner for its organisation, or a coordinator for someone who called) or from a societal context. It is qualified, the network's experts are ranked with the reasons of their rank, solicited, and the request is followed until its answer and the requester's feedback."
            ),
            _(
                "A request is confidential: only the requester's organisation, the experts solicited and the coordinators see it. Each urgency has its target delays, and the report measures the reactivity month by month."
            ),
        ],
        "expertise:index",
    ),
    "plaidoyer": (
        _("Watch and advocacy"),
        [
            _(
                "An alert records a critical question of access to fundamental rights or of interculturality, with its sources; each reaction is dated, so that the time to the first reaction is measured."
            ),
            _(
                "An interpellation carries the voice of the field to the political level with its chain of evidence (findings, statistics, recommendations, minutes); it is followed until answered, and published once its carriers agree."
            ),
        ],
        "advocacy:index",
    ),
}

# The help of the area a page belongs to, by the page's application (its URL namespace).
AREA_OF_APP = {
    "territory": "territoire",
    "diagnostic": "constats",
    "plan": "plan",
    "network": "reseau",
    "expertise": "expertise",
    "advocacy": "plaidoyer",
}


def area_of(request) -> dict | None:
    """The help area of the page being read, for its « Aide » link, or None."""
    match = getattr(request, "resolver_match", None)
    key = AREA_OF_APP.get(match.app_name) if match else None
    return {"key": key, "title": AREAS[key][0]} if key else None


def glossary() -> list[dict]:
    """The terms, each named from the vocabulary where it has them, in alphabetical order."""
    from django.apps import apps

    names = {}
    for model_name in {t.vocabulary[0] for t in TERMS if t.vocabulary}:
        model = apps.get_model("vocabulary", model_name)
        names.update(
            {(model_name, code): label for code, label in model.objects.values_list("code", "label")}
        )
    entries = []
    for term in TERMS:
        name = names.get(term.vocabulary, "") if term.vocabulary else ""
        if name.strip().upper() == term.acronym.upper():  # the vocabulary names it by its acronym
            name = str(term.name) if term.name else ""
        entries.append(
            {
                "key": term.key,
                "acronym": term.acronym,
                "name": name or str(term.name),
                "definition": term.definition,
            }
        )
    return sorted(entries, key=lambda e: (e["acronym"] or e["name"]).lower())
