"""Territories (REFNIS hierarchy), statistics imports with their provenance, and the stored facts.

Facts are kept at the grain the pages need: one summary per territory and year (population, sex,
nationality, age shares, median age), five-year age bands for the pyramid, and free indicators brought
by the tidy import. Aggregates of every level are computed once, at import, never on page views.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pli.access import PublicQuerySet
from territory.choices import Level, Nationality, Sex


class TerritoryQuerySet(PublicQuerySet):
    """Official territories and their statistics are open data: everybody reads, coordinators import."""

    def communes(self):
        return self.filter(level=Level.COMMUNE)

    def active(self):
        return self.filter(valid_to__isnull=True)

    def within(self, territory):
        """The territory's descendants at every depth (commune, arrondissement…)."""
        prefix_filters = {
            Level.COUNTRY: models.Q(),
            Level.REGION: models.Q(region_code=territory.nis_code),
            Level.PROVINCE: models.Q(province_code=territory.nis_code),
            Level.ARRONDISSEMENT: models.Q(parent__nis_code=territory.nis_code),
        }
        condition = prefix_filters.get(territory.level)
        if condition is None:
            return self.none()
        return self.filter(condition).exclude(pk=territory.pk)


class Territory(models.Model):
    """A unit of Statbel's REFNIS code list: the country, a region, province, arrondissement, commune."""

    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    # Denormalised ancestors, so that "every commune of a province" is one indexed filter.
    province_code = models.CharField(max_length=5, blank=True, db_index=True, verbose_name=_("province code"))
    region_code = models.CharField(max_length=5, blank=True, db_index=True, verbose_name=_("region code"))
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=120, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty while in force."))

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["nis_code"]

    def __str__(self):
        return self.name_fr

    def get_absolute_url(self):
        return reverse("territory:detail", args=[self.nis_code])

    @property
    def name(self) -> str:
        return self.name_fr

    @property
    def name_in_sentence(self) -> str:
        """The name as it reads inside a French sentence, with its article: "la province de Namur",
        "l'arrondissement de Dinant", "la Région wallonne", "la Belgique", "Namur" (a commune)."""
        name = self.name_fr
        for prefix, article in (("Province ", "la province "), ("Arrondissement ", "l’arrondissement ")):
            if name.startswith(prefix):
                return article + name[len(prefix) :]
        if self.level in ("region", "country") and not name.lower().startswith(("la ", "le ", "l'", "l’")):
            return f"la {name}"
        return name

    def ancestors(self) -> list["Territory"]:
        """Parent, grandparent… up to the country, nearest first."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Boundary(models.Model):
    """The simplified outline of a territory, apart so that lists of territories never load it."""

    territory = models.OneToOneField(
        Territory, on_delete=models.CASCADE, related_name="boundary", verbose_name=_("territory")
    )
    geometry = models.JSONField(_("boundary (GeoJSON)"))

    class Meta:
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")

    def __str__(self):
        return str(self.territory)


class Import(models.Model):
    """One file brought into the platform: the provenance every stored figure points to."""

    dataset = models.CharField(_("dataset"), max_length=60, db_index=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    reference_date = models.DateField(_("reference date"), null=True, blank=True)
    reference_label = models.CharField(_("reference period"), max_length=60, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_kept = models.PositiveIntegerField(_("rows kept"), default=0)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replaced by"),
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-imported_at"]
        constraints = [models.UniqueConstraint(fields=["dataset", "sha256"], name="import_unique_file")]

    def __str__(self):
        return f"{self.file_name} ({self.reference_label or self.reference_date})"

    def get_absolute_url(self):
        return reverse("territory:import_list") + f"#import-{self.pk}"

    @property
    def reference_display(self) -> str:
        """The reference period as people write it: "1er janvier 2015", "1992–2024"."""
        from django.utils.formats import date_format
        from django.utils.translation import gettext

        if self.reference_label:
            return self.reference_label
        if self.reference_date is None:
            return ""
        if (self.reference_date.month, self.reference_date.day) == (1, 1):
            return gettext("1 January %(year)s") % {"year": self.reference_date.year}
        return date_format(self.reference_date, "j F Y")

    @property
    def dataset_info(self):
        from territory.datasets import DATASETS

        return DATASETS.get(self.dataset)


class PopulationSummary(models.Model):
    """Population of one territory on 1 January of one year, from one dataset.

    From the structure file every field is filled; from the 1992–2024 workbook only the totals by
    sex are (the nationality split and ages are then empty).
    """

    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="summaries", verbose_name=_("territory")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.ForeignKey(
        Import, on_delete=models.CASCADE, related_name="summaries", verbose_name=_("source")
    )
    has_structure = models.BooleanField(
        default=False, verbose_name=_("with the structure by nationality and age")
    )
    population = models.PositiveIntegerField(_("population"))
    men = models.PositiveIntegerField(_("men"))
    women = models.PositiveIntegerField(_("women"))
    belgian = models.PositiveIntegerField(_("Belgians"), null=True)
    non_belgian = models.PositiveIntegerField(_("non-Belgians"), null=True)
    non_belgian_men = models.PositiveIntegerField(null=True, verbose_name=_("non-Belgian men"))
    non_belgian_women = models.PositiveIntegerField(null=True, verbose_name=_("non-Belgian women"))
    under_18 = models.PositiveIntegerField(null=True, verbose_name=_("under 18"))
    over_65 = models.PositiveIntegerField(
        null=True, help_text="65 years and older", verbose_name=_("65 and over")
    )
    non_belgian_under_18 = models.PositiveIntegerField(null=True, verbose_name=_("non-Belgians under 18"))
    non_belgian_over_65 = models.PositiveIntegerField(
        null=True, verbose_name=_("non-Belgians aged 65 and over")
    )
    median_age = models.FloatField(_("median age"), null=True)
    non_belgian_median_age = models.FloatField(null=True, verbose_name=_("median age of non-Belgians"))

    class Meta:
        verbose_name = _("population summary")
        verbose_name_plural = _("population summaries")
        constraints = [
            models.UniqueConstraint(fields=["territory", "year", "has_structure"], name="summary_unique_year")
        ]
        indexes = [models.Index(fields=["year", "has_structure"])]

    def __str__(self):
        return f"{self.territory} {self.year}: {self.population}"


class AgeBandCount(models.Model):
    """Residents of one territory, year, sex and nationality: in all (`count`) and by five-year age
    band (`bands`, the 21 counts from 0–4 to 100 and over, territory.choices.age_band).

    About 2,600 rows a year (one per territory, sex and nationality, not one per band as before:
    writing 50,000 rows was half of the import's time), written only by the structure import
    (territory/imports/statbel.py), in one transaction, from the territory ids it has just read and the
    Import it has just created. So the table has one index, the unique cell with the year first (a new
    year is appended to it, and the pages read it by year and territory), and no database-level foreign
    keys. Django's collector still deletes the rows with their territory or import (on_delete=CASCADE),
    as it does for every other table."""

    territory = models.ForeignKey(
        Territory,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
        verbose_name=_("territory"),
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    sex = models.CharField(max_length=1, choices=Sex.choices, verbose_name=_("sex"))
    nationality = models.CharField(max_length=3, choices=Nationality.choices, verbose_name=_("nationality"))
    count = models.PositiveIntegerField(verbose_name=_("count"))
    bands = models.JSONField(default=list, verbose_name=_("counts by age band"))
    source = models.ForeignKey(
        Import,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
        verbose_name=_("source"),
    )

    class Meta:
        verbose_name = _("residents of an age band")
        verbose_name_plural = _("residents by age band")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "territory", "sex", "nationality"], name="ageband_unique_cell"
            )
        ]

    def __str__(self):
        return f"{self.territory_id} {self.year} {self.sex} {self.nationality}: {self.count}"


class IndicatorValue(models.Model):
    """A figure brought by the tidy import: nationality by country, reception places, job seekers…"""

    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="indicator_values", verbose_name=_("territory")
    )
    reference_date = models.DateField(_("reference date"))
    key = models.SlugField(_("indicator"), max_length=80)
    breakdown = models.CharField(_("breakdown"), max_length=120, blank=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=30)
    source_label = models.CharField(_("source"), max_length=255)
    source = models.ForeignKey(
        Import, on_delete=models.CASCADE, related_name="indicator_values", verbose_name=_("source")
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["key", "breakdown"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "reference_date", "key", "breakdown"], name="indicator_unique_value"
            )
        ]
        indexes = [models.Index(fields=["territory", "reference_date"])]

    def __str__(self):
        return f"{self.territory} {self.key} {self.breakdown} {self.reference_date}: {self.value} {self.unit}"
