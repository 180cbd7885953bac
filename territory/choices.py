from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    COUNTRY = "country", _("country")
    REGION = "region", _("region")
    PROVINCE = "province", _("province")
    ARRONDISSEMENT = "arrondissement", _("arrondissement")
    COMMUNE = "commune", _("commune")


LEVEL_DEPTH = {
    Level.COUNTRY: 0,
    Level.REGION: 1,
    Level.PROVINCE: 2,
    Level.ARRONDISSEMENT: 3,
    Level.COMMUNE: 4,
}


class Sex(models.TextChoices):
    MEN = "M", _("men")
    WOMEN = "F", _("women")


class Nationality(models.TextChoices):
    BELGIAN = "BEL", _("Belgian")
    NON_BELGIAN = "ETR", _("non-Belgian")


# Five-year age bands 0–4 … 95–99 and 100+: band i covers ages 5i to 5i+4.
AGE_BAND_COUNT = 21


def age_band(age: int) -> int:
    return min(age // 5, AGE_BAND_COUNT - 1)


def age_band_label(band: int) -> str:
    return "100+" if band == AGE_BAND_COUNT - 1 else f"{band * 5}–{band * 5 + 4}"
