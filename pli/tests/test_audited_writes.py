"""Every write goes through a service: the permission and the version are checked, and one audit entry
shows, in the object's history, who changed what (before → after). And the layer's own promises: every
kind of object read has its rule and its page; every form of a versioned record carries its version."""

import importlib

import pytest
from django.apps import apps
from django.forms import ModelForm
from django.urls import reverse

from accounts.models import AuditEvent
from pli.access import AccessQuerySet
from pli.concurrency import VersionedModelForm, is_versioned
from pli.tests.forms import form_data
from pli.tests.world import build

DOMAIN_APPS = ["network", "diagnostic", "plan", "territory", "advocacy"]

# Rows that are not read on their own, with the reason.
NO_RULE = {
    "territory.boundary": "a commune's outline, read only through the territory's map",
    "territory.populationsummary": "statistical facts (open data), read through territory.queries",
    "territory.agebandcount": "statistical facts (open data), read through territory.queries",
    "territory.indicatorvalue": "statistical facts (open data), read through territory.queries",
}


def domain_models():
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.auto_created:
                continue
            key = f"{model._meta.app_label}.{model._meta.model_name}"
            if key not in NO_RULE:
                yield key, model


@pytest.mark.parametrize("key,model", list(domain_models()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_kind_of_object_has_its_rule_and_its_page(key, model):
    assert isinstance(model._default_manager.all(), AccessQuerySet), f"{key}: no visible_to/editable_by rule"
    assert hasattr(model, "get_absolute_url"), f"{key}: no page (get_absolute_url)"


def _model_forms():
    for label in DOMAIN_APPS:
        config = apps.get_app_config(label)
        for name in ("forms", "forms_spaces", "forms_campaigns"):
            try:
                module = importlib.import_module(f"{config.name}.{name}")
            except ModuleNotFoundError:
                continue
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, ModelForm)
                    and value.__module__ == module.__name__
                ):
                    yield value


@pytest.mark.parametrize("form_class", list(_model_forms()), ids=lambda c: c.__name__)
def test_a_form_of_a_versioned_record_carries_its_version(form_class):
    model = form_class._meta.model
    if is_versioned(model) and form_class.__name__ != "CampaignForm":  # a campaign is opened, not edited
        assert issubclass(form_class, VersionedModelForm), (
            f"{form_class.__name__} saves {model} without version"
        )


# Edit pages: (URL name, the World attribute edited, the field changed, its new value).
EDITS = [
    ("network:organisation_edit", "member_org", "name", "ILI Les Passerelles (Namur)"),
    ("network:person_edit", "listed", "function", "Formatrice FLE"),
    ("network:offer_edit", "offer", "description", "Cours du soir"),
    ("network:space_edit", "space", "theme", "Français langue étrangère"),
    ("network:meeting_edit", "meeting", "place", "Salle du conseil"),
    ("network:decision_edit", "decision", "text", "Inviter le CPAS et la Ville"),
    ("diagnostic:finding_edit", "finding", "description", "Selon les permanences sociales."),
    ("diagnostic:diagnostic_edit", "diagnostic", "method", "Entretiens et statistiques."),
    ("plan:plan_edit", "draft_plan", "summary", "La version 2.0 du plan."),
    ("plan:priority_edit", "draft_priority", "description", "Le logement d'abord."),
    ("plan:recommendation_edit", "carried", "text", "Une permanence hebdomadaire."),
    ("advocacy:interpellation_edit", "carried_interpellation", "subject", "Logement des réfugiés reconnus"),
    ("advocacy:alert_edit", "partner_alert", "description", "Des CPAS refusent la domiciliation."),
]


@pytest.fixture
def world(personas, statistics):
    return build(personas)


def _edit(client, world, url_name, attribute):
    obj = getattr(world, attribute)
    url = reverse(url_name, args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    return obj, url, form_data(response.context["form"])


@pytest.mark.parametrize("url_name,attribute,field,value", EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_without_its_version_is_refused_like_a_stale_one(
    client_as, world, url_name, attribute, field, value
):
    client = client_as(world.personas["coordinator"])
    obj, url, data = _edit(client, world, url_name, attribute)
    before = getattr(type(obj).objects.get(pk=obj.pk), field)
    for version in (None, "abc", str(obj.version - 1), "-1"):
        posted = {**data, field: value}
        if version is None:
            posted.pop("version")
        else:
            posted["version"] = version
        response = client.post(url, posted)
        assert response.status_code == 409, f"version {version!r} accepted"
        assert getattr(type(obj).objects.get(pk=obj.pk), field) == before, "nothing was saved"
        assert response.context["form"].conflict is not None


@pytest.mark.parametrize("url_name,attribute,field,value", EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_leaves_an_entry_in_the_history_of_its_object(
    client_as, world, url_name, attribute, field, value
):
    client = client_as(world.personas["coordinator"])
    obj, url, data = _edit(client, world, url_name, attribute)
    before = getattr(obj, field)
    assert client.post(url, {**data, field: value}).status_code == 302
    stored = type(obj).objects.get(pk=obj.pk)
    assert getattr(stored, field) == value and stored.version == obj.version + 1
    event = AuditEvent.objects.filter(action="update", object_id=str(obj.pk)).latest("pk")
    assert event.actor == world.personas["coordinator"]
    assert event.changes[field] == [before or None, value] or event.changes[field] == [before, value]
    assert set(event.changes) == {field}, "only what changed is recorded"
    kind = f"{obj._meta.app_label}.{obj._meta.model_name}"
    page = client.get(reverse("history:object", args=[kind, obj.pk])).content.decode()
    assert value.replace("'", "&#x27;") in page and "coordinator@example.org" in page


def test_creating_deleting_and_posting_leave_their_entries(client_as, world):
    """The writes that are not edits: an offer added, a means removed, a progress update posted by the
    partner who carries the recommendation, a plan published, a campaign closed."""
    coordinator, partner = world.personas["coordinator"], world.personas["partner_member"]
    client = client_as(coordinator)
    offer_form = reverse("network:offer_create", args=[world.member_org.pk])
    data = {
        "type": world.offer.type_id,
        "commune": world.namur.pk,
        "capacity_unit": "places",
        "capacity": "8",
    }
    assert client.post(offer_form, data).status_code == 302
    assert client.post(reverse("plan:means_delete", args=[world.means.pk])).status_code == 302
    assert client.post(reverse("diagnostic:campaign_close", args=[world.campaign.pk])).status_code == 302
    client = client_as(partner)
    progress = {
        "progress-date": "2026-01-15",
        "progress-status": "in_progress",
        "progress-progress": "30",
        "progress-text": "Lancée.",
    }
    assert client.post(reverse("plan:progress_add", args=[world.carried.pk]), progress).status_code == 302
    done = set(AuditEvent.objects.values_list("content_type__model", "action"))
    assert {
        ("offer", "create"),
        ("means", "delete"),
        ("reviewcampaign", "close"),
        ("progressupdate", "progress"),
    } <= done
    deleted = AuditEvent.objects.get(action="delete", content_type__model="means")
    assert deleted.changes["amount"] == ["1500", None] and deleted.parent_id == str(world.carried.pk)
    history = client_as(coordinator).get(
        reverse("history:object", args=["plan.recommendation", world.carried.pk])
    )
    text = history.content.decode()
    assert "Lancée." in text and "supprimé" in text, (
        "the recommendation's history shows its means and progress"
    )


def test_the_journal_filters_and_downloads(client_as, world):
    coordinator = world.personas["coordinator"]
    client = client_as(coordinator)
    obj, url, data = _edit(client, world, "network:organisation_edit", "member_org")
    client.post(url, {**data, "name": "ILI renommée"})
    response = client.get(reverse("history:journal"), {"kind": "network.organisation", "action": "update"})
    assert response.status_code == 200
    assert [e.event.object_repr for e in response.context["entries"]] == ["ILI renommée"]
    csv = client.get(reverse("history:journal"), {"kind": "network.organisation", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv") and "ILI renommée" in csv.content.decode("utf-8-sig")
    bad = client.get(reverse("history:journal"), {"since": "2026-05-01", "until": "2026-01-01"})
    assert bad.status_code == 400 and "La date de fin" in bad.content.decode()


def test_a_service_refuses_whoever_may_not_write(world):
    """The services check the permission themselves, whatever the view did."""
    from django.core.exceptions import PermissionDenied

    from network import services as network_services
    from plan import services as plan_services

    with pytest.raises(PermissionDenied):
        plan_services.set_published(world.draft_plan, True, by=world.personas["partner_member"])
    with pytest.raises(PermissionDenied):
        network_services.erase_person(world.listed, world.personas["partner_member"])
    with pytest.raises(PermissionDenied):
        plan_services.post_progress(
            world.other, text="x", progress=10, status="in_progress", by=world.personas["partner_member"]
        )
    assert not AuditEvent.objects.filter(action__in=["publish", "erase", "progress"]).exists()


def test_the_journal_names_no_empty_object_for_a_login(client_as, world):
    """A login is about nobody's object: the journal says "connexion", not "connexion : « »"."""
    from accounts.models import AuditEvent as Event

    coordinator = world.personas["coordinator"]
    Event.objects.create(actor=coordinator, actor_label=coordinator.email, action="login")
    page = client_as(coordinator).get(reverse("history:journal"), {"action": "login"}).content.decode()
    import re

    assert "connexion" in page and not re.search(r"«\s*»", page)


def test_the_journal_names_the_platform_for_its_own_entries_and_no_one_for_a_visitor(client_as, world):
    """`record(None, …)` is the platform itself (a command, the task worker): « la plateforme »; an
    anonymous visitor (an AnonymousUser) is nobody the journal can name: a dash."""
    from django.contrib.auth.models import AnonymousUser

    from accounts.audit import record

    coordinator = world.personas["coordinator"]
    record(None, "finish", target="platform's own")
    record(AnonymousUser(), "password_reset_requested", target="visitor's")
    response = client_as(coordinator).get(reverse("history:journal"))
    who = {e.event.target: e.who for e in response.context["entries"]}
    assert who["platform's own"] == "la plateforme"
    assert who["visitor's"] == "—"
    assert "<strong>la plateforme</strong>" in response.content.decode()
