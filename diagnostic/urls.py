from django.urls import include, path

from diagnostic import views

app_name = "diagnostic"

urlpatterns = [
    path("", views.finding_list, name="index"),
    path("nouveau/", views.finding_create, name="finding_create"),
    path("<int:pk>/", views.finding_detail, name="finding_detail"),
    path("<int:pk>/modifier/", views.finding_edit, name="finding_edit"),
    path("<int:pk>/historique/", views.finding_history, name="finding_history"),
    path("<int:pk>/statistique/", views.evidence_add, name="evidence_add"),
    path("diagnostics/", views.diagnostic_list, name="diagnostic_list"),
    path("diagnostics/nouveau/", views.diagnostic_create, name="diagnostic_create"),
    path("diagnostics/<int:pk>/", views.diagnostic_detail, name="diagnostic_detail"),
    path("diagnostics/<int:pk>/modifier/", views.diagnostic_edit, name="diagnostic_edit"),
    path("depuis-une-reunion/<int:meeting_pk>/", views.field_finding_create, name="field_finding_create"),
    # Review campaigns.
    path("", include("diagnostic.urls_campaigns")),
]
