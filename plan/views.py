"""Pages of the plan. A published plan is public: its pages need no login; everything else follows
plan/permissions.py (404 for what the user may not see, 403 for what they may not change)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from network.models import Meeting
from plan import cache as plan_cache
from plan import progress_sheet, queries, services
from plan.forms import (
    CompareForm,
    MeansForm,
    NewVersionForm,
    PlanForm,
    PriorityForm,
    ProgressSheetForm,
    ProgressUpdateForm,
    RecommendationForm,
    ResourceForm,
)
from plan.models import Means, Plan, Priority, ProgressUpdate, Recommendation, Resource
from plan.permissions import partner_organisation, sees_whole_plan
from pli import page_cache, versions
from pli.access import can_create, can_edit, can_view, get_for, require_create
from pli.app_hooks import hook_results
from pli.editing import errors_onto, form_page, posted, submit
from pli.files import ImportRefused
from territory.queries import data_version


def index(request):
    plans = Plan.objects.visible_to(request.user).with_progress().select_related("territory")
    can_write = can_create(request.user, Plan)
    return render(request, "plan/index.html", {"plans": plans, "can_write": can_write})


def _plan_parts(plan: Plan, user) -> dict:
    """What the plan page shows alike to everybody who sees the whole plan, rendered without the user's
    links (those are added around it): cached per content token and language (plan/cache.py)."""
    population = queries.population_in_proportion([plan.territory])
    title = _("Key figures of the territory")
    tree = queries.plan_tree(plan, user)
    _with_tree_lines(tree)
    return {
        "tree": [
            {
                "pk": block.axis.pk,
                "code": block.axis.code,
                "label": str(block.axis.label),
                "html": mark_safe(render_to_string("plan/_tree_axis.html", {"block": block})),
            }
            for block in tree
        ],
        "population": mark_safe(
            render_to_string("plan/_population.html", {"population": population, "population_title": title})
        ),
        "totals": queries.dashboard(plan)["totals"] if sees_whole_plan(user, plan) else None,
    }


def _with_tree_lines(tree) -> None:
    """Each recommendation's line of the tree (`tree_line`), rendered once per its content token: a
    progress post renders one line again, not the plan's 64."""
    shown = {r.pk: (p, r) for block in tree for p in block.priorities for r in p.visible_recommendations}

    def render_lines(ids: list[int]) -> dict[int, str]:
        return {
            pk: render_to_string(
                "plan/_tree_recommendation.html", {"priority": shown[pk][0], "recommendation": shown[pk][1]}
            )
            for pk in ids
        }

    rows = [(pk, r.content_token) for pk, (_p, r) in shown.items()]
    lines = plan_cache.per_recommendation("tree-line", rows, render_lines)
    for pk, (_p, r) in shown.items():
        r.tree_line = mark_safe(lines[pk])


# What the plan page shows besides the plan's own data (covered by its content token): its diagnostic,
# its plenary assembly, the territory's figures, the users' roles (pli/versions.py).
PLAN_PAGE_AREAS = ("diagnostic", "network", "vocabulary", "territory")


def plan_detail(request, pk):
    def page(extra: dict):
        plan = get_for(request.user, Plan.objects.select_related("territory", "diagnostic"), pk=pk)
        return _plan_page(request, plan, extra)

    if request.user.is_authenticated:
        plan = get_for(request.user, Plan.objects.select_related("territory", "diagnostic"), pk=pk)
        if not sees_whole_plan(request.user, plan):  # a partner's page shows what they carry: theirs
            return _plan_page(request, plan, {})
        key = ("plan", pk, plan.content_token, data_version())
        return page_cache.user_page(
            request, PLAN_PAGE_AREAS, lambda extra: _plan_page(request, plan, extra), key_parts=key
        )
    if not page_cache.cacheable(request):
        return page({})
    # The whole page for visitors not logged in, by the token of a published plan (it covers what the
    # page shows, the versions it links to included); a plan they may not read is answered as always.
    token = plan_cache.public_token(pk)
    if token is None:
        return page({})
    return page_cache.anonymous_page(request, ("plan", pk, token, data_version()), page)


def _plan_page(request, plan: Plan, extra: dict):
    can_write = can_edit(request.user, plan)
    parts = plan_cache.part(plan, request.user, "page", lambda: _plan_parts(plan, request.user))
    context = {
        "plan": plan,
        **parts,
        "can_write": can_write,
        "next_versions": plan.next_versions.visible_to(request.user),
        "previous": Plan.objects.visible_to(request.user).filter(pk=plan.previous_id).first(),
        "diagnostic_visible": bool(plan.diagnostic and can_view(request.user, plan.diagnostic)),
        # Sections other apps add (e.g. the documents' downloads), see pli/app_hooks.py.
        "extra_sections": hook_results("panels", "plan_sections", request, plan),
        # The plenary assembly that adopted or closed it, for those who may read the meeting.
        "plenary": Meeting.objects.visible_to(request.user).filter(pk=plan.plenary_id).first()
        if plan.plenary_id
        else None,
        **extra,
    }
    return render(request, "plan/plan_detail.html", context)


@login_required
def plan_create(request):
    require_create(request.user, Plan)
    return form_page(
        request,
        PlanForm(posted(request)),
        save=lambda form: services.save_plan(form, by=request.user),
        template="plan/plan_form.html",
        success_url=lambda plan: plan.get_absolute_url(),
        success_message=_("Plan created."),
    )


@login_required
def plan_edit(request, pk):
    plan = get_for(request.user, Plan.objects, edit=True, pk=pk)
    return form_page(
        request,
        PlanForm(posted(request), instance=plan),
        save=lambda form: services.save_plan(form, by=request.user),
        template="plan/plan_form.html",
        success_url=plan.get_absolute_url(),
        success_message=_("Plan saved."),
        context={"plan": plan},
    )


@login_required
@require_POST
def plan_publish(request, pk):
    plan = get_for(request.user, Plan.objects, edit=True, pk=pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.set_published(plan, publish, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The plan is published: anybody can read it.")
            if publish
            else _("The plan is no longer published."),
        )
    return redirect("plan:plan_detail", pk=plan.pk)


@login_required
def plan_new_version(request, pk):
    previous = get_for(request.user, Plan.objects, edit=True, pk=pk)
    form = NewVersionForm(
        posted(request),
        initial={
            "title": previous.title,
            "start_year": previous.end_year + 1,
            "end_year": previous.end_year + 1 + (previous.end_year - previous.start_year),
        },
    )
    return form_page(
        request,
        form,
        save=lambda form: services.new_version(previous, by=request.user, **form.cleaned_data),
        template="plan/new_version_form.html",
        success_url=lambda plan: plan.get_absolute_url(),
        success_message=_("New version created from %(plan)s.") % {"plan": previous},
        context={"plan": previous},
    )


def plan_compare(request, pk):
    plan = _whole_plan(request, pk)
    others = Plan.objects.visible_to(request.user).exclude(pk=plan.pk).select_related("territory")
    others = others if can_create(request.user, Plan) else others.published()
    initial = {"avec": plan.previous_id} if plan.previous_id and "avec" not in request.GET else None
    form = CompareForm(request.GET if "avec" in request.GET else None, plans=others, initial=initial)
    comparison, other, status = None, None, 200
    if form.is_bound and form.is_valid():
        other = form.cleaned_data["avec"]
        try:
            comparison = queries.compare(other, plan)
        except ValidationError as error:
            form.add_error("avec", error)
            status = 400
    elif form.is_bound:
        status = 400
    context = {"plan": plan, "other": other, "form": form, "comparison": comparison}
    return render(request, "plan/plan_compare.html", context, status=status)


def _whole_plan(request, pk) -> Plan:
    plan = get_for(request.user, Plan.objects.select_related("territory"), pk=pk)
    if not sees_whole_plan(request.user, plan):
        raise PermissionDenied(_("The figures of the whole plan are shown once it is published."))
    return plan


@login_required
def plan_dashboard(request, pk):
    plan = _whole_plan(request, pk)
    context = {
        "plan": plan,
        "figures": queries.dashboard(plan),
        "coverage": queries.coverage(plan, request.user),
    }
    return render(request, "plan/plan_dashboard.html", context)


@login_required
def plan_map_data(request, pk):
    """GeoJSON of the communes around the plan's territory: need (non-Belgian residents, share) and coverage."""
    plan = _whole_plan(request, pk)
    return JsonResponse(queries.coverage_map(plan, request.user))


# --- Priorities ------------------------------------------------------------------------------------


def priority_detail(request, pk):
    priority = get_for(request.user, Priority.objects.select_related("plan", "axis"), pk=pk)
    context = {
        "priority": priority,
        "plan": priority.plan,
        "findings": queries.findings_visible(request.user, priority.findings.all()),
        "recommendations": queries.recommendations_for_page(request.user).filter(priority=priority),
        "can_write": can_edit(request.user, priority),
    }
    return render(request, "plan/priority_detail.html", context)


@login_required
def priority_create(request, plan_pk):
    plan = get_for(request.user, Plan.objects, edit=True, pk=plan_pk)
    axis = request.GET.get("axe", "")
    initial = {"axis": axis if axis.isdigit() else None}
    return form_page(
        request,
        PriorityForm(posted(request), plan=plan, user=request.user, initial=initial),
        save=lambda form: services.save_priority(form, by=request.user),
        template="plan/priority_form.html",
        success_url=lambda priority: priority.get_absolute_url(),
        success_message=_("Priority added."),
        context={"plan": plan},
    )


@login_required
def priority_edit(request, pk):
    priority = get_for(request.user, Priority.objects.select_related("plan"), edit=True, pk=pk)
    return form_page(
        request,
        PriorityForm(posted(request), plan=priority.plan, user=request.user, instance=priority),
        save=lambda form: services.save_priority(form, by=request.user),
        template="plan/priority_form.html",
        success_url=priority.get_absolute_url(),
        success_message=_("Priority saved."),
        context={"plan": priority.plan, "priority": priority},
    )


# --- Recommendations -------------------------------------------------------------------------------


def _recommendation_page(request, recommendation, *, status=200, extra=None, **forms):
    user = request.user
    can_write = can_edit(user, recommendation)
    can_post = can_create(user, ProgressUpdate, recommendation)
    territories = list(recommendation.territories.all()) or [recommendation.priority.plan.territory]
    context = {
        "recommendation": recommendation,
        "plan": recommendation.priority.plan,
        "findings": queries.findings_visible(user, recommendation.findings.all()),
        "population": queries.population_in_proportion(territories, list(recommendation.publics.all())),
        "offers": queries.offers_in(territories, user) if user.is_authenticated else [],
        "means": recommendation.means.all(),
        "means_totals": queries.means_totals(recommendation),
        "resources": recommendation.resources.select_related("organisation"),
        "updates": recommendation.updates.select_related("organisation"),
        "can_write": can_write,
        "can_post": can_post,
        "means_form": forms.get("means_form") or (MeansForm(prefix="means") if can_write else None),
        "resource_form": forms.get("resource_form")
        or (ResourceForm(recommendation=recommendation, prefix="resource") if can_write else None),
        "progress_form": forms.get("progress_form")
        or (ProgressUpdateForm(recommendation=recommendation, prefix="progress") if can_post else None),
        "extra_sections": hook_results("panels", "recommendation_sections", request, recommendation),
        **(extra or {}),
    }
    return render(request, "plan/recommendation_detail.html", context, status=status)


def _recommendations():
    return Recommendation.objects.select_related("priority__plan__territory", "priority__axis")


# What a recommendation's page shows besides its plan's data (covered by the recommendation's and the
# plan's content tokens): the findings, the organisations, the publics, the figures, the panels of
# the apps that cite it (pli/versions.py).
RECOMMENDATION_PAGE_AREAS = ("diagnostic", "network", "vocabulary", "territory", "expertise", "advocacy")


def recommendation_detail(request, pk):
    def page(extra: dict):
        recommendation = get_for(request.user, _recommendations(), pk=pk)
        return _recommendation_page(request, recommendation, extra=extra)

    if not page_cache.cacheable(request):
        return page({})
    # The whole page for visitors not logged in, when its plan is published.
    found = Recommendation.objects.filter(pk=pk).values_list("content_token", "priority__plan_id").first()
    plan_token = plan_cache.public_token(found[1]) if found else None
    if plan_token is None:
        return page({})
    key = (
        "recommendation",
        pk,
        found[0],
        plan_token,
        data_version(),
        versions.tokens(RECOMMENDATION_PAGE_AREAS),
    )
    return page_cache.anonymous_page(request, key, page)


@login_required
def recommendation_create(request, plan_pk):
    plan = get_for(request.user, Plan.objects, edit=True, pk=plan_pk)
    chosen = request.GET.get("priorite", "")
    priority = plan.priorities.filter(pk=chosen).first() if chosen.isdigit() else None
    return form_page(
        request,
        RecommendationForm(posted(request), plan=plan, user=request.user, priority=priority),
        save=lambda form: services.save_recommendation(form, by=request.user),
        template="plan/recommendation_form.html",
        success_url=lambda recommendation: recommendation.get_absolute_url(),
        success_message=_("Recommendation added: now give it its means and resources."),
        context={"plan": plan},
    )


@login_required
def recommendation_edit(request, pk):
    recommendation = get_for(request.user, _recommendations(), edit=True, pk=pk)
    plan = recommendation.priority.plan
    return form_page(
        request,
        RecommendationForm(posted(request), plan=plan, user=request.user, instance=recommendation),
        save=lambda form: services.save_recommendation(form, by=request.user),
        template="plan/recommendation_form.html",
        success_url=recommendation.get_absolute_url(),
        success_message=_("Recommendation saved."),
        context={"plan": plan, "recommendation": recommendation},
    )


@login_required
@require_POST
def means_add(request, pk):
    recommendation = get_for(request.user, _recommendations(), edit=True, pk=pk)
    form = MeansForm(request.POST, instance=Means(recommendation=recommendation), prefix="means")
    means, _status = submit(
        form, lambda form: services.add_means(form, by=request.user, recommendation=recommendation)
    )
    if means is None:
        return _recommendation_page(request, recommendation, status=400, means_form=form)
    messages.success(request, _("Means added."))
    return redirect(means.get_absolute_url())


@login_required
@require_POST
def means_delete(request, pk):
    means = get_for(request.user, Means.objects.select_related("recommendation"), edit=True, pk=pk)
    services.remove_means(means, by=request.user)
    messages.success(request, _("Means removed."))
    return redirect(f"{means.recommendation.get_absolute_url()}#means-title")


@login_required
@require_POST
def resource_add(request, pk):
    recommendation = get_for(request.user, _recommendations(), edit=True, pk=pk)
    form = ResourceForm(
        request.POST,
        recommendation=recommendation,
        instance=Resource(recommendation=recommendation),
        prefix="resource",
    )
    resource, _status = submit(
        form, lambda form: services.add_resource(form, by=request.user, recommendation=recommendation)
    )
    if resource is None:
        return _recommendation_page(request, recommendation, status=400, resource_form=form)
    messages.success(request, _("Resource added."))
    return redirect(resource.get_absolute_url())


@login_required
@require_POST
def resource_delete(request, pk):
    resource = get_for(request.user, Resource.objects.select_related("recommendation"), edit=True, pk=pk)
    services.remove_resource(resource, by=request.user)
    messages.success(request, _("Resource removed."))
    return redirect(f"{resource.recommendation.get_absolute_url()}#resources-title")


@login_required
@require_POST
def progress_add(request, pk):
    # The recommendation's row alone: what the post needs. A refused post shows the page, read whole.
    recommendation = get_for(request.user, Recommendation.objects, pk=pk)
    form = ProgressUpdateForm(request.POST, recommendation=recommendation, prefix="progress")
    if not form.is_valid():
        # Refused before its errors are shown; a valid post is checked by the service (once).
        require_create(request.user, ProgressUpdate, recommendation)
    else:
        try:  # the form's fields are the service's arguments
            services.post_progress(
                recommendation,
                organisation=partner_organisation(request.user),
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Progress update posted."))
            return redirect(f"{recommendation.get_absolute_url()}#progress-title")
    recommendation = get_for(request.user, _recommendations(), pk=pk)
    return _recommendation_page(request, recommendation, status=400, progress_form=form)


def recommendation_url(recommendation) -> str:
    from django.urls import reverse

    return reverse("plan:recommendation_detail", args=[recommendation.pk])


@login_required
def progress_sheet_download(request, pk):
    """The progress of every recommendation as a CSV sheet to fill in and upload again."""
    plan = get_for(request.user, Plan.objects, edit=True, pk=pk)
    response = HttpResponse(progress_sheet.write_sheet(plan), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="avancement-{slugify(plan.title)[:60]}.csv"'
    return response


@login_required
def progress_sheet_upload(request, pk):
    """Upload the filled-in sheet: all rows recorded, or none and every problem listed."""
    plan = get_for(request.user, Plan.objects, edit=True, pk=pk)
    form = ProgressSheetForm(request.POST or None, request.FILES or None)
    refusal, status = None, 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count, already = progress_sheet.read_sheet(plan, upload.name, upload, by=request.user)
        except ImportRefused as error:
            refusal, status = error, 400
        else:
            message = ngettext(
                "%(count)s progress update recorded.", "%(count)s progress updates recorded.", count
            )
            messages.success(request, message % {"count": count})
            if already:
                message = ngettext(
                    "%(count)s row was already on the timeline: not recorded again.",
                    "%(count)s rows were already on the timeline: not recorded again.",
                    already,
                )
                messages.info(request, message % {"count": already})
            return redirect("plan:plan_detail", pk=plan.pk)
    elif form.errors:
        status = 400
    context = {"plan": plan, "form": form, "refusal": refusal}
    return render(request, "plan/progress_import.html", context, status=status)
