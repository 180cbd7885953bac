"""Concertation spaces, meetings and calendar feeds (included by network/urls.py, namespace "network")."""

from django.urls import path

from network import views_spaces as views

urlpatterns = [
    path("espaces/", views.space_list, name="space_list"),
    path("espaces/nouveau/", views.space_create, name="space_create"),
    path("espaces/<int:pk>/", views.space_detail, name="space_detail"),
    path("espaces/<int:pk>/modifier/", views.space_edit, name="space_edit"),
    path("espaces/<int:pk>/membres/ajouter/", views.membership_add, name="membership_add"),
    path(
        "espaces/<int:pk>/membres/<int:membership_pk>/retirer/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("espaces/<int:pk>/reunions/nouvelle/", views.meeting_create, name="meeting_create"),
    path("espaces/<int:pk>/agenda.ics", views.space_calendar, name="space_calendar"),
    path("reunions/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("reunions/<int:pk>/modifier/", views.meeting_edit, name="meeting_edit"),
    path("reunions/<int:pk>/presences/", views.attendance_edit, name="attendance_edit"),
    path("reunions/<int:pk>/decisions/nouvelle/", views.decision_create, name="decision_create"),
    path("reunions/<int:pk>/documents/ajouter/", views.document_upload, name="document_upload"),
    path("decisions/<int:pk>/modifier/", views.decision_edit, name="decision_edit"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("agenda/<str:token>.ics", views.person_calendar, name="person_calendar"),
]
