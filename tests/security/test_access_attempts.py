"""Acceptance 1 (SEC, GEN-6): every endpoint that returns a dossier, its documents, forms or
results, tried by each role. The rightful user gets the page; another citizen, staff of another
unit or agency and anonymous visitors get 403, 404 or the sign-in page, never the data.

The endpoints are read from the URL conf: one that returns dossier data and has no case here
fails `test_sec_every_dossier_endpoint_has_access_cases`.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from addons.accounts.factories import StaffFactory, UserFactory
from addons.catalogue.factories import UnitFactory
from addons.dossiers import payments, services
from addons.dossiers.factories import AgencyStaff, DossierFactory
from addons.dossiers.models import (
    Consultation,
    Dossier,
    DossierDocument,
    DossierEvent,
    Fee,
    Payment,
    Status,
)
from addons.dossiers.services.payments import payment_start
from addons.live.models import DossierMessage
from addons.live.services import message_post
from tests.conftest import verified_login
from tests.dossiers import conftest as dossier_fixtures
from tests.dossiers.conftest import PDF, pdf
from tests.dossiers.gateway import MERCHANT, SECRET, gateway_configured
from workflows.dossier import act

from .conftest import ATTEMPTS

# Namespaces whose every view concerns dossiers, and route fragments that betray one elsewhere.
DOSSIER_NAMESPACES = ("dossiers", "dossiers_api", "backoffice")
DOSSIER_ROUTE_HINTS = ("dossier", "ho-so", "giay-to", "ket-qua", "<uuid")

# In scope by the rules above, but returning no dossier data (with the reason).
NOT_DOSSIER_DATA = {
    "dossiers:apply": "starts a new application for a procedure (by procedure code)",
    "backoffice:home": "counts per worklist only",
    "backoffice:receive": "desk form for a new dossier; staff_required(receiving clerk)",
    # Server to server, signed with the gateway's secret (HMAC-SHA256); it answers only a gateway
    # code ("97 Invalid signature", ...). Forged calls are tried in
    # `test_sec_forged_payment_notifications_change_nothing`.
    "dossiers_api:payment_ipn": "gateway's signed notification; answers a code, no dossier data",
}
MESSAGE_BODY = "Nội dung tin nhắn riêng về hồ sơ"

media = dossier_fixtures.media

ROLES = (
    "owner",
    "other_citizen",
    "unit_staff",
    "other_unit_staff",
    "consulted_staff",  # staff of the unit asked for an opinion on the dossier (OSS-2)
    "other_agency",
    "anonymous",
)


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: str  # formatted with uuid, pk, document, draft_uuid
    rightful: str
    data: dict = field(default_factory=dict)
    # The dossier the endpoint works on: "dossier" (being processed), "draft" (the owner's
    # application in progress) or "owing" (a fee asked of the owner).
    target: str = "dossier"
    also: tuple[str, ...] = ()  # other roles entitled to the data
    listing: bool = False  # a list: others get their own list, without this dossier
    shows_dossier: bool = True  # the rightful user's answer names this dossier


def portal(name, method, url, **kw):
    return Case(f"dossiers:{name}", method, url, "owner", **kw)


def office(name, method, url, **kw):
    return Case(f"backoffice:{name}", method, url, "unit_staff", **kw)


CASES = [
    portal("detail", "GET", "/ho-so-cua-toi/{uuid}/"),
    portal("edit", "GET", "/ho-so-cua-toi/{draft_uuid}/sua/", target="draft"),
    portal("review", "GET", "/ho-so-cua-toi/{draft_uuid}/xem-lai/", target="draft"),
    portal(
        "submit", "POST", "/ho-so-cua-toi/{draft_uuid}/nop/", target="draft", shows_dossier=False
    ),
    portal(
        "supplement",
        "POST",
        "/ho-so-cua-toi/{uuid}/bo-sung/",
        data={"note": "x"},
        shows_dossier=False,
    ),
    portal("withdraw", "GET", "/ho-so-cua-toi/{uuid}/rut/"),
    portal("document_download", "GET", "/ho-so-cua-toi/{uuid}/giay-to/{document}/"),
    portal("my_dossiers", "GET", "/ho-so-cua-toi/?tab=in_progress", listing=True),
    Case("dossiers:lookup", "GET", "/tra-cuu-ho-so/?code={code}", "owner"),
    Case("dossiers_api:lookup", "GET", "/api/v1/dossiers/lookup/?code={code}", "owner"),
    office("dossier", "GET", "/backoffice/dossiers/{pk}/"),
    office("act", "POST", "/backoffice/dossiers/{pk}/actions/take/", shows_dossier=False),
    office("form_print", "POST", "/backoffice/dossiers/{pk}/forms/05/", shows_dossier=False),
    office("document", "GET", "/backoffice/documents/{document}/"),
    office("worklist", "GET", "/backoffice/lists/unit/", listing=True),
    # by words of the applicant name, unaccented (the code or number typed would be echoed back)
    office("search", "GET", "/backoffice/dossiers/search/?q=chu+ho+so", listing=True),
    Case(
        "backoffice:consultations",
        "GET",
        "/backoffice/consultations/",
        "consulted_staff",
        listing=True,
    ),
    Case(
        "backoffice:consultation",
        "GET",
        "/backoffice/consultations/{consultation}/",
        "consulted_staff",
        also=("unit_staff",),  # the dossier's own unit follows its question
    ),
    Case(
        "backoffice:consultation_document",
        "GET",
        "/backoffice/consultations/{consultation}/documents/{document}/",
        "consulted_staff",
        also=("unit_staff",),
    ),
    portal("pay", "POST", "/ho-so-cua-toi/{owing_uuid}/thanh-toan/{fee}/", target="owing"),
    Case(
        "dossiers:payment_return",
        "GET",
        "/thanh-toan/ket-qua/?{return_query}",
        "owner",
        target="owing",
        # Anyone else is told the answer is not valid and sent to their own list.
        listing=True,
    ),
    Case("live:portal_fragment", "GET", "/ho-so-cua-toi/{uuid}/cap-nhat/", "owner"),
    Case(
        "live:portal_message",
        "POST",
        "/ho-so-cua-toi/{uuid}/tin-nhan/",
        "owner",
        data={"body": "Tin nhắn thử"},
        shows_dossier=False,
    ),
    Case(
        "live:portal_attachment",
        "GET",
        "/ho-so-cua-toi/{uuid}/tin-nhan/{message}/tep/",
        "owner",
    ),
    Case("live_backoffice:fragment", "GET", "/backoffice/dossiers/{pk}/live/", "unit_staff"),
    Case(
        "live_backoffice:message",
        "POST",
        "/backoffice/dossiers/{pk}/messages/",
        "unit_staff",
        data={"body": "Tin nhắn thử"},
        shows_dossier=False,
    ),
    Case(
        "backoffice:overview",
        "GET",
        "/backoffice/overview/",
        "leader",
        listing=True,
        shows_dossier=False,  # counts by unit and deadline only
    ),
    Case("backoffice:register", "GET", "/backoffice/register/", "leader", listing=True),
    Case(
        "backoffice:register_export",
        "GET",
        "/backoffice/register/export.csv",
        "leader",
        listing=True,
    ),
]
CASE_BY_NAME = {case.name: case for case in CASES}
# Public by design (POR-r): anyone with the code sees procedure, status and date, not the person.
PUBLIC_SUMMARY = {"dossiers:lookup", "dossiers_api:lookup"}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n) or None
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield name, prefix + str(entry.pattern)


def dossier_endpoints() -> dict[str, str]:
    found = {}
    for name, route in _walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "django-admin/")):
            continue  # the admins: their own permissions; dossiers are not registered there
        namespace = name.split(":", 1)[0] if ":" in name else ""
        if (
            namespace in DOSSIER_NAMESPACES
            or route.startswith("api/v1/dossiers/")
            or any(hint in route for hint in DOSSIER_ROUTE_HINTS)
        ):
            found[name] = route
    return found


def test_sec_every_dossier_endpoint_has_access_cases(db):
    endpoints = dossier_endpoints()
    missing = sorted(set(endpoints) - set(CASE_BY_NAME) - set(NOT_DOSSIER_DATA))
    assert not missing, f"Dossier endpoints without access cases: {missing}"
    stale = sorted(set(CASE_BY_NAME) - set(endpoints))
    assert not stale, f"Cases for endpoints that no longer exist: {stale}"


@dataclass
class World:
    staff: AgencyStaff
    users: dict
    dossier: object
    draft: object
    document: object
    owing: object  # a fee asked of the owner, a payment started
    fee: object
    payment: object
    consultation: object
    message: object  # from the agency, with a PDF attached

    def markers(self, dossier) -> list[str]:
        """What must not reach anyone but the rightful user."""
        return [dossier.applicant_name, dossier.applicant_identity_number]


def _received(staff, owner, capture):
    dossier = DossierFactory(
        agency=staff.agency, applicant=owner, applicant_identity_number="079123456789"
    )
    document = services.document_add(dossier=dossier, actor=owner, uploaded=pdf())
    with capture(execute=True):
        services.dossier_submit(dossier=dossier, actor=owner)
    act(dossier, staff.clerk, "accept", unit=staff.unit)
    dossier.refresh_from_db()
    return dossier, document


@pytest.fixture
def gateway(settings):
    return gateway_configured(settings)


@pytest.fixture
def world(db, media, gateway, django_capture_on_commit_callbacks) -> World:
    staff = AgencyStaff()
    other_agency = AgencyStaff(identifier="000.00.19.H37")
    other_unit = UnitFactory(parent=staff.agency, name="Phòng Bổ trợ tư pháp")
    consulted_unit = UnitFactory(parent=staff.agency, name="Phòng Pháp chế")
    owner = UserFactory(full_name="Lê Thị Chủ Hồ Sơ", identity_number="079123456789")
    dossier, document = _received(staff, owner, django_capture_on_commit_callbacks)
    # The leader asks the legal unit's opinion (OSS-2): its staff read the question and papers.
    consultation = services.consultation_request(
        dossier=dossier,
        actor=staff.leader,
        unit=consulted_unit,
        question="Thửa đất có tranh chấp không?",
        days=3,
    )
    message = message_post(
        dossier=dossier,
        author=staff.specialist,
        body=MESSAGE_BODY,
        attachment=SimpleUploadedFile("thong-bao.pdf", PDF, content_type="application/pdf"),
    )
    dossier.refresh_from_db()
    owing, _ = _received(staff, owner, django_capture_on_commit_callbacks)
    services.dossier_assign(
        dossier=owing, actor=staff.specialist, handler=staff.specialist, expected_handler_id=None
    )
    fee = services.dossier_request_payment(
        dossier=owing, actor=staff.specialist, amount=Decimal(200000), description="Lệ phí"
    )
    payment = payment_start(dossier=owing, actor=owner, fee=fee)
    owing.refresh_from_db()
    assert owing.status == Status.PAYMENT_REQUESTED
    draft = DossierFactory(agency=staff.agency, applicant=owner)
    services.document_add(dossier=draft, actor=owner, uploaded=pdf())
    users = {
        "owner": owner,
        "other_citizen": UserFactory(),
        "unit_staff": staff.specialist,
        "leader": staff.leader,
        "other_unit_staff": StaffFactory(
            agency=staff.agency, unit=other_unit, roles=["Chuyên viên"], otp=True
        ),
        "consulted_staff": StaffFactory(
            agency=staff.agency, unit=consulted_unit, roles=["Chuyên viên"], otp=True
        ),
        "other_agency": other_agency.leader,
        "anonymous": None,
    }
    return World(
        staff=staff,
        users=users,
        dossier=dossier,
        draft=draft,
        document=document,
        owing=owing,
        fee=fee,
        payment=payment,
        consultation=consultation,
        message=message,
    )


def _signed(params: dict) -> dict:
    return {**params, "signature": payments.sign(params, SECRET)}


def _gateway_answer(payment, **changes) -> dict:
    params = {
        "merchant": MERCHANT,
        "txn_ref": payment.reference,
        "amount": str(int(payment.amount)),
        "response_code": "00",
        "transaction_no": "14512345",
        "pay_date": "20261130101500",
        **changes,
    }
    return _signed(params)


def _login(client, user):
    if user is not None:
        if user.is_staff_member:
            verified_login(client, user)
        else:
            client.force_login(user)


def _attempt(world: World, case: Case, role: str):
    client = Client()
    _login(client, world.users[role])
    url = case.url.format(
        uuid=world.dossier.uuid,
        draft_uuid=world.draft.uuid,
        owing_uuid=world.owing.uuid,
        pk=world.dossier.pk,
        document=world.document.pk,
        code=world.dossier.code,
        fee=world.fee.pk,
        consultation=world.consultation.pk,
        message=world.message.pk,
        return_query=urlencode(_gateway_answer(world.payment)),
    )
    call = client.post if case.method == "POST" else client.get
    return url, call(url, case.data)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _outcome(response) -> str:
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response['Location'].split('?')[0]}"
    return str(response.status_code)


def _is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and "/login/" in response["Location"]


def _problem(world: World, case: Case, role: str, url: str, response) -> tuple[str, str]:
    """(verdict, problem): the problem is empty when the outcome is the right one."""
    rightful = role == case.rightful or role in case.also
    body = _body(response)
    dossier = getattr(world, case.target)
    personal = [m for m in (dossier.applicant_name, dossier.applicant_identity_number) if m]
    if case.name in PUBLIC_SUMMARY:  # the code is public there; the history is the applicant's
        markers = [*personal, MESSAGE_BODY, 'class="history"', '"history"']
    else:
        markers = [dossier.code, *personal, MESSAGE_BODY]
    leaked = [m for m in markers if m and m.encode() in body]
    if PDF in body:
        leaked.append("file content")
    if rightful:
        if response.status_code not in (200, 302, 400) or _is_sign_in_redirect(response):
            return "allowed", f"rightful user got {_outcome(response)}"
        if response.status_code == 200 and case.shows_dossier and not leaked:
            return "allowed", "rightful user did not get the data"
        return "allowed", ""
    if leaked:
        return "LEAK", f"leaked {leaked}"
    if case.name in PUBLIC_SUMMARY:
        return "summary only", "" if response.status_code == 200 else _outcome(response)
    if case.listing:
        # Their own list: allowed to answer, never with this dossier.
        return "refused", "" if response.status_code in (200, 302, 403, 404) else _outcome(response)
    if response.status_code in (403, 404):
        return "refused", ""
    if role == "anonymous" and _is_sign_in_redirect(response):
        return "refused", ""
    return "NOT REFUSED", f"got {_outcome(response)}"


def _writes() -> tuple:
    """What a refused attempt must leave as it was."""
    return (
        DossierEvent.objects.count(),
        DossierDocument.objects.count(),
        DossierMessage.objects.count(),
        sorted(Dossier.objects.values_list("pk", "status", "handler_id")),
        sorted(Payment.objects.values_list("pk", "state")),
        sorted(Fee.objects.values_list("pk", "state")),
        sorted(Consultation.objects.values_list("pk", "state")),
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_sec_access_attempt(world, case):
    """Each role in turn on the same dossier; the rightful users last (POSTs change state), and
    nothing written before them."""
    problems = []
    before = _writes()
    entitled = {case.rightful, *case.also}
    for role in sorted(ROLES_BY_CASE(case), key=lambda r: r in entitled):
        if role in entitled and before is not None:
            if _writes() != before:
                problems.append(f"a refused attempt wrote: {before} → {_writes()}")
            before = None
        url, response = _attempt(world, case, role)
        verdict, problem = _problem(world, case, role, url, response)
        ATTEMPTS.append((case.name, role, f"{case.method} {url}", _outcome(response), verdict))
        if problem:
            problems.append(f"{role}: {problem}")
    assert not problems, problems


def test_sec_forged_payment_notifications_change_nothing(world, client):
    """The IPN (OSS-2) from anyone but the gateway: unsigned, signed with another key, or a signed
    notice with the amount changed. Every role tries; the payment, fee and dossier stay as they
    were, and the answer is the gateway's code only."""
    payment = world.payment
    genuine = _gateway_answer(payment)
    forged = {
        "unsigned": {k: v for k, v in genuine.items() if k != "signature"},
        "other key": {**genuine, "signature": payments.sign(genuine, "khoa-gia-mao")},
        "amount changed": {**genuine, "amount": "1000"},
    }
    problems = []
    for role in ROLES:
        for how, params in forged.items():
            client = Client()
            _login(client, world.users[role])
            response = client.post("/api/v1/dossiers/payments/ipn/", params)
            payment.refresh_from_db()
            world.fee.refresh_from_db()
            world.owing.refresh_from_db()
            body = response.content
            changed = (
                payment.state != Payment.State.PENDING
                or world.fee.state != Fee.State.REQUESTED
                or world.owing.status != Status.PAYMENT_REQUESTED
            )
            leaked = [
                m
                for m in (world.owing.code, world.owing.applicant_name, payment.reference)
                if m.encode() in body
            ]
            code = response.json().get("RspCode") if response.status_code == 200 else None
            verdict = "LEAK" if leaked else "CHANGED" if changed else "refused"
            ATTEMPTS.append(("dossiers_api:payment_ipn", role, f"POST ({how})", f"{code}", verdict))
            if changed or leaked or code != "97":
                problems.append(f"{role}/{how}: code {code}, changed {changed}, leaked {leaked}")
    # The genuine notice still settles it: the refusals above were not for another reason.
    response = Client().post("/api/v1/dossiers/payments/ipn/", genuine)
    payment.refresh_from_db()
    ATTEMPTS.append(
        ("dossiers_api:payment_ipn", "gateway", "POST (signed)", response.json()["RspCode"], "ok")
    )
    assert not problems, problems
    assert response.json()["RspCode"] == "00" and payment.state == Payment.State.PAID


def ROLES_BY_CASE(case: Case) -> tuple[str, ...]:  # noqa: N802
    return ROLES if case.rightful in ROLES else (*ROLES, case.rightful)
