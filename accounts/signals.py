"""What the account app tells the layers above it, without knowing them (DESIGN.md: `accounts` knows no
other app)."""

from django.dispatch import Signal

# A password-reset link is to be sent to `user`; `path` is the link's path on the platform (it carries
# the one-time token). The outbox (notifications/notifications.py) writes, records and sends the
# message: the account app never sends an e-mail itself.
password_reset_link = Signal()
