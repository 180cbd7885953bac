"""The JSON API, /api/v1/, with its OpenAPI schema at /api/v1/openapi.json and docs at /api/v1/docs."""

from django.urls import path
from ninja import NinjaAPI

from advocacy.api import router as advocacy_router
from diagnostic.api import router as diagnostic_router
from expertise.api import router as expertise_router
from network.api import router as network_router
from plan.api import router as plan_router
from pli.api import install_error_handlers
from territory.api import router as territory_router

api = NinjaAPI(
    title="Plateforme PLI — API",
    version="1",
    description=(
        "Open statistics of the territorial diagnostic, and the platform's data by permission. "
        "Scripts authenticate with a personal API token, created in *Mon compte*: "
        "`Authorization: Bearer pli_…`; a token sees exactly what its user may see. Lists are "
        "paginated (`limit`, `offset`; `next` gives the following page). Every error answers "
        '`{"detail": …, "errors": [{"parameter": …, "message": …}]}` in French: 422 for a bad '
        "parameter, 401 without a valid session or token, 403, 404."
    ),
)
install_error_handlers(api)
api.add_router("/", territory_router)
api.add_router("/network/", network_router)
api.add_router("/diagnostic/", diagnostic_router)
api.add_router("/expertise/", expertise_router)
api.add_router("/plan/", plan_router)  # no auth: published plans are public
api.add_router("/advocacy/", advocacy_router)  # published interpellations are public

urlpatterns = [path("", api.urls)]
