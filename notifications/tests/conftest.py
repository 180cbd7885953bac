from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tokens import create_token
from notifications.kinds import Kind, registry

TEST_KIND = "tests.token_news"


@pytest.fixture
def refusable_kind():
    """A kind users may refuse, on the token templates (the real refusable kinds belong to other apps)."""
    kinds = registry()
    kinds[TEST_KIND] = Kind(
        code=TEST_KIND, label="Token news", template="notifications/messages/token_expiring"
    )
    yield kinds[TEST_KIND]
    del kinds[TEST_KIND]


@pytest.fixture
def token(personas):
    """A partner's API token, which only its owner may read (not even a coordinator)."""
    token, _secret = create_token(personas["partner_member"], "Outil PCS de Ciney", days=5)
    return token


@pytest.fixture
def far_token(personas):
    token, _secret = create_token(personas["reader"], "Script lointain", days=60)
    return token


def later(**delta):
    return timezone.now() + timedelta(**delta)
