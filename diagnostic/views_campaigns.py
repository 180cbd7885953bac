"""Review campaigns: the list, opening one, its dashboard, reviewing a finding, settling its final
verdict, closing the campaign.

A campaign is fetched through `pli.access.get_for` and `ReviewCampaign.objects.visible_to`:
404 for whoever is neither a coordinator nor invited, 403 for what an invited user may see but not do
(open, settle, close). Reviews and final verdicts are written only by `diagnostic/services.py`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from diagnostic import campaigns, services
from diagnostic.choices import CampaignStatus
from diagnostic.forms_campaigns import CampaignCreation, PendingFilterForm, ReviewForm, SettleForm
from diagnostic.models import ReviewCampaign, Settlement
from diagnostic.permissions import lenses_for
from pli.access import can_create, can_edit, get_for, require_create
from pli.editing import errors_onto

PAGE_SIZE = 25


def _campaign(request, pk, edit=False) -> ReviewCampaign:
    queryset = ReviewCampaign.objects.select_related("diagnostic", "axis", "territory", "opened_by")
    return get_for(request.user, queryset, edit=edit, pk=pk)


def _my_lenses(user, campaign) -> list[tuple[str, str]]:
    """(lens, label) of the lenses through which the user may review the campaign's findings."""
    mine = set(lenses_for(user, campaign))
    return [(lens, label) for lens, label in campaign.lens_choices() if lens in mine]


# --- The list and opening a campaign ----------------------------------------------------------------


@login_required
@require_safe
def campaign_list(request):
    visible = ReviewCampaign.objects.visible_to(request.user).values("pk")
    rows = campaigns.with_progress(ReviewCampaign.objects.filter(pk__in=visible).select_related("diagnostic"))
    context = {"campaigns": rows, "can_create": can_create(request.user, ReviewCampaign)}
    return render(request, "diagnostic/campaign_list.html", context)


@login_required
def campaign_create(request):
    require_create(request.user, ReviewCampaign)
    creation = CampaignCreation(request.POST if request.method == "POST" else None)
    if request.method == "POST" and creation.is_valid():
        campaign = services.open_campaign(creation, by=request.user)
        messages.success(
            request,
            _("Campaign “%(title)s” opened over %(count)s findings.")
            % {"title": campaign.title, "count": campaign.findings.count()},
        )
        return redirect("diagnostic:campaign_detail", pk=campaign.pk)
    context = {"form": creation.form, "invitations": creation.invitations}
    status = 400 if request.method == "POST" else 200
    return render(request, "diagnostic/campaign_form.html", context, status=status)


# --- The dashboard ---------------------------------------------------------------------------------


@login_required
@require_safe
def campaign_detail(request, pk):
    campaign = _campaign(request, pk)
    form = PendingFilterForm(request.GET or None, campaign=campaign)
    page = Paginator(campaigns.pending(campaign, **form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    context = {"campaign": campaign, "form": form, "page": page, "query": params.urlencode()}
    if request.htmx:
        return render(request, "diagnostic/_campaign_pending.html", context)
    totals = campaigns.summary(campaign)
    can_manage = can_edit(request.user, campaign)
    context.update(
        totals=totals,
        lenses=campaigns.by_lens(campaign, totals["total"]),
        axes=campaigns.by_axis(campaign),
        territories=campaigns.by_territory(campaign),
        my_lenses=[label for _lens, label in _my_lenses(request.user, campaign)],
        can_manage=can_manage,
        invitations=campaign.invitations.select_related("user").order_by("lens", "user__full_name")
        if can_manage
        else None,
    )
    return render(request, "diagnostic/campaign_detail.html", context)


@login_required
@require_POST
def campaign_close(request, pk):
    campaign = _campaign(request, pk, edit=True)
    if services.close_campaign(campaign, by=request.user):
        messages.success(request, _("Campaign closed: it no longer accepts reviews."))
    else:
        messages.info(request, _("This campaign was already closed."))
    return redirect("diagnostic:campaign_detail", pk=campaign.pk)


# --- Reviewing a finding and settling its final verdict ---------------------------------------------


def _verdict(form) -> dict:
    """What a verdict form says, as the services take it."""
    data = form.cleaned_data
    return {
        "verdict": data["verdict"],
        "rationale": data["rationale"],
        "new_wording": data["new_wording"],
        "replacement": data["replacement"],
        "replacement_statement": data["replacement_statement"],
    }


def _record_review(request, campaign, finding, form) -> bool:
    if not form.is_valid():
        return False
    try:
        services.record_review(
            campaign=campaign,
            finding=finding,
            lens=form.cleaned_data["lens"],
            reviewer=request.user,
            **_verdict(form),
        )
    except ValidationError as error:
        errors_onto(form, error)
        return False
    return True


def _already_settled_message(settlement) -> str:
    when = formats.date_format(timezone.localtime(settlement.settled_at), "DATETIME_FORMAT")
    return _(
        "%(who)s already settled this finding on %(when)s (%(verdict)s). Nothing was changed; what you typed "
        "is kept below."
    ) % {
        "who": settlement.settled_by or "—",
        "when": when,
        "verdict": settlement.get_verdict_display(),
    }


def _settle(request, campaign, finding, form) -> int:
    """Settle through the service: 302 when done, 400 on errors, 409 when somebody settled first."""
    if campaign.status != CampaignStatus.OPEN:
        form.add_error(None, _("The campaign is closed."))
        return 400
    if not form.is_valid():
        return 400
    existing = campaigns.settlement_of(campaign, finding)
    if existing is not None:
        form.add_error(None, _already_settled_message(existing))
        return 409
    try:
        services.settle(campaign=campaign, finding=finding, by=request.user, **_verdict(form))
    except services.AlreadySettled as conflict:  # two coordinators at once: the first one stays
        form.add_error(None, _already_settled_message(conflict.settlement))
        return 409
    except ValidationError as error:
        errors_onto(form, error)
        return 400
    return 302


@login_required
def review_finding(request, pk, finding_pk):
    campaign = _campaign(request, pk)
    finding = get_object_or_404(
        campaign.findings.select_related("axis", "diagnostic", "replaced_by").prefetch_related(
            "territories", "publics", "sources", "evidence__territory"
        ),
        pk=finding_pk,
    )
    user = request.user
    action = request.POST.get("action", "review") if request.method == "POST" else None
    may_settle = can_create(user, Settlement)
    if action == "settle" and not may_settle:
        raise PermissionDenied
    my_lenses = _my_lenses(user, campaign)
    review_form = ReviewForm(
        request.POST if action == "review" else None, prefix="review", finding=finding, lenses=my_lenses
    )
    settle_form = (
        SettleForm(request.POST if action == "settle" else None, prefix="settle", finding=finding)
        if may_settle
        else None
    )
    status = 200
    here = reverse("diagnostic:review_finding", args=[campaign.pk, finding.pk])
    if action == "review":
        if _record_review(request, campaign, finding, review_form):
            messages.success(request, _("Review recorded."))
            return redirect(here + "#reviews-title")
        status = 400
    elif action == "settle":
        status = _settle(request, campaign, finding, settle_form)
        if status == 302:
            messages.success(request, _("Final verdict recorded and applied to the finding."))
            return redirect(here + "#settlement")
    elif action is not None:
        status = 400
    settlement = campaigns.settlement_of(campaign, finding)
    is_open = campaign.status == CampaignStatus.OPEN
    context = {
        "campaign": campaign,
        "finding": finding,
        "evidence": [services.check_evidence(e) for e in finding.evidence.all()],
        "reviews": campaigns.reviews_of(campaign, finding, user),
        "settlement": settlement,
        # A form the user just sent stays on the page with its errors, whatever happened meanwhile.
        "review_form": review_form if review_form.is_bound or (my_lenses and is_open) else None,
        "settle_form": settle_form
        if settle_form is not None and (settle_form.is_bound or (settlement is None and is_open))
        else None,
        "next_pk": campaigns.next_pending(campaign, finding),
    }
    return render(request, "diagnostic/review_finding.html", context, status=status)
