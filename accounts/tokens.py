"""Personal API tokens: created from *Mon compte*, shown once, stored as a SHA-256 digest, checked on
every API request that sends `Authorization: Bearer <token>`.

A token is 32 random bytes (256 bits): a fast digest is enough to store it (as GitHub and NetBox do),
there is nothing to guess. It acts as its user, so it sees exactly what the user may see, never more;
a read-only token (the default) may only read.
"""

import functools
import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer

from accounts.audit import record
from accounts.choices import TokenScope
from accounts.models import ApiToken
from pli.prepared import PreparedRead

PREFIX = "pli_"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LAST_USED_RESOLUTION = timedelta(minutes=1)  # at most one write per token and minute


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, name: str, days: int, scope: str = TokenScope.READ) -> tuple[ApiToken, str]:
    """A new token for the user: (the stored token, its secret, to show once and never again)."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=digest(secret),
        prefix=secret[: len(PREFIX) + 4],
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    record(user, "create", token, details={"scope": scope})
    return token, secret


def revoke_token(token: ApiToken, by) -> None:
    """The token stops working at once (it is deleted; the audit keeps the fact)."""
    record(by, "delete", token, changes={"name": [token.name, None]}, details={"prefix": token.prefix})
    token.delete()


NO_TOKEN = "no-token"  # the marker of the prepared read: a digest is 64 hexadecimal digits


@functools.cache
def _prepared() -> PreparedRead:
    return PreparedRead(
        lambda value: ApiToken.objects.select_related("user").filter(digest=value),
        ApiToken._meta.get_field("digest"),
        NO_TOKEN,
    )


def user_for(secret: str, method: str):
    """The user a token acts for. Raises AuthenticationError (401) for a token that is unknown, expired
    or whose user is disabled, AuthorizationError (403) for a write with a read-only token."""
    token = _prepared().first(digest(secret.strip()))  # on every API call: compiled once (pli/prepared.py)
    if token is None:
        raise AuthenticationError(message=_("This API token is not valid (revoked or mistyped)."))
    if token.is_expired:
        raise AuthenticationError(message=_("This API token has expired: create a new one in My account."))
    if not token.user.is_active:
        raise AuthenticationError(message=_("The account of this API token is disabled."))
    if method not in SAFE_METHODS and token.scope != TokenScope.WRITE:
        raise AuthorizationError(message=_("This API token may only read."))
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pli_…`: the request acts as the token's user (documented in the OpenAPI
    schema as the `TokenAuth` security scheme). A request without the header goes on to the next
    authentication (the session)."""

    openapi_description = "A personal API token, created in My account: `Authorization: Bearer pli_…`."

    def authenticate(self, request, token):
        user = user_for(token, request.method)
        request.user = user
        return user


class SessionOrAnonymous:
    """For open endpoints (published plans): the session's user, or an anonymous visitor. A request
    that sends a token goes through TokenAuth first, and a bad token is refused, never read as
    anonymous."""

    def __call__(self, request):
        return request.user


token_auth = TokenAuth()
