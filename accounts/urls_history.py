from django.urls import path

from accounts import views_history

app_name = "history"

urlpatterns = [
    path("historique/<str:kind>/<str:pk>/", views_history.object_history, name="object"),
    path("journal/", views_history.journal, name="journal"),
]
