"""What an operator configures: JSON-line logs with a request id, Sentry without personal data, the
cache from CACHE_URL (pli/logs.py, pli/sentry.py, pli/env.py)."""

import json
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from pli.env import env_cache
from pli.logs import JsonFormatter, RequestIdFilter
from pli.sentry import scrub


def test_every_response_carries_a_request_id_that_the_log_lines_of_the_request_share(client, caplog, db):
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record)

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logging.getLogger("django.request").addHandler(handler)
    try:
        response = client.get("/nulle-part/")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert [record.request_id for record in seen] == [request_id]  # the "Not Found" warning


def test_a_request_id_from_a_trusted_proxy_is_kept_and_one_from_elsewhere_is_not(client, db, settings):
    settings.PLI_TRUSTED_PROXIES = ["10.0.0.1"]
    forwarded = client.get("/robots.txt", HTTP_X_REQUEST_ID="proxy-1234abcd", REMOTE_ADDR="10.0.0.1")
    assert forwarded["X-Request-ID"] == "proxy-1234abcd"
    forged = client.get("/robots.txt", HTTP_X_REQUEST_ID="proxy-1234abcd", REMOTE_ADDR="192.0.2.7")
    assert forged["X-Request-ID"] != "proxy-1234abcd"
    injected = client.get("/robots.txt", HTTP_X_REQUEST_ID="a\nfake log line", REMOTE_ADDR="10.0.0.1")
    assert "\n" not in injected["X-Request-ID"]


def test_a_json_log_line_holds_the_message_the_request_id_and_the_extra_fields():
    record = logging.makeLogRecord(
        {"name": "pli.request", "levelname": "INFO", "msg": "GET %s", "args": ("/plan/",), "duration_ms": 4.2}
    )
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["message"] == "GET /plan/" and entry["logger"] == "pli.request" and entry["level"] == "INFO"
    assert entry["request_id"] == "-" and entry["duration_ms"] == 4.2


def test_sentry_events_keep_no_personal_data():
    event = {
        "user": {"id": 7, "email": "coordinatrice@cri.be", "ip_address": "192.0.2.1", "username": "Anne"},
        "request": {
            "url": "https://pli.example/constats/",
            "data": {"wording": "Une personne nommée…"},
            "cookies": {"sessionid": "abc"},
            "query_string": "email=anne@cri.be",
            "headers": {
                "Authorization": "Bearer pli_secret",
                "Cookie": "sessionid=abc",
                "User-Agent": "Firefox",
            },
        },
        "breadcrumbs": {
            "values": [{"category": "query", "message": "SELECT …", "data": {"params": ["anne@cri.be"]}}]
        },
    }
    scrubbed = json.dumps(scrub(event))
    for personal in ("coordinatrice@cri.be", "192.0.2.1", "Anne", "Une personne", "abc", "pli_secret"):
        assert personal not in scrubbed
    assert event["user"] == {"id": 7} and event["request"]["headers"] == {"User-Agent": "Firefox"}


@pytest.mark.parametrize(
    "url, backend, location",
    [
        ("", "locmem.LocMemCache", "pli"),
        ("redis://127.0.0.1:6379/1", "redis.RedisCache", "redis://127.0.0.1:6379/1"),
        ("file:///var/cache/pli", "filebased.FileBasedCache", "/var/cache/pli"),
    ],
)
def test_the_cache_comes_from_cache_url(monkeypatch, url, backend, location):
    monkeypatch.setenv("CACHE_URL", url)
    config = env_cache("CACHE_URL")
    assert config["BACKEND"] == f"django.core.cache.backends.{backend}" and config["LOCATION"] == location


@pytest.mark.parametrize("url", ["memcached://127.0.0.1", "127.0.0.1:6379", "file://relative"])
def test_a_cache_url_that_cannot_be_used_stops_the_start(monkeypatch, url):
    monkeypatch.setenv("CACHE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        env_cache("CACHE_URL")


def test_the_local_cache_holds_more_than_django_s_300_entries(monkeypatch):
    monkeypatch.delenv("CACHE_URL", raising=False)
    assert env_cache("CACHE_URL")["OPTIONS"]["MAX_ENTRIES"] == 5000
    monkeypatch.setenv("PLI_CACHE_MAX_ENTRIES", "20000")
    assert env_cache("CACHE_URL")["OPTIONS"]["MAX_ENTRIES"] == 20000
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    assert "OPTIONS" not in env_cache("CACHE_URL")  # Redis evicts by its own maxmemory policy
