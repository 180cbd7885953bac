"""Every page of the platform, found from its URL patterns, with the objects of the demo to show.

The translation test renders each of them under a pseudo-locale, the query-count test counts the SQL
queries of each. A URL pattern with parameters needs an entry in `PAGES` (how to fill them from the
demo content) or in `NOT_PAGES` (why it is not a page a reader reads): a new URL without either fails
`test_every_url_is_listed`, so that no page escapes these tests.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def _first(model_path: str, **filters) -> dict:
    from django.apps import apps

    model = apps.get_model(model_path)
    found = model.objects.filter(**filters).order_by("pk").first()
    if found is None:
        raise LookupError(f"the demo has no {model_path} matching {filters}")
    return {"pk": found.pk}


def _pk(model_path: str, name: str = "pk", **filters) -> Callable[[], dict]:
    return lambda: {name: _first(model_path, **filters)["pk"]}


def _review() -> dict:
    from diagnostic.models import FindingReview

    review = FindingReview.objects.order_by("pk").first()
    return {"pk": review.campaign_id, "finding_pk": review.finding_id}


def _membership() -> dict:
    from network.models import Membership

    membership = Membership.objects.order_by("pk").first()
    return {"pk": membership.space_id, "membership_pk": membership.pk}


def _person_calendar() -> dict:
    from network.models import Person

    return {"token": Person.objects.filter(user__isnull=False).order_by("pk").first().calendar_token}


def _password_reset_confirm() -> dict:
    return {"uidb64": "MQ", "token": "ce-lien-a-expire"}  # an expired link: the page that says so


# URL name → the keyword arguments of each address to visit (a dict, or a function of the demo content;
# with a query string: (kwargs, "format=csv")). Names without parameters are visited once without any.
EXPORTS = [{}, ({}, "format=csv"), ({}, "format=xlsx")]
PAGES: dict[str, list] = {
    "territory:commune_list": EXPORTS,
    "help_area": [
        {"area": area} for area in ("territoire", "constats", "plan", "reseau", "expertise", "plaidoyer")
    ],
    "territory:compare": [{}, ({}, "t=92094&t=91005&t=93022"), ({}, "t=92094&t=91005&format=xlsx")],
    "search": [{}, ({}, "q=namur"), ({}, "q=logement")],
    "network:organisation_list": EXPORTS,
    "network:offer_list": EXPORTS,
    "network:person_list": EXPORTS,
    "territory:detail": [{"nis": "90000"}, {"nis": "92094"}],
    "territory:map_data": [{"nis": "90000"}],
    "territory:figure": [
        {"nis": "92094", "kind": "carte", "fmt": "svg"},
        {"nis": "90000", "kind": "evolution", "fmt": "png"},
    ],
    "territory:table_export": [
        {"nis": "90000", "table": "communes", "fmt": "csv"},
        {"nis": "92094", "table": "pyramide", "fmt": "csv"},
    ],
    "accounts:password_reset_confirm": [_password_reset_confirm],
    "expertise:report": EXPORTS,
    "expertise:request_detail": [_pk("expertise.ExpertiseRequest", state="closed")],
    "expertise:request_qualify": [_pk("expertise.ExpertiseRequest")],
    "expertise:request_refuse": [_pk("expertise.ExpertiseRequest")],
    "expertise:request_redirect": [_pk("expertise.ExpertiseRequest")],
    "expertise:request_solicit": [_pk("expertise.ExpertiseRequest")],
    "expertise:request_close": [_pk("expertise.ExpertiseRequest")],
    "expertise:request_reopen": [_pk("expertise.ExpertiseRequest")],
    "expertise:assignment_accept": [_pk("expertise.Assignment")],
    "expertise:assignment_decline": [_pk("expertise.Assignment")],
    "expertise:assignment_answer": [_pk("expertise.Assignment")],
    "network:organisation_detail": [_pk("network.Organisation")],
    "network:organisation_edit": [_pk("network.Organisation")],
    "network:offer_create": [_pk("network.Organisation")],
    "network:offer_edit": [_pk("network.Offer")],
    "network:person_detail": [_pk("network.Person")],
    "network:person_edit": [_pk("network.Person")],
    "network:person_export": [_pk("network.Person")],
    "network:person_data": [_pk("network.Person")],
    "network:person_erase": [_pk("network.Person")],
    "network:space_detail": [_pk("network.ConcertationSpace")],
    "network:space_edit": [_pk("network.ConcertationSpace")],
    "network:membership_add": [_pk("network.ConcertationSpace")],
    "network:membership_remove": [_membership],
    "network:meeting_create": [_pk("network.ConcertationSpace")],
    "network:space_calendar": [_pk("network.ConcertationSpace")],
    "network:meeting_detail": [_pk("network.Meeting", minutes__gt="")],
    "network:meeting_edit": [_pk("network.Meeting")],
    "network:attendance_edit": [_pk("network.Meeting")],
    "network:decision_create": [_pk("network.Meeting")],
    "network:document_upload": [_pk("network.Meeting")],
    "network:decision_edit": [_pk("network.Decision")],
    "network:person_calendar": [_person_calendar],
    "diagnostic:finding_detail": [_pk("diagnostic.Finding", evidence__isnull=False)],
    "diagnostic:finding_edit": [_pk("diagnostic.Finding")],
    "diagnostic:finding_history": [_pk("diagnostic.Finding", wordings__settlement__isnull=False)],
    "diagnostic:evidence_add": [_pk("diagnostic.Finding")],
    "diagnostic:diagnostic_detail": [_pk("diagnostic.Diagnostic")],
    "diagnostic:diagnostic_edit": [_pk("diagnostic.Diagnostic")],
    "network:offer_detail": [_pk("network.Offer")],
    "history:object": [lambda: {"kind": "plan.plan", "pk": _first("plan.Plan")["pk"]}],
    "diagnostic:field_finding_create": [_pk("network.Meeting", "meeting_pk")],
    "diagnostic:campaign_detail": [_pk("diagnostic.ReviewCampaign")],
    "diagnostic:campaign_close": [_pk("diagnostic.ReviewCampaign")],
    "diagnostic:review_finding": [_review],
    "plan:plan_detail": [_pk("plan.Plan", status="closed"), _pk("plan.Plan", status="preparation")],
    "plan:plan_edit": [_pk("plan.Plan")],
    "plan:plan_publish": [_pk("plan.Plan")],
    "plan:plan_new_version": [_pk("plan.Plan")],
    "plan:plan_compare": [_pk("plan.Plan", status="preparation")],
    "plan:plan_dashboard": [_pk("plan.Plan")],
    "plan:plan_map_data": [_pk("plan.Plan")],
    "plan:progress_sheet": [_pk("plan.Plan")],
    "plan:progress_import": [_pk("plan.Plan")],
    "plan:priority_create": [_pk("plan.Plan", "plan_pk")],
    "plan:priority_detail": [_pk("plan.Priority")],
    "plan:priority_edit": [_pk("plan.Priority")],
    "plan:recommendation_create": [_pk("plan.Plan", "plan_pk")],
    "plan:recommendation_detail": [_pk("plan.Recommendation", resources__isnull=False)],
    "plan:recommendation_edit": [_pk("plan.Recommendation")],
    "plan:means_add": [_pk("plan.Recommendation")],
    "plan:means_delete": [_pk("plan.Means")],
    "plan:resource_add": [_pk("plan.Recommendation")],
    "plan:resource_delete": [_pk("plan.Resource")],
    "plan:progress_add": [_pk("plan.Recommendation")],
    "notifications:message_detail": [_pk("notifications.Message")],
    "api-1:territory_indicators": [{"nis": "92094"}],
    "api-1:plan_detail": [lambda: {"plan_id": _first("plan.Plan", is_published=True)["pk"]}],
    "api-1:plan_recommendations": [lambda: {"plan_id": _first("plan.Plan", is_published=True)["pk"]}],
    "api-1:recommendation_detail": [
        lambda: {"recommendation_id": _first("plan.Recommendation", priority__plan__is_published=True)["pk"]}
    ],
    "api-1:request_detail": [lambda: {"pk": _first("expertise.ExpertiseRequest")["pk"]}],
    "api-1:request_ranking": [lambda: {"pk": _first("expertise.ExpertiseRequest")["pk"]}],
    "api-1:alert_detail": [lambda: {"alert_id": _first("advocacy.Alert")["pk"]}],
    "api-1:interpellation_detail": [
        lambda: {"interpellation_id": _first("advocacy.Interpellation", is_published=True)["pk"]}
    ],
    "api-1:interpellation_chain": [
        lambda: {"interpellation_id": _first("advocacy.Interpellation", is_published=True)["pk"]}
    ],
    "advocacy:interpellation_detail": [
        _pk("advocacy.Interpellation", is_published=True),
        _pk("advocacy.Interpellation", phase="validation"),
    ],
    "advocacy:interpellation_edit": [_pk("advocacy.Interpellation", phase="preparation")],
    "advocacy:interpellation_chain": [_pk("advocacy.Interpellation", is_published=True)],
    "advocacy:send": [_pk("advocacy.Interpellation", phase="validation")],
    "advocacy:answer_add": [_pk("advocacy.Interpellation", phase="sent")],
    "advocacy:publish": [_pk("advocacy.Interpellation", is_published=True)],
    "advocacy:alert_detail": [
        _pk("advocacy.Alert", status="to_qualify"),
        _pk("advocacy.Alert", status="open"),
    ],
    "advocacy:alert_edit": [_pk("advocacy.Alert")],
}

# URL names that are not pages a person reads, and why.
NOT_PAGES = {
    "jobs:detail": "a job's progress, of the user who started it (jobs/tests cover it)",
    "jobs:download": "the file a job built, sent as it is",
    "jobs:retry": "a POST only (running a failed job again), answered by a redirect",
    "reports:plan_document": "a POST only (building a plan's document), answered by a redirect or the file",
    "reports:public_plan_document": "a file (a published plan's public document) or a page that waits for it",
    "network:document_download": "a file uploaded by a user, sent as it is",
    "expertise:attachment_download": "a file attached to a request, sent as it is",
    "robots_txt": "directions for search engines",
    "health": "JSON for load balancers and monitors (pli/tests/test_health.py)",
    "accounts:api_token_revoke": "a POST only (revoking a token), answered by a redirect",
    "notifications:message_retry": "a POST only (sending a failed message again), answered by a redirect",
    "advocacy:link_add": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:link_delete": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:ask_validation": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:validate": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:follow_up_add": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:follow_up_done": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:interpellation_close": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:publication_ask": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:publication_consent": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:alert_qualify": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:alert_close": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:alert_source_add": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:alert_action_add": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
    "advocacy:alert_expertise": "a POST only (a step of advocacy), answered by a redirect or its form with errors",
}


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    label: str = ""  # the name, with the number of the address when the name has several

    def __str__(self):
        return self.label or self.name

    @property
    def app(self) -> str:
        """The app whose tests keep the page's query-count baseline."""
        if self.name.startswith("admin:"):
            return "accounts"
        if self.name.startswith("api-1:"):
            return "pli"
        if self.name.startswith("history:"):
            return "accounts"  # the history and the journal are the accounts app's pages
        return self.name.split(":")[0] if ":" in self.name else "pli"


def url_names() -> Iterator[tuple[str, bool]]:
    """(namespaced URL name, whether it takes parameters) of every pattern outside the admin."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if namespace and pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}"
                if inner == "admin":
                    continue
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, bool(pattern.pattern.regex.groupindex)

    yield from walk(get_resolver().url_patterns, None)


def unlisted() -> list[str]:
    """URL names with parameters that PAGES does not know how to fill (and NOT_PAGES does not excuse)."""
    return sorted(
        name for name, has_parameters in url_names() if has_parameters and name not in PAGES | NOT_PAGES
    )


def pages() -> list[Page]:
    """Every page with the demo's objects: call it once the demo is loaded."""
    found = []
    for name, has_parameters in url_names():
        if name in NOT_PAGES or (has_parameters and name not in PAGES):
            continue
        addresses = PAGES.get(name, [{}])
        plain = [entry for entry in addresses if not isinstance(entry, tuple)]
        for number, entry in enumerate(addresses, start=1):
            kwargs, query = entry if isinstance(entry, tuple) else (entry, "")
            url = reverse(name, kwargs=kwargs() if callable(kwargs) else kwargs)
            label = name
            if query:
                label = f"{name}?{query}"
            elif len(plain) > 1:
                label = f"{name}[{number}]"
            found.append(Page(name, f"{url}?{query}" if query else url, label))
    return found + admin_pages()


def admin_pages() -> list[Page]:
    """The admin's index and, for every model it manages, its list, its add form and one change form."""
    found = [Page("admin:index", reverse("admin:index"))]
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        info = model._meta.app_label, model._meta.model_name
        found.append(
            Page(f"admin:{info[0]}_{info[1]}_changelist", reverse("admin:{}_{}_changelist".format(*info)))
        )
        found.append(Page(f"admin:{info[0]}_{info[1]}_add", reverse("admin:{}_{}_add".format(*info))))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            url = reverse("admin:{}_{}_change".format(*info), args=[first.pk])
            found.append(Page(f"admin:{info[0]}_{info[1]}_change", url))
    return found


def load_demo(tmp_folder) -> None:
    """The demo of every app (`pli demo`), its password file in a temporary folder."""
    from io import StringIO

    from django.test import override_settings

    from pli.app_hooks import app_modules

    with override_settings(VAR_DIR=tmp_folder):
        for module in app_modules("demo"):
            module.load(StringIO())


def render_without_recording(monkeypatch) -> None:
    """Templates render as in production: the test client no longer keeps a copy of every context
    (`response.context`), which took half the time of a walk through every page and its widgets."""
    from django.template import Template
    from django.test.utils import _TestState

    monkeypatch.setattr(Template, "_render", _TestState.saved_data.template_render)
