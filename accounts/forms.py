from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts import throttling, twofactor


class EmailAuthenticationForm(AuthenticationForm):
    """Log in by e-mail address and password, refusing locked-out addresses."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is incorrect."),
        "inactive": _("This account is disabled."),
        "locked_out": _("Too many failed attempts. For your security, try again in %(minutes)s minutes."),
    }

    def clean(self):
        from django.conf import settings

        email = (self.cleaned_data.get("username") or "").lower()
        ip = throttling.client_ip(self.request) if self.request else None
        if throttling.is_locked_out(email, ip):
            raise forms.ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttling.record_attempt(email, ip, succeeded=False)
            raise
        throttling.record_attempt(email, ip, succeeded=True)
        return cleaned


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six-digit code shown by your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)

    def clean_token(self):
        token = self.cleaned_data["token"]
        self.device = twofactor.verify(self.user, token)
        if self.device is None:
            raise forms.ValidationError(_("This code is not valid. Check your device's clock and try again."))
        return token


class EnrolmentForm(forms.Form):
    token = forms.CharField(
        label=_("Code shown by the app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code does not match. Scan the QR code again and enter the current code.")
            )
        return token
