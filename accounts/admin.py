from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEvent, User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "role"]


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "role", "is_active"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identity"), {"fields": ["full_name", "role", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "full_name", "role", "usable_password", "password1", "password2"]})
    ]
    filter_horizontal = []
    readonly_fields = ["last_login", "date_joined"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only; the journal (/journal/) is the place to read the trail, filter it and download it."""

    list_display = ["at", "actor_label", "action_shown", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    list_select_related = ["content_type"]
    search_fields = ["actor_label", "target", "object_repr"]
    fields = [
        "at",
        "actor_label",
        "action_shown",
        "content_type",
        "object_id",
        "object_repr",
        "changes_shown",
    ]
    readonly_fields = fields

    @admin.display(description=_("action"))
    def action_shown(self, event):
        from accounts.audit import action_label

        return action_label(event.action)

    @admin.display(description=_("changes (before, after)"))
    def changes_shown(self, event):
        from accounts.history import entry

        return "; ".join(f"{c.label} : {c.before} → {c.after}" for c in entry(event).changes) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def unregister_otp_models():
    """Second factors are managed by each user on their account page; an administrator can only reset
    them (lost phone), through the action on users. The raw device tables stay out of the admin.
    Called from pli/urls.py, once every app's admin module is loaded."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (StaticDevice, TOTPDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


@admin.action(description=_("Reset two-factor authentication (lost phone)"))
def reset_two_factor(modeladmin, request, queryset):
    from accounts import twofactor
    from accounts.models import audit

    for user in queryset:
        twofactor.disable(user)
        audit(request.user, "2fa_reset", target=user.email)
    modeladmin.message_user(
        request, _("Two-factor authentication was reset for %(count)s user(s).") % {"count": queryset.count()}
    )


UserAdmin.actions = [reset_two_factor]
