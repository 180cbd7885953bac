from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from accounts import lockout, signals, twofactor
from accounts.choices import TokenScope


class EmailAuthenticationForm(AuthenticationForm):
    """Log in by e-mail address and password, refusing while the e-mail and client address are locked
    out (django-axes counts the failures), or while the client address failed too often overall."""

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
        if self.request is not None and lockout.is_locked(self.request, self.data.get("username", "")):
            raise self.locked_out_error()
        return super().clean()

    def locked_out_error(self) -> forms.ValidationError:
        from django.conf import settings

        return forms.ValidationError(
            self.error_messages["locked_out"],
            code="locked_out",
            params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        )


class ThrottledPasswordResetForm(PasswordResetForm):
    """The password-reset form, sending at most PLI_PASSWORD_RESETS_PER_HOUR e-mails an hour for one
    address (and ten times as many for one client address), whether the address has an account or not
    (so the limit tells nothing about who has one). The e-mail goes through the outbox, as every message
    of the platform: the form hands the link over (`signals.password_reset_link`) instead of sending it;
    an address without an account gets nothing, and the answer is the same."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.request is not None and lockout.resets_exhausted(self.request, email):
            raise forms.ValidationError(
                _(
                    "Too many requests for a new password. Try again in an hour; the e-mails already sent still work."
                ),
                code="throttled",
            )
        return email

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """Called by `save()` once per active account of the address: the outbox writes the message."""
        path = reverse(
            "accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        if not signals.password_reset_link.send(sender=type(self), user=context["user"], path=path):
            raise ImproperlyConfigured("Nothing sends the password-reset e-mail: is notifications installed?")


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


class ApiTokenForm(forms.Form):
    """A new personal API token: what it is for, how long it lives, what it may do."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, so that you recognise it later, e.g. “PCS tool of Ciney”."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=90,
        help_text=_("After this, the token stops working: create a new one."),
    )
    scope = forms.ChoiceField(
        label=pgettext_lazy("api token", "Scope"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("Read only is enough to read the plan, the findings and the figures."),
    )

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        longest = settings.PLI_API_TOKEN_MAX_DAYS
        days = sorted({d for d in (7, 30, 90, 180, 365) if d <= longest} | {min(90, longest), longest})
        self.fields["days"].choices = [
            (d, ngettext("%(days)s day", "%(days)s days", d) % {"days": d}) for d in days
        ]
        self.fields["days"].initial = min(90, longest)
