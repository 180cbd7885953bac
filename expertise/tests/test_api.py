"""The expertise API: the same confidentiality as the pages, the ranking for coordinators, and a request
submitted with a token through the same service as the form."""

import json

from django.urls import reverse

from accounts.choices import TokenScope
from accounts.tokens import create_token
from expertise import services
from expertise.models import ExpertiseRequest
from expertise.tests.conftest import open_one


def _bearer(user, scope=TokenScope.READ):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'script', days=5, scope=scope)[1]}"}


def test_a_partner_reads_their_organisations_requests_and_an_outsider_nothing(client, journey):
    request = open_one(journey)
    mine = client.get(reverse("api-1:requests"), **_bearer(journey.partner)).json()
    assert [r["id"] for r in mine["items"]] == [request.pk]
    assert client.get(reverse("api-1:requests"), **_bearer(journey.outsider)).json()["count"] == 0
    detail = reverse("api-1:request_detail", args=[request.pk])
    assert client.get(detail, **_bearer(journey.outsider)).status_code == 404


def test_the_ranking_is_for_coordinators_with_each_factors_share(client, journey):
    request = open_one(journey, languages=["ar"])
    url = reverse("api-1:request_ranking", args=[request.pk])
    assert client.get(url, **_bearer(journey.partner)).status_code == 403
    ranked = client.get(url, **_bearer(journey.coordinator)).json()
    assert [c["name"] for c in ranked] == ["Amina Benali", "Bruno Lefèvre"]
    assert {f["code"] for f in ranked[0]["factors"]} == {"area", "languages"}
    services.qualify(request, by=journey.coordinator)
    services.solicit(request, [journey.expert_a], by=journey.coordinator)
    assert [c["name"] for c in client.get(url, **_bearer(journey.coordinator)).json()] == ["Bruno Lefèvre"]


def test_a_request_submitted_with_a_write_token_is_the_forms_request(client, journey):
    body = {
        "title": "Équivalence de diplôme",
        "question": "Quelles démarches ?",
        "areas": [journey.area.code],
        "urgency": "urgente",
        "languages": ["ar"],
    }
    headers = _bearer(journey.partner, TokenScope.WRITE)
    response = client.post(
        reverse("api-1:request_submit"), json.dumps(body), content_type="application/json", **headers
    )
    assert response.status_code == 201, response.content
    created = ExpertiseRequest.objects.get(pk=response.json()["id"])
    assert created.requester_organisation == journey.member_org and created.events.count() == 1
    refused = client.post(
        reverse("api-1:request_submit"),
        json.dumps(body | {"question": " ", "areas": ["inconnu"]}),
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 422
    assert {e["parameter"] for e in refused.json()["errors"]} == {"areas"}
    empty = client.post(
        reverse("api-1:request_submit"),
        json.dumps(body | {"question": " "}),
        content_type="application/json",
        **headers,
    )
    assert empty.status_code == 422 and empty.json()["errors"][0]["parameter"] == "question"
    assert ExpertiseRequest.objects.count() == 1
    read_only = client.post(
        reverse("api-1:request_submit"),
        json.dumps(body),
        content_type="application/json",
        **_bearer(journey.partner),
    )
    assert read_only.status_code == 403


def test_a_body_that_is_not_json_is_refused_in_french_naming_the_body(client, journey):
    headers = _bearer(journey.partner, TokenScope.WRITE)
    for body, content_type in (("{pas du json", "application/json"), ("title=x", "text/plain")):
        response = client.post(reverse("api-1:request_submit"), body, content_type=content_type, **headers)
        assert response.status_code in (400, 422), response.content
        answer = response.json()
        assert "corps" in answer["detail"].lower(), answer
    assert not ExpertiseRequest.objects.exists()
