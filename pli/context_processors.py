from django.conf import settings

from pli.navigation import available_areas


def platform(request):
    path = request.path
    areas = available_areas()
    for area in areas:
        area["current"] = path.startswith(area["url"])
    return {"nav_areas": areas, "demo_mode": settings.DEMO}
