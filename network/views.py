import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import exports, services
from network.forms import (
    OfferFilterForm,
    OfferForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonFilterForm,
    PersonForm,
)
from network.models import ConcertationSpace, Meeting, Membership, Offer, Organisation, Person
from network.permissions import sees_people
from pli import page_cache
from pli.access import can_create, can_edit, get_for, require_create
from pli.app_hooks import hook_results
from pli.editing import form_page, posted
from pli.text import matching_pks

PAGE_SIZE = 25


@login_required
def index(request):
    user = request.user
    context = {
        "organisations": Organisation.objects.visible_to(user).count(),
        "partners": Organisation.objects.visible_to(user).filter(is_partner=True).count(),
        "people": Person.objects.visible_to(user).filter(erased_at__isnull=True).count(),
        "offers": Offer.objects.visible_to(user).count(),
        "spaces": ConcertationSpace.objects.visible_to(user).filter(is_active=True).count(),
        "meetings": Meeting.objects.visible_to(user).count(),
        "sees_people": sees_people(user),
    }
    return render(request, "network/index.html", context)


# The apps whose data the organisations' list shows (their types, communes, offers and people).
ORGANISATION_LIST_AREAS = ("network", "vocabulary", "territory")


@login_required
def organisation_list(request):
    return page_cache.user_page(
        request, ORGANISATION_LIST_AREAS, lambda extra: _organisation_list(request, extra)
    )


def _organisation_list(request, extra: dict):
    organisations = (
        Organisation.objects.visible_to(request.user)
        .select_related("type", "commune")
        .annotate(offer_count=Count("offers", distinct=True), people_count=Count("people", distinct=True))
        .order_by("name", "pk")  # explicit: an aggregate query ignores Meta.ordering
    )
    form = OrganisationFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            organisations = organisations.filter(
                pk__in=matching_pks(organisations, data["q"], "name", "commune__name_fr")
            )
        if data["type"]:
            organisations = organisations.filter(type=data["type"])
        if data["sector"]:
            organisations = organisations.filter(sector=data["sector"])
        if data["commune"]:
            organisations = organisations.filter(commune=data["commune"])
        if data["partner"]:
            organisations = organisations.filter(is_partner=data["partner"] == "1")
    export = exports.response_for(request, "organisations", organisations)
    if export:
        return export
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": _query_without_page(request),
        "can_create": can_create(request.user, Organisation),
        "can_export": exports.may_export(request.user),
        **extra,
    }
    template = "network/_organisation_table.html" if request.htmx else "network/organisation_list.html"
    return render(request, template, context)


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    return params.urlencode()


@login_required
def organisation_detail(request, pk):
    organisation = get_for(request.user, Organisation.objects.select_related("type", "commune"), pk=pk)
    context = {
        "organisation": organisation,
        "people": Person.objects.visible_to(request.user).filter(organisation=organisation),
        "offers": organisation.offers.select_related("type", "commune").prefetch_related("publics"),
        "spaces": ConcertationSpace.objects.visible_to(request.user).filter(carried_by=organisation),
        # The spaces its people sit in, as far as the reader may see them and their members.
        "member_spaces": ConcertationSpace.objects.visible_to(request.user)
        .filter(
            pk__in=Membership.objects.visible_to(request.user)
            .filter(person__organisation=organisation)
            .values("space_id")
        )
        .order_by("name"),
        "can_edit": can_edit(request.user, organisation),
        "sees_people": sees_people(request.user),
        # What other apps add (e.g. the plan's recommendations it carries).
        "extra_sections": hook_results("panels", "organisation_sections", request, organisation),
    }
    return render(request, "network/organisation_detail.html", context)


@login_required
def organisation_create(request):
    require_create(request.user, Organisation)
    return form_page(
        request,
        OrganisationForm(posted(request)),
        save=lambda form: services.save_organisation(form, by=request.user),
        template="network/organisation_form.html",
        success_url=lambda organisation: organisation.get_absolute_url(),
        success_message=lambda organisation: (
            _("Organisation “%(name)s” created.") % {"name": organisation.name}
        ),
    )


@login_required
def organisation_edit(request, pk):
    organisation = get_for(request.user, Organisation.objects, edit=True, pk=pk)
    return form_page(
        request,
        OrganisationForm(posted(request), instance=organisation),
        save=lambda form: services.save_organisation(form, by=request.user),
        template="network/organisation_form.html",
        success_url=organisation.get_absolute_url(),
        success_message=_("Changes saved."),
        context={"organisation": organisation},
    )


@login_required
def offer_list(request):
    offers = (
        Offer.objects.visible_to(request.user)
        .select_related("type", "commune", "organisation")
        .prefetch_related("publics")
    )
    form = OfferFilterForm(request.GET or None, user=request.user)
    offers = form.filter(offers)
    export = exports.response_for(request, "offers", offers)
    if export:
        return export
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "query": _query_without_page(request),
        "can_export": exports.may_export(request.user),
    }
    return render(request, "network/offer_list.html", context)


@login_required
def offer_detail(request, pk):
    offer = get_for(
        request.user,
        Offer.objects.select_related("organisation", "type", "commune").prefetch_related("publics"),
        pk=pk,
    )
    context = {"offer": offer, "can_edit": can_edit(request.user, offer)}
    return render(request, "network/offer_detail.html", context)


@login_required
def offer_create(request, pk):
    organisation = get_for(request.user, Organisation.objects, edit=True, pk=pk)
    return form_page(
        request,
        OfferForm(posted(request), initial={"commune": organisation.commune}),
        save=lambda form: services.save_offer(form, by=request.user, organisation=organisation),
        template="network/offer_form.html",
        success_url=organisation.get_absolute_url(),
        success_message=_("Offer added."),
        context={"organisation": organisation},
    )


@login_required
def offer_edit(request, pk):
    offer = get_for(request.user, Offer.objects.select_related("organisation"), edit=True, pk=pk)
    return form_page(
        request,
        OfferForm(posted(request), instance=offer),
        save=lambda form: services.save_offer(form, by=request.user),
        template="network/offer_form.html",
        success_url=offer.get_absolute_url(),
        success_message=_("Changes saved."),
        context={"organisation": offer.organisation, "offer": offer},
    )


@login_required
def person_list(request):
    if not sees_people(request.user):
        raise PermissionDenied
    people = (
        Person.objects.visible_to(request.user)
        .filter(erased_at__isnull=True)
        .select_related("organisation")
        .prefetch_related("expertise__parent")
    )
    form = PersonFilterForm(
        request.GET or None,
        organisations=Organisation.objects.visible_to(request.user),
        spaces=ConcertationSpace.objects.visible_to(request.user),
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            people = people.filter(
                pk__in=matching_pks(people, data["q"], "full_name", "function", "languages")
            )
        if data["expertise"]:
            people = people.filter(
                Q(expertise=data["expertise"]) | Q(expertise__parent=data["expertise"])
            ).distinct()
        if data["organisation"]:
            people = people.filter(organisation=data["organisation"])
        if data["space"]:
            people = people.filter(memberships__space=data["space"])
    export = exports.response_for(request, "people", people)
    if export:
        return export
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": _query_without_page(request),
        "can_create": can_create(request.user, Person),
        "can_export": exports.may_export(request.user),
    }
    template = "network/_person_table.html" if request.htmx else "network/person_list.html"
    return render(request, template, context)


@login_required
def person_detail(request, pk):
    person = get_for(request.user, Person.objects.select_related("organisation", "user"), pk=pk)
    memberships = person.memberships.filter(
        space__in=ConcertationSpace.objects.visible_to(request.user)
    ).select_related("space")
    context = {"person": person, "memberships": memberships, "can_edit": can_edit(request.user, person)}
    return render(request, "network/person_detail.html", context)


@login_required
def person_create(request):
    require_create(request.user, Person)
    return form_page(
        request,
        PersonForm(posted(request)),
        save=lambda form: services.save_person(form, by=request.user),
        template="network/person_form.html",
        success_url=lambda person: person.get_absolute_url(),
        success_message=lambda person: _("Person “%(name)s” added.") % {"name": person.full_name},
    )


@login_required
def person_edit(request, pk):
    person = get_for(request.user, Person.objects, edit=True, pk=pk)
    if person.erased_at:
        raise PermissionDenied
    return form_page(
        request,
        PersonForm(posted(request), instance=person),
        save=lambda form: services.save_person(form, by=request.user),
        template="network/person_form.html",
        success_url=person.get_absolute_url(),
        success_message=_("Changes saved."),
        context={"person": person},
    )


@login_required
def person_data(request, pk):
    """The same export as the JSON, for the person to read and print, in French."""
    person = get_for(request.user, Person.objects, edit=True, pk=pk)
    return render(
        request, "network/person_data.html", {"person": person, "data": services.export_person(person)}
    )


@login_required
def person_export(request, pk):
    person = get_for(request.user, Person.objects, edit=True, pk=pk)
    response = HttpResponse(
        json.dumps(services.export_person(person), ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="personne-{person.pk}.json"'
    return response


@login_required
@require_POST
def person_erase(request, pk):
    person = get_for(request.user, Person.objects, edit=True, pk=pk)
    services.erase_person(person, request.user)
    messages.success(
        request, _("The person's data was erased. The meetings they attended show “person erased”.")
    )
    return redirect("network:person_list")
