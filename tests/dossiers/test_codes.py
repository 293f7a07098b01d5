"""Dossier codes V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX, unique under concurrency (OSS-2)."""

import datetime
import re
import threading

import pytest
from django.db import connection, connections, transaction

from addons.catalogue.factories import AgencyFactory
from addons.dossiers.codes import DossierCodeError, dossier_code_issue
from tests.services import services_required

CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")


@pytest.mark.django_db
def test_OSS_2_code_has_the_national_format_and_runs_per_agency_per_day():
    agency, other = (
        AgencyFactory(identifier="000.00.18.H37"),
        AgencyFactory(identifier="000.00.19.H37"),
    )
    day = datetime.date(2026, 11, 30)
    codes = [dossier_code_issue(agency, day) for _ in range(3)]
    assert codes == [
        "000.00.18.H37-261130-0001",
        "000.00.18.H37-261130-0002",
        "000.00.18.H37-261130-0003",
    ]
    assert all(CODE.match(c) for c in codes)
    assert dossier_code_issue(other, day) == "000.00.19.H37-261130-0001"
    assert (
        dossier_code_issue(agency, day + datetime.timedelta(days=1)) == "000.00.18.H37-261201-0001"
    )


@pytest.mark.django_db
def test_an_agency_without_identifier_cannot_issue_codes():
    with pytest.raises(DossierCodeError, match="mã định danh"):
        dossier_code_issue(AgencyFactory(identifier=""), datetime.date(2026, 11, 30))


@pytest.mark.django_db(transaction=True)
def test_OSS_2_codes_stay_unique_when_many_clerks_receive_at_once():
    if connection.vendor != "postgresql":
        if services_required():
            pytest.fail("this test needs PostgreSQL in CI")
        pytest.skip("concurrency is tested on PostgreSQL")
    agency = AgencyFactory(identifier="000.00.18.H37")
    day = datetime.date(2026, 11, 30)
    issued: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def clerk():
        try:
            barrier.wait()
            for _ in range(25):
                with transaction.atomic():
                    issued.append(dossier_code_issue(agency, day))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(issued) == 200
    assert sorted(issued) == [f"000.00.18.H37-261130-{n:04d}" for n in range(1, 201)]
