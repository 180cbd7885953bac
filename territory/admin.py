from django.contrib import admin

from territory.models import Import, IndicatorValue, Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["nis_code", "name_fr", "name_nl", "level", "parent", "valid_to"]
    list_filter = ["level"]
    search_fields = ["nis_code", "name_fr", "name_nl", "name_de"]
    readonly_fields = [
        "nis_code",
        "level",
        "parent",
        "province_code",
        "region_code",
        "valid_from",
        "valid_to",
    ]

    def has_add_permission(self, request):
        return False  # territories come from Statbel's REFNIS list

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Import)
class ImportAdmin(admin.ModelAdmin):
    list_display = [
        "imported_at",
        "dataset",
        "file_name",
        "reference_label",
        "reference_date",
        "rows_kept",
        "imported_by",
    ]
    list_filter = ["dataset"]

    def has_add_permission(self, request):
        return False  # through the import page or `pli import`

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["territory", "key", "breakdown", "value", "unit", "reference_date", "source_label"]
    list_filter = ["key"]
    search_fields = ["territory__name_fr", "key", "breakdown"]
    readonly_fields = ["source"]

    def has_add_permission(self, request):
        return False
