"""Errors reported to Sentry (or a compatible service: GlitchTip) when SENTRY_DSN is set.

Nothing personal leaves the platform: no user's e-mail, name or address (`send_default_pii=False`),
no cookie, no header that authenticates, no form or JSON body (a finding's wording or a person's
details), no query string; the user is kept by id only, so that one person's errors can be grouped.
"""

SECRET_HEADERS = {"authorization", "cookie", "x-csrftoken", "x-api-key", "proxy-authorization"}


def scrub(event: dict, hint: dict | None = None) -> dict:
    """`before_send`: what Sentry would keep, less what could name or identify a person."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value for name, value in headers.items() if name.lower() not in SECRET_HEADERS
            }
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        if crumb.get("category") == "query":  # SQL parameters may hold an e-mail or a name
            crumb.pop("data", None)
    return event


def init(dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        before_send=scrub,
        traces_sample_rate=traces_sample_rate,
        max_request_body_size="never",
    )
