from django.urls import include, path

from network import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/nouvelle/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/modifier/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/offres/nouvelle/", views.offer_create, name="offer_create"),
    path("offres/", views.offer_list, name="offer_list"),
    path("offres/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offres/<int:pk>/modifier/", views.offer_edit, name="offer_edit"),
    path("personnes/", views.person_list, name="person_list"),
    path("personnes/nouvelle/", views.person_create, name="person_create"),
    path("personnes/<int:pk>/", views.person_detail, name="person_detail"),
    path("personnes/<int:pk>/modifier/", views.person_edit, name="person_edit"),
    path("personnes/<int:pk>/export.json", views.person_export, name="person_export"),
    path("personnes/<int:pk>/donnees/", views.person_data, name="person_data"),
    path("personnes/<int:pk>/effacer/", views.person_erase, name="person_erase"),
    # Concertation spaces, meetings and calendar feeds.
    path("", include("network.urls_spaces")),
]
