"""Acceptance: the real national sample in /work/shared/data/dvcqg imports completely.

Skipped where the sample is not there (it is not part of the repository).
"""

import json
import unicodedata
from pathlib import Path

import pytest
from django.utils import translation

from addons.catalogue.importing import catalogue_import
from addons.catalogue.models import Procedure, ProcedurePage

REAL = Path(__file__).resolve().parents[2].parent / "shared/data/dvcqg"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not (REAL / "catalog.jsonl").is_file(), reason=f"no sample at {REAL}"),
]


def distinct_codes() -> set[str]:
    """The codes of the sample as the import reads them: NFC, without surrounding spaces."""
    lines = (REAL / "catalog.jsonl").read_text().splitlines()
    codes = {json.loads(line)["code"] for line in lines if line.strip()}
    codes |= {path.stem for path in (REAL / "details").glob("*.json")}
    return {unicodedata.normalize("NFC", code).strip() for code in codes}


def test_the_real_sample_imports_every_distinct_code_and_reruns_unchanged():
    codes = distinct_codes()
    # 5,670 lines, but " 1.014325" (line 973) and "1.014325" (line 1309) are two records with
    # one code once the space is stripped: the second is reported, not imported over the first.
    assert len(codes) == 5669

    with translation.override("en"):
        report = catalogue_import(path=REAL)

    assert report.failures == [("catalog.jsonl, line 1309", "code 1.014325 is already on line 973")]
    assert report.created == len(codes)
    assert set(Procedure.objects.values_list("code", flat=True)) == codes
    assert Procedure.objects.filter(completeness="full").count() == 502
    assert ProcedurePage.objects.live().count() == len(codes)
    birth = Procedure.objects.get(code="1.001193")
    assert birth.completeness == "full"
    assert birth.field.name == "Hộ tịch"
    assert birth.channels.count() == 3

    again = catalogue_import(path=REAL)

    assert (again.created, again.updated, again.unchanged) == (0, 0, len(codes))
