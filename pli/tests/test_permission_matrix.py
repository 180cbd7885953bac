"""The permission matrix: every page and API route, for every persona, and the status each one gets.

The rows are declared below, one per URL name (more when an object's state changes the answer); the
test `test_every_url_is_in_the_matrix` reads the URL patterns and the API routes, so a page added
without a row here fails the suite. Each row is requested by the six personas in turn, every request
in a savepoint rolled back after it: a persona's POST changes nothing for the next one.

Statuses, in the order of PERSONAS: 200 read, 302 redirect (to the login page for an anonymous
visitor, or after a successful POST), 400 refused form, 403 may see but not do, 404 may not know it
exists, 405 wrong method, 409 conflict.
"""

from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pli.tests.world import World, build

PERSONAS = ["anonymous", "reader", "partner_outsider", "partner_member", "coordinator", "admin"]
L = "login"  # a 302 to the login page


@dataclass
class Row:
    name: str
    expect: tuple
    args: object = None  # World -> list of URL arguments
    method: str = "GET"
    query: str = ""
    data: dict = field(default_factory=dict)
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}{'-' + self.note if self.note else ''}-{self.method}"


def _status(response) -> object:
    if response.status_code == 302 and "/compte/connexion/" in response.get("Location", ""):
        return L
    return response.status_code


def observed(client, world: World, row: Row) -> tuple:
    url = reverse(row.name, args=row.args(world) if row.args else [])
    if row.query:
        url = f"{url}?{row.query}"
    statuses = []
    for persona in PERSONAS:
        user = world.personas[persona]
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        with transaction.atomic():
            response = client.get(url) if row.method == "GET" else client.post(url, row.data)
            transaction.set_rollback(True)
        statuses.append(_status(response))
    return tuple(statuses)


# The personas, in order:  anonymous, reader, partner_outsider, partner_member, coordinator, admin
PUBLIC = (200, 200, 200, 200, 200, 200)
SIGNED_IN = (L, 200, 200, 200, 200, 200)
COORDINATORS = (L, 403, 403, 403, 200, 200)  # everybody sees it exists; only coordinators may
COORDINATORS_POST = (L, 403, 403, 403, 400, 400)  # an empty form refused (400) to those who may
NOT_ALLOWED = (405, 405, 405, 405, 405, 405)
MEMBERS = (L, 404, 404, 200, 200, 200)  # the space's members (partner_member facilitates it)
MEMBERS_POST = (L, 404, 404, 400, 400, 400)
CARRIER_READS = (L, 404, 404, 403, 200, 200)  # the plan in preparation: its carrier reads, may not write
CARRIER_POST = (L, 404, 404, 403, 400, 400)


REQUESTER = (L, 404, 404, 200, 200, 200)  # an expertise request: its organisation (partner_member's)
TRIAGE = (L, 404, 404, 403, 200, 200)  # the requester sees the request; coordinators triage it
TRIAGE_POST = (L, 404, 404, 403, 400, 400)


def _request(w):
    return [w.expertise_request.pk]


def _answered(w):
    return [w.answered_request.pk]


def _assignment(w):
    return [w.assignment.pk]


def _org(w):
    return [w.member_org.pk]


def _space(w):
    return [w.space.pk]


def _meeting(w):
    return [w.meeting.pk]


def _draft_plan(w):
    return [w.draft_plan.pk]


def _carried(w):
    return [w.carried.pk]


def _private(w):
    return [w.private_interpellation.pk]


def _co_signed(w):
    return [w.carried_interpellation.pk]


def _published_interpellation(w):
    return [w.published_interpellation.pk]


def _sent(w):
    return [w.sent_interpellation.pk]


def _partner_alert(w):
    return [w.partner_alert.pk]


def _job(state="done"):
    """A job of the partner member's, done with a file, or failed."""

    def make(w):
        import tempfile

        from jobs.models import Job

        with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
            path = handle.name
        job = Job.objects.create(
            kind="document",
            title="Document",
            owner=w.personas["partner_member"],
            task_path="jobs.tests.work.count_to",
            arguments={"n": 1},
            state=state,
            result_path=path if state == "done" else "",
            result_name="document.pdf",
        )
        return [job.pk]

    return make


MATRIX = [
    # --- the project and accounts ---------------------------------------------------------------------
    Row("home", (200,) * 6, note="a visitor reads the public home"),
    Row("help", (200,) * 6),
    Row("glossary", (200,) * 6),
    Row("help_area", (200,) * 6, args=lambda w: ["plan"]),
    Row("search", (200,) * 6, query="q=namur", note="public: each kind filtered by its own rule"),
    Row("robots_txt", PUBLIC),
    Row("health", PUBLIC, note="for load balancers and monitors: nothing personal, no secret"),
    Row("javascript_catalog", PUBLIC),
    Row("accounts:login", (200, 302, 302, 302, 302, 302), note="signed-in users go home"),
    Row("accounts:logout", NOT_ALLOWED, note="logging out is a POST"),
    Row("accounts:logout", (L,) * 6, method="POST"),
    Row("accounts:verify", (L, 302, 302, 302, 302, 302), note="nothing to verify without a second factor"),
    Row("accounts:security", SIGNED_IN),
    Row("accounts:twofactor_setup", SIGNED_IN),
    Row("accounts:twofactor_disable", SIGNED_IN),
    Row("accounts:backup_codes_regenerate", (L, 302, 302, 302, 302, 302), method="POST"),
    Row("accounts:password_change", SIGNED_IN),
    Row("accounts:api_token_create", SIGNED_IN),
    Row("accounts:api_token_create", (L, 400, 400, 400, 400, 400), method="POST"),
    Row(
        "accounts:api_token_revoke", (L, 404, 404, 302, 404, 404), args=lambda w: [w.token.pk], method="POST"
    ),
    Row("accounts:password_change_done", SIGNED_IN),
    Row("accounts:password_reset", PUBLIC),
    Row("accounts:password_reset_done", PUBLIC),
    Row("accounts:password_reset_confirm", PUBLIC, args=lambda w: ["MQ", "wrong-token"]),
    Row("accounts:password_reset_complete", PUBLIC),
    Row("history:journal", COORDINATORS),
    Row("history:object", COORDINATORS, args=lambda w: ["network.organisation", w.member_org.pk]),
    Row(
        "history:object", MEMBERS, args=lambda w: ["network.meeting", w.meeting.pk], note="facilitator edits"
    ),
    Row("history:object", (L, 404, 404, 404, 404, 404), args=lambda w: ["nothing.here", 1], note="unknown"),
    Row("history:object", (L, 404, 404, 404, 404, 404), args=lambda w: ["accounts.user", 1], note="no rule"),
    # --- notifications: my messages and preferences; the outbox (coordinators) ----------------------
    Row("notifications:index", SIGNED_IN),
    Row("notifications:index", (L, 400, 400, 400, 400, 400), method="POST", note="empty preferences"),
    Row("notifications:outbox", COORDINATORS),
    Row(
        "notifications:outbox",
        (L, 403, 403, 403, 400, 400),
        query="since=2026-12-06&until=2026-01-01",
        note="bad dates",
    ),
    Row("notifications:message_detail", (L, 404, 404, 200, 200, 200), args=lambda w: [w.message.pk]),
    Row(
        "notifications:message_retry", (L,) + (405,) * 5, args=lambda w: [w.failed_message.pk], note="a POST"
    ),
    Row(
        "notifications:message_retry",
        (L, 404, 404, 403, 302, 302),
        args=lambda w: [w.failed_message.pk],
        method="POST",
    ),
    # --- background jobs: their owner, and coordinators ---------------------------------------------
    Row("jobs:detail", MEMBERS, args=_job()),
    Row("jobs:download", MEMBERS, args=_job()),
    Row("jobs:retry", (L, 404, 404, 302, 302, 302), args=_job("failed"), method="POST"),
    # --- documents: signed-in users; a plan's document as its page; the activity report coordinators --
    Row("reports:index", SIGNED_IN),
    Row("reports:portrait", SIGNED_IN),
    Row("reports:portrait", (L, 400, 400, 400, 400, 400), method="POST"),
    Row("reports:activity", COORDINATORS),
    Row("reports:activity", COORDINATORS_POST, method="POST"),
    Row("reports:plan_document", (L, 405, 405, 405, 405, 405), args=lambda w: [w.published_plan.pk, "pdf"]),
    # A POST starts the document's job (302 to its page); the administrator, who reads as the coordinator
    # does, is then sent the coordinator's document from the cache (200).
    Row(
        "reports:plan_document",
        (L, 302, 302, 302, 302, 200),
        args=lambda w: [w.published_plan.pk, "pdf"],
        method="POST",
        note="published",
    ),
    Row(
        "reports:plan_document",
        (L, 404, 404, 302, 302, 200),
        args=lambda w: [w.draft_plan.pk, "docx"],
        method="POST",
        note="in preparation",
    ),
    Row(
        "reports:public_plan_document",
        (200,) * 6,
        args=lambda w: [w.published_plan.pk, "pdf"],
        note="the public version, for anyone",
    ),
    Row(
        "reports:public_plan_document",
        (404,) * 6,
        args=lambda w: [w.draft_plan.pk, "pdf"],
        note="a plan in preparation has no public version",
    ),
    # --- territory: open data ------------------------------------------------------------------------
    Row("territory:index", (302,) * 6, note="to the working territory"),
    Row("territory:compare", (200,) * 6, query="t=92094&t=91005&t=93022", note="open data"),
    Row("territory:commune_list", PUBLIC),
    Row("territory:import_list", PUBLIC),
    Row("territory:import_list", (L, 403, 403, 403, 400, 400), method="POST"),
    Row("territory:detail", PUBLIC, args=lambda w: ["92094"]),
    Row("territory:map_data", PUBLIC, args=lambda w: ["92094"]),
    Row("territory:table_export", PUBLIC, args=lambda w: ["92094", "communes", "csv"]),
    Row("territory:figure", PUBLIC, args=lambda w: ["92094", "pyramide", "svg"]),
    # --- network ----------------------------------------------------------------------------------------
    Row("network:index", SIGNED_IN),
    Row("network:organisation_list", SIGNED_IN),
    Row("network:organisation_list", COORDINATORS, query="format=csv", note="export"),
    Row("network:organisation_create", COORDINATORS),
    Row("network:organisation_create", COORDINATORS_POST, method="POST"),
    Row("network:organisation_detail", SIGNED_IN, args=_org),
    Row("network:organisation_edit", COORDINATORS, args=_org),
    Row("network:organisation_edit", COORDINATORS_POST, args=_org, method="POST"),
    Row("network:offer_list", SIGNED_IN),
    Row("network:offer_detail", SIGNED_IN, args=lambda w: [w.offer.pk]),
    Row("network:offer_create", COORDINATORS, args=_org),
    Row("network:offer_create", COORDINATORS_POST, args=_org, method="POST"),
    Row("network:offer_edit", COORDINATORS, args=lambda w: [w.offer.pk]),
    Row("network:offer_edit", COORDINATORS_POST, args=lambda w: [w.offer.pk], method="POST"),
    Row("network:person_list", (L, 403, 200, 200, 200, 200), note="readers never see people"),
    Row("network:person_list", (L, 403, 403, 403, 200, 200), query="format=csv", note="export"),
    Row("network:person_create", COORDINATORS),
    Row("network:person_create", COORDINATORS_POST, method="POST"),
    Row("network:person_detail", (L, 404, 200, 200, 200, 200), args=lambda w: [w.listed.pk], note="listed"),
    Row(
        "network:person_detail", (L, 404, 404, 404, 200, 200), args=lambda w: [w.internal.pk], note="internal"
    ),
    Row("network:person_edit", (L, 404, 403, 403, 200, 200), args=lambda w: [w.listed.pk]),
    Row("network:person_edit", (L, 404, 403, 403, 400, 400), args=lambda w: [w.listed.pk], method="POST"),
    Row("network:person_export", (L, 404, 403, 403, 200, 200), args=lambda w: [w.listed.pk]),
    Row("network:person_data", (L, 404, 403, 403, 200, 200), args=lambda w: [w.listed.pk]),
    Row("network:person_erase", (L, 404, 403, 403, 302, 302), args=lambda w: [w.listed.pk], method="POST"),
    Row("network:space_list", SIGNED_IN),
    Row("network:space_create", COORDINATORS),
    Row("network:space_create", COORDINATORS_POST, method="POST"),
    Row("network:space_detail", MEMBERS, args=_space),
    Row("network:space_detail", SIGNED_IN, args=lambda w: [w.published_space.pk], note="published"),
    Row("network:space_edit", (L, 404, 404, 403, 200, 200), args=_space),
    Row("network:space_edit", (L, 404, 404, 403, 400, 400), args=_space, method="POST"),
    Row("network:membership_add", (L, 404, 404, 403, 400, 400), args=_space, method="POST"),
    Row(
        "network:membership_remove",
        (L, 404, 404, 403, 302, 302),
        args=lambda w: [w.space.pk, w.membership.pk],
        method="POST",
    ),
    Row("network:space_calendar", (404,) * 6, args=_space, note="no token"),
    Row(
        "network:space_calendar",
        PUBLIC,
        args=_space,
        note="a member's token",
        query="",
    ),
    Row("network:person_calendar", PUBLIC, args=lambda w: [w.member.calendar_token]),
    Row("network:meeting_create", MEMBERS, args=_space),
    Row("network:meeting_create", MEMBERS_POST, args=_space, method="POST"),
    Row("network:meeting_detail", MEMBERS, args=_meeting),
    Row("network:meeting_edit", MEMBERS, args=_meeting),
    Row("network:meeting_edit", MEMBERS_POST, args=_meeting, method="POST"),
    Row("network:attendance_edit", MEMBERS, args=_meeting),
    Row("network:attendance_edit", (L, 404, 404, 302, 302, 302), args=_meeting, method="POST"),
    Row("network:decision_create", MEMBERS, args=_meeting),
    Row("network:decision_create", MEMBERS_POST, args=_meeting, method="POST"),
    Row("network:decision_edit", MEMBERS, args=lambda w: [w.decision.pk]),
    Row("network:decision_edit", MEMBERS_POST, args=lambda w: [w.decision.pk], method="POST"),
    Row("network:document_upload", MEMBERS, args=_meeting),
    Row("network:document_upload", MEMBERS_POST, args=_meeting, method="POST"),
    Row("network:document_download", MEMBERS, args=lambda w: [w.document.pk]),
    # --- findings --------------------------------------------------------------------------------------
    Row("diagnostic:index", SIGNED_IN),
    Row("diagnostic:finding_create", COORDINATORS),
    Row("diagnostic:finding_create", COORDINATORS_POST, method="POST"),
    Row("diagnostic:finding_detail", SIGNED_IN, args=lambda w: [w.finding.pk]),
    Row(
        "diagnostic:finding_detail",
        (L, 404, 404, 404, 200, 200),
        args=lambda w: [w.draft_finding.pk],
        note="draft",
    ),
    Row("diagnostic:finding_history", SIGNED_IN, args=lambda w: [w.finding.pk]),
    Row("diagnostic:finding_edit", COORDINATORS, args=lambda w: [w.finding.pk]),
    Row("diagnostic:finding_edit", COORDINATORS_POST, args=lambda w: [w.finding.pk], method="POST"),
    Row("diagnostic:evidence_add", COORDINATORS, args=lambda w: [w.finding.pk]),
    Row("diagnostic:evidence_add", COORDINATORS_POST, args=lambda w: [w.finding.pk], method="POST"),
    Row("diagnostic:diagnostic_list", SIGNED_IN),
    Row("diagnostic:diagnostic_create", COORDINATORS),
    Row("diagnostic:diagnostic_create", COORDINATORS_POST, method="POST"),
    Row("diagnostic:diagnostic_detail", SIGNED_IN, args=lambda w: [w.diagnostic.pk]),
    Row(
        "diagnostic:diagnostic_detail",
        (L, 404, 404, 404, 200, 200),
        args=lambda w: [w.draft_diagnostic.pk],
        note="draft",
    ),
    Row("diagnostic:diagnostic_edit", COORDINATORS, args=lambda w: [w.diagnostic.pk]),
    Row("diagnostic:diagnostic_edit", COORDINATORS_POST, args=lambda w: [w.diagnostic.pk], method="POST"),
    Row("diagnostic:field_finding_create", MEMBERS, args=_meeting),
    Row("diagnostic:field_finding_create", MEMBERS_POST, args=_meeting, method="POST"),
    Row("diagnostic:campaign_list", SIGNED_IN),
    Row("diagnostic:campaign_create", COORDINATORS),
    Row("diagnostic:campaign_create", COORDINATORS_POST, method="POST"),
    Row("diagnostic:campaign_detail", MEMBERS, args=lambda w: [w.campaign.pk], note="invited"),
    Row(
        "diagnostic:campaign_close",
        (L, 404, 404, 403, 302, 302),
        args=lambda w: [w.campaign.pk],
        method="POST",
    ),
    Row("diagnostic:review_finding", MEMBERS, args=lambda w: [w.campaign.pk, w.finding.pk]),
    Row(
        "diagnostic:review_finding", MEMBERS_POST, args=lambda w: [w.campaign.pk, w.finding.pk], method="POST"
    ),
    # --- plan ---------------------------------------------------------------------------------------------
    Row("plan:index", PUBLIC),
    Row("plan:plan_create", COORDINATORS),
    Row("plan:plan_create", COORDINATORS_POST, method="POST"),
    Row("plan:plan_detail", (404, 404, 404, 200, 200, 200), args=_draft_plan, note="in preparation"),
    Row("plan:plan_detail", PUBLIC, args=lambda w: [w.published_plan.pk], note="published"),
    Row("plan:plan_edit", CARRIER_READS, args=_draft_plan),
    Row("plan:plan_edit", CARRIER_POST, args=_draft_plan, method="POST"),
    Row("plan:plan_publish", (L, 404, 404, 403, 302, 302), args=_draft_plan, method="POST"),
    Row("plan:plan_new_version", CARRIER_READS, args=_draft_plan),
    Row("plan:plan_new_version", CARRIER_POST, args=_draft_plan, method="POST"),
    Row("plan:plan_compare", (404, 404, 404, 403, 200, 200), args=_draft_plan),
    Row("plan:plan_compare", PUBLIC, args=lambda w: [w.published_plan.pk], note="published"),
    Row("plan:plan_dashboard", CARRIER_READS, args=_draft_plan),
    Row("plan:plan_dashboard", SIGNED_IN, args=lambda w: [w.published_plan.pk], note="published"),
    Row("plan:plan_map_data", CARRIER_READS, args=_draft_plan),
    Row("plan:progress_sheet", CARRIER_READS, args=_draft_plan),
    Row("plan:progress_import", CARRIER_READS, args=_draft_plan),
    Row("plan:priority_create", CARRIER_READS, args=_draft_plan),
    Row("plan:priority_create", CARRIER_POST, args=_draft_plan, method="POST"),
    Row("plan:priority_detail", (404, 404, 404, 200, 200, 200), args=lambda w: [w.draft_priority.pk]),
    Row("plan:priority_detail", PUBLIC, args=lambda w: [w.public_priority.pk], note="published"),
    Row("plan:priority_edit", CARRIER_READS, args=lambda w: [w.draft_priority.pk]),
    Row("plan:priority_edit", CARRIER_POST, args=lambda w: [w.draft_priority.pk], method="POST"),
    Row("plan:recommendation_create", CARRIER_READS, args=_draft_plan),
    Row("plan:recommendation_create", CARRIER_POST, args=_draft_plan, method="POST"),
    Row("plan:recommendation_detail", (404, 404, 404, 200, 200, 200), args=_carried, note="carried"),
    Row(
        "plan:recommendation_detail",
        (404, 404, 404, 404, 200, 200),
        args=lambda w: [w.other.pk],
        note="other",
    ),
    Row("plan:recommendation_detail", PUBLIC, args=lambda w: [w.public_recommendation.pk], note="published"),
    Row("plan:recommendation_edit", CARRIER_READS, args=_carried),
    Row("plan:recommendation_edit", CARRIER_POST, args=_carried, method="POST"),
    Row("plan:means_add", CARRIER_POST, args=_carried, method="POST"),
    Row("plan:means_delete", (L, 404, 404, 403, 302, 302), args=lambda w: [w.means.pk], method="POST"),
    Row("plan:resource_add", CARRIER_POST, args=_carried, method="POST"),
    Row("plan:resource_delete", (L, 404, 404, 403, 302, 302), args=lambda w: [w.resource.pk], method="POST"),
    Row("plan:progress_add", MEMBERS_POST, args=_carried, method="POST", note="the carrier posts"),
    Row("plan:progress_add", (L, 404, 404, 404, 400, 400), args=lambda w: [w.other.pk], method="POST"),
    # --- watch and advocacy ----------------------------------------------------------------------------
    Row("advocacy:index", PUBLIC),
    Row("advocacy:authority_statistics", PUBLIC),
    Row("advocacy:interpellation_create", COORDINATORS),
    Row("advocacy:interpellation_create", COORDINATORS_POST, method="POST"),
    Row("advocacy:interpellation_detail", (404, 404, 404, 404, 200, 200), args=_private, note="centre only"),
    Row("advocacy:interpellation_detail", (404, 404, 404, 200, 200, 200), args=_co_signed, note="co-signed"),
    Row("advocacy:interpellation_detail", PUBLIC, args=_published_interpellation, note="published"),
    Row("advocacy:interpellation_edit", CARRIER_READS, args=_co_signed),
    Row("advocacy:interpellation_edit", CARRIER_POST, args=_co_signed, method="POST"),
    Row("advocacy:interpellation_chain", (404, 404, 404, 200, 200, 200), args=_co_signed),
    Row("advocacy:interpellation_chain", PUBLIC, args=_published_interpellation, note="published"),
    Row("advocacy:link_add", CARRIER_POST, args=_co_signed, method="POST"),
    Row(
        "advocacy:link_delete", (L, 404, 404, 403, 302, 302), args=lambda w: [w.chain_link.pk], method="POST"
    ),
    Row("advocacy:ask_validation", (L, 404, 404, 404, 302, 302), args=_private, method="POST"),
    Row("advocacy:validate", (L, 404, 404, 302, 302, 302), args=_co_signed, method="POST", note="co-signer"),
    Row("advocacy:send", CARRIER_READS, args=_co_signed),
    Row("advocacy:send", CARRIER_POST, args=_co_signed, method="POST"),
    Row("advocacy:answer_add", COORDINATORS, args=_published_interpellation),
    Row("advocacy:answer_add", COORDINATORS_POST, args=_published_interpellation, method="POST"),
    Row(
        "advocacy:follow_up_add", (L, 403, 403, 403, 302, 302), args=_published_interpellation, method="POST"
    ),
    Row(
        "advocacy:follow_up_done",
        (L, 403, 403, 403, 302, 302),
        args=lambda w: [w.follow_up.pk],
        method="POST",
    ),
    Row("advocacy:interpellation_close", (L, 404, 404, 404, 302, 302), args=_private, method="POST"),
    Row("advocacy:publish", COORDINATORS, args=_published_interpellation),
    Row("advocacy:publish", (L, 403, 403, 403, 302, 302), args=_published_interpellation, method="POST"),
    Row("advocacy:publication_ask", (L, 404, 404, 403, 302, 302), args=_sent, method="POST"),
    Row(
        "advocacy:publication_consent",
        (L, 404, 404, 302, 302, 302),
        args=_sent,
        method="POST",
        data={"answer": "agree"},
        note="each carrier for itself",
    ),
    Row(
        "advocacy:publication_consent",
        (L, 403, 403, 403, 302, 302),
        args=_published_interpellation,
        method="POST",
        data={"answer": "agree"},
        note="published: a reader may not",
    ),
    Row("advocacy:alert_list", (L, 403, 200, 200, 200, 200)),
    Row("advocacy:alert_create", (L, 403, 200, 200, 200, 200)),
    Row("advocacy:alert_create", (L, 403, 400, 400, 400, 400), method="POST"),
    Row("advocacy:alert_detail", (L, 404, 404, 200, 200, 200), args=_partner_alert, note="a partner's"),
    Row(
        "advocacy:alert_detail",
        (L, 404, 404, 404, 200, 200),
        args=lambda w: [w.centre_alert.pk],
        note="centre",
    ),
    Row("advocacy:alert_edit", CARRIER_READS, args=_partner_alert),
    Row("advocacy:alert_edit", CARRIER_POST, args=_partner_alert, method="POST"),
    Row("advocacy:alert_qualify", (L, 404, 404, 403, 302, 302), args=_partner_alert, method="POST"),
    Row("advocacy:alert_close", (L, 404, 404, 403, 302, 302), args=_partner_alert, method="POST"),
    # The partner who raised the alert adds its sources (an empty form: 400); its reactions are the centre's.
    Row("advocacy:alert_source_add", MEMBERS_POST, args=_partner_alert, method="POST"),
    Row("advocacy:alert_action_add", CARRIER_POST, args=_partner_alert, method="POST"),
    Row("advocacy:alert_expertise", CARRIER_POST, args=_partner_alert, method="POST"),
    # --- expertise --------------------------------------------------------------------------------------
    Row("expertise:index", SIGNED_IN),
    Row("expertise:request_create", (L, 403, 200, 200, 200, 200), note="partners for their organisation"),
    Row("expertise:request_create", (L, 403, 400, 400, 400, 400), method="POST"),
    Row("expertise:request_detail", REQUESTER, args=_request),
    *[
        Row(f"expertise:request_{action}", TRIAGE, args=_request)
        for action in ("qualify", "refuse", "redirect", "solicit", "reopen")
    ],
    *[
        Row(f"expertise:request_{action}", TRIAGE_POST, args=_request, method="POST")
        for action in ("qualify", "refuse", "redirect", "solicit", "reopen")
    ],
    Row("expertise:request_close", REQUESTER, args=_answered, note="the requester closes"),
    Row("expertise:request_close", (L, 404, 404, 400, 400, 400), args=_answered, method="POST"),
    Row("expertise:assignment_accept", TRIAGE, args=_assignment, note="the expert (or a coordinator)"),
    Row("expertise:assignment_accept", (L, 404, 404, 403, 302, 302), args=_assignment, method="POST"),
    Row("expertise:assignment_decline", TRIAGE, args=_assignment),
    Row("expertise:assignment_decline", (L, 404, 404, 403, 302, 302), args=_assignment, method="POST"),
    Row("expertise:assignment_answer", TRIAGE, args=_assignment),
    Row("expertise:assignment_answer", TRIAGE_POST, args=_assignment, method="POST"),
    Row("expertise:attachment_download", REQUESTER, args=lambda w: [w.attachment.pk]),
    Row("expertise:report", COORDINATORS),
    Row("expertise:report", COORDINATORS, query="format=csv", note="export"),
    # --- the API (by session here; test_api_tokens.py runs the same through tokens) ---------------------
    Row("api-1:openapi-json", PUBLIC),
    Row("api-1:openapi-view", PUBLIC),
    Row("api-1:list_territories", PUBLIC),
    Row("api-1:territory_indicators", PUBLIC, args=lambda w: ["92094"]),
    Row("api-1:organisations", (401, 200, 200, 200, 200, 200)),
    Row("api-1:offers", (401, 200, 200, 200, 200, 200)),
    Row("api-1:spaces", (401, 200, 200, 200, 200, 200)),
    Row("api-1:meetings", (401, 200, 200, 200, 200, 200)),
    Row("api-1:findings", (401, 200, 200, 200, 200, 200)),
    Row("api-1:campaigns", (401, 200, 200, 200, 200, 200)),
    Row("api-1:reviews", (401, 200, 200, 200, 200, 200)),
    Row("api-1:requests", (401, 200, 200, 200, 200, 200), note="each sees the requests the rule allows"),
    Row("api-1:request_detail", (401, 404, 404, 200, 200, 200), args=_request),
    Row("api-1:request_ranking", (401, 404, 404, 403, 200, 200), args=_request, note="coordinators only"),
    Row(
        "api-1:request_submit", (401, 400, 400, 400, 400, 400), method="POST", note="a body that is not JSON"
    ),
    Row("api-1:plans", PUBLIC),
    Row("api-1:plan_detail", (404, 404, 404, 200, 200, 200), args=_draft_plan),
    Row("api-1:plan_detail", PUBLIC, args=lambda w: [w.published_plan.pk], note="published"),
    Row("api-1:plan_recommendations", (404, 404, 404, 200, 200, 200), args=_draft_plan),
    Row("api-1:recommendation_detail", (404, 404, 404, 200, 200, 200), args=_carried),
    Row(
        "api-1:recommendation_detail",
        (404, 404, 404, 404, 200, 200),
        args=lambda w: [w.other.pk],
        note="other",
    ),
    Row("api-1:alerts", PUBLIC),
    Row("api-1:alert_detail", (404, 404, 404, 200, 200, 200), args=_partner_alert),
    Row("api-1:interpellations", PUBLIC),
    Row("api-1:interpellation_detail", (404, 404, 404, 200, 200, 200), args=_co_signed),
    Row("api-1:interpellation_detail", PUBLIC, args=_published_interpellation, note="published"),
    Row("api-1:interpellation_chain", (404, 404, 404, 200, 200, 200), args=_co_signed),
    Row("api-1:interpellation_chain", PUBLIC, args=_published_interpellation, note="published"),
    Row("api-1:authorities", PUBLIC),
]

# URL names that need no row, and why.
EXEMPT = {
    "api-1:api-root": "the API's root answers 404 by design: its documentation is /api/v1/docs",
}


def url_names() -> set[str]:
    """Every named URL of the platform (the Django admin apart: it has its own permission system)."""

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return {name for name in walk(get_resolver().url_patterns) if not name.startswith("admin:")}


def test_every_url_is_in_the_matrix():
    """A page or an API route added without its row in the matrix fails here."""
    missing = url_names() - {row.name for row in MATRIX} - set(EXEMPT)
    assert not missing, (
        f"add these to the permission matrix (pli/tests/test_permission_matrix.py): {sorted(missing)}"
    )
    unknown = {row.name for row in MATRIX} - url_names()
    assert not unknown, f"rows for URL names that no longer exist: {sorted(unknown)}"


@pytest.fixture
def world(personas, statistics):
    return build(personas)


API_ROWS = [row for row in MATRIX if row.name.startswith("api-1:") and row.method == "GET"]


@pytest.mark.parametrize("row", API_ROWS, ids=[row.id for row in API_ROWS])
def test_the_api_answers_a_token_as_it_answers_its_user(client, world, row):
    """A personal API token grants exactly what its user may see: the same statuses as by session."""
    url = reverse(row.name, args=row.args(world) if row.args else [])
    client.logout()
    got = [_status(client.get(url))]  # anonymous: no token
    for persona in PERSONAS[1:]:
        got.append(_status(client.get(url, HTTP_AUTHORIZATION=f"Bearer {world.secrets[persona]}")))
    assert tuple(got) == row.expect


@pytest.mark.parametrize("row", MATRIX, ids=[row.id for row in MATRIX])
def test_permission_matrix(client, world, row):
    if row.name == "network:space_calendar" and row.note == "a member's token":
        row = Row(row.name, row.expect, args=row.args, query=f"jeton={world.member.calendar_token}")
    got = observed(client, world, row)
    assert got == row.expect, "\n".join(
        f"{persona:>17}: expected {want}, got {have}"
        for persona, want, have in zip(PERSONAS, row.expect, got, strict=True)
        if want != have
    )
