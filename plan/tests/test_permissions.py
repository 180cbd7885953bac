"""Who sees which plans, priorities and recommendations, and who may post progress, for every persona."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from plan.choices import PlanStatus, ResourceRole
from plan.models import Plan, Priority, Recommendation
from plan.tests import factories as f

pytestmark = pytest.mark.django_db

EVERYONE = ["admin", "coordinator", "partner_member", "partner_outsider", "reader", "anonymous"]


@pytest.fixture
def setting(personas):
    """An unpublished plan whose first recommendation is carried by partner_member's organisation, and a
    published plan; partner_outsider works for an organisation that is a resource of neither."""
    draft = f.world(status=PlanStatus.PREPARATION, by=personas["coordinator"])
    published = f.plan(
        "PPLI 2016-2019", status=PlanStatus.CLOSED, published=True, start_year=2016, end_year=2019
    )
    public_priority = f.priority(published, "Accès au logement (2016)")
    public_recommendation = f.recommendation(public_priority, "Recenser les logements")
    f.works_for(personas["partner_member"], draft.carrier)
    f.works_for(personas["partner_outsider"], f.organisation("Maison médicale", type_code="health"))
    names = {
        "draft_plan": draft.plan,
        "published_plan": published,
        "draft_housing": draft.housing,
        "draft_work": draft.work,
        "published_priority": public_priority,
        "carried": draft.carried,
        "other": draft.other,
        "job": draft.job,
        "published_recommendation": public_recommendation,
    }
    return personas, names


def pks(*objects):
    return {o.pk for o in objects}


EXPECTED_PLANS = {
    "admin": {"draft_plan", "published_plan"},
    "coordinator": {"draft_plan", "published_plan"},
    "partner_member": {"draft_plan", "published_plan"},
    "partner_outsider": {"published_plan"},
    "reader": {"published_plan"},
    "anonymous": {"published_plan"},
}
EXPECTED_PRIORITIES = {
    "admin": {"draft_housing", "draft_work", "published_priority"},
    "coordinator": {"draft_housing", "draft_work", "published_priority"},
    "partner_member": {"draft_housing", "published_priority"},
    "partner_outsider": {"published_priority"},
    "reader": {"published_priority"},
    "anonymous": {"published_priority"},
}
EXPECTED_RECOMMENDATIONS = {
    "admin": {"carried", "other", "job", "published_recommendation"},
    "coordinator": {"carried", "other", "job", "published_recommendation"},
    "partner_member": {"carried", "published_recommendation"},
    "partner_outsider": {"published_recommendation"},
    "reader": {"published_recommendation"},
    "anonymous": {"published_recommendation"},
}
EXPECTED_POSTABLE = {
    "admin": {"carried", "other", "job", "published_recommendation"},
    "coordinator": {"carried", "other", "job", "published_recommendation"},
    "partner_member": {"carried"},
    "partner_outsider": set(),
    "reader": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("persona", EVERYONE)
def test_plans_visible_to(setting, persona):
    personas, names = setting
    visible = list(Plan.objects.visible_to(personas[persona]))
    assert len(visible) == len({p.pk for p in visible})  # nobody sees a plan twice
    assert {p.pk for p in visible} == pks(*(names[n] for n in EXPECTED_PLANS[persona]))


@pytest.mark.parametrize("persona", EVERYONE)
def test_priorities_visible_to(setting, persona):
    personas, names = setting
    visible = list(Priority.objects.visible_to(personas[persona]))
    assert len(visible) == len({p.pk for p in visible})
    assert {p.pk for p in visible} == pks(*(names[n] for n in EXPECTED_PRIORITIES[persona]))


@pytest.mark.parametrize("persona", EVERYONE)
def test_recommendations_visible_to(setting, persona):
    personas, names = setting
    visible = list(Recommendation.objects.visible_to(personas[persona]))
    assert len(visible) == len({r.pk for r in visible})
    assert {r.pk for r in visible} == pks(*(names[n] for n in EXPECTED_RECOMMENDATIONS[persona]))


@pytest.mark.parametrize("persona", EVERYONE)
def test_progress_postable_by(setting, persona):
    personas, names = setting
    postable = Recommendation.objects.progress_postable_by(personas[persona])
    assert set(postable.values_list("pk", flat=True)) == pks(*(names[n] for n in EXPECTED_POSTABLE[persona]))


@pytest.mark.parametrize("persona", ["partner_outsider", "reader"])
def test_only_coordinators_edit(setting, persona):
    personas, _names = setting
    for model in (Plan, Priority, Recommendation):
        assert not model.objects.editable_by(personas[persona]).exists()
        assert not model.objects.editable_by(None).exists()
        assert model.objects.editable_by(personas["coordinator"]).count() == model.objects.count()


def test_anonymous_user_object_reads_like_none(setting):
    _personas, names = setting
    anonymous = AnonymousUser()
    assert set(Plan.objects.visible_to(anonymous)) == {names["published_plan"]}
    assert not Recommendation.objects.progress_postable_by(anonymous).exists()


def test_a_partner_carrying_several_recommendations_sees_each_once(setting):
    personas, names = setting
    member = personas["partner_member"]
    carrier = member.person.organisation
    f.resource(names["other"], carrier, ResourceRole.FUNDER)
    f.resource(names["carried"], carrier, ResourceRole.FUNDER)  # two roles on the same recommendation

    plans = list(Plan.objects.visible_to(member))
    priorities = list(Priority.objects.visible_to(member))
    recommendations = list(Recommendation.objects.visible_to(member))
    assert len(plans) == 2 and len(priorities) == 2
    assert sorted(r.pk for r in recommendations) == sorted(
        pks(names["carried"], names["other"], names["published_recommendation"])
    )
    assert Plan.objects.visible_to(member).count() == 2


def test_a_partner_without_a_current_organisation_sees_only_what_is_published(setting):
    personas, names = setting
    member = personas["partner_member"]
    person = member.person
    person.erased_at = timezone.now()
    person.save()
    member.refresh_from_db()
    assert set(Plan.objects.visible_to(member)) == {names["published_plan"]}
    assert not Recommendation.objects.progress_postable_by(member).exists()

    person.erased_at, person.organisation = None, None
    person.save()
    member.refresh_from_db()
    assert set(Plan.objects.visible_to(member)) == {names["published_plan"]}


def test_a_reader_working_for_a_carrier_sees_only_what_is_published(setting):
    personas, names = setting
    reader = personas["reader"]
    f.works_for(reader, names["carried"].resources.get(role=ResourceRole.CARRIER).organisation)
    assert set(Plan.objects.visible_to(reader)) == {names["published_plan"]}
    assert set(Recommendation.objects.visible_to(reader)) == {names["published_recommendation"]}
    assert not Recommendation.objects.progress_postable_by(reader).exists()


def test_a_partner_sees_nothing_of_another_unpublished_plan(setting):
    personas, names = setting
    member = personas["partner_member"]
    elsewhere = f.world(by=personas["coordinator"])  # same shape, its own organisations
    assert elsewhere.carrier != member.person.organisation

    assert elsewhere.plan not in Plan.objects.visible_to(member)
    assert not Priority.objects.visible_to(member).filter(plan=elsewhere.plan).exists()
    assert not Recommendation.objects.visible_to(member).filter(priority__plan=elsewhere.plan).exists()
    assert set(Recommendation.objects.progress_postable_by(member)) == {names["carried"]}
