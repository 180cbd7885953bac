from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog
from django_tasks_db.models import DBTaskResult

from accounts.admin import unregister_otp_models
from pli import health, views

admin.site.site_header = _("PLI platform administration")
admin.site.site_title = _("PLI platform")
admin.site.index_title = _("Administration")
# The admin logs in through the platform's login page, with its throttling and second factor.
admin.site.login = login_required(admin.site.login)
unregister_otp_models()
# The task backend's own admin speaks English only (django-tasks has no French catalogue): the work is
# read on the jobs' pages (jobs/), the tasks' rows with `pli db_worker` and `pli prune_db_task_results`.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
# The words of the scripts (charts, maps), in the reader's language: they change only with a deployment.
STARTED_AT = timezone.now()
javascript_catalog = last_modified(lambda request, **kwargs: STARTED_AT)(JavaScriptCatalog.as_view())

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("health/", health.health, name="health"),
    path("recherche/", views.search, name="search"),
    path("aide/", views.help_index, name="help"),
    path("aide/glossaire/", views.glossary, name="glossary"),
    path("aide/<str:area>/", views.help_area, name="help_area"),
    path("jsi18n/", javascript_catalog, name="javascript_catalog"),
    path("compte/", include("accounts.urls")),
    path("", include("accounts.urls_history")),
    path("territoire/", include("territory.urls")),
    path("reseau/", include("network.urls")),
    path("constats/", include("diagnostic.urls")),
    path("plan/", include("plan.urls")),
    path("expertise/", include("expertise.urls")),
    path("plaidoyer/", include("advocacy.urls")),
    path("notifications/", include("notifications.urls")),
    path("taches/", include("jobs.urls")),
    path("documents/", include("reports.urls")),
    path("api/v1/", include("pli.api_urls")),
    path("admin/", admin.site.urls),
]

handler403 = "pli.views.permission_denied"
handler404 = "pli.views.page_not_found"
handler500 = "pli.views.server_error"
