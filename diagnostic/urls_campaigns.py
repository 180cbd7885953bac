"""Review campaigns, included by diagnostic/urls.py inside the namespace "diagnostic"."""

from django.urls import path

from diagnostic import views_campaigns as views

urlpatterns = [
    path("campagnes/", views.campaign_list, name="campaign_list"),
    path("campagnes/nouvelle/", views.campaign_create, name="campaign_create"),
    path("campagnes/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campagnes/<int:pk>/cloturer/", views.campaign_close, name="campaign_close"),
    path("campagnes/<int:pk>/constats/<int:finding_pk>/", views.review_finding, name="review_finding"),
]
