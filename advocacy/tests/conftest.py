import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Messages compared in English (the msgids), whatever the test settings' language."""
    with translation.override("en"):
        yield
