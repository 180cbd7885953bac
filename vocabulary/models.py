"""The configurable lists every area shares: axes, publics, expertise areas, organisation and offer types,
finding source types and review lenses.

Their labels are data (French, edited by administrators), seeded by the migrations and kept in order.
Other apps store a term by its stable `code` where a foreign key cannot be used (a source type, a lens):
such a code is never renamed, and a term in use is retired (`is_active` off) rather than deleted;
`vocabulary.labels` reads their labels.
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
    is_youth = models.BooleanField(
        _("young people"),
        default=False,
        help_text=_(
            "A public of young people (e.g. youth, MENA): a recommendation aimed at it also shows the "
            "number of non-Belgian residents under 18."
        ),
    )

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


class ReferencedTerm(Term):
    """A term stored by its code in other apps' rows (hence a code short enough for their columns), whose
    label may name what it refers to, e.g. the diagnostic a lens questions."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("What it refers to, shown after the label in brackets: e.g. 2016-2017 for a diagnostic."),
    )

    class Meta(Term.Meta):
        abstract = True

    def __str__(self):
        return f"{self.label} ({self.reference})" if self.reference else self.label


class SourceType(ReferencedTerm):
    """Where a finding comes from: a diagnostic, the accompaniment of the ILI, a PCS or PST, the specific
    structures, the field, a statistic."""

    class Meta(ReferencedTerm.Meta):
        verbose_name = _("finding source type")
        verbose_name_plural = _("finding source types")


class ReviewLens(ReferencedTerm):
    """A lens through which a review campaign re-examines findings (the five lenses of the PPLI 2.0)."""

    class Meta(ReferencedTerm.Meta):
        verbose_name = _("review lens")
        verbose_name_plural = _("review lenses")


class Urgency(Term):
    """How urgent an expertise request is (normale, urgente, critique), with its target delays: they set
    the request's due dates and the reactivity report's "within target"."""

    first_answer_hours = models.PositiveIntegerField(
        _("target delay to first answer (hours)"),
        help_text=_("From the request's reception to the first answer of an expert."),
    )
    closure_hours = models.PositiveIntegerField(
        _("target delay to closure (hours)"), help_text=_("From the request's reception to its closure.")
    )

    class Meta(Term.Meta):
        verbose_name = _("urgency")
        verbose_name_plural = _("urgencies")


class PowerLevel(Term):
    """A level of power an interpellation is addressed to (communal, provincial, régional, communautaire,
    fédéral, européen), with the answer delay expected from it: an interpellation sent to this level is
    late once `answer_delay_days` have passed without an answer, and very late after
    `very_late_after_days` (as Alaveteli's overdue and very overdue)."""

    answer_delay_days = models.PositiveSmallIntegerField(
        _("expected answer delay (days)"),
        default=30,
        help_text=_("Days after sending after which an unanswered interpellation is late."),
    )
    very_late_after_days = models.PositiveSmallIntegerField(
        _("very late after (days)"),
        default=60,
        help_text=_("Days after sending after which an unanswered interpellation is very late."),
    )

    class Meta(Term.Meta):
        verbose_name = _("level of power")
        verbose_name_plural = _("levels of power")


class Authority(Term):
    """A political authority an interpellation may be addressed to (a commune's collège, the provincial
    council, the Walloon minister in charge of integration…), at one level of power."""

    level = models.ForeignKey(
        PowerLevel, on_delete=models.PROTECT, related_name="authorities", verbose_name=_("level of power")
    )

    class Meta(Term.Meta):
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
