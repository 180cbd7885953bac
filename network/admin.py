from django.contrib import admin

from network.models import (
    Attendance,
    ConcertationSpace,
    Decision,
    Meeting,
    MeetingDocument,
    Membership,
    Offer,
    Organisation,
    Person,
)


class OfferInline(admin.TabularInline):
    model = Offer
    extra = 0
    autocomplete_fields = ["commune"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "sector", "commune", "is_partner"]
    list_filter = ["type", "sector", "is_partner"]
    search_fields = ["name"]
    # Searched, not listed: a list of the 646 territories of Belgium took seconds to render.
    autocomplete_fields = ["commune", "territories_served"]
    inlines = [OfferInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "function", "consent_scope", "erased_at"]
    list_filter = ["consent_scope"]
    search_fields = ["full_name", "email"]
    filter_horizontal = ["expertise"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(ConcertationSpace)
class ConcertationSpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "carried_by", "territory", "is_active", "is_published"]
    list_filter = ["kind", "is_active", "is_published"]
    search_fields = ["name"]
    autocomplete_fields = ["carried_by", "territory"]
    inlines = [MembershipInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


class DocumentInline(admin.TabularInline):
    model = MeetingDocument
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "space", "kind", "starts_at"]
    list_filter = ["kind", "space"]
    date_hierarchy = "starts_at"
    inlines = [AttendanceInline, DecisionInline, DocumentInline]
