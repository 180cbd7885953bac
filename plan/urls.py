from django.urls import path

from plan import views

app_name = "plan"

urlpatterns = [
    path("", views.index, name="index"),
    path("nouveau/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/modifier/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/publication/", views.plan_publish, name="plan_publish"),
    path("<int:pk>/nouvelle-version/", views.plan_new_version, name="plan_new_version"),
    path("<int:pk>/comparer/", views.plan_compare, name="plan_compare"),
    path("<int:pk>/tableau-de-bord/", views.plan_dashboard, name="plan_dashboard"),
    path("<int:pk>/carte.geojson", views.plan_map_data, name="plan_map_data"),
    path("<int:pk>/avancement.csv", views.progress_sheet_download, name="progress_sheet"),
    path("<int:pk>/avancement/import/", views.progress_sheet_upload, name="progress_import"),
    path("<int:plan_pk>/priorites/nouvelle/", views.priority_create, name="priority_create"),
    path("priorites/<int:pk>/", views.priority_detail, name="priority_detail"),
    path("priorites/<int:pk>/modifier/", views.priority_edit, name="priority_edit"),
    path(
        "<int:plan_pk>/recommandations/nouvelle/", views.recommendation_create, name="recommendation_create"
    ),
    path("recommandations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("recommandations/<int:pk>/modifier/", views.recommendation_edit, name="recommendation_edit"),
    path("recommandations/<int:pk>/moyens/", views.means_add, name="means_add"),
    path("moyens/<int:pk>/supprimer/", views.means_delete, name="means_delete"),
    path("recommandations/<int:pk>/ressources/", views.resource_add, name="resource_add"),
    path("ressources/<int:pk>/supprimer/", views.resource_delete, name="resource_delete"),
    path("recommandations/<int:pk>/avancement/", views.progress_add, name="progress_add"),
]
