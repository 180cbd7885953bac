"""Concertation spaces, their members and meetings (agenda, attendance, minutes, decisions, documents)
and the calendar feeds.

Every object is fetched through network/permissions.py: 404 for what the user may not see, 403 for
what they may see but not change. Coordinators manage spaces and memberships; the facilitators of a
space manage its meetings; its members read them; nobody else sees them.
"""

import os
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from network import ical, services
from network.choices import AttendanceStatus, MemberRole
from network.forms_spaces import (
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    MeetingForm,
    MembershipForm,
    SpaceFilterForm,
    SpaceForm,
)
from network.models import ConcertationSpace, Decision, Meeting, MeetingDocument, Membership
from pli.access import can_create, can_edit, get_for, require_create
from pli.app_hooks import hook_results
from pli.editing import form_page, posted, submit

PAGE_SIZE = 25


def _allowed(queryset, obj) -> bool:
    return queryset.filter(pk=obj.pk).exists()


# --- Spaces ------------------------------------------------------------------------------------------


@login_required
def space_list(request):
    visible = ConcertationSpace.objects.visible_to(request.user).values("pk")
    spaces = (
        ConcertationSpace.objects.filter(pk__in=visible)
        .select_related("carried_by", "territory")
        .prefetch_related("axes")
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )
    form = SpaceFilterForm(request.GET or None)
    page = Paginator(form.filter(spaces), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": params.urlencode(),
        "can_create": can_create(request.user, ConcertationSpace),
    }
    template = "network/_space_table.html" if request.htmx else "network/space_list.html"
    return render(request, template, context)


def _feed_links(request, space=None) -> dict | None:
    person = getattr(request.user, "person", None)
    if person is None or person.erased_at:
        return None
    links = {
        "person": request.build_absolute_uri(reverse("network:person_calendar", args=[person.calendar_token]))
    }
    if space is not None:
        url = reverse("network:space_calendar", args=[space.pk])
        links["space"] = request.build_absolute_uri(f"{url}?jeton={person.calendar_token}")
    return links


ROLE_ORDER = Case(
    When(role=MemberRole.FACILITATOR, then=Value(0)),
    When(role=MemberRole.MEMBER, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _space_context(request, space, membership_form=None) -> dict:
    user = request.user
    context = {
        "space": space,
        "axes": list(space.axes.all()),
        "can_edit": can_edit(user, space),
        "reads_meetings": _allowed(ConcertationSpace.objects.with_meetings_visible_to(user), space),
    }
    if context["reads_meetings"]:
        now = timezone.now()
        meetings = list(Meeting.objects.visible_to(user).filter(space=space).order_by("starts_at"))
        context.update(
            memberships=space.memberships.select_related("person__organisation").order_by(
                ROLE_ORDER, "person__full_name"
            ),
            upcoming=[m for m in meetings if m.ends_at >= now],
            past=[m for m in reversed(meetings) if m.ends_at < now],
            can_manage=can_create(user, Meeting, space),
            feed=_feed_links(request, space),
        )
    if context["can_edit"]:
        context["membership_form"] = membership_form or MembershipForm(space=space, user=user)
    return context


@login_required
def space_detail(request, pk):
    space = get_for(request.user, ConcertationSpace.objects.select_related("carried_by", "territory"), pk=pk)
    return render(request, "network/space_detail.html", _space_context(request, space))


@login_required
def space_create(request):
    require_create(request.user, ConcertationSpace)
    return form_page(
        request,
        SpaceForm(posted(request)),
        save=lambda form: services.save_space(form, by=request.user),
        template="network/space_form.html",
        success_url=lambda space: space.get_absolute_url(),
        success_message=lambda space: _("Concertation space “%(name)s” created.") % {"name": space.name},
    )


@login_required
def space_edit(request, pk):
    space = get_for(request.user, ConcertationSpace.objects, edit=True, pk=pk)
    return form_page(
        request,
        SpaceForm(posted(request), instance=space),
        save=lambda form: services.save_space(form, by=request.user),
        template="network/space_form.html",
        success_url=space.get_absolute_url(),
        success_message=_("Changes saved."),
        context={"space": space},
    )


@login_required
@require_POST
def membership_add(request, pk):
    space = get_for(
        request.user, ConcertationSpace.objects.select_related("carried_by", "territory"), edit=True, pk=pk
    )
    form = MembershipForm(request.POST, space=space, user=request.user)
    membership, _status = submit(form, lambda form: services.add_member(form, by=request.user, space=space))
    if membership:
        messages.success(
            request, _("%(name)s is now a member of the space.") % {"name": membership.person.display_name}
        )
        return redirect(reverse("network:space_detail", args=[space.pk]) + "#members-title")
    context = _space_context(request, space, membership_form=form)
    return render(request, "network/space_detail.html", context, status=400)


@login_required
@require_POST
def membership_remove(request, pk, membership_pk):
    space = get_for(request.user, ConcertationSpace.objects, edit=True, pk=pk)
    membership = get_object_or_404(Membership.objects.select_related("person"), pk=membership_pk, space=space)
    services.remove_member(membership, by=request.user)
    messages.success(
        request, _("%(name)s is no longer a member of the space.") % {"name": membership.person.display_name}
    )
    return redirect(reverse("network:space_detail", args=[space.pk]) + "#members-title")


# --- Meetings ----------------------------------------------------------------------------------------


@login_required
def meeting_create(request, pk):
    space = get_for(request.user, ConcertationSpace.objects, pk=pk)
    require_create(request.user, Meeting, space)
    return form_page(
        request,
        MeetingForm(posted(request), instance=Meeting(space=space), with_minutes=False),
        save=lambda form: services.save_meeting(form, by=request.user, space=space),
        template="network/meeting_form.html",
        success_url=lambda meeting: meeting.get_absolute_url(),
        success_message=_("Meeting created."),
        context={"space": space},
    )


@login_required
def meeting_detail(request, pk):
    meeting = get_for(request.user, Meeting.objects.select_related("space"), pk=pk)
    attendances = list(
        meeting.attendances.select_related("person__organisation").order_by("is_guest", "person__full_name")
    )
    counts = Counter(a.status for a in attendances)
    context = {
        "meeting": meeting,
        "space": meeting.space,
        "attendances": attendances,
        "counts": [(status, label, counts[status]) for status, label in AttendanceStatus.choices],
        "guests": sum(a.is_guest for a in attendances),
        "decisions": meeting.decisions.select_related("follow_up_by"),
        "documents": meeting.documents.select_related("uploaded_by"),
        "can_edit": can_edit(request.user, meeting),
        # Sections other apps add (e.g. the findings raised in this meeting).
        "extra_sections": hook_results("panels", "meeting_sections", request, meeting),
    }
    return render(request, "network/meeting_detail.html", context)


@login_required
def meeting_edit(request, pk):
    meeting = get_for(request.user, Meeting.objects.select_related("space"), edit=True, pk=pk)
    return form_page(
        request,
        MeetingForm(posted(request), instance=meeting),
        save=lambda form: services.save_meeting(form, by=request.user),
        template="network/meeting_form.html",
        success_url=meeting.get_absolute_url(),
        success_message=_("Changes saved."),
        context={"space": meeting.space, "meeting": meeting},
    )


@login_required
def attendance_edit(request, pk):
    meeting = get_for(request.user, Meeting.objects.select_related("space"), edit=True, pk=pk)
    return form_page(
        request,
        AttendanceForm(posted(request), meeting=meeting, user=request.user),
        save=lambda form: services.record_attendance(form, by=request.user),
        template="network/meeting_attendance_form.html",
        success_url=meeting.get_absolute_url() + "#attendance-title",
        success_message=_("Attendance saved."),
        context={"meeting": meeting, "space": meeting.space},
    )


@login_required
def decision_create(request, pk):
    meeting = get_for(request.user, Meeting.objects.select_related("space"), edit=True, pk=pk)
    return _decision_form(request, meeting, Decision(meeting=meeting))


@login_required
def decision_edit(request, pk):
    decision = get_for(request.user, Decision.objects.select_related("meeting__space"), edit=True, pk=pk)
    return _decision_form(request, decision.meeting, decision)


def _decision_form(request, meeting, decision):
    return form_page(
        request,
        DecisionForm(posted(request), instance=decision, user=request.user),
        save=lambda form: services.save_decision(form, by=request.user, meeting=meeting),
        template="network/meeting_decision_form.html",
        success_url=meeting.get_absolute_url() + "#decisions-title",
        success_message=_("Decision saved."),
        context={"meeting": meeting, "space": meeting.space, "decision": decision},
    )


@login_required
def document_upload(request, pk):
    meeting = get_for(request.user, Meeting.objects.select_related("space"), edit=True, pk=pk)
    document = MeetingDocument(meeting=meeting, uploaded_by=request.user)
    return form_page(
        request,
        DocumentForm(posted(request), posted(request, files=True), instance=document),
        save=lambda form: services.add_document(form, by=request.user, meeting=meeting),
        template="network/meeting_document_form.html",
        success_url=meeting.get_absolute_url() + "#documents-title",
        success_message=_("Document added."),
        context={"meeting": meeting, "space": meeting.space},
    )


@login_required
@require_safe
def document_download(request, pk):
    """Documents are never served from a public media URL: only through this view and its rule."""
    document = get_for(request.user, MeetingDocument.objects, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=os.path.basename(document.file.name))
    response["Cache-Control"] = "private, no-store"
    return response


# --- Calendar feeds (authenticated by the person's calendar token, not by a session) ----------------


def _meeting_url(request):
    return lambda meeting: request.build_absolute_uri(reverse("network:meeting_detail", args=[meeting.pk]))


@require_safe
def space_calendar(request, pk):
    person = ical.person_for_token(request.GET.get("jeton", ""))
    if person is None:
        raise Http404
    space = get_object_or_404(ical.spaces_for_feed(person), pk=pk)
    meetings = ical.feed_meetings(Meeting.objects.filter(space=space))
    text = ical.calendar(meetings, name=space.name, page_url=_meeting_url(request))
    return ical.response(text, f"espace-{space.pk}.ics")


@require_safe
def person_calendar(request, token):
    person = ical.person_for_token(token)
    if person is None:
        raise Http404
    text = ical.calendar(ical.person_meetings(person), name=_("My meetings"), page_url=_meeting_url(request))
    return ical.response(text, "reunions.ics")
