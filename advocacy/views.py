"""Pages of watch and advocacy. A published interpellation is public (its page needs no login and shows
its public chain); everything else follows advocacy/permissions.py (404 for what the user may not see,
403 for what they may not change)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from advocacy import chain, queries, services, states
from advocacy.choices import Phase, State
from advocacy.forms import (
    AlertActionForm,
    AlertExpertiseForm,
    AlertForm,
    AlertSourceForm,
    AnswerForm,
    FollowUpForm,
    InterpellationForm,
    LinkForm,
    QualifyForm,
    SendForm,
)
from advocacy.models import Alert, AlertSource, ChainLink, FollowUp, Interpellation
from advocacy.permissions import is_carrier
from pli.access import can_create, can_edit, get_for, is_coordinator, partner_organisation_id, require_create
from pli.editing import form_page, posted, submit
from vocabulary.models import PowerLevel


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- interpellations -------------------------------------------------------------------------------


def index(request):
    """The interpellations the user may see (the published ones for the public), with their state and
    days waiting."""
    filters = {"niveau": request.GET.get("niveau", ""), "etat": request.GET.get("etat", "")}
    context = {
        "interpellations": queries.interpellation_list(request.user, filters),
        "levels": PowerLevel.objects.filter(is_active=True),
        "states": State.choices,
        "filters": filters,
        "can_write": can_create(request.user, Interpellation),
        "can_watch": request.user.is_authenticated and can_create(request.user, Alert),
    }
    return render(request, "advocacy/index.html", context)


def authority_statistics(request):
    context = {"rows": queries.authority_statistics(request.user)}
    return render(request, "advocacy/authority_statistics.html", context)


def _interpellation(request, pk, *, edit=False) -> Interpellation:
    queryset = Interpellation.objects.select_related(
        "authority__level", "organisation", "level", "created_by"
    )
    return get_for(request.user, queryset, edit=edit, pk=pk)


def _public_view(request, interpellation) -> bool:
    """Whether the reader gets the public version: neither a coordinator nor a carrier."""
    return not (is_coordinator(request.user) or is_carrier(request.user, interpellation))


def interpellation_detail(request, pk):
    interpellation = _interpellation(request, pk)
    public = _public_view(request, interpellation)
    evidence = chain.build(interpellation, request.user, public=public)
    can_write = can_edit(request.user, interpellation)
    carriers = list(interpellation.carriers.select_related("organisation", "validated_by"))
    organisation_id = partner_organisation_id(request.user)
    own = next((c for c in carriers if organisation_id and c.organisation_id == organisation_id), None)
    lead = next((c for c in carriers if c.is_lead), None)
    validating = interpellation.phase == Phase.VALIDATION
    context = {
        "interpellation": interpellation,
        "status": states.status_of(interpellation),
        "chain": evidence,
        "public": public,
        "carriers": carriers,
        "answers": interpellation.answers.all(),
        "follow_ups": interpellation.follow_ups.all() if not public else [],
        "can_write": can_write,
        "editable": can_write and interpellation.phase in services.EDITABLE_PHASES,
        "can_validate": validating
        and ((own and not own.validated_at) or (can_write and lead and not lead.validated_at)),
        "consent_carrier": _consent_carrier(interpellation, own, lead if can_write else None),
        "problems": services.sending_problems(interpellation) if can_write else {},
        "link_form": LinkForm(user=request.user) if can_write else None,
    }
    return render(request, "advocacy/interpellation_detail.html", context)


def _consent_carrier(interpellation, own, lead):
    """The carrier the reader answers for about the publication (their organisation, or the centre for
    a coordinator), once the publication was proposed and until it is done."""
    if interpellation.is_published or interpellation.phase not in services.PUBLISHABLE_PHASES:
        return None
    carrier = own or lead
    return carrier if carrier is not None and carrier.publication_asked_at else None


def interpellation_chain(request, pk):
    """The printable chain of evidence (attached to the political letter)."""
    interpellation = _interpellation(request, pk)
    public = _public_view(request, interpellation) or request.GET.get("version") == "publique"
    context = {
        "interpellation": interpellation,
        "status": states.status_of(interpellation),
        "chain": chain.build(interpellation, request.user, public=public),
        "public": public,
    }
    return render(request, "advocacy/interpellation_chain.html", context)


@login_required
def interpellation_create(request):
    require_create(request.user, Interpellation)
    form = InterpellationForm(posted(request))
    return form_page(
        request,
        form,
        save=lambda form: services.save_interpellation(
            form, by=request.user, co_signers=form.cleaned_data["co_signers"]
        ),
        template="advocacy/interpellation_form.html",
        success_url=lambda obj: obj.get_absolute_url(),
        success_message=_("Interpellation created: cite its evidence."),
    )


@login_required
def interpellation_edit(request, pk):
    interpellation = _interpellation(request, pk, edit=True)
    form = InterpellationForm(posted(request), instance=interpellation)
    return form_page(
        request,
        form,
        save=lambda form: services.save_interpellation(
            form, by=request.user, co_signers=form.cleaned_data["co_signers"]
        ),
        template="advocacy/interpellation_form.html",
        success_url=interpellation.get_absolute_url(),
        success_message=_("Interpellation saved."),
        context={"interpellation": interpellation},
    )


@login_required
@require_POST
def link_add(request, pk):
    interpellation = _interpellation(request, pk, edit=True)
    form = LinkForm(request.POST, user=request.user)

    def save(form):
        data = form.cleaned_data
        return services.add_link(
            interpellation,
            kind=data["kind"],
            by=request.user,
            finding=data["finding"],
            recommendation=data["recommendation"],
            meeting=data["meeting"],
            alert=data["alert"],
            expertise_answer=data["expertise_answer"],
            quotation=data["quotation"],
            note=data["note"],
            cited_on=data["cited_on"],
        )

    link, status = submit(form, save)
    if link is not None:
        messages.success(request, _("Link added to the chain of evidence."))
        return redirect(interpellation.get_absolute_url() + "#chain-title")
    context = {"interpellation": interpellation, "form": form}
    return render(request, "advocacy/link_form.html", context, status=status)


@login_required
@require_POST
def link_delete(request, pk):
    link = get_for(request.user, ChainLink.objects.select_related("interpellation"), edit=True, pk=pk)
    try:
        services.remove_link(link, by=request.user)
        messages.success(request, _("Link removed from the chain."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(link.interpellation.get_absolute_url() + "#chain-title")


def _step(request, pk, action, success: str, *, edit=True):
    interpellation = _interpellation(request, pk, edit=edit)
    try:
        action(interpellation)
        messages.success(request, success)
    except ValidationError as error:
        _refused(request, error)
    return redirect(interpellation.get_absolute_url())


@login_required
@require_POST
def ask_validation(request, pk):
    return _step(
        request,
        pk,
        lambda i: services.ask_validation(i, by=request.user),
        _("The carriers are asked to validate the text."),
    )


@login_required
@require_POST
def validate(request, pk):
    interpellation = _interpellation(request, pk)
    if not (can_edit(request.user, interpellation) or is_carrier(request.user, interpellation)):
        raise PermissionDenied
    try:
        carrier = services.validate(interpellation, by=request.user)
        messages.success(request, _("Validated on behalf of %(carrier)s.") % {"carrier": carrier})
    except ValidationError as error:
        _refused(request, error)
    return redirect(interpellation.get_absolute_url())


@login_required
def send(request, pk):
    interpellation = _interpellation(request, pk, edit=True)
    form = SendForm(posted(request), initial={"sent_on": states.today()})
    sent, status = (None, 200)
    if request.method == "POST":
        sent, status = submit(
            form,
            lambda form: services.send(interpellation, by=request.user, **form.cleaned_data),
        )
        if sent is not None:
            messages.success(request, _("Sending recorded: the answer is now awaited."))
            return redirect(interpellation.get_absolute_url())
    context = {
        "interpellation": interpellation,
        "form": form,
        "problems": services.sending_problems(interpellation),
        "chain": chain.build(interpellation, request.user),
    }
    return render(request, "advocacy/send_form.html", context, status=status)


@login_required
def answer_add(request, pk):
    interpellation = _interpellation(request, pk, edit=True)
    return form_page(
        request,
        AnswerForm(posted(request), posted(request, files=True)),
        save=lambda form: services.record_answer(form, by=request.user, interpellation=interpellation),
        template="advocacy/answer_form.html",
        success_url=interpellation.get_absolute_url() + "#answers-title",
        success_message=_("Answer recorded."),
        context={"interpellation": interpellation},
    )


@login_required
@require_POST
def follow_up_add(request, pk):
    interpellation = _interpellation(request, pk, edit=True)
    form = FollowUpForm(request.POST)
    follow_up, status = submit(
        form, lambda form: services.add_follow_up(form, by=request.user, interpellation=interpellation)
    )
    if follow_up is None:
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''} : {' '.join(errors)}"
            )
    else:
        messages.success(request, _("Follow-up action recorded."))
    return redirect(interpellation.get_absolute_url() + "#follow-ups-title")


@login_required
@require_POST
def follow_up_done(request, pk):
    follow_up = get_for(request.user, FollowUp.objects.select_related("interpellation"), edit=True, pk=pk)
    services.mark_follow_up_done(follow_up, by=request.user)
    messages.success(request, _("Follow-up action done."))
    return redirect(follow_up.interpellation.get_absolute_url() + "#follow-ups-title")


@login_required
@require_POST
def interpellation_close(request, pk):
    phase = request.POST.get("phase", "")
    return _step(
        request, pk, lambda i: services.close(i, by=request.user, phase=phase), _("Interpellation closed.")
    )


@login_required
@require_POST
def publication_ask(request, pk):
    """Propose the publication to every carrier (through the outbox)."""
    return _step(
        request,
        pk,
        lambda i: services.ask_publication(i, by=request.user),
        _("The carriers are asked whether they agree to publish it."),
    )


@login_required
@require_POST
def publication_consent(request, pk):
    """A carrier agrees or declines to publish: a partner for their organisation, a coordinator for the
    centre."""
    interpellation = _interpellation(request, pk)
    if not (can_edit(request.user, interpellation) or is_carrier(request.user, interpellation)):
        raise PermissionDenied
    agree = request.POST.get("answer") == "agree"
    try:
        carrier = services.consent_to_publish(interpellation, by=request.user, agree=agree)
        done = _("%(carrier)s agrees to publish it.") if agree else _("%(carrier)s declines to publish it.")
        messages.success(request, done % {"carrier": carrier})
    except ValidationError as error:
        _refused(request, error)
    return redirect(interpellation.get_absolute_url() + "#carriers-title")


@login_required
def publish(request, pk):
    """Before publishing, the author reads what the public version leaves out; then confirms."""
    interpellation = _interpellation(request, pk, edit=True)
    if request.method == "POST":
        return _step(
            request,
            pk,
            lambda i: services.publish(i, by=request.user),
            _("Interpellation published: anybody may read it."),
        )
    context = {
        "interpellation": interpellation,
        "public_chain": chain.build(interpellation, request.user, public=True),
        "consent_problems": services.publication_problems(interpellation),
    }
    return render(request, "advocacy/publish_confirm.html", context)


# --- alerts ----------------------------------------------------------------------------------------


@login_required
def alert_list(request):
    """The watch board."""
    if not can_create(request.user, Alert):
        raise PermissionDenied
    context = {"board": queries.watch_board(request.user), "can_write": is_coordinator(request.user)}
    return render(request, "advocacy/alert_list.html", context)


@login_required
def alert_create(request):
    require_create(request.user, Alert)
    return form_page(
        request,
        AlertForm(posted(request)),
        save=lambda form: services.raise_alert(form, by=request.user),
        template="advocacy/alert_form.html",
        success_url=lambda alert: alert.get_absolute_url(),
        success_message=_("Alert raised."),
    )


def _alert(request, pk, *, edit=False) -> Alert:
    return get_for(
        request.user, Alert.objects.select_related("axis", "organisation", "raised_by"), edit=edit, pk=pk
    )


@login_required
def alert_detail(request, pk):
    alert = _alert(request, pk)
    can_write = can_edit(request.user, alert)
    actions = queries.alert_actions(alert, request.user)
    context = {
        "alert": alert,
        "sources": alert.sources.select_related("meeting", "finding"),
        "actions": actions,
        "first_reaction_days": (actions[0].acted_on - alert.emerged_on).days if actions else None,
        "age": (states.today() - alert.emerged_on).days,
        "citing": queries.with_state(chain.citing(alert, request.user)),
        "can_write": can_write,
        "qualify_form": QualifyForm(initial={"severity": alert.severity}) if can_write else None,
        "action_form": AlertActionForm(user=request.user, alert=alert, initial={"acted_on": states.today()})
        if can_write
        else None,
        "source_form": AlertSourceForm(user=request.user)
        if can_create(request.user, AlertSource, alert)
        else None,
        "expertise_form": AlertExpertiseForm(prefix="expertise") if can_write else None,
    }
    return render(request, "advocacy/alert_detail.html", context)


@login_required
def alert_edit(request, pk):
    alert = _alert(request, pk, edit=True)
    return form_page(
        request,
        AlertForm(posted(request), instance=alert),
        save=lambda form: services.raise_alert(form, by=request.user),
        template="advocacy/alert_form.html",
        success_url=alert.get_absolute_url(),
        success_message=_("Alert saved."),
        context={"alert": alert},
    )


@login_required
@require_POST
def alert_qualify(request, pk):
    alert = _alert(request, pk, edit=True)
    form = QualifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the severity."))
        return redirect(alert.get_absolute_url())
    try:
        services.qualify_alert(alert, by=request.user, severity=form.cleaned_data["severity"])
        messages.success(request, _("Alert qualified."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(alert.get_absolute_url())


@login_required
@require_POST
def alert_close(request, pk):
    alert = _alert(request, pk, edit=True)
    services.close_alert(alert, by=request.user)
    messages.success(request, _("Alert closed."))
    return redirect(alert.get_absolute_url())


@login_required
@require_POST
def alert_source_add(request, pk):
    alert = _alert(request, pk)
    require_create(request.user, AlertSource, alert)
    form = AlertSourceForm(request.POST, user=request.user)
    source, status = submit(form, lambda form: services.add_alert_source(form, by=request.user, alert=alert))
    if source is not None:
        messages.success(request, _("Source added."))
        return redirect(alert.get_absolute_url() + "#sources-title")
    return render(request, "advocacy/alert_source_form.html", {"alert": alert, "form": form}, status=status)


@login_required
@require_POST
def alert_action_add(request, pk):
    """Record a reaction; "open an expertise request" and "prepare an interpellation" also open it."""
    alert = _alert(request, pk, edit=True)
    form = AlertActionForm(request.POST, user=request.user, alert=alert)

    def save(form):
        return services.record_action(alert, by=request.user, **form.cleaned_data)

    action, status = submit(form, save)
    if action is not None:
        messages.success(request, _("Reaction recorded."))
        return redirect(alert.get_absolute_url() + "#actions-title")
    return render(request, "advocacy/alert_action_form.html", {"alert": alert, "form": form}, status=status)


@login_required
@require_POST
def alert_expertise(request, pk):
    """Open an expertise request from the alert; it is recorded as the alert's reaction."""
    alert = _alert(request, pk, edit=True)
    form = AlertExpertiseForm(request.POST, prefix="expertise")
    expertise_request, status = submit(
        form, lambda form: services.open_expertise_request(alert, by=request.user, **form.cleaned_data)
    )
    if expertise_request is not None:
        messages.success(request, _("Expertise request opened from the alert."))
        return redirect(alert.get_absolute_url() + "#actions-title")
    context = {"alert": alert, "form": form}
    return render(request, "advocacy/alert_expertise_form.html", context, status=status)
