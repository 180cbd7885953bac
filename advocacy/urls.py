from django.urls import path

from advocacy import views

app_name = "advocacy"

urlpatterns = [
    path("", views.index, name="index"),
    path("autorites/", views.authority_statistics, name="authority_statistics"),
    path("interpellations/nouvelle/", views.interpellation_create, name="interpellation_create"),
    path("interpellations/<int:pk>/", views.interpellation_detail, name="interpellation_detail"),
    path("interpellations/<int:pk>/modifier/", views.interpellation_edit, name="interpellation_edit"),
    path("interpellations/<int:pk>/chaine/", views.interpellation_chain, name="interpellation_chain"),
    path("interpellations/<int:pk>/liens/", views.link_add, name="link_add"),
    path("liens/<int:pk>/supprimer/", views.link_delete, name="link_delete"),
    path("interpellations/<int:pk>/validation/", views.ask_validation, name="ask_validation"),
    path("interpellations/<int:pk>/valider/", views.validate, name="validate"),
    path("interpellations/<int:pk>/envoi/", views.send, name="send"),
    path("interpellations/<int:pk>/reponse/", views.answer_add, name="answer_add"),
    path("interpellations/<int:pk>/suivi/", views.follow_up_add, name="follow_up_add"),
    path("suivis/<int:pk>/fait/", views.follow_up_done, name="follow_up_done"),
    path("interpellations/<int:pk>/cloture/", views.interpellation_close, name="interpellation_close"),
    path("interpellations/<int:pk>/publication/", views.publish, name="publish"),
    path("interpellations/<int:pk>/publication/proposer/", views.publication_ask, name="publication_ask"),
    path(
        "interpellations/<int:pk>/publication/accord/", views.publication_consent, name="publication_consent"
    ),
    path("alertes/", views.alert_list, name="alert_list"),
    path("alertes/nouvelle/", views.alert_create, name="alert_create"),
    path("alertes/<int:pk>/", views.alert_detail, name="alert_detail"),
    path("alertes/<int:pk>/modifier/", views.alert_edit, name="alert_edit"),
    path("alertes/<int:pk>/qualification/", views.alert_qualify, name="alert_qualify"),
    path("alertes/<int:pk>/cloture/", views.alert_close, name="alert_close"),
    path("alertes/<int:pk>/sources/", views.alert_source_add, name="alert_source_add"),
    path("alertes/<int:pk>/reactions/", views.alert_action_add, name="alert_action_add"),
    path("alertes/<int:pk>/expertise/", views.alert_expertise, name="alert_expertise"),
]
