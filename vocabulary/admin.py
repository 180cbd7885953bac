from django.contrib import admin

from vocabulary.models import Axis, ExpertiseArea, OfferType, OrganisationType, Public


@admin.register(Axis)
class AxisAdmin(admin.ModelAdmin):
    list_display = ["label", "framework", "order", "is_active"]
    list_filter = ["framework", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "order", "is_active"]
    list_editable = ["order", "is_active"]


for model in (Public, OrganisationType, OfferType):
    admin.site.register(
        model, list_display=["label", "code", "order", "is_active"], list_editable=["order", "is_active"]
    )
