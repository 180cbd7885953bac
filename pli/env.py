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
