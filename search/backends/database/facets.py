"""Criteria and facet counts over a text search's matches, from the criteria each entry holds.

The same rules as the catalogue's SQL (`procedure_queryset`, `procedure_facets`): a filter value
names a catalogue entry by code, national id or primary key (an agency also by its identifier);
each criterion's facet counts the matches meeting every other criterion. Working on the entries'
copy in memory keeps a search with its facets within a few milliseconds.
"""

from collections import Counter
from collections.abc import Iterable

from addons.catalogue.models import Agency, Field, Procedure, ProcedureChannel, SubjectType
from addons.catalogue.selectors import AGENCY_FACET_SIZE, LEVEL_FLAGS

from .names import NameIndex, numbers_counted

ENTRIES = {"field": Field, "agency": Agency, "subject": SubjectType}
FIXED = {
    "level": [(k, Procedure.Level(k).label) for k in LEVEL_FLAGS],
    "channel": ProcedureChannel.Method.choices,
    "online_service": Procedure.OnlineService.choices,
}
ORDER = ("field", "agency", "subject", "level", "channel", "online_service")


def criteria_tests(criteria: dict[str, str], names: NameIndex) -> dict[str, set[str]]:
    """The keys each active criterion accepts (an entry's filter value stands for its keys)."""
    tests = {}
    for criterion, value in criteria.items():
        if criterion in FIXED and value not in {key for key, _label in FIXED[criterion]}:
            continue  # an unknown value is reported by the filters, and ignored like the SQL does
        if value:
            keys = {value}
            if criterion in ENTRIES:
                aliases = names.aliases.get(criterion, {})
                keys = set(aliases.get(value, ()))
                if value.isdigit():
                    keys |= aliases.get(str(int(value)), set())
            tests[criterion] = keys
    return tests


def labels() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, set[str]]]]:
    """Names of the field, agency and subject entries by key, and the keys each filter value
    stands for (an entry is named by its code, national id or primary key; an agency also by its
    identifier), as the catalogue's `_key_q` and `_agency_q` read them."""
    named: dict[str, dict[str, str]] = {}
    aliases: dict[str, dict[str, set[str]]] = {}
    for criterion, model in ENTRIES.items():
        named[criterion] = {}
        aliases[criterion] = {}
        for entry in model.objects.only(*_KEY_FIELDS[criterion]):
            named[criterion][entry.key] = entry.name
            values = {entry.code, entry.external_id, str(entry.pk)}
            if model is Agency:
                values.add(entry.identifier)
            for value in values - {"", None}:
                aliases[criterion].setdefault(value, set()).add(entry.key)
    return named, aliases


_KEY_FIELDS = {
    "field": ("code", "external_id", "name"),
    "agency": ("identifier", "code", "external_id", "name"),
    "subject": ("code", "external_id", "name"),
}


def facet_counts(
    ids: Iterable[int], names: NameIndex, tests: dict[str, set[str]]
) -> tuple[list[int] | set[int], dict[str, list[dict]]]:
    """The ids meeting every test (a set for a set, in order for a list), and the facets in the
    catalogue's shape.

    Names holding the same criteria form a group: tests and counts work on the groups (a few
    thousand) with set operations, not on the matches. The whole catalogue (`names.published`,
    the catalogue without text) has its group sizes and counts made once per load.
    """
    ordered = not isinstance(ids, (set, frozenset))
    if ordered:
        ids = list(ids)
    group_of = names.group_of
    whole = ids is names.published
    if whole:
        per_group, unknown = names.group_sizes(), 0
    else:
        per_group = Counter(map(group_of.get, ids))  # unpublished and unknown ids: under None
        unknown = per_group.pop(None, 0)
    present = per_group.keys()
    # The present groups failing each test: those holding none of its keys.
    fails = {c: present - names.groups_holding(c, keys) for c, keys in tests.items()}
    failing: set[int] = set().union(*fails.values())
    if ordered:
        kept = [pk for pk in ids if pk in group_of and group_of[pk] not in failing]
    elif not failing and not unknown:
        kept = ids
    else:
        # Set operations over the groups' members (the smaller side), not a test per id.
        passing = [names.members[g] for g in present if g not in failing]
        failed = [names.members[g] for g in failing]
        if sum(map(len, failed)) <= sum(map(len, passing)):
            kept = ids.difference(*failed)
            if unknown:
                kept = {pk for pk in kept if pk in group_of}
        else:
            kept = set().union(*passing) & ids
    # Numbers held by the groups meeting every test, counted by their number of matches (for the
    # whole catalogue: its counts less those of the failing groups, when they are fewer).
    groups = names.groups
    if whole and len(failing) * 2 < len(present):
        numbered = names.whole_counts().copy()
        numbered.subtract(numbers_counted(failing, per_group, groups))
    else:
        numbered = numbers_counted(
            [g for g in present if g not in failing] if failing else present, per_group, groups
        )
    # A group failing one test only counts under that criterion (its facet ignores itself).
    partial: Counter[tuple[str, str]] = Counter()
    for criterion, failed_here in fails.items():
        others = set().union(*(f for c, f in fails.items() if c != criterion))
        for group in failed_here - others:
            n = per_group[group]
            for key in groups[group][0].get(criterion, ()):
                partial[(criterion, key)] += n
    counters = {criterion: Counter() for criterion in ORDER}
    pairs = names.pairs_by_id
    for number, n in numbered.items():
        criterion, key = pairs[number]
        if n > 0 and criterion in counters:  # a subtraction leaves noughts behind
            counters[criterion][key] += n
    for (criterion, key), n in partial.items():
        if criterion in counters:
            counters[criterion][key] += n
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
