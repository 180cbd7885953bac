"""Test settings: the real settings with a fast hasher, in-memory e-mail and temporary media.

Migrations stay on: a migration that breaks one database is exactly the bug to catch.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PLI_ENVIRONMENT", "test")

from pli.settings import *  # noqa: E402,F403
from pli.settings import BASE_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="pli-media-"))
PLI_REQUIRE_2FA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise indexes every static file each time a test client loads the middleware (about a fifth of
# a page test's time when it looked through the finders): in tests it serves only this empty folder.
# The browser tests' live server serves the static files through Django's finders.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="pli-static-"))
WHITENOISE_USE_FINDERS = False
_shared = BASE_DIR.parent / "shared" / "data"
if PLI_DATA_DIR is None and _shared.is_dir():  # noqa: F405
    PLI_DATA_DIR = _shared.resolve()
# Computed figures are cached per data version; tests roll back their imports, so no cache between them
# (territory/tests/test_cache.py turns the local-memory cache on to test it).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
PLI_DATA_VERSION_TTL = 0  # read at every use, so that query counts do not depend on the clock
# Tasks run at once, in the test's own thread and transaction (a test of the waiting state asks for the
# dummy backend, which stores them and runs nothing).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
