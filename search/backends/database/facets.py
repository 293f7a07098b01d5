"""Criteria and facet counts over a text search's matches, from the criteria each entry holds.

The same rules as the catalogue's SQL (`procedure_queryset`, `procedure_facets`): a filter value
names a catalogue entry by code, national id or primary key (an agency also by its identifier);
each criterion's facet counts the matches meeting every other criterion. Working on the entries'
copy in memory keeps a search with its facets within a few milliseconds.
"""

from collections import Counter
from collections.abc import Callable, Iterable

from addons.catalogue.models import Agency, Field, Procedure, ProcedureChannel, SubjectType
from addons.catalogue.selectors import AGENCY_FACET_SIZE, LEVEL_FLAGS, _agency_q, _key_q

from .names import NameIndex

ENTRIES = {"field": Field, "agency": Agency, "subject": SubjectType}
FIXED = {
    "level": [(k, Procedure.Level(k).label) for k in LEVEL_FLAGS],
    "channel": ProcedureChannel.Method.choices,
    "online_service": Procedure.OnlineService.choices,
}
ORDER = ("field", "agency", "subject", "level", "channel", "online_service")


def _accepted_keys(criterion: str, value: str) -> set[str]:
    """The keys (as entries store them) that a filter value stands for."""
    if criterion not in ENTRIES:
        return {value}
    model = ENTRIES[criterion]
    condition = _agency_q(value) if model is Agency else _key_q("", value)
    return {entry.key for entry in model.objects.filter(condition)}


def criteria_tests(criteria: dict[str, str]) -> dict[str, Callable[[dict], bool]]:
    """One test per active criterion, on an entry's criteria."""
    tests = {}
    for criterion, value in criteria.items():
        if criterion in FIXED and value not in {key for key, _label in FIXED[criterion]}:
            continue  # an unknown value is reported by the filters, and ignored like the SQL does
        if value:
            keys = _accepted_keys(criterion, value)
            tests[criterion] = lambda held, c=criterion, k=keys: not k.isdisjoint(held.get(c, ()))
    return tests


def labels() -> dict[str, dict[str, str]]:
    """Names of the field, agency and subject entries by key."""
    return {
        criterion: {entry.key: entry.name for entry in model.objects.only(*_KEY_FIELDS[criterion])}
        for criterion, model in ENTRIES.items()
    }


_KEY_FIELDS = {
    "field": ("code", "external_id", "name"),
    "agency": ("identifier", "code", "external_id", "name"),
    "subject": ("code", "external_id", "name"),
}


def facet_counts(
    ids: Iterable[int], names: NameIndex, tests: dict[str, Callable[[dict], bool]]
) -> tuple[list[int], dict[str, list[dict]]]:
    """The ids meeting every test (in the given order), and the facets in the catalogue's shape."""
    counters = {name: Counter() for name in ORDER}
    kept = []
    for pk in ids:
        name = names.names.get(pk)
        if name is None or not name.published:
            continue
        held = name.criteria
        failed = [c for c, test in tests.items() if not test(held)]
        if not failed:
            kept.append(pk)
        if len(failed) > 1:
            continue
        for criterion in failed or ORDER:
            counters[criterion].update(held.get(criterion, ()))
    facets = {}
    for criterion in ORDER:
        counts = counters[criterion]
        if criterion in FIXED:
            facets[criterion] = [
                {"key": key, "name": str(label), "count": counts.get(key, 0)}
                for key, label in FIXED[criterion]
            ]
            continue
        named = names.labels[criterion]
        rows = sorted(
            ({"key": k, "name": named[k], "count": n} for k, n in counts.items() if k in named),
            key=lambda f: (-f["count"], f["name"]),
        )
        facets[criterion] = rows[:AGENCY_FACET_SIZE] if criterion == "agency" else rows
    return kept, facets
