"""Every write of expertise mobilisation, one call per transition of a request: each checks who may,
records the dated event (the request's state follows from its events), leaves one audit entry and hands
the messages to the notifications, all in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from expertise import messages
from expertise.choices import AssignmentStatus, EventKind, Origin, State
from expertise.files import check_attachment
from expertise.models import Assignment, ExpertiseRequest, RequestAttachment, RequestEvent
from expertise.workflow import state_from
from network.models import Person
from pli.access import can_create, is_coordinator, partner_organisation_id, person_id, require
from vocabulary.models import Urgency

TRIAGE = {State.RECEIVED, State.QUALIFIED, State.SOLICITED, State.IN_PROGRESS, State.ANSWERED}


def _refuse_unless(condition: bool, message: str, field: str | None = None) -> None:
    if not condition:
        raise ValidationError({field: message} if field else message)


def _locked(request: ExpertiseRequest) -> ExpertiseRequest:
    return ExpertiseRequest.objects.select_for_update().select_related("urgency").get(pk=request.pk)


def _transition(request, kind, *, by, at=None, assignment=None, note="", action=None, extra=None):
    """Record the event, derive and store the new state, write the audit entry and the messages."""
    at = at or timezone.now()
    before = request.state
    RequestEvent.objects.create(
        request=request,
        kind=kind,
        at=at,
        by=by if getattr(by, "is_authenticated", False) else None,
        assignment=assignment,
        note=note,
    )
    kinds = request.events.order_by("at", "pk").values_list("kind", flat=True)
    request.state = state_from(kinds)
    changes = {"state": [before, request.state]} if before != request.state else {}
    for field, value in (extra or {}).items():
        old = getattr(request, field)
        if old != value:
            changes[field] = [audit._plain(old), audit._plain(value)]
        setattr(request, field, value)
    request.version += 1
    request.save()
    audit.record(by, action or kind, request, changes=changes, details={"note": note} if note else None)
    messages.state_changed(
        request, kind, by=by, assignment=assignment, note=note, changed=before != request.state
    )
    return request


def _add_files(request, files: Iterable, *, by, assignment=None) -> None:
    for upload in files:
        RequestAttachment.objects.create(
            request=request,
            assignment=assignment,
            file=upload,
            name=upload.name[:200],
            uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        )


def open_request(
    *,
    by,
    title: str,
    question: str,
    areas,
    urgency: Urgency | None = None,
    origin: str = Origin.FIELD,
    organisation=None,
    requester_name: str = "",
    context: str = "",
    territories=(),
    publics=(),
    languages=(),
    wished_by=None,
    findings=(),
    meeting=None,
    files=(),
    received_at=None,
) -> ExpertiseRequest:
    """Open a request (the form, the API and other apps, e.g. an alert, all come here).

    A partner opens it for their own organisation (whatever `organisation` says); a coordinator for an
    organisation, for someone who called (`requester_name`) or from a societal context."""
    require(by, lambda: can_create(by, ExpertiseRequest), _("You may not open an expertise request."))
    areas = list(areas)
    files = list(files)
    errors: dict[str, Any] = {}
    if not (question or "").strip():
        errors["question"] = _("Write the question asked of the experts.")
    if not (title or "").strip():
        errors["title"] = _("Give the request a title.")
    if not areas:
        errors["areas"] = _("Choose at least one expertise area.")
    for upload in files:
        try:
            check_attachment(upload)
        except ValidationError as error:
            errors.setdefault("files", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    if by is not None and not is_coordinator(by):
        from network.models import Organisation

        origin = Origin.FIELD
        organisation_id = partner_organisation_id(by)
        organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    if origin == Origin.FIELD and organisation is None and not requester_name.strip():
        raise ValidationError(
            {"requester_organisation": _("A request from the field names its organisation or its requester.")}
        )
    urgency = urgency or Urgency.objects.get(code="normale")
    with transaction.atomic():
        request = ExpertiseRequest(
            origin=origin,
            title=title.strip(),
            question=question.strip(),
            context=context,
            languages=list(languages),
            urgency=urgency,
            wished_by=wished_by,
            requester_organisation=organisation,
            requester_name=requester_name,
            requested_by=by if getattr(by, "is_authenticated", False) else None,
            meeting=meeting,
            received_at=received_at or timezone.now(),
        )
        request.set_due_dates()
        request.save()
        request.areas.set(areas)
        request.territories.set(territories)
        request.publics.set(publics)
        request.findings.set(findings)
        _add_files(request, files, by=by)
        RequestEvent.objects.create(
            request=request,
            kind=EventKind.RECEIVED,
            at=request.received_at,
            by=request.requested_by,
        )
        audit.record(by, "create", request)
        messages.received(request, by=by)
    return request


def submit_request(form, *, by) -> ExpertiseRequest:
    """The request form's save: the same service as the API's."""
    data = form.cleaned_data
    return open_request(
        by=by,
        title=data["title"],
        question=data["question"],
        areas=data["areas"],
        urgency=data["urgency"],
        origin=data.get("origin") or Origin.FIELD,
        organisation=data.get("requester_organisation"),
        requester_name=data.get("requester_name") or "",
        context=data.get("context") or "",
        territories=data.get("territories") or (),
        publics=data.get("publics") or (),
        languages=data.get("languages") or (),
        wished_by=data.get("wished_by"),
        findings=data.get("findings") or (),
        meeting=data.get("meeting"),
        files=[f for f in [data.get("attachment")] if f],
    )


def _coordinator(by) -> None:
    require(by, lambda: is_coordinator(by), _("Only the centre's coordinators triage requests."))


def _in(request, states, message) -> None:
    _refuse_unless(request.state in states, message)


@transaction.atomic
def qualify(request, *, by, areas=None, urgency=None, note="", at=None) -> ExpertiseRequest:
    """The centre accepts to deal with the request (its areas and urgency corrected if need be)."""
    _coordinator(by)
    request = _locked(request)
    _in(request, {State.RECEIVED}, _("Only a request just received can be qualified."))
    at = at or timezone.now()
    extra = {"qualified_at": request.qualified_at or at}
    if urgency is not None and urgency != request.urgency:
        extra["urgency"] = urgency
    if areas is not None:
        areas = list(areas)
        _refuse_unless(bool(areas), _("Choose at least one expertise area."), "areas")
        request.areas.set(areas)
    if "urgency" in extra:
        request.urgency = urgency
        request.set_due_dates()
    return _transition(request, EventKind.QUALIFIED, by=by, at=at, note=note, action="qualify", extra=extra)


@transaction.atomic
def refuse(request, *, by, reason: str, at=None) -> ExpertiseRequest:
    _coordinator(by)
    _refuse_unless(bool((reason or "").strip()), _("Say why the request is refused."), "reason")
    request = _locked(request)
    _in(
        request,
        {State.RECEIVED, State.QUALIFIED},
        _("Only a request not yet sent to experts can be refused."),
    )
    at = at or timezone.now()
    extra = {"refusal_reason": reason.strip(), "qualified_at": request.qualified_at or at}
    return _transition(request, EventKind.REFUSED, by=by, at=at, note=reason, action="refuse", extra=extra)


@transaction.atomic
def redirect(request, *, by, to: str, at=None) -> ExpertiseRequest:
    _coordinator(by)
    _refuse_unless(bool((to or "").strip()), _("Say to whom the request is redirected."), "to")
    request = _locked(request)
    _in(
        request,
        {State.RECEIVED, State.QUALIFIED},
        _("Only a request not yet sent to experts can be redirected."),
    )
    at = at or timezone.now()
    extra = {"redirected_to": to.strip(), "qualified_at": request.qualified_at or at}
    return _transition(request, EventKind.REDIRECTED, by=by, at=at, note=to, action="redirect", extra=extra)


@transaction.atomic
def solicit(request, experts, *, by, reasons=None, at=None) -> list[Assignment]:
    """Solicit one or several experts (people of the network, active, not erased)."""
    _coordinator(by)
    experts = list(experts)
    _refuse_unless(bool(experts), _("Choose at least one expert to solicit."), "experts")
    request = _locked(request)
    _in(
        request,
        {State.QUALIFIED, State.SOLICITED, State.IN_PROGRESS},
        _("Experts are solicited on a qualified request that is not answered or closed."),
    )
    already = set(request.assignments.values_list("expert_id", flat=True))
    twice = [e.display_name for e in experts if e.pk in already]
    _refuse_unless(
        not twice,
        _("Already solicited on this request: %(names)s.") % {"names": ", ".join(twice)},
        "experts",
    )
    erased = [e for e in experts if e.erased_at]
    _refuse_unless(not erased, _("An erased person cannot be solicited."), "experts")
    active = set(Person.objects.active().filter(pk__in=[e.pk for e in experts]).values_list("pk", flat=True))
    gone = [e.display_name for e in experts if e.pk not in active]
    _refuse_unless(
        not gone,
        _("No longer active in the network, cannot be solicited: %(names)s.") % {"names": ", ".join(gone)},
        "experts",
    )
    at = at or timezone.now()
    created = []
    for expert in experts:
        assignment = Assignment.objects.create(
            request=request,
            expert=expert,
            solicited_at=at,
            solicited_by=by if getattr(by, "is_authenticated", False) else None,
            reasons=(reasons or {}).get(expert.pk, []),
        )
        audit.record(by, "create", assignment, parent=request)
        _transition(
            request,
            EventKind.SOLICITED,
            by=by,
            at=at,
            assignment=assignment,
            note=expert.display_name,
            action="solicit",
        )
        created.append(assignment)
    return created


def _expert_may(by, assignment) -> None:
    require(
        by,
        lambda: is_coordinator(by) or person_id(by) == assignment.expert_id,
        _("Only the expert solicited answers this solicitation."),
    )


def _locked_assignment(assignment) -> Assignment:
    return Assignment.objects.select_for_update().select_related("expert").get(pk=assignment.pk)


@transaction.atomic
def accept(assignment, *, by, at=None) -> Assignment:
    _expert_may(by, assignment)
    assignment = _locked_assignment(assignment)
    request = _locked(assignment.request)
    _refuse_unless(
        request.state not in {State.CLOSED, State.REFUSED, State.REDIRECTED},
        _("This request is closed: the solicitation can no longer be answered."),
    )
    _refuse_unless(
        assignment.status == AssignmentStatus.SOLICITED,
        _("This solicitation was already answered (%(status)s).")
        % {"status": assignment.get_status_display()},
    )
    at = at or timezone.now()
    assignment.status, assignment.responded_at = AssignmentStatus.ACCEPTED, at
    assignment.save()
    _transition(
        request,
        EventKind.ACCEPTED,
        by=by,
        at=at,
        assignment=assignment,
        note=assignment.expert.display_name,
        action="accept",
    )
    return assignment


@transaction.atomic
def decline(assignment, *, by, reason: str = "", at=None) -> Assignment:
    _expert_may(by, assignment)
    assignment = _locked_assignment(assignment)
    request = _locked(assignment.request)
    _refuse_unless(
        request.state != State.CLOSED,
        _("This request is closed: the solicitation can no longer be answered."),
    )
    _refuse_unless(
        assignment.status == AssignmentStatus.SOLICITED,
        _("This solicitation was already answered (%(status)s).")
        % {"status": assignment.get_status_display()},
    )
    at = at or timezone.now()
    assignment.status, assignment.responded_at, assignment.decline_reason = (
        AssignmentStatus.DECLINED,
        at,
        reason,
    )
    assignment.save()
    _transition(
        request,
        EventKind.DECLINED,
        by=by,
        at=at,
        assignment=assignment,
        note=reason or assignment.expert.display_name,
        action="decline",
    )
    return assignment


@transaction.atomic
def answer(assignment, *, by, text: str, files=(), at=None) -> Assignment:
    """The expert's answer (text and files): the request becomes "réponse apportée"."""
    _expert_may(by, assignment)
    files = list(files)
    errors: dict[str, Any] = {}
    if not (text or "").strip():
        errors["text"] = _("Write the answer.")
    for upload in files:
        try:
            check_attachment(upload)
        except ValidationError as error:
            errors.setdefault("files", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    assignment = _locked_assignment(assignment)
    request = _locked(assignment.request)
    _refuse_unless(
        request.state != State.CLOSED,
        _("This request is closed: it can no longer be answered. Ask a coordinator to reopen it."),
    )
    _refuse_unless(
        assignment.status != AssignmentStatus.DECLINED,
        _("You declined this solicitation: it can no longer be answered."),
    )
    _refuse_unless(
        request.state not in {State.REFUSED, State.REDIRECTED},
        _("This request was refused or redirected: it can no longer be answered."),
    )
    at = at or timezone.now()
    if assignment.status == AssignmentStatus.SOLICITED:  # answering is accepting
        assignment.status, assignment.responded_at = AssignmentStatus.ACCEPTED, at
        assignment.save()
        _transition(
            request,
            EventKind.ACCEPTED,
            by=by,
            at=at,
            assignment=assignment,
            note=assignment.expert.display_name,
            action="accept",
        )
    assignment.status, assignment.answer, assignment.answered_at = AssignmentStatus.ANSWERED, text.strip(), at
    assignment.save()
    _add_files(request, files, by=by, assignment=assignment)
    _transition(
        request,
        EventKind.ANSWERED,
        by=by,
        at=at,
        assignment=assignment,
        note=assignment.expert.display_name,
        action="answer",
        extra={"first_answer_at": request.first_answer_at or at},
    )
    return assignment


@transaction.atomic
def close(request, *, by, useful: bool | None, rating: int | None, comment: str = "", at=None):
    """Close with the requester's feedback; refused without an answer."""
    require(
        by,
        lambda: ExpertiseRequest.objects.closable_by(by).filter(pk=request.pk).exists(),
        _("Only the requester's organisation or a coordinator closes a request."),
    )
    errors: dict[str, Any] = {}
    if rating is not None and not 1 <= int(rating) <= 5:
        errors["rating"] = _("The rating goes from 1 to 5.")
    if errors:
        raise ValidationError(errors)
    request = _locked(request)
    _refuse_unless(request.state != State.CLOSED, _("This request is already closed."))
    _refuse_unless(
        request.state == State.ANSWERED,
        _("This request has no answer yet: it can be closed once an expert has answered."),
    )
    at = at or timezone.now()
    extra = {
        "closed_at": at,
        "feedback_useful": useful,
        "feedback_rating": rating,
        "feedback_comment": comment.strip(),
    }
    return _transition(request, EventKind.CLOSED, by=by, at=at, action="close", extra=extra)


@transaction.atomic
def reopen(request, *, by, note: str = "", at=None) -> ExpertiseRequest:
    _coordinator(by)
    request = _locked(request)
    _in(
        request,
        {State.CLOSED, State.REFUSED, State.REDIRECTED},
        _("Only a closed, refused or redirected request can be reopened."),
    )
    return _transition(
        request, EventKind.REOPENED, by=by, at=at, note=note, action="reopen", extra={"closed_at": None}
    )
