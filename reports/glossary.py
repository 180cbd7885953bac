"""The glossary printed in the annexes of the plan document: the field's terms, in the reader's language."""

from django.utils.translation import gettext as _


def glossary() -> list[tuple[str, str]]:
    return [
        (_("CRI"), _("Regional integration centre: runs the plan on its territory.")),
        (
            _("PLI / PPLI"),
            _(
                "Local integration plan; at the scale of the province, the provincial and local integration plan."
            ),
        ),
        (_("Finding"), _("A short statement of a need or a problem, with its sources and evidence.")),
        (_("Axis"), _("One of the axes of access to fundamental rights shared with the communes' PCS.")),
        (_("Priority"), _("An action priority of the plan, under one axis.")),
        (_("Recommendation"), _("What should be done, with its means, resources, territories and public.")),
        (_("Means"), _("Financial (euro), human (FTE) or logistic means of a recommendation.")),
        (_("Concertation space"), _("A standing working group of the network, statutory or decentralized.")),
        (_("PCS"), _("The commune's social cohesion plan.")),
        (_("ILI"), _("Approved local integration initiative (French courses, citizenship, social help).")),
        (
            _("CADA, MENA, ILA"),
            _("Asylum-seeker reception centre; unaccompanied foreign minors; local reception initiative."),
        ),
        (_("Non-Belgians"), _("Residents without Belgian nationality (Statbel).")),
    ]
