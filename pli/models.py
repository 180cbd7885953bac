from django.db import models


class ContentVersion(models.Model):
    """The version of one area's data (the tables of one app): a new token after every write there,
    the key of the pages cached for those who read that area (pli/versions.py)."""

    area = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.area}: {self.token}"
