from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import lockout, tokens, twofactor
from accounts.forms import (
    ApiTokenForm,
    EmailAuthenticationForm,
    EnrolmentForm,
    ThrottledPasswordResetForm,
    TokenForm,
)
from accounts.models import ApiToken, audit
from pli.access import get_for
from pli.editing import posted


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", "locked_out"):
            response.status_code = 429
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        audit(self.request.user, "login")
        if twofactor.has_2fa(self.request.user):
            return redirect(f"{_url('accounts:verify')}?next={self.get_success_url()}")
        return response


class LogoutView(auth_views.LogoutView):
    pass


def locked_out(request, response=None, credentials=None):
    """django-axes' answer when a failure just locked the e-mail and address out: the login page, with
    the reason, in French, 429."""
    form = EmailAuthenticationForm(request, data=request.POST)
    form.is_valid()  # the lockout is checked first: its error is the form's
    if not form.has_error("__all__", "locked_out"):
        form.errors.clear()
        form.add_error(None, form.locked_out_error())
    return render(request, "accounts/login.html", {"form": form}, status=429)


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a new password, within PLI_PASSWORD_RESETS_PER_HOUR e-mails an hour (429 beyond)."""

    form_class = ThrottledPasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("email", "throttled"):
            response.status_code = 429
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing the new password: its owner proved the mailbox, so the login failures are forgotten."""

    def form_valid(self, form):
        response = super().form_valid(form)
        lockout.forgive(form.user.email)
        audit(form.user, "password_reset")
        return response


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
        "api_tokens": request.user.api_tokens.all(),
    }
    return render(request, "accounts/security.html", context)


def _second_factor_missing(request) -> bool:
    """A token acts as its user without a second factor: it is created only after one, where the role
    requires it (the middleware already sends such users to the second step; this is checked again)."""
    user = request.user
    return (user.must_use_2fa or twofactor.has_2fa(user)) and not user.is_verified()


@login_required
def api_token_create(request):
    """A new personal API token, shown once on the answer page (only its digest is stored)."""
    if _second_factor_missing(request):
        messages.info(request, _("Confirm your identity with your second factor first."))
        target = "accounts:verify" if twofactor.has_2fa(request.user) else "accounts:twofactor_setup"
        return redirect(target)
    form = ApiTokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        token, secret = tokens.create_token(
            request.user, form.cleaned_data["name"], form.cleaned_data["days"], form.cleaned_data["scope"]
        )
        response = render(
            request,
            "accounts/api_token_created.html",
            {"token": token, "secret": secret, "api_url": request.build_absolute_uri("/api/v1/")},
        )
        response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
        return response
    return render(request, "accounts/api_token_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_for(request.user, ApiToken.objects, edit=True, pk=pk)
    tokens.revoke_token(token, by=request.user)
    messages.success(request, _("The token %(name)s is revoked: it no longer works.") % {"name": token.name})
    return redirect("accounts:security")


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
