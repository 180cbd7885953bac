from django.conf import settings

from pli.help import area_of
from pli.navigation import available_areas, public_areas


def platform(request):
    path = request.path
    user = getattr(request, "user", None)
    areas = available_areas() if user is not None and user.is_authenticated else public_areas()
    for area in areas:
        area["current"] = path.startswith(area["url"])
    return {"nav_areas": areas, "demo_mode": settings.DEMO, "help_area": area_of(request)}
