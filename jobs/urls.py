from django.urls import path

from jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/relancer/", views.retry, name="retry"),
    path("<int:pk>/fichier/", views.download, name="download"),
]
