from django.contrib import admin

from vocabulary.models import (
    Authority,
    Axis,
    ExpertiseArea,
    OfferType,
    OrganisationType,
    PowerLevel,
    Public,
    ReviewLens,
    SourceType,
    Urgency,
)


@admin.register(Axis)
class AxisAdmin(admin.ModelAdmin):
    list_display = ["label", "framework", "order", "is_active"]
    list_filter = ["framework", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(Public)
class PublicAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "order", "is_youth", "is_active"]
    list_editable = ["order", "is_youth", "is_active"]


for model in (OrganisationType, OfferType):
    admin.site.register(
        model, list_display=["label", "code", "order", "is_active"], list_editable=["order", "is_active"]
    )


@admin.register(SourceType, ReviewLens)
class ReferencedTermAdmin(admin.ModelAdmin):
    """Findings, reviews and campaigns store these terms by code: the code of a saved term cannot change,
    and a term is retired (no longer "in use") rather than deleted."""

    fields = ["code", "label", "reference", "order", "is_active"]
    list_display = ["label", "reference", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Urgency)
class UrgencyAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "first_answer_hours", "closure_hours", "order", "is_active"]
    list_editable = ["first_answer_hours", "closure_hours", "order", "is_active"]


@admin.register(PowerLevel)
class PowerLevelAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "order", "answer_delay_days", "very_late_after_days", "is_active"]
    list_editable = ["order", "answer_delay_days", "very_late_after_days", "is_active"]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["label", "level", "order", "is_active"]
    list_filter = ["level", "is_active"]
    list_editable = ["order", "is_active"]
