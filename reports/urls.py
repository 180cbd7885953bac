from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("plan/<int:pk>/<str:fmt>/", views.plan_document, name="plan_document"),
    path("plan/<int:pk>/public/<str:fmt>/", views.public_plan_document, name="public_plan_document"),
    path("portrait/", views.portrait, name="portrait"),
    path("rapport-activites/", views.activity, name="activity"),
]
