"""Criteria and facet counts over a text search's matches, from the criteria each entry holds.

The same rules as the catalogue's SQL (`procedure_queryset`, `procedure_facets`): a filter value
names a catalogue entry by code, national id or primary key (an agency also by its identifier);
each criterion's facet counts the matches meeting every other criterion. Working on the entries'
copy in memory keeps a search with its facets within a few milliseconds.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain

from addons.catalogue.models import Agency, Field, Procedure, ProcedureChannel, SubjectType
from addons.catalogue.selectors import AGENCY_FACET_SIZE, LEVEL_FLAGS

from .names import NameIndex

ENTRIES = {"field": Field, "agency": Agency, "subject": SubjectType}
FIXED = {
    "level": [(k, Procedure.Level(k).label) for k in LEVEL_FLAGS],
    "channel": ProcedureChannel.Method.choices,
    "online_service": Procedure.OnlineService.choices,
}
ORDER = ("field", "agency", "subject", "level", "channel", "online_service")


def criteria_tests(criteria: dict[str, str], names: NameIndex) -> dict[str, Callable[[dict], bool]]:
    """One test per active criterion, on an entry's criteria."""
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
            tests[criterion] = lambda held, c=criterion, k=keys: not k.isdisjoint(held.get(c, ()))
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
    ids: Iterable[int], names: NameIndex, tests: dict[str, Callable[[dict], bool]]
) -> tuple[list[int] | set[int], dict[str, list[dict]]]:
    """The ids meeting every test (a set for a set, in order for a list), and the facets in the
    catalogue's shape.

    Names holding the same criteria form a group: each group is tested and counted once, with
    its number of matches, so the work follows the groups (hundreds) rather than the matches.
    """
    ordered = not isinstance(ids, (set, frozenset))
    if ordered:
        ids = list(ids)
    group_of = names.group_of
    per_group = Counter(map(group_of.get, ids))  # unpublished and unknown ids count under None
    unknown = per_group.pop(None, 0)
    groups = names.groups
    failed_in: dict[int, list[str]] = dict.fromkeys(per_group, [])
    if tests:
        for group in per_group:
            held = groups[group][0]
            failed_in[group] = [c for c, test in tests.items() if not test(held)]
    failing = [group for group, failed in failed_in.items() if failed]
    if ordered:
        kept = [pk for pk in ids if pk in group_of and not failed_in[group_of[pk]]]
    elif not failing and not unknown:
        kept = ids
    else:
        # Set operations over the groups' members (the smaller side), not a test per id.
        passing = [names.members[g] for g in per_group if not failed_in[g]]
        failed = [names.members[g] for g in failing]
        if sum(map(len, failed)) <= sum(map(len, passing)):
            kept = ids.difference(*failed)
            if unknown:
                kept = {pk for pk in kept if pk in group_of}
        else:
            kept = set().union(*passing) & ids
    # Pairs are numbers: groups matched once are counted in C, the others by their number of
    # matches; a group failing one test counts under that criterion only.
    once = [groups[g][1] for g, n in per_group.items() if n == 1 and not failed_in[g]]
    numbered = Counter(chain.from_iterable(once))
    partial: Counter[tuple[str, str]] = Counter()
    for group, n in per_group.items():
        failed = failed_in[group]
        if len(failed) > 1 or (n == 1 and not failed):
            continue
        if failed:
            for key in groups[group][0].get(failed[0], ()):
                partial[(failed[0], key)] += n
        else:
            for number in groups[group][1]:
                numbered[number] += n
    counters = {criterion: Counter() for criterion in ORDER}
    pairs = names.pairs_by_id
    for number, n in numbered.items():
        criterion, key = pairs[number]
        if criterion in counters:
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
