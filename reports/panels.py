"""What the documents add to other apps' pages (pli/app_hooks.py): the downloads of a plan version on
its page, the portrait of a territory on its page."""


def plan_sections(request, plan) -> list[dict]:
    if not request.user.is_authenticated:  # a visitor reads a published plan: its public version
        return [{"template": "reports/_plan_public_downloads.html", "context": {"plan": plan}}]
    return [{"template": "reports/_plan_downloads.html", "context": {"plan": plan}}]


def territory_sections(request, territory) -> list[dict]:
    from territory.choices import Level

    if not request.user.is_authenticated or territory.level not in (
        Level.COMMUNE,
        Level.ARRONDISSEMENT,
        Level.PROVINCE,
    ):
        return []
    return [{"template": "reports/_territory_portrait.html", "context": {"territory": territory}}]
