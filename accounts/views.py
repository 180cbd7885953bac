from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import twofactor
from accounts.forms import EmailAuthenticationForm, EnrolmentForm, TokenForm
from accounts.models import audit


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit(self.request.user, "login")
        if twofactor.has_2fa(self.request.user):
            return redirect(f"{_url('accounts:verify')}?next={self.get_success_url()}")
        return response


class LogoutView(auth_views.LogoutView):
    pass


def _url(name):
    from django.urls import reverse

    return reverse(name)


def _safe_next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return _url(default)


@login_required
def verify(request):
    """Second step of the login: a code from the authenticator app or a backup code."""
    if request.user.is_verified() or not twofactor.has_2fa(request.user):
        return redirect(_safe_next(request))
    form = TokenForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        audit(request.user, "2fa_verified", details={"device": form.device.persistent_id})
        return redirect(_safe_next(request))
    return render(request, "accounts/verify.html", {"form": form, "next": _safe_next(request)})


@login_required
def security(request):
    context = {
        "has_2fa": twofactor.has_2fa(request.user),
        "backup_codes_left": twofactor.remaining_backup_codes(request.user),
    }
    return render(request, "accounts/security.html", context)


@login_required
def twofactor_setup(request):
    """Enrol an authenticator app: scan the QR code, confirm with a code, receive backup codes."""
    if twofactor.has_2fa(request.user):
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect("accounts:security")
    device = twofactor.pending_totp_device(request.user)
    form = EnrolmentForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = twofactor.regenerate_backup_codes(request.user)
        otp_login(request, device)
        audit(request.user, "2fa_enabled")
        messages.success(request, _("Two-factor authentication is on."))
        return render(request, "accounts/backup_codes.html", {"codes": codes})
    context = {
        "form": form,
        "qr_svg": twofactor.qr_code_svg(device),
        "secret": twofactor.secret_for_display(device),
        "required": request.user.must_use_2fa,
    }
    return render(request, "accounts/twofactor_setup.html", context)


@login_required
@require_POST
def backup_codes_regenerate(request):
    if not twofactor.has_2fa(request.user):
        return redirect("accounts:security")
    codes = twofactor.regenerate_backup_codes(request.user)
    audit(request.user, "2fa_backup_codes_regenerated")
    return render(request, "accounts/backup_codes.html", {"codes": codes})


@login_required
def twofactor_disable(request):
    if request.user.must_use_2fa:
        raise PermissionDenied(_("Two-factor authentication is required for your role."))
    form = TokenForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        twofactor.disable(request.user)
        audit(request.user, "2fa_disabled")
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:security")
    return render(request, "accounts/twofactor_disable.html", {"form": form})
