"""Every write of the network: organisations, people, offers, spaces and their members, meetings with
their attendance, decisions and documents, and the GDPR erasure. Each checks the permission (the rules
of network/permissions.py) and the version, and leaves one audit entry (pli/services.py)."""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts import audit
from network import notifications as messages
from network.models import Attendance, ConcertationSpace, Meeting, Membership, Organisation, Person
from notifications import services as notification_services
from pli import services
from pli.access import require_edit


def save_organisation(form, *, by) -> Organisation:
    return services.save_form(form, by=by)


def save_person(form, *, by) -> Person:
    if form.instance.erased_at:
        raise PermissionDenied
    return services.save_form(form, by=by)


def save_offer(form, *, by, organisation: Organisation | None = None):
    """A new offer of `organisation`, or an edit of an existing one."""
    if organisation is not None:
        form.instance.organisation = organisation
    return services.save_form(form, by=by, parent=form.instance.organisation)


def save_space(form, *, by) -> ConcertationSpace:
    return services.save_form(form, by=by)


def add_member(form, *, by, space: ConcertationSpace) -> Membership:
    form.instance.space = space
    return services.save_form(form, by=by, parent=space)


def remove_member(membership: Membership, *, by) -> None:
    services.delete(membership, by=by, parent=membership.space)


def save_meeting(form, *, by, space: ConcertationSpace | None = None) -> Meeting:
    """Create or edit a meeting. The members of its space are told (notifications): invited, with the
    .ics, when it is planned or moved; sent the link to the minutes when these are first written."""
    if space is not None:
        form.instance.space = space
    instance = form.instance
    stored = Meeting.objects.filter(pk=instance.pk).values("starts_at", "ends_at", "minutes").first()

    def tell(meeting: Meeting) -> None:
        moved = stored is None or (stored["starts_at"], stored["ends_at"]) != (
            meeting.starts_at,
            meeting.ends_at,
        )
        if moved:
            messages.invite(meeting, by=by)
        if meeting.minutes.strip() and not (stored and stored["minutes"].strip()):
            messages.minutes_published(meeting, by=by)

    return services.save_form(form, by=by, parent=instance.space, after_save=tell)


def record_attendance(form, *, by) -> Meeting:
    """Save the attendance of a meeting (one status per person, a guest added): one entry with the
    statuses that changed, person by person."""
    meeting = form.meeting

    def statuses():
        return {
            a.person.display_name: str(a.get_status_display())
            for a in Attendance.objects.filter(meeting=meeting).select_related("person")
        }

    with transaction.atomic():
        require_edit(by, meeting)
        before = statuses()
        form.save()
        changes = audit.diff(before, statuses())
        if changes:
            audit.record(by, "attendance", meeting, changes=changes)
    return meeting


def save_decision(form, *, by, meeting: Meeting | None = None):
    if meeting is not None:
        form.instance.meeting = meeting
    return services.save_form(form, by=by, parent=form.instance.meeting)


def add_document(form, *, by, meeting: Meeting):
    form.instance.meeting = meeting
    form.instance.uploaded_by = by
    return services.save_form(form, by=by, parent=meeting)


def export_person(person: Person) -> dict:
    """Everything the platform holds about a person (GDPR right of access), as plain data."""
    return {
        "name": person.full_name,
        "organisation": str(person.organisation) if person.organisation else None,
        "function": person.function,
        "email": person.email,
        "phone": person.phone,
        "languages": person.language_names,
        "other_languages": person.languages,
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
    "person erased"; memberships end; their platform account is closed and loses its name and e-mail;
    the audit trail loses every mention of them (their name, e-mail, phone, the account's e-mail) and
    keeps who erased whom.
    """
    require_edit(by, person)
    account = person.user
    texts = [person.full_name, person.email, person.phone]
    if account is not None:
        texts += [account.email, account.full_name]
        account.email = f"compte-efface-{account.pk}@invalid.invalid"
        account.full_name = ""
        account.is_active = False
        account.set_unusable_password()
        account.save()
    person.full_name = ""
    person.function = ""
    person.email = ""
    person.phone = ""
    person.languages = ""
    person.language_codes = []
    person.consent_date = None
    person.user = None
    person.calendar_token = secrets.token_urlsafe()  # the old calendar address stops working
    person.erased_at = timezone.now()
    person.version += 1
    person.save()
    person.expertise.clear()
    person.memberships.all().delete()
    audit.scrub(texts, actor=account)
    notification_services.forget(account, texts)
    audit.record(by, "erase", person, changes={})
    return person
