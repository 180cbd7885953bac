from territory import queries


def cards(request):
    working = queries.working_territory()
    year = queries.latest_structure_year()
    if working is None or year is None:
        return [{"order": 10, "template": "territory/_dashboard_card.html", "context": {"portrait": None}}]
    portrait = queries.portrait(working, year)
    base_years = queries.structure_years()
    base = queries.portrait(working, base_years[0]) if base_years and base_years[0] != year else None
    latest_population = queries.portrait(working, queries.population_years()[-1])
    return [
        {
            "order": 10,
            "template": "territory/_dashboard_card.html",
            "context": {
                "territory": working,
                "portrait": portrait,
                "evolution": queries.evolution(base, portrait) if base and portrait else None,
                "latest_population": latest_population
                if latest_population and latest_population.year != year
                else None,
            },
        }
    ]


def setup_steps() -> list[dict]:
    """First-run steps: the working territory is known, its statistics imported."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from territory.models import Import

    return [
        {
            "order": 10,
            "label": _("Working territory set (PLI_WORKING_TERRITORY) and the REFNIS codes loaded"),
            "done": queries.working_territory() is not None,
            "url": reverse("territory:import_list"),
        },
        {
            "order": 20,
            "label": _("Statistics imported (Statbel)"),
            "done": Import.objects.exclude(dataset__in=["statbel-refnis", "boundaries"]).exists(),
            "url": reverse("territory:import_list"),
        },
    ]
