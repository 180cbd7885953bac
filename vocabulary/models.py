"""The configurable lists every area shares: axes, publics, expertise areas, organisation and offer types.

Their labels are data (French, edited by administrators), seeded by the migrations and kept in order.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "label"]

    def __str__(self):
        return self.label


class Framework(models.TextChoices):
    PCS_2014 = "pcs-2014", _("PCS 2014-2019: six fundamental rights")
    PCS_2020 = "pcs-2020", _("PCS 2020-2025: seven axes")


class Axis(Term):
    """An axis of access to fundamental rights, within a framework."""

    framework = models.CharField(_("framework"), max_length=20, choices=Framework.choices)

    class Meta(Term.Meta):
        verbose_name = _("axis")
        verbose_name_plural = _("axes")
        ordering = ["framework", "order"]


class Public(Term):
    class Meta(Term.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")


class ExpertiseArea(Term):
    """An area of expertise of the network, in a tree (e.g. droit des étrangers › regroupement familial)."""

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )

    class Meta(Term.Meta):
        verbose_name = _("expertise area")
        verbose_name_plural = _("expertise areas")

    def __str__(self):
        return f"{self.parent.label} › {self.label}" if self.parent_id else self.label


class OrganisationType(Term):
    class Meta(Term.Meta):
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")


class OfferType(Term):
    class Meta(Term.Meta):
        verbose_name = _("offer type")
        verbose_name_plural = _("offer types")
