"""Typed access to the JSON of a record: a value of the wrong type fails the record, naming it."""

import datetime
import math
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .source import RecordError

MAX_TIME = Decimal("999999.99")  # the largest DecimalField(max_digits=8, decimal_places=2)
MAX_QTY = 32767  # PositiveSmallIntegerField


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    names = {dict: _("an object"), list: _("a list"), str: _("text"), type(None): _("null")}
    return names.get(type(value), type(value).__name__)


class Reader:
    """Typed access to one JSON object; errors name the field by its path in the record."""

    def __init__(self, data: dict[str, Any], path: str = ""):
        self.data = data
        self.path = path

    def name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def wrong(self, key: str, expected: str) -> RecordError:
        return RecordError(
            _("%(field)s should be %(expected)s, not %(actual)s")
            % {"field": self.name(key), "expected": expected, "actual": _type_name(self.data[key])}
        )

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.wrong(key, _("text"))
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.wrong(key, _("true or false"))
        return value

    def number(self, key: str) -> int | float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.wrong(key, _("a number"))
        return value

    def value(self, key: str, kind: type) -> Any:
        """A list or an object kept as it is (empty when missing)."""
        value = self.data.get(key)
        if value is None:
            return kind()
        if not isinstance(value, kind):
            raise self.wrong(key, _("a list") if kind is list else _("an object"))
        return value

    def objects(self, key: str) -> list["Reader"]:
        readers = []
        for index, item in enumerate(self.value(key, list)):
            path = f"{self.name(key)}[{index}]"
            if not isinstance(item, dict):
                raise RecordError(
                    _("%(field)s should be %(expected)s, not %(actual)s")
                    % {"field": path, "expected": _("an object"), "actual": _type_name(item)}
                )
            readers.append(Reader(item, path))
        return readers

    def texts(self, key: str) -> list[str]:
        values = self.value(key, list)
        if not all(isinstance(item, str) for item in values):
            raise RecordError(
                _("%(field)s should be %(expected)s")
                % {"field": self.name(key), "expected": _("a list of texts")}
            )
        return values

    def external_id(self, key: str) -> str:
        value = self.text(key)
        self.check_id(key, value)
        return value

    def ids(self, key: str) -> list[str]:
        values = self.texts(key)
        for value in values:
            self.check_id(key, value)
        return values

    def check_id(self, key: str, value: str) -> None:
        if len(value) > 64:  # external_id columns
            raise RecordError(
                _("%(field)s is longer than 64 characters") % {"field": self.name(key)}
            )

    def time(self, key: str) -> tuple[Decimal | None, str]:
        """A processing time: a number, or a text that says it in words."""
        if isinstance(self.data.get(key), str):
            return None, self.data[key]
        number = self.number(key)
        if number is None:
            return None, ""
        amount = Decimal(str(number))
        if not 0 <= amount <= MAX_TIME:
            raise self.out_of_range(key)
        return amount.quantize(Decimal("0.01")), ""

    def quantity(self, key: str) -> int:
        number = self.number(key)
        return min(max(int(number or 0), 0), MAX_QTY)

    def epoch(self, key: str) -> datetime.datetime | None:
        """A moment given in milliseconds since 1970."""
        number = self.number(key)
        if number is None:
            return None
        try:
            return datetime.datetime.fromtimestamp(number / 1000, tz=datetime.UTC)
        except (OverflowError, ValueError, OSError) as exc:
            raise self.out_of_range(key) from exc

    def out_of_range(self, key: str) -> RecordError:
        return RecordError(_("%(field)s is out of range") % {"field": self.name(key)})
