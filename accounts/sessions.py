"""Django's database sessions, with the session read on every request prepared once per connection
(pli/prepared.py): the same table, rows and behaviour (`SESSION_ENGINE = "accounts.sessions"`)."""

import functools

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from pli.prepared import PreparedRead

NO_SESSION = "\x00no-session"  # the marker of the prepared read: no session key has a NUL


@functools.cache
def _prepared() -> PreparedRead:
    return PreparedRead(
        lambda key: Session.objects.filter(session_key=key),
        Session._meta.get_field("session_key"),
        NO_SESSION,
    )


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        # The key is one Django made or checked (`_validate_session_key`); an expired session is as
        # if it did not exist, as in Django's own read (which filters on the date in SQL).
        session = _prepared().first(self.session_key)
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session
