"""The seven missions of a regional integration centre (CWASS, as transcribed by the C.A.I.; see
shared/domain/BRIEF.md §1.3): the chapters of the annual activity report."""

from django.utils.translation import gettext_lazy as _

MISSIONS = [
    (1, "parcours", _("The integration pathway (parcours d'intégration)")),
    (
        2,
        "ili_pli",
        _("Accompanying the ILI, organising the platforms and coordinating the local integration plans"),
    ),
    (3, "coordination", _("Coordinating integration activities on the territory")),
    (
        4,
        "participation",
        _("Social, economic, cultural and political participation, and intercultural exchanges"),
    ),
    (5, "training", _("Training the workers of the integration sector")),
    (6, "statistics", _("Collecting local statistical data")),
    (7, "consultation", _("Consulting the other centres for coherent policies")),
]
MISSION_KEYS = [key for _number, key, _title in MISSIONS]
