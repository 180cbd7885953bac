from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import ROLES_REQUIRING_2FA, Role


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


class LoginAttemptQuerySet(models.QuerySet):
    def recent_failures(self, *, email: str = "", ip: str = ""):
        since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        failures = self.filter(succeeded=False, at__gte=since)
        if email:
            return failures.filter(email=email.lower())
        return failures.filter(ip=ip)


class LoginAttempt(models.Model):
    """One login attempt; recent failures lock an address out for a while (login throttling)."""

    email = models.CharField(max_length=254, db_index=True, verbose_name=_("e-mail address"))
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True, verbose_name=_("IP address"))
    succeeded = models.BooleanField(default=False, verbose_name=_("succeeded"))
    at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("at"))

    objects = LoginAttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("login attempt")
        verbose_name_plural = _("login attempts")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.email} {'ok' if self.succeeded else 'failed'}"


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
