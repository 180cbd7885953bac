from django.urls import path

from territory import views

app_name = "territory"

urlpatterns = [
    path("", views.index, name="index"),
    path("communes/", views.commune_list, name="commune_list"),
    path("imports/", views.import_list, name="import_list"),
    path("comparer/", views.compare, name="compare"),
    path("<str:nis>/", views.detail, name="detail"),
    path("<str:nis>/carte.geojson", views.map_data, name="map_data"),
    path("<str:nis>/export/<str:table>.<str:fmt>", views.table_export, name="table_export"),
    path("<str:nis>/figure/<str:kind>.<str:fmt>", views.figure, name="figure"),
]
