"""The client's address, as the login lockout and the password-reset limit count it.

Behind a reverse proxy every request comes from the proxy's address (`REMOTE_ADDR`): counted as it is,
one stranger's failures would lock everybody out. The proxy says whom it forwards in
`X-Forwarded-For`, but anybody can send that header too. So it is read only when the request comes
from a proxy named in PLI_TRUSTED_PROXIES, from the right (the hop that proxy saw) leftwards past the
other trusted proxies: the first address not trusted is the client.

Why not django-ipware (which django-axes offers): its trusted-proxy list is matched against the end of
the forwarded chain, not against the peer that actually connected. With the usual proxy (nginx appends
the client's address, never its own) no chain matches and every client reads as unknown; and a client
that connects directly and forges `X-Forwarded-For: x, <proxy>` is believed (both checked with
django-ipware 8.0 before choosing). The rule here is the one Werkzeug's ProxyFix and Rails apply.
"""

import ipaddress
import logging
from functools import lru_cache

from django.conf import settings

logger = logging.getLogger(__name__)
_warned: set[str] = set()


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def is_trusted(address) -> bool:
    return any(address in network for network in _networks(tuple(settings.PLI_TRUSTED_PROXIES)))


def client_ip(request) -> str | None:
    """The address of the client, seen through the trusted proxies only."""
    peer = _address(request.META.get("REMOTE_ADDR") or "")
    if peer is None:
        return None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not is_trusted(peer):
        if forwarded and str(peer) not in _warned:  # a proxy that PLI_TRUSTED_PROXIES does not name?
            _warned.add(str(peer))
            logger.warning(
                "X-Forwarded-For from %s, which PLI_TRUSTED_PROXIES does not name: the header is ignored.",
                peer,
            )
        return str(peer)
    client = peer
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:  # a malformed hop: nothing left of it can be believed
            break
        client = address
        if not is_trusted(address):
            break
    return str(client)


def login_username(request, credentials: dict | None = None) -> str:
    """The e-mail address a login attempt is for, as the lockout counts it (lower case)."""
    data = credentials if credentials is not None else request.POST
    return (data.get("username") or "").strip().lower()[:254]
