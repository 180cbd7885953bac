from dataclasses import dataclass

import pytest

from accounts.choices import Role
from accounts.models import User
from conftest import PASSWORD
from network.models import Person
from plan.tests import factories as f
from vocabulary.models import ExpertiseArea, Urgency


@dataclass
class Journey:
    coordinator: User
    partner: User
    outsider: User
    member_org: object
    other_org: object
    requester: Person
    expert_a: Person
    expert_b: Person
    area: ExpertiseArea
    urgency: Urgency


def expert(name: str, organisation, areas, languages=("fr",)) -> Person:
    user = User.objects.create_user(
        f"{name.split()[0].lower()}@example.org", PASSWORD, full_name=name, role=Role.PARTNER
    )
    person = Person.objects.create(
        full_name=name, email=user.email, organisation=organisation, user=user, language_codes=list(languages)
    )
    person.expertise.set(areas)
    return person


@pytest.fixture
def journey(personas):
    member_org = f.organisation("ILI Les Passerelles", is_partner=True)
    other_org = f.organisation("Service juridique", type_code="ili", commune=f.get_territory(f.OTHER_COMMUNE))
    requester = f.works_for(personas["partner_member"], member_org)
    f.works_for(personas["partner_outsider"], f.organisation("Maison médicale", type_code="health"))
    area = ExpertiseArea.objects.get(code="regroupement-familial")
    return Journey(
        coordinator=personas["coordinator"],
        partner=personas["partner_member"],
        outsider=personas["partner_outsider"],
        member_org=member_org,
        other_org=other_org,
        requester=requester,
        expert_a=expert("Amina Benali", other_org, [area], ("fr", "ar")),
        expert_b=expert("Bruno Lefèvre", other_org, [area.parent]),
        area=area,
        urgency=Urgency.objects.get(code="urgente"),
    )


def open_one(journey, **extra):
    from expertise import services

    fields = {
        "title": "Regroupement familial d'un réfugié reconnu",
        "question": "Quelles conditions de revenus pour faire venir son épouse ?",
        "areas": [journey.area],
        "urgency": journey.urgency,
    } | extra
    return services.open_request(by=journey.partner, **fields)


@pytest.fixture(autouse=True)
def english():
    """Messages of the services are compared in English, the language of the code (pages answer in
    French: their tests compare French)."""
    from django.utils import translation

    with translation.override("en"):
        yield
