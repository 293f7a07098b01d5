"""Dossier codes: `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX` (Circular 01/2018/TT-VPCP art. 19).

The receiving agency's identifier, the receipt date and a 4-digit running number per agency per
day. The number comes from one atomic `INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, so that
clerks and the portal receiving at the same moment never get the same number.
"""

import datetime

from django.db import connection
from django.utils.translation import gettext as _

from .models import DossierCounter

MAX_PER_DAY = 9999


class DossierCodeError(Exception):
    pass


def next_running_number(agency_id: int, day: datetime.date) -> int:
    table = connection.ops.quote_name(DossierCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last_number) VALUES (%s, %s, 1) "  # noqa: S608 - table name from the model  # nosec B608
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [agency_id, day],
        )
        return cursor.fetchone()[0]


def dossier_code_issue(agency, day: datetime.date) -> str:
    """The next dossier code of `agency` for `day` (the local receipt date)."""
    if not agency.identifier:
        raise DossierCodeError(
            _("Agency %(name)s has no identifier (mã định danh).") % {"name": agency.name}
        )
    number = next_running_number(agency.pk, day)
    if number > MAX_PER_DAY:
        raise DossierCodeError(
            _("More than 9,999 dossiers in one day for %(name)s.") % {"name": agency.name}
        )
    return f"{agency.identifier}-{day:%y%m%d}-{number:04d}"
