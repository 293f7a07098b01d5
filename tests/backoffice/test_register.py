"""Form 06, the dossier register: the agency's dossiers received in a period, on screen and as
CSV with a byte-order mark (OSS-2, OSS-3)."""

import csv
import io
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from addons.dossiers.forms import REGISTER_HEADER
from tests.backoffice.conftest import listed

pytestmark = pytest.mark.django_db


def received_on(day: int):
    return timezone.make_aware(datetime(2026, 11, day, 9, 30))


@pytest.fixture
def received_dossiers(staff, other_agency):
    inside = [
        listed(
            staff,
            code=f"000.00.18.H37-2611{day:02d}-0001",
            received_at=received_on(day),
            applicant_name=f"Người {day}",
        )
        for day in (3, 10, 17)
    ]
    listed(staff, code="000.00.18.H37-261125-0001", received_at=received_on(25))
    listed(staff, code="000.00.18.H37-261101-0009", received_at=None)  # not received yet
    listed(other_agency, code="000.00.19.H37-261110-0001", received_at=received_on(10))
    return inside


PERIOD = {"date_from": "2026-11-01", "date_to": "2026-11-20"}


def test_OSS_2_the_register_csv_has_the_header_and_one_row_per_dossier_received(
    signed_in, staff, received_dossiers
):
    response = signed_in(staff.clerk).get(
        reverse("backoffice:register_export", args=["csv"]), PERIOD
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == REGISTER_HEADER
    assert [row[1] for row in rows[1:]] == [d.code for d in received_dossiers]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]


def test_OSS_2_the_register_page_lists_the_period(signed_in, staff, received_dossiers):
    client = signed_in(staff.leader)
    html = client.get(reverse("backoffice:register"), PERIOD).content.decode()
    for dossier in received_dossiers:
        assert dossier.code in html
    assert "000.00.18.H37-261125-0001" not in html and "000.00.19.H37" not in html
    assert "export.csv?date_from=2026-11-01&amp;date_to=2026-11-20" in html
    wrong = client.get(
        reverse("backoffice:register"), {"date_from": "2026-11-20", "date_to": "2026-11-01"}
    )
    assert wrong.status_code == 400
    pdf = client.get(reverse("backoffice:register_export", args=["pdf"]), PERIOD)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
