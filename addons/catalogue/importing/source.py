"""Reading a DVCQG folder: `catalog.jsonl`, `details/<code>.json`, `provinces.json`.

Every string is normalised (NFC, stripped) as soon as it is read, so that the rest of the import and
the fingerprint see one spelling of each text. A line or file that cannot be read becomes a
`SourceRecord` with an error, reported with the file name (and line number) and the reason.
"""

import hashlib
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

CATALOG_FILE = "catalog.jsonl"
DETAILS_DIR = "details"
PROVINCES_FILE = "provinces.json"
# Part of every fingerprint: raise it when the mapping changes, so the next run rewrites every record.
FORMAT_VERSION = 1


class CatalogueImportError(Exception):
    """The folder cannot be imported at all (missing folder or catalogue, no home page)."""


class RecordError(ValueError):
    """One record cannot be imported; the message says why, for the operator."""


def normalise(value: Any) -> Any:
    """The value with every string, at any depth, in NFC and without surrounding whitespace."""
    if isinstance(value, str):
        if not unicodedata.is_normalized("NFC", value):
            value = unicodedata.normalize("NFC", value)
        return value.strip()
    if isinstance(value, dict):
        return {key: normalise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalise(item) for item in value]
    return value


def fingerprint(record: "SourceRecord") -> str:
    """sha256 of the normalised record, its completeness and the format version."""
    payload = json.dumps(
        [FORMAT_VERSION, record.completeness, record.data],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class SourceRecord:
    """One procedure as read from the folder: its data, or why it could not be read."""

    origin: str
    code: str = ""
    completeness: str = "summary"
    data: dict[str, Any] | None = None
    error: str = ""


def _line_origin(number: int) -> str:
    return _("%(file)s, line %(line)d") % {"file": CATALOG_FILE, "line": number}


def _json_error(exc: ValueError) -> str:
    return _("invalid JSON (%(error)s)") % {"error": exc}


class DvcqgFolder:
    """A folder in the format of the national portal's public API."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if not self.path.is_dir():
            raise CatalogueImportError(_("No folder at %(path)s") % {"path": self.path})
        self.catalog = self.path / CATALOG_FILE
        if not self.catalog.is_file():
            raise CatalogueImportError(
                _("No %(file)s in %(path)s") % {"file": CATALOG_FILE, "path": self.path}
            )

    def provinces(self) -> tuple[list[dict[str, Any]], str]:
        """The province rows, and an error message when the file is there but unreadable."""
        path = self.path / PROVINCES_FILE
        if not path.is_file():
            return [], ""
        try:
            wrapper = json.loads(path.read_bytes())
        except ValueError as exc:
            return [], _json_error(exc)
        data = wrapper.get("data") if isinstance(wrapper, dict) else None
        rows = data.get("rows") if isinstance(data, dict) else None
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            return [], _('expected {"data": {"rows": [...]}}')
        return normalise(rows), ""

    def records(self) -> Iterator[SourceRecord]:
        """Every procedure: the catalogue's lines in order, each from its detail file when there is
        one, then the detail files that no catalogue line names."""
        details_dir = self.path / DETAILS_DIR
        details = (
            {normalise(path.stem): path for path in sorted(details_dir.glob("*.json"))}
            if details_dir.is_dir()
            else {}
        )
        seen: dict[str, int] = {}
        with self.catalog.open("rb") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                origin = _line_origin(number)
                try:
                    data = normalise(json.loads(line))
                except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
                    yield SourceRecord(origin=origin, error=_json_error(exc))
                    continue
                if not isinstance(data, dict):
                    yield SourceRecord(origin=origin, error=_("not a JSON object"))
                    continue
                code = data.get("code")
                if not isinstance(code, str) or not code:
                    yield SourceRecord(origin=origin, error=_("the record has no code"))
                    continue
                if code in seen:
                    yield SourceRecord(
                        origin=origin,
                        code=code,
                        error=_("code %(code)s is already on line %(line)d")
                        % {"code": code, "line": seen[code]},
                    )
                    continue
                seen[code] = number
                detail = details.pop(code, None)
                if detail is None:
                    yield SourceRecord(origin=origin, code=code, data=data)
                else:
                    yield self._detail(code, detail)
        for code, path in details.items():
            yield self._detail(code, path)

    def _detail(self, code: str, path: Path) -> SourceRecord:
        origin = f"{DETAILS_DIR}/{path.name}"
        record = SourceRecord(origin=origin, code=code, completeness="full")
        try:
            wrapper = json.loads(path.read_bytes())
        except ValueError as exc:
            record.error = _json_error(exc)
            return record
        except OSError as exc:
            record.error = _("cannot be read (%(error)s)") % {"error": exc.strerror}
            return record
        data = wrapper.get("data") if isinstance(wrapper, dict) else None
        if not isinstance(data, dict) or wrapper.get("code", "OK") != "OK":
            record.error = _('expected {"code": "OK", "data": {...}}')
            return record
        data = normalise(data)
        if not isinstance(data.get("code"), str) or not data["code"]:
            record.error = _("the record has no code")
        elif data["code"] != code:
            record.error = _("the record's code %(code)s does not match the file name") % {
                "code": data["code"]
            }
        else:
            record.data = data
        return record
