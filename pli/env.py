"""Typed readers of environment variables.

Each helper refuses a malformed value with ImproperlyConfigured naming the variable, so that a bad
configuration stops the start with one clear line instead of a confusing failure later.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off).")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def env_float(name: str, default: float, minimum: float | None = None) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str, default: list[str]) -> list[str]:
    """Comma-separated IP addresses or networks (10.0.0.0/8), each checked."""
    import ipaddress

    values = env_list(name, default)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {value!r} is not an IP address or network.") from None
    return values


def env_path(name: str, default: Path | None = None) -> Path | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    return Path(raw).expanduser().resolve()


def env_database(name: str, default_sqlite_path: Path) -> dict:
    """The DATABASES["default"] entry from a URL; SQLite under var/ when the variable is unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return sqlite_database(default_sqlite_path)
    if "://" not in raw:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a database URL (expected e.g. sqlite:///var/pli.sqlite3 "
            "or postgres://user:password@host:5432/pli)."
        )
    scheme = raw.split("://", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{name} uses the unsupported scheme {scheme!r} (supported: sqlite, postgres)."
        )
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except Exception as error:  # dj_database_url raises several kinds of errors on bad input
        raise ImproperlyConfigured(f"{name} is malformed: {error}") from None
    if scheme == "sqlite":
        return sqlite_database(Path(config["NAME"]))
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database (expected postgres://…/DATABASE_NAME).")
    return config


EMAIL_SCHEMES = {
    "smtp": ("django.core.mail.backends.smtp.EmailBackend", 25, {}),
    "smtp+tls": ("django.core.mail.backends.smtp.EmailBackend", 587, {"EMAIL_USE_TLS": True}),
    "smtps": ("django.core.mail.backends.smtp.EmailBackend", 465, {"EMAIL_USE_SSL": True}),
    "smtp+ssl": ("django.core.mail.backends.smtp.EmailBackend", 465, {"EMAIL_USE_SSL": True}),
    "console": ("django.core.mail.backends.console.EmailBackend", None, {}),
    "file": ("django.core.mail.backends.filebased.EmailBackend", None, {}),
    "locmem": ("django.core.mail.backends.locmem.EmailBackend", None, {}),
    "dummy": ("django.core.mail.backends.dummy.EmailBackend", None, {}),
}


def env_email(name: str = "EMAIL_URL") -> dict:
    """The e-mail settings, from one URL (`smtp+tls://user:password@smtp.example.be:587`, `smtps://…`,
    `console://`, `file:///var/mail/pli`) or else from EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT,
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS and EMAIL_USE_SSL; the console by default."""
    from urllib.parse import unquote, urlsplit

    raw = os.environ.get(name, "").strip()
    if not raw:
        config = {
            "EMAIL_BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
            "EMAIL_HOST": env_str("EMAIL_HOST", "localhost"),
            "EMAIL_PORT": env_int("EMAIL_PORT", 25, minimum=1),
            "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER"),
            "EMAIL_HOST_PASSWORD": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", False),
            "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL", False),
        }
    else:
        scheme = raw.split("://", 1)[0].lower() if "://" in raw else ""
        if scheme not in EMAIL_SCHEMES:
            raise ImproperlyConfigured(
                f"{name} must start with one of {', '.join(s + '://' for s in EMAIL_SCHEMES)} "
                "(e.g. smtp+tls://user:password@smtp.example.be:587)."
            )
        backend, default_port, flags = EMAIL_SCHEMES[scheme]
        parts = urlsplit(raw)
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"{name} has a malformed port.") from None
        config = {
            "EMAIL_BACKEND": backend,
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": port or default_port or 25,
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            **flags,
        }
        if scheme.startswith("smtp") and not parts.hostname:
            raise ImproperlyConfigured(f"{name} names no mail server (expected {scheme}://host:port).")
        if scheme == "file":
            if not parts.path:
                raise ImproperlyConfigured(f"{name}=file:// names no folder (expected file:///var/mail/pli).")
            config["EMAIL_FILE_PATH"] = parts.path
    if config["EMAIL_USE_TLS"] and config["EMAIL_USE_SSL"]:
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on: choose one.")
    config["EMAIL_TIMEOUT"] = env_int("EMAIL_TIMEOUT", 20, minimum=1)
    return config


CACHE_BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}


def env_cache(name: str, default: str = "locmem://") -> dict:
    """The CACHES["default"] entry from a URL: `locmem://` (the embedded default, one per process),
    `redis://127.0.0.1:6379/0` (shared by every instance), `file:///var/cache/pli`, `dummy://`."""
    raw = os.environ.get(name, "").strip() or default
    scheme, separator, rest = raw.partition("://")
    if not separator or scheme not in CACHE_BACKENDS:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a cache URL (use locmem://, redis://host:6379/0, file:///folder or dummy://)."
        )
    config = {"BACKEND": CACHE_BACKENDS[scheme], "KEY_PREFIX": "pli"}
    if scheme.startswith("redis"):
        config["LOCATION"] = raw
    elif scheme == "file":
        if not rest.startswith("/"):
            raise ImproperlyConfigured(
                f"{name}={raw!r}: a file cache needs an absolute folder (file:///var/cache/pli)."
            )
        config["LOCATION"] = rest
    elif scheme == "locmem":
        config["LOCATION"] = rest or "pli"
    if scheme in ("locmem", "file"):
        # Django's default of 300 entries, culled by a third when full, was smaller than what a public
        # page's parts and the figures of a few territories fill: pages were evicted under load.
        config["OPTIONS"] = {"MAX_ENTRIES": env_int("PLI_CACHE_MAX_ENTRIES", 5000, minimum=100)}
    return config


def env_json_object(name: str) -> dict:
    """A JSON object (e.g. a storage's options), or {} when the variable is unset."""
    import json

    raw = os.environ.get(name, "").strip()
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f'{name} must be a JSON object ({{"key": "value"}}).')
    return value


def sqlite_database(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def secret_key(production: bool, var_dir: Path) -> str:
    """SECRET_KEY from the environment; outside production, generated once into var/secret_key."""
    value = env_str("SECRET_KEY")
    if value:
        return value
    if production:
        raise ImproperlyConfigured("SECRET_KEY is required when PLI_ENVIRONMENT=production.")
    from django.core.management.utils import get_random_secret_key

    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
