"""Writes of the network that touch several rows or must be recorded."""

import secrets

from django.db import transaction
from django.utils import timezone

from accounts.models import audit
from network.models import Person


def export_person(person: Person) -> dict:
    """Everything the platform holds about a person (GDPR right of access), as plain data."""
    return {
        "name": person.full_name,
        "organisation": str(person.organisation) if person.organisation else None,
        "function": person.function,
        "email": person.email,
        "phone": person.phone,
        "languages": person.languages,
        "expertise": [str(area) for area in person.expertise.all()],
        "consent": {
            "date": person.consent_date.isoformat() if person.consent_date else None,
            "scope": str(person.get_consent_scope_display()),
        },
        "platform_account": person.user.email if person.user else None,
        "spaces": [
            {"space": m.space.name, "role": str(m.get_role_display()), "since": m.since.isoformat()}
            for m in person.memberships.select_related("space")
        ],
        "meetings": [
            {
                "meeting": str(a.meeting),
                "space": a.meeting.space.name,
                "attendance": str(a.get_status_display()),
            }
            for a in person.attendances.select_related("meeting__space")
        ],
        "decisions_to_follow": [
            {"decision": d.text, "due_on": d.due_on.isoformat() if d.due_on else None, "done": d.done}
            for d in person.decisions_to_follow.all()
        ],
        "exported_at": timezone.now().isoformat(timespec="seconds"),
    }


@transaction.atomic
def erase_person(person: Person, by) -> Person:
    """Erase a person's personal data on request (GDPR), keeping the history they took part in.

    The row stays so that meetings keep their attendance and decisions their follower, shown as
    "person erased"; memberships end; the audit log keeps who erased whom, without the name.
    """
    person.full_name = ""
    person.function = ""
    person.email = ""
    person.phone = ""
    person.languages = ""
    person.consent_date = None
    person.user = None
    person.calendar_token = secrets.token_urlsafe()  # the old calendar address stops working
    person.erased_at = timezone.now()
    person.version += 1
    person.save()
    person.expertise.clear()
    person.memberships.all().delete()
    audit(by, "person_erased", target=f"person #{person.pk}")
    return person
