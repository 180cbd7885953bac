from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet

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


class KnownPersonAutocomplete(AutocompleteSelect):
    """An autocomplete whose selected option is drawn from the row's person already read with the row
    (`known`), not from a query of its own: Django's widget reads it again for every row of an inline."""

    known = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        known = self.known
        if known is None or selected != {str(known.pk)}:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(known)
        options.append(self.create_option(name, known.pk, label, selected, len(options)))
        return [(None, options, 0)]


class PersonRowsFormSet(BaseInlineFormSet):
    """Gives each row's person widget the person read with the row (the inline's select_related)."""

    person_field = "person"

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        field = form.fields.get(self.person_field)
        if field is not None and form.instance.pk:
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
            if isinstance(widget, KnownPersonAutocomplete):
                widget.known = getattr(form.instance, self.person_field)
        return form


class PersonRowsInline(admin.TabularInline):
    """An inline whose rows name a person, searched (not listed) and read with the rows."""

    extra = 0
    formset = PersonRowsFormSet

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(self.formset.person_field)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.formset.person_field:
            kwargs["widget"] = KnownPersonAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AttendanceInline(PersonRowsInline):
    model = Attendance
    autocomplete_fields = ["person"]


class DecisionFormSet(PersonRowsFormSet):
    person_field = "follow_up_by"


class DecisionInline(PersonRowsInline):
    model = Decision
    formset = DecisionFormSet
    autocomplete_fields = ["follow_up_by"]


class DocumentInline(admin.TabularInline):
    model = MeetingDocument
    extra = 0
    # Who uploaded it is the platform's record, not an editable choice (a list of every account per row).
    readonly_fields = ["uploaded_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "space", "kind", "starts_at"]
    list_filter = ["kind", "space"]
    date_hierarchy = "starts_at"
    inlines = [AttendanceInline, DecisionInline, DocumentInline]

    def save_formset(self, request, form, formset, change):
        """A document added here is recorded as uploaded by the administrator who added it."""
        if formset.model is MeetingDocument:
            for document in formset.save(commit=False):
                if document.uploaded_by_id is None:
                    document.uploaded_by = request.user
                document.save()
            for removed in formset.deleted_objects:
                removed.delete()
            formset.save_m2m()
        else:
            super().save_formset(request, form, formset, change)
