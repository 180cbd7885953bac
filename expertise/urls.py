from django.urls import path

from expertise import views

app_name = "expertise"

urlpatterns = [
    path("", views.index, name="index"),
    path("demandes/nouvelle/", views.request_create, name="request_create"),
    path("demandes/<int:pk>/", views.request_detail, name="request_detail"),
    path("demandes/<int:pk>/qualifier/", views.request_qualify, name="request_qualify"),
    path("demandes/<int:pk>/refuser/", views.request_refuse, name="request_refuse"),
    path("demandes/<int:pk>/reorienter/", views.request_redirect, name="request_redirect"),
    path("demandes/<int:pk>/solliciter/", views.request_solicit, name="request_solicit"),
    path("demandes/<int:pk>/cloturer/", views.request_close, name="request_close"),
    path("demandes/<int:pk>/rouvrir/", views.request_reopen, name="request_reopen"),
    path("sollicitations/<int:pk>/accepter/", views.assignment_accept, name="assignment_accept"),
    path("sollicitations/<int:pk>/decliner/", views.assignment_decline, name="assignment_decline"),
    path("sollicitations/<int:pk>/repondre/", views.assignment_answer, name="assignment_answer"),
    path("pieces/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("reactivite/", views.report, name="report"),
]
