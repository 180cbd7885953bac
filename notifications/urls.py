from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.index, name="index"),
    path("envoyes/", views.outbox, name="outbox"),
    path("messages/<int:pk>/", views.message_detail, name="message_detail"),
    path("messages/<int:pk>/renvoyer/", views.message_retry, name="message_retry"),
]
