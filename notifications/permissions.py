"""Who sees what of the outbox (pli/access.py): coordinators read every message and retry a failed one;
everybody else reads only the messages sent to them, and changes only their own preferences."""

from pli.access import AccessQuerySet, is_authenticated, is_coordinator


def may_read_outbox(user) -> bool:
    """The outbox (every message the platform sent): the coordinators'."""
    return is_coordinator(user)


class MessageQuerySet(AccessQuerySet):
    def visible_to(self, user):
        if is_coordinator(user):
            return self
        if not is_authenticated(user):
            return self.none()
        return self.filter(recipient=user)

    def mine(self, user):
        """The messages sent to the user, whoever they are (a coordinator's own inbox)."""
        return self.filter(recipient=user) if is_authenticated(user) else self.none()


class PreferenceQuerySet(AccessQuerySet):
    def visible_to(self, user):
        return self.filter(user=user) if is_authenticated(user) else self.none()

    def editable_by(self, user):
        return self.visible_to(user)

    def creatable_by(self, user, parent=None):
        return is_authenticated(user)
