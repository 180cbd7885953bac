from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("administrator")
    COORDINATOR = "coordinator", _("coordinator")
    PARTNER = "partner", _("partner")
    READER = "reader", _("reader")


# Roles for which two-factor authentication is required when PLI_REQUIRE_2FA is on.
ROLES_REQUIRING_2FA = {Role.ADMIN, Role.COORDINATOR}


class TokenScope(models.TextChoices):
    READ = "read", _("read only")
    WRITE = "write", _("read and write")
