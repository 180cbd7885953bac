"""Every write of watch and advocacy: alerts, their sources and reactions; interpellations, their
carriers, chain of evidence, validation, sending, answers, follow-ups and publication. Each checks the
permission (advocacy/permissions.py) and the version, runs in one transaction and leaves one audit
entry (pli/services.py). A refusal is a ValidationError with a French message naming the field."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from advocacy.choices import ActionKind, AlertStatus, Consent, LinkKind, Phase
from advocacy.models import (
    Alert,
    AlertAction,
    AlertSource,
    Answer,
    Carrier,
    ChainLink,
    FollowUp,
    Interpellation,
)
from advocacy.notifications import (
    ALERT_RAISED,
    PUBLICATION_ANSWERED,
    PUBLICATION_REQUESTED,
    VALIDATION_REQUESTED,
    carrier_users,
    coordinators,
)
from advocacy.permissions import is_carrier
from notifications.services import notify
from pli import services
from pli.access import is_coordinator, partner_organisation_id, require, require_edit

EDITABLE_PHASES = (Phase.PREPARATION, Phase.VALIDATION)


# --- alerts -----------------------------------------------------------------------------------------


def raise_alert(form, *, by) -> Alert:
    """A new alert: a coordinator's is open, a partner's is to qualify (and their organisation's)."""
    alert = form.instance
    is_new = alert.pk is None
    if is_new:
        alert.raised_by = by
        if not is_coordinator(by):
            alert.status = AlertStatus.TO_QUALIFY
            organisation_id = partner_organisation_id(by)
            alert.organisation_id = organisation_id

    def after_save(obj):
        if is_new and obj.status == AlertStatus.TO_QUALIFY:
            notify(coordinators(), ALERT_RAISED, obj, by=by)

    return services.save_form(form, by=by, after_save=after_save)


def qualify_alert(alert: Alert, *, by, severity: str | None = None) -> Alert:
    """A coordinator qualifies a partner's alert: it becomes open (with the severity judged)."""
    with services.edit(alert, by=by, action="qualify") as current:
        if current.status != AlertStatus.TO_QUALIFY:
            raise ValidationError(_("This alert was already qualified."))
        current.status = AlertStatus.OPEN
        current.qualified_at = timezone.now()
        if severity:
            current.severity = severity
        current.save()
    return current


def close_alert(alert: Alert, *, by, on: date | None = None) -> Alert:
    with services.edit(alert, by=by, action="close") as current:
        current.status = AlertStatus.CLOSED
        current.closed_on = on or timezone.localdate()
        current.save()
    return current


def add_alert_source(form, *, by, alert: Alert) -> AlertSource:
    form.instance.alert = alert
    return services.save_form(form, by=by, parent=alert)


def record_action(
    alert: Alert,
    *,
    kind: str,
    acted_on: date,
    by,
    note: str = "",
    meeting=None,
    agenda_item: int | None = None,
    interpellation: Interpellation | None = None,
) -> AlertAction:
    """One dated reaction to an alert (the first measures the time to react). A concertation space
    seized names the agenda item of a meeting that takes the alert up (a meeting the author may see,
    and an item of its agenda); the item's words are kept as they read that day."""
    from network.agenda import agenda_item as item_of
    from network.models import Meeting

    require_edit(by, alert)
    problems = {}
    item = None
    if acted_on < alert.emerged_on:
        problems["acted_on"] = _("A reaction cannot come before the alert emerged (%(date)s).") % {
            "date": alert.emerged_on.strftime("%d/%m/%Y")
        }
    if kind == ActionKind.NO_ACTION and not note.strip():
        problems["note"] = _("Say why the alert is followed without action.")
    if kind == ActionKind.CONCERTATION:
        if meeting is None:
            problems["agenda_item"] = _("Name the agenda item of a meeting that takes the alert up.")
        elif by is not None and not Meeting.objects.visible_to(by).filter(pk=meeting.pk).exists():
            problems["agenda_item"] = _("You may not name an item of this meeting.")
        else:
            item = item_of(meeting.agenda, agenda_item)
            if item is None:
                problems["agenda_item"] = _("Choose an item of the agenda of %(meeting)s.") % {
                    "meeting": meeting
                }
    if problems:
        raise ValidationError(problems)
    action = AlertAction(
        alert=alert,
        kind=kind,
        acted_on=acted_on,
        note=note,
        meeting=meeting if kind == ActionKind.CONCERTATION else None,
        agenda_item=item.number if item else None,
        agenda_item_title=item.title[:300] if item else "",
        interpellation=interpellation,
        by=by,
    )
    with transaction.atomic():
        action.save()
        if alert.status == AlertStatus.TO_QUALIFY and by is not None:
            Alert.objects.filter(pk=alert.pk).update(status=AlertStatus.OPEN, qualified_at=timezone.now())
        audit.record(by, "create", action, parent=alert)
    return action


def open_expertise_request(
    alert: Alert, *, by, question: str, areas, urgency=None, acted_on: date | None = None
):
    """Open an expertise request from the alert (a societal context: its title, description,
    territories, publics and cited findings), and record it as the alert's reaction."""
    from expertise import services as expertise_services
    from expertise.choices import Origin

    require_edit(by, alert)
    with transaction.atomic():
        request = expertise_services.open_request(
            by=by,
            title=alert.title,
            question=question,
            areas=areas,
            urgency=urgency,
            origin=Origin.SOCIETAL,
            context=alert.description,
            territories=list(alert.territories.all()),
            publics=list(alert.publics.all()),
            findings=[s.finding for s in alert.sources.select_related("finding") if s.finding_id],
        )
        action = record_action(
            alert,
            kind=ActionKind.EXPERTISE,
            acted_on=acted_on or timezone.localdate(),
            by=by,
            note=_("Expertise request opened: %(title)s") % {"title": request.title},
        )
        action.expertise_request = request
        action.save(update_fields=["expertise_request"])
    return request


# --- interpellations ----------------------------------------------------------------------------------


def centre():
    """The integration centre that leads every interpellation (the organisation of type cri)."""
    from network.models import Organisation

    return Organisation.objects.filter(type__code="cri").order_by("pk").first()


def _require_editable(interpellation: Interpellation) -> None:
    if interpellation.phase not in EDITABLE_PHASES:
        raise ValidationError(_("This interpellation was sent: its text and chain can no longer change."))


def _reset_validations(interpellation: Interpellation) -> None:
    """A change during validation asks every carrier again: they validate the text they read."""
    if interpellation.phase == Phase.VALIDATION:
        asked = timezone.now()
        interpellation.carriers.update(validated_at=None, validated_by=None, requested_at=asked)
        _ask_carriers(interpellation, asked, None)


def save_interpellation(form, *, by, co_signers=None) -> Interpellation:
    """Create or edit an interpellation; a new one is carried by the centre; `co_signers` (organisations)
    become its other carriers."""
    interpellation = form.instance
    if interpellation.pk is not None:
        _require_editable(Interpellation.objects.get(pk=interpellation.pk))
    if interpellation.pk is None:
        interpellation.created_by = by
    if interpellation.authority_id and not interpellation.level_id:
        interpellation.level_id = interpellation.authority.level_id

    def after_save(obj):
        lead = centre()
        if lead and not obj.carriers.filter(organisation=lead).exists():
            Carrier.objects.create(interpellation=obj, organisation=lead, is_lead=True)
        if co_signers is not None:
            wanted = {o.pk for o in co_signers}
            obj.carriers.filter(is_lead=False).exclude(organisation_id__in=wanted).delete()
            for organisation in co_signers:
                Carrier.objects.get_or_create(interpellation=obj, organisation=organisation)
        _reset_validations(obj)

    return services.save_form(form, by=by, after_save=after_save)


def add_link(
    interpellation: Interpellation,
    *,
    kind: str,
    by,
    finding=None,
    recommendation=None,
    meeting=None,
    alert=None,
    expertise_answer=None,
    quotation: str = "",
    note: str = "",
    cited_on: date | None = None,
) -> ChainLink:
    """Cite one more link in the chain: only what the author may see, a quotation with its meeting, an
    expertise answer given on a request the author may see (the words quoted from it are optional)."""
    from diagnostic.models import Finding
    from expertise.choices import AssignmentStatus
    from expertise.models import Assignment
    from network.models import Meeting
    from plan.models import Recommendation

    require_edit(by, interpellation)
    _require_editable(interpellation)
    targets: dict[str, tuple[str, Any, Any]] = {
        LinkKind.FINDING: ("finding", finding, Finding),
        LinkKind.RECOMMENDATION: ("recommendation", recommendation, Recommendation),
        LinkKind.QUOTATION: ("meeting", meeting, Meeting),
        LinkKind.ALERT: ("alert", alert, Alert),
    }
    if kind in targets:
        name, target, model = targets[kind]
        if target is None:
            raise ValidationError(
                {name: _("Choose the %(what)s to cite.") % {"what": model._meta.verbose_name}}
            )
        if by is not None and not model._default_manager.visible_to(by).filter(pk=target.pk).exists():
            raise ValidationError(
                {name: _("You may not cite this %(what)s.") % {"what": model._meta.verbose_name}}
            )
    if kind == LinkKind.EXPERTISE:
        if expertise_answer is None:
            raise ValidationError({"expertise_answer": _("Choose the expertise answer to cite.")})
        answers = Assignment.objects.filter(status=AssignmentStatus.ANSWERED)
        if by is not None:
            answers = answers.visible_to(by)
        if not answers.filter(pk=expertise_answer.pk).exists():
            raise ValidationError(
                {"expertise_answer": _("You may not cite this expertise answer (or it is not given yet).")}
            )
    if kind == LinkKind.QUOTATION and not quotation.strip():
        raise ValidationError({"quotation": _("Give the quotation (the words cited).")})
    last = interpellation.links.order_by("-order").values_list("order", flat=True).first()
    link = ChainLink(
        interpellation=interpellation,
        kind=kind,
        finding=finding if kind == LinkKind.FINDING else None,
        recommendation=recommendation if kind == LinkKind.RECOMMENDATION else None,
        meeting=meeting if kind == LinkKind.QUOTATION else None,
        alert=alert if kind == LinkKind.ALERT else None,
        expertise_answer=expertise_answer if kind == LinkKind.EXPERTISE else None,
        quotation=quotation.strip(),
        note=note.strip(),
        cited_on=cited_on or timezone.localdate(),
        order=(last or 0) + 1,
    )
    with transaction.atomic():
        link.save()
        _reset_validations(interpellation)
        audit.record(by, "create", link, parent=interpellation)
    return link


def remove_link(link: ChainLink, *, by) -> None:
    _require_editable(link.interpellation)
    with transaction.atomic():
        services.delete(link, by=by, parent=link.interpellation)
        _reset_validations(link.interpellation)


def sending_problems(interpellation: Interpellation) -> dict[str, str]:
    """What stops the interpellation from going out (also shown on its page before sending)."""
    problems = {}
    if not (interpellation.authority_id or interpellation.organisation_id):
        problems["authority"] = _("Name the addressee (an authority or an organisation) before sending.")
    if not interpellation.level_id and not interpellation.authority_id:
        problems["level"] = _("Name the level of power of the addressee before sending.")
    if not interpellation.text.strip():
        problems["text"] = _("Write the text before sending.")
    waiting = [str(c.organisation) for c in interpellation.carriers.all() if not c.validated_at]
    if waiting:
        problems["carriers"] = _("Every carrier validates before sending; still waiting for: %(names)s.") % {
            "names": ", ".join(waiting)
        }
    return problems


def ask_validation(interpellation: Interpellation, *, by) -> Interpellation:
    """Ask every carrier to validate the text: it goes into validation."""
    problems = sending_problems(interpellation)
    problems.pop("carriers", None)
    if problems:
        raise ValidationError(problems)
    with services.edit(interpellation, by=by, action="ask_validation") as current:
        if current.phase != Phase.PREPARATION:
            raise ValidationError(_("This interpellation is not in preparation."))
        current.phase = Phase.VALIDATION
        current.save()
        asked = timezone.now()
        current.carriers.update(requested_at=asked, validated_at=None, validated_by=None)
        _ask_carriers(current, asked, by)
    return current


def _ask_carriers(interpellation: Interpellation, asked, by) -> None:
    """The outbox asks the partners of every carrier to validate (once per request)."""
    notify(carrier_users(interpellation), VALIDATION_REQUESTED, interpellation, by=by, key=asked.isoformat())


def validate(interpellation: Interpellation, *, by) -> Carrier:
    """A carrier validates the text: a partner for their organisation, a coordinator for the centre."""
    if interpellation.phase != Phase.VALIDATION:
        raise ValidationError(_("This interpellation is not awaiting validation."))
    organisation_id = partner_organisation_id(by)
    if organisation_id and is_carrier(by, interpellation):
        carrier = interpellation.carriers.get(organisation_id=organisation_id)
    elif is_coordinator(by):
        lead = interpellation.carriers.filter(is_lead=True).first()
        if lead is None:
            raise ValidationError(_("This interpellation has no lead carrier."))
        carrier = lead
    else:
        raise PermissionDenied
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        if carrier.validated_at:
            raise ValidationError(_("%(carrier)s already validated this text.") % {"carrier": carrier})
        carrier.validated_at = timezone.now()
        carrier.validated_by = by
        carrier.save(update_fields=["validated_at", "validated_by"])
        audit.record(by, "validate", interpellation, changes={"validated_by": [None, str(carrier)]})
    return carrier


def send(interpellation: Interpellation, *, by, sent_on: date, channel: str) -> Interpellation:
    """Record the sending: refused without addressee or text, or before every carrier validated."""
    require_edit(by, interpellation)
    if interpellation.phase != Phase.VALIDATION:
        raise ValidationError(_("Ask the carriers to validate before sending."))
    problems = sending_problems(interpellation)
    if sent_on > timezone.localdate():
        problems["sent_on"] = _("The sending date cannot be in the future.")
    if problems:
        raise ValidationError(problems)
    with services.edit(interpellation, by=by, action="send") as current:
        current.phase = Phase.SENT
        current.sent_on = sent_on
        current.channel = channel
        if not current.level_id and current.authority is not None:
            current.level_id = current.authority.level_id
        current.save()
    return current


def record_answer(form, *, by, interpellation: Interpellation) -> Answer:
    """An answer received: never dated before the sending."""
    if interpellation.phase not in (Phase.SENT, Phase.NO_FOLLOW_UP) or not interpellation.sent_on:
        raise ValidationError(_("An answer is recorded once the interpellation is sent."))
    received_on = form.cleaned_data["received_on"]
    if received_on < interpellation.sent_on:
        raise ValidationError(
            {
                "received_on": _("The answer cannot be dated before the sending (%(date)s).")
                % {"date": interpellation.sent_on.strftime("%d/%m/%Y")}
            }
        )
    form.instance.interpellation = interpellation
    form.instance.recorded_by = by
    return services.save_form(form, by=by, parent=interpellation)


def add_follow_up(form, *, by, interpellation: Interpellation) -> FollowUp:
    form.instance.interpellation = interpellation
    form.instance.by = by
    return services.save_form(form, by=by, parent=interpellation)


def mark_follow_up_done(follow_up: FollowUp, *, by, on: date | None = None) -> FollowUp:
    with services.edit(follow_up, by=by, action="done", parent=follow_up.interpellation) as current:
        current.done_on = on or timezone.localdate()
        current.save()
    return current


def close(interpellation: Interpellation, *, by, phase: str) -> Interpellation:
    """Withdraw an interpellation (before or after sending) or close a sent one without follow-up."""
    if phase not in (Phase.WITHDRAWN, Phase.NO_FOLLOW_UP):
        raise ValidationError({"phase": _("Unknown closing step.")})
    if phase == Phase.NO_FOLLOW_UP and interpellation.phase != Phase.SENT:
        raise ValidationError(_("Only a sent interpellation is closed without follow-up."))
    with services.edit(interpellation, by=by, action=phase) as current:
        current.phase = phase
        current.closed_on = timezone.localdate()
        if phase == Phase.WITHDRAWN:
            current.is_published = False
        current.save()
    return current


PUBLISHABLE_PHASES = (Phase.SENT, Phase.NO_FOLLOW_UP)


def _require_publishable(interpellation: Interpellation) -> None:
    if interpellation.phase not in PUBLISHABLE_PHASES:
        raise ValidationError(_("Only a sent interpellation can be published."))
    if interpellation.is_published:
        raise ValidationError(_("This interpellation is already published."))


def ask_publication(interpellation: Interpellation, *, by) -> Interpellation:
    """Propose to publish a sent interpellation: the outbox asks every carrier (the centre's coordinators
    and each co-signer's partners) to agree or decline; asking again asks them all afresh."""
    require_edit(by, interpellation)
    _require_publishable(interpellation)
    asked = timezone.now()
    with transaction.atomic():
        interpellation.carriers.update(
            publication_asked_at=asked,
            publication_consent="",
            publication_answered_at=None,
            publication_answered_by=None,
        )
        audit.record(by, "ask_publication", interpellation)
        notify(
            carrier_users(interpellation),
            PUBLICATION_REQUESTED,
            interpellation,
            by=by,
            key=f"publication-{asked.isoformat()}",
        )
    return interpellation


def _carrier_of(user, interpellation: Interpellation) -> Carrier:
    """The carrier a user answers for: a partner, their organisation's; a coordinator, the centre's."""
    organisation_id = partner_organisation_id(user)
    if organisation_id and is_carrier(user, interpellation):
        return interpellation.carriers.get(organisation_id=organisation_id)
    if is_coordinator(user):
        lead = interpellation.carriers.filter(is_lead=True).first()
        if lead is None:
            raise ValidationError(_("This interpellation has no lead carrier."))
        return lead
    raise PermissionDenied


def consent_to_publish(interpellation: Interpellation, *, by, agree: bool) -> Carrier:
    """A carrier agrees, or declines, to publish the interpellation (it may change its answer until it is
    published); the coordinators are told through the outbox."""
    carrier = _carrier_of(by, interpellation)
    _require_publishable(interpellation)
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        if not carrier.publication_asked_at:
            raise ValidationError(_("Its publication was not proposed to the carriers yet."))
        before = carrier.publication_consent
        carrier.publication_consent = Consent.AGREED if agree else Consent.DECLINED
        carrier.publication_answered_at = timezone.now()
        carrier.publication_answered_by = by
        carrier.save(
            update_fields=["publication_consent", "publication_answered_at", "publication_answered_by"]
        )
        audit.record(
            by,
            "agree_to_publish" if agree else "decline_to_publish",
            interpellation,
            changes={
                "publication_consent": [f"{carrier}: {before}", f"{carrier}: {carrier.publication_consent}"]
            },
        )
        context = {
            "carrier": str(carrier),
            "agreed": agree,
            "waiting": ", ".join(publication_waiting(interpellation)),
        }
        notify(coordinators(), PUBLICATION_ANSWERED, interpellation, context=context, by=by)
    return carrier


def publication_waiting(interpellation: Interpellation) -> list[str]:
    """The carriers that have not agreed to publish (a declined one says so)."""
    names = []
    for carrier in interpellation.carriers.select_related("organisation"):
        if carrier.publication_consent == Consent.DECLINED:
            names.append(_("%(carrier)s (declined)") % {"carrier": carrier.organisation})
        elif carrier.publication_consent != Consent.AGREED:
            names.append(str(carrier.organisation))
    return names


def publication_problems(interpellation: Interpellation) -> dict[str, str]:
    """What stops the publication: a carrier that has not agreed (also shown before publishing)."""
    waiting = publication_waiting(interpellation)
    if not waiting:
        return {}
    return {
        "carriers": _("Every carrier agrees before it is published; not agreed yet: %(names)s.")
        % {"names": ", ".join(waiting)}
    }


def publish(interpellation: Interpellation, *, by) -> Interpellation:
    """Publish a sent interpellation and its answers once every carrier agreed; its public chain keeps
    only public items (the page says which are left out before the author confirms)."""
    require(by, lambda: is_coordinator(by) or False)
    _require_publishable(interpellation)
    problems = publication_problems(interpellation)
    if problems:
        raise ValidationError(problems)
    with services.edit(interpellation, by=by, action="publish") as current:
        if current.is_published:
            raise ValidationError(_("This interpellation is already published."))
        current.is_published = True
        current.published_at = timezone.now()
        current.save()
    return current
