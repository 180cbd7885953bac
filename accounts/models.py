from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.choices import ROLES_REQUIRING_2FA, Role, TokenScope
from pli.access import AccessQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields["role"] = Role.ADMIN
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: staff of the integration centre, a partner, a reader. Logs in by e-mail."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.READER)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        # Administrators hold every permission; nobody else gets the superuser flag.
        self.is_superuser = self.role == Role.ADMIN
        super().save(*args, **kwargs)

    @property
    def is_staff(self) -> bool:
        """Access to the Django admin: administrators only."""
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_coordinator(self) -> bool:
        """Staff of the integration centre (administrators included): they manage content."""
        return self.role in {Role.ADMIN, Role.COORDINATOR}

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name or self.email).split(" ")[0]

    @property
    def must_use_2fa(self) -> bool:
        return settings.PLI_REQUIRE_2FA and self.role in ROLES_REQUIRING_2FA


class AuditEvent(models.Model):
    """One thing somebody did: a change to an object (its fields before and after) or a security event
    (login, second factor). Written by the services in the transaction of the change, never by signals;
    kept when the actor is erased (without their name). See accounts/audit.py."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(max_length=254, blank=True, verbose_name=_("actor (as written then)"))
    action = models.CharField(max_length=100, db_index=True, verbose_name=_("action"))
    target = models.CharField(max_length=254, blank=True, verbose_name=_("target"))
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kind of object"),
    )
    object_id = models.CharField(max_length=64, blank=True, verbose_name=_("object key"))
    object_repr = models.CharField(max_length=254, blank=True, verbose_name=_("object (as written then)"))
    parent_type = models.ForeignKey(
        "contenttypes.ContentType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kind of the object it belongs to"),
    )
    parent_id = models.CharField(max_length=64, blank=True, verbose_name=_("key of the object it belongs to"))
    changes = models.JSONField(default=dict, blank=True, verbose_name=_("changes (before, after)"))
    details = models.JSONField(default=dict, blank=True, verbose_name=_("details"))
    at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("at"))

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_object"),
            models.Index(fields=["parent_type", "parent_id"], name="audit_parent"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr or self.target}"


def audit(actor, action: str, target: str = "", **details) -> AuditEvent:
    """Record one security or account event (login, second factor…); object changes go through
    accounts.audit.record() instead."""
    from accounts.audit import record

    return record(actor, action, target=target, details=details)


class ApiTokenQuerySet(AccessQuerySet):
    """A token is its owner's own: nobody else reads or revokes it (not even a coordinator)."""

    def visible_to(self, user):
        return self.filter(user=user) if getattr(user, "is_authenticated", False) else self.none()

    def editable_by(self, user):
        return self.visible_to(user)

    def creatable_by(self, user, parent=None):
        return bool(getattr(user, "is_authenticated", False))

    def active(self):
        return self.filter(expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A personal API token, for scripts: it acts as its user, within its scope, until it expires or is
    revoked. Only a SHA-256 digest of the secret is stored; the secret is shown once, at creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What it is for, e.g. “PCS tool of Ciney”.")
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("beginning"), max_length=12, editable=False)
    scope = models.CharField(
        pgettext_lazy("api token", "scope"),
        max_length=10,
        choices=TokenScope.choices,
        default=TokenScope.READ,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def get_absolute_url(self):
        return reverse("accounts:security") + f"#token-{self.pk}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
