from django.contrib import admin

from diagnostic.models import (
    Diagnostic,
    Evidence,
    Finding,
    FindingReview,
    FindingSource,
    ReviewCampaign,
    Settlement,
)


@admin.register(Diagnostic)
class DiagnosticAdmin(admin.ModelAdmin):
    list_display = ["title", "period", "territory", "status"]
    list_filter = ["status"]
    autocomplete_fields = ["territory"]  # searched among the 646 territories rather than listed


class SourceInline(admin.TabularInline):
    model = FindingSource
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ["territory", "indicator", "year", "value", "source_label"]

    def has_add_permission(self, request, obj=None):
        return False  # through the finding page, which captures the value


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    """Read-mostly: wordings and verdicts change through the pages and their services only."""

    list_display = ["statement", "diagnostic", "axis", "status"]
    list_filter = ["diagnostic", "axis", "status"]
    search_fields = ["statement"]
    readonly_fields = ["statement", "status", "replaced_by"]
    autocomplete_fields = ["territories"]
    inlines = [SourceInline, EvidenceInline]


@admin.register(ReviewCampaign)
class ReviewCampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "opened_at"]
    readonly_fields = ["findings"]


@admin.register(FindingReview)
class FindingReviewAdmin(admin.ModelAdmin):
    list_display = ["finding", "campaign", "lens", "verdict", "reviewer", "created_at"]
    list_filter = ["campaign", "lens", "verdict"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["finding", "campaign", "verdict", "settled_by", "settled_at"]

    def has_change_permission(self, request, obj=None):
        return False
