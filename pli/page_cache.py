"""Whole public pages for visitors who are not logged in, rendered once per key and language.

A page read by many anonymous visitors at once (a territory after a press article) is the same for all
of them but for two things: the CSRF token (in the header's htmx settings and in any form), put in for
each request in place of a placeholder, and the messages waiting in their session or cookie (a page
with one is rendered for that visitor, never cached). A signed-in user always gets a page rendered for
them. The caller's key must hold everything else the page depends on (its data version, its
parameters); a request with a parameter the caller did not name is rendered, not cached.
"""

import zlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

CSRF_PLACEHOLDER = "pli-csrf-placeholder-5b0d8c41e2"
TIMEOUT = 6 * 3600


def cacheable(request: HttpRequest, parameters: Iterable[str] = ()) -> bool:
    """An anonymous GET without a message waiting, an htmx request or a parameter not named."""
    user = getattr(request, "user", None)
    return (
        request.method in ("GET", "HEAD")
        and not (user is not None and user.is_authenticated)
        and not getattr(request, "htmx", False)
        and not _messages_waiting(request)
        and set(request.GET) <= set(parameters)
    )


def anonymous_page(
    request: HttpRequest,
    key_parts: tuple,
    render_page: Callable[[dict], HttpResponse],
    parameters: Iterable[str] = (),
) -> HttpResponse:
    """`render_page(extra_context)` once per key and language for anonymous visitors; else for each."""
    if not cacheable(request, parameters):
        return render_page({})
    key = ":".join(map(str, ("page", translation.get_language(), *key_parts)))
    content = cache.get(key)
    if content is None:
        response = render_page({"csrf_token": CSRF_PLACEHOLDER})
        if response.status_code != 200 or response.streaming:
            return _with_token(request, response.content, response) if not response.streaming else response
        content = response.content
        cache.set(key, content, TIMEOUT)
    return _with_token(request, content, HttpResponse(content_type="text/html; charset=utf-8"))


def _with_token(request: HttpRequest, content: bytes, response: HttpResponse) -> HttpResponse:
    if CSRF_PLACEHOLDER.encode() in content:  # get_token() also has the CSRF cookie set, as the tag does
        content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response.content = content
    return response


def user_page(
    request: HttpRequest,
    areas: tuple[str, ...],
    render_page: Callable[[dict], HttpResponse],
    key_parts: tuple = (),
) -> HttpResponse:
    """`render_page(extra_context)` once per user, address (its parameters included), language and
    version of the `areas` whose data the page shows (pli/versions.py), for a signed-in user; the
    CSRF token is put in for each request as for anonymous pages, and a request with a message
    waiting is rendered. The areas must name every app whose data the page reads; "accounts" (the
    users: roles, organisations, names) is always added, since what a user sees follows from them."""
    from pli import versions

    user = getattr(request, "user", None)
    if not (
        user is not None
        and user.is_authenticated
        and request.method in ("GET", "HEAD")
        and not _messages_waiting(request)
    ):
        return render_page({})
    key = ":".join(
        map(
            str,
            (
                "user-page",
                translation.get_language(),
                user.pk,
                request.get_full_path(),
                bool(getattr(request, "htmx", False)),
                *key_parts,
                versions.tokens(("accounts", *areas)),
            ),
        )
    )
    content = cache.get(key)
    if content is None:
        response = render_page({"csrf_token": CSRF_PLACEHOLDER})
        if response.status_code != 200 or response.streaming or response.get("Content-Disposition"):
            return _with_token(request, response.content, response) if not response.streaming else response
        # Compressed: one copy per user and address, a fifth of its size (0.1 ms to unpack), so that
        # the cache's entries (PLI_CACHE_MAX_ENTRIES) stay within tens of megabytes per process.
        content = (response["Content-Type"], zlib.compress(response.content, 1))
        cache.set(key, content, TIMEOUT)
    content_type, packed = content
    return _with_token(request, zlib.decompress(packed), HttpResponse(content_type=content_type))


def _messages_waiting(request: HttpRequest) -> bool:
    """A message in the cookie (an emptied cookie, which a client may send again, holds none) or in the
    session."""
    return bool(request.COOKIES.get("messages")) or bool(
        request.session.session_key and "_messages" in request.session
    )
