"""Logs an operator can search: a request id on every line, and JSON lines through a setting.

`PLI_LOG_FORMAT=json` writes one JSON object per line (time, level, logger, message, request id,
and the exception when there is one), for journald, Loki or Elasticsearch; `text` (the default) stays
readable in a terminal. The request id comes from the reverse proxy's `X-Request-ID` when the request
comes from a trusted proxy (PLI_TRUSTED_PROXIES) and looks like one, otherwise it is made here; it is
sent back in the response's `X-Request-ID`, so that a user's report, the proxy's log and the
platform's log point to one another.
"""

import contextvars
import json
import logging
import re
import time
import uuid

from django.core.signals import request_finished

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
logger = logging.getLogger("pli.request")


def _incoming_id(request) -> str | None:
    from accounts.client_ip import _address, is_trusted

    value = request.headers.get("X-Request-ID", "")
    peer = _address(request.META.get("REMOTE_ADDR") or "")
    if value and REQUEST_ID.match(value) and peer is not None and is_trusted(peer):
        return value
    return None


class RequestIdMiddleware:
    """First in MIDDLEWARE: every log line of the request carries its id; slow requests are logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming_id(request) or uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed (request_finished below): Django logs a 4xx or 5xx
        # ("django.request") after the middleware has returned.
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


def forget_request_id(**kwargs) -> None:
    request_id_var.set("-")


request_finished.connect(forget_request_id, dispatch_uid="pli.logs.forget_request_id")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (`-` outside a request: commands, the task worker)."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line; the `extra` fields of a call are kept as keys."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key, value in vars(record).items():
            if key not in STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(log_format: str, level: str, requests: bool = False) -> dict:
    formatter = (
        {"()": "pli.logs.JsonFormatter"}
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "pli.logs.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "default"}
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # django-axes writes every attempt and clean-up at INFO; its lockouts are WARNING.
            "axes": {"level": "WARNING"},
            # One line per request (method, path, status, duration), from the middleware above: off unless
            # PLI_LOG_REQUESTS=1, since gunicorn's access log or the proxy's already has them.
            "pli.request": {"level": "INFO" if requests else "WARNING"},
        },
    }
