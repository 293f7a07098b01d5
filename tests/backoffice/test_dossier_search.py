"""Dossier search for staff (OSS-4): within what they may open, by any field, names folded."""

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from addons.backoffice.access import staff_of
from addons.catalogue.factories import ProcedureFactory
from addons.dossiers.models import Dossier, Status
from search.dossiers import DossierQuery, masked_identity, search_dossiers
from tests.backoffice.conftest import listed

pytestmark = pytest.mark.django_db

NAME = "Nguyễn Văn Đông"
IDENTITY = "001085012345"


def found(user, **query) -> list[str]:
    return [d.code for d in search_dossiers(staff_of(user), DossierQuery(**query)).dossiers]


def codes(response) -> list[str]:
    return re.findall(
        r'data-dossier="\d+">\s*<td class="nowrap"><a href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


@pytest.fixture
def everywhere(staff, other_agency):
    """The same applicant with a dossier in the specialist's unit, at the desk of the same agency,
    and in another agency (each with its own code)."""
    same = {"applicant_name": NAME, "applicant_identity_number": IDENTITY}
    return {
        "unit": listed(staff, code="H37-UNIT-0001", unit=staff.unit, **same),
        "desk": listed(staff, code="H37-DESK-0001", unit=staff.desk, **same),
        "other": listed(other_agency, code="H38-OTHER-0001", unit=other_agency.unit, **same),
    }


@pytest.mark.parametrize(
    "query",
    [
        {"text": NAME},
        {"text": "nguyen van dong"},
        {"text": IDENTITY},
        {"text": "H38-OTHER-0001"},
        {"text": "h38-other-0001"},
        {"procedure": ""},
        {"status": Status.PROCESSING},
    ],
    ids=["name", "folded-name", "identity", "code", "code-lower", "nothing", "status"],
)
def test_OSS_4_no_staff_member_finds_a_dossier_outside_their_agency_or_unit(
    everywhere, staff, other_agency, query
):
    """A specialist sees their unit's dossiers; the desk and leaders their agency's; nobody another
    agency's, whatever field they search by."""
    in_unit, at_desk, other = (everywhere[k].code for k in ("unit", "desk", "other"))
    by_code = query.get("text", "").upper() == other
    assert found(staff.specialist, **query) == ([] if by_code else [in_unit])
    for user in (staff.clerk, staff.leader):
        assert sorted(found(user, **query)) == ([] if by_code else sorted([in_unit, at_desk]))
    assert found(other_agency.clerk, **query) == [other]


def test_OSS_4_a_dossier_handled_once_stays_findable_by_its_handler(staff):
    mine = listed(
        staff, code="H37-MINE", unit=staff.desk, handler=staff.specialist2, applicant_name=NAME
    )
    assert found(staff.specialist2, text="nguyen van dong") == [mine.code]
    assert found(staff.specialist, text="nguyen van dong") == []


def test_OSS_4_names_match_without_diacritics_word_by_word(staff):
    dong = listed(staff, code="N-1", applicant_name="Nguyễn Văn Đông")
    listed(staff, code="N-2", applicant_name="Nguyễn Văn Anh Đồng")
    listed(staff, code="N-3", applicant_name="Trần Thị Đông")
    ta = listed(staff, code="N-4", applicant_name="Công ty TNHH Tân Á")
    listed(staff, code="N-5", applicant_name="Nguyễn Văn Đông Anh")
    assert sorted(found(staff.leader, text="nguyen van dong")) == [dong.code, "N-2", "N-5"]
    assert sorted(found(staff.leader, text="NGUYỄN  văn   ĐÔNG  anh")) == ["N-2", "N-5"]
    assert sorted(found(staff.leader, text="dong")) == ["N-1", "N-2", "N-3", "N-5"]
    assert found(staff.leader, text="van an") == []
    assert found(staff.leader, text="cong ty tan a") == [ta.code]
    assert found(staff.leader, text="nguyen van do") == []  # whole words, not beginnings


def test_OSS_4_codes_and_identity_numbers_match_exactly(staff):
    listed(staff, code="000.00.18.H37-261128-0001", applicant_identity_number="001085012345")
    listed(staff, code="000.00.18.H37-261128-0002", applicant_identity_number="001085012346")
    assert found(staff.leader, text="000.00.18.H37-261128-0001") == ["000.00.18.H37-261128-0001"]
    assert found(staff.leader, text=" 001085012346 ") == ["000.00.18.H37-261128-0002"]
    assert found(staff.leader, text="00108501234") == []
    assert found(staff.leader, text="000.00.18.H37-261128") == []


def test_OSS_4_filters_by_procedure_status_and_dates(staff):
    birth = ProcedureFactory(code="1.001193", name="Đăng ký khai sinh")
    marriage = ProcedureFactory(code="1.000894", name="Đăng ký kết hôn")
    day = timezone.make_aware(datetime(2026, 11, 2, 9, 0))
    listed(staff, code="F-1", procedure=birth, received_at=day, due_at=day + timedelta(days=3))
    listed(staff, code="F-2", procedure=marriage, received_at=day + timedelta(days=10))
    listed(
        staff,
        code="F-3",
        procedure=birth,
        status=Status.RETURNED,
        received_at=day + timedelta(days=20),
        due_at=day + timedelta(days=25),
    )
    leader = staff.leader
    assert sorted(found(leader, procedure="1.001193")) == ["F-1", "F-3"]
    assert sorted(found(leader, procedure="dang ky khai sinh")) == ["F-1", "F-3"]
    assert found(leader, procedure="ket hon") == ["F-2"]
    assert found(leader, status=Status.RETURNED) == ["F-3"]
    # a period covers whole local days, both ends included; latest received first
    start, end = day.date(), day.date() + timedelta(days=10)
    assert found(leader, received_from=start, received_to=end) == ["F-2", "F-1"]
    assert found(leader, received_from=end) == ["F-3", "F-2"]
    assert found(leader, due_from=start, due_to=start + timedelta(days=3)) == ["F-1"]
    assert found(leader, procedure="khai sinh", due_from=start + timedelta(days=4)) == ["F-3"]


def test_OSS_4_results_come_in_pages(staff):
    for n in range(7):
        listed(staff, code=f"P-{n}", received_at=timezone.now() - timedelta(hours=n))
    staff_member = staff_of(staff.leader)
    first = search_dossiers(staff_member, DossierQuery(per_page=3))
    assert (first.total, first.pages, first.has_next, first.has_previous) == (7, 3, True, False)
    assert [d.code for d in first.dossiers] == ["P-0", "P-1", "P-2"]
    last = search_dossiers(staff_member, DossierQuery(per_page=3, page=99))
    assert last.page == 3 and [d.code for d in last.dossiers] == ["P-6"]


def test_masked_identity_keeps_the_last_four_digits():
    assert masked_identity("001085012345") == "********2345"
    assert masked_identity("0312345678") == "******5678"
    assert masked_identity("123") == "***"
    assert masked_identity("") == ""


def test_OSS_4_the_search_page_masks_identity_numbers_and_pages(signed_in, staff, everywhere):
    client = signed_in(staff.clerk)
    home = client.get(reverse("backoffice:home"))
    assert reverse("backoffice:search") in home.content.decode()
    empty = client.get(reverse("backoffice:search"))
    assert empty.status_code == 200 and codes(empty) == []
    response = client.get(reverse("backoffice:search"), {"q": "nguyen van dong"})
    assert response.status_code == 200
    page = response.content.decode()
    assert sorted(codes(response)) == sorted(["H37-DESK-0001", "H37-UNIT-0001"])
    assert IDENTITY not in page
    assert "********2345" in page
    by_identity = client.get(reverse("backoffice:search"), {"q": IDENTITY, "status": "processing"})
    assert sorted(codes(by_identity)) == sorted(["H37-DESK-0001", "H37-UNIT-0001"])


def test_OSS_4_the_search_page_refuses_a_period_ending_before_it_starts(signed_in, staff):
    response = signed_in(staff.leader).get(
        reverse("backoffice:search"), {"received_from": "2026-11-10", "received_to": "2026-11-01"}
    )
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()


def test_OSS_4_the_search_page_is_for_staff_only(client, staff):
    response = client.get(reverse("backoffice:search"), {"q": IDENTITY})
    assert response.status_code == 302


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_OSS_4_folded_names_and_identity_numbers_are_found_through_indexes(staff):
    """The query's `search_fold(applicant_name)` is the indexed expression (no scan of the
    agency's dossiers folding each name)."""
    from search.backends.database.dossiers import DatabaseDossierSearch

    listed(staff, code="I-1", applicant_name=NAME, applicant_identity_number=IDENTITY)
    backend = DatabaseDossierSearch()
    plans = {}
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for text in ("nguyen van dong", IDENTITY):
            sql, params = backend.narrow(
                Dossier.objects.all(), DossierQuery(text=text)
            ).query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plans[text] = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_dossier_applicant_trgm" in plans["nguyen van dong"]
    assert "search_dossier_identity" in plans[IDENTITY]
