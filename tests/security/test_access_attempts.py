"""Acceptance 1 (SEC, GEN-6): every endpoint that returns a dossier, its documents, forms or
results, tried by each role. The rightful user gets the page; another citizen, staff of another
unit or agency and anonymous visitors get 403, 404 or the sign-in page, never the data.

The endpoints are read from the URL conf: one that returns dossier data and has no case here
fails `test_sec_every_dossier_endpoint_has_access_cases`.
"""

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from addons.accounts.factories import StaffFactory, UserFactory
from addons.catalogue.factories import UnitFactory
from addons.dossiers import services
from addons.dossiers.factories import AgencyStaff, DossierFactory
from tests.conftest import verified_login
from tests.dossiers import conftest as dossier_fixtures
from tests.dossiers.conftest import PDF, pdf
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
}

media = dossier_fixtures.media

ROLES = ("owner", "other_citizen", "unit_staff", "other_unit_staff", "other_agency", "anonymous")


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: str  # formatted with uuid, pk, document, draft_uuid
    rightful: str
    data: dict = field(default_factory=dict)
    draft: bool = False  # the endpoint works on a draft (the owner's application in progress)
    listing: bool = False  # a list: others get their own list, without this dossier
    shows_dossier: bool = True  # the rightful user's answer names this dossier


def portal(name, method, url, **kw):
    return Case(f"dossiers:{name}", method, url, "owner", **kw)


def office(name, method, url, **kw):
    return Case(f"backoffice:{name}", method, url, "unit_staff", **kw)


CASES = [
    portal("detail", "GET", "/ho-so-cua-toi/{uuid}/"),
    portal("edit", "GET", "/ho-so-cua-toi/{draft_uuid}/sua/", draft=True),
    portal("review", "GET", "/ho-so-cua-toi/{draft_uuid}/xem-lai/", draft=True),
    portal("submit", "POST", "/ho-so-cua-toi/{draft_uuid}/nop/", draft=True, shows_dossier=False),
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

    def markers(self, dossier) -> list[str]:
        """What must not reach anyone but the rightful user."""
        return [dossier.applicant_name, dossier.applicant_identity_number]


@pytest.fixture
def world(db, media, django_capture_on_commit_callbacks) -> World:
    staff = AgencyStaff()
    other_agency = AgencyStaff(identifier="000.00.19.H37")
    other_unit = UnitFactory(parent=staff.agency, name="Phòng Bổ trợ tư pháp")
    owner = UserFactory(full_name="Lê Thị Chủ Hồ Sơ", identity_number="079123456789")
    dossier = DossierFactory(
        agency=staff.agency, applicant=owner, applicant_identity_number="079123456789"
    )
    document = services.document_add(dossier=dossier, actor=owner, uploaded=pdf())
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=dossier, actor=owner)
    act(dossier, staff.clerk, "accept", unit=staff.unit)
    dossier.refresh_from_db()
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
        "other_agency": other_agency.leader,
        "anonymous": None,
    }
    return World(staff=staff, users=users, dossier=dossier, draft=draft, document=document)


def _attempt(world: World, case: Case, role: str):
    client = Client()
    user = world.users[role]
    if user is not None:
        if user.is_staff_member:
            verified_login(client, user)
        else:
            client.force_login(user)
    url = case.url.format(
        uuid=world.dossier.uuid,
        draft_uuid=world.draft.uuid,
        pk=world.dossier.pk,
        document=world.document.pk,
        code=world.dossier.code,
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
    rightful = role == case.rightful
    body = _body(response)
    dossier = world.draft if case.draft else world.dossier
    personal = [m for m in (dossier.applicant_name, dossier.applicant_identity_number) if m]
    if case.name in PUBLIC_SUMMARY:  # the code is public there; the history is the applicant's
        markers = [*personal, 'class="history"', '"history"']
    else:
        markers = [dossier.code, *personal]
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


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_sec_access_attempt(world, case):
    """Each role in turn on the same dossier; the rightful user last (POSTs change state)."""
    problems = []
    for role in sorted(ROLES_BY_CASE(case), key=lambda r: r == case.rightful):
        url, response = _attempt(world, case, role)
        verdict, problem = _problem(world, case, role, url, response)
        ATTEMPTS.append((case.name, role, f"{case.method} {url}", _outcome(response), verdict))
        if problem:
            problems.append(f"{role}: {problem}")
    assert not problems, problems


def ROLES_BY_CASE(case: Case) -> tuple[str, ...]:  # noqa: N802
    return ROLES if case.rightful in ROLES else (*ROLES, case.rightful)
