"""One page of search results as the list shows it, read in two short statements, or not at all.

A text search knows which procedures it shows (by id, best first); reading them through the ORM
cost more than the search itself (building and compiling the query with its joins and the
agencies' JSON subquery, then planning it: about 8 ms of a 17 ms search). Two plain statements,
written once per process from the models' own tables and columns, take under 2 ms; a procedure
whose search copy has not changed since it was read is kept, and handed out as a copy.
"""

import copy
import functools
import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from wagtail.models import Page

from ..models import Agency, Field, Procedure, ProcedureAgency, ProcedurePage
from .filters import CHANNEL_FLAGS, HANDLING_ROLES, LEVEL_FLAGS

PROCEDURE_FIELDS = {
    "id",
    "code",
    "name",
    "online_service",
    "completeness",
    "field_id",
    *LEVEL_FLAGS.values(),
    *CHANNEL_FLAGS.values(),
}
FIELD_FIELDS = {"id", "code", "external_id", "name"}
PAGE_FIELDS = {
    "id",
    "page_ptr_id",
    "procedure_id",
    "url_path",
    "live",
    "title",
    "slug",
    "path",
    "depth",
    "locale_id",
}
# Per vendor: the ids as one parameter.
IN_IDS = {"postgresql": "= ANY(%s)", "sqlite": "IN (SELECT value FROM json_each(%s))"}
ROLE_NAMES = ["id", "procedure_id", "agency_id", "role"]
AGENCY_FIELDS = {"id", "name", "identifier", "code", "external_id"}
# Procedures read lately (with their field, page and agencies), by id, with the revision of the
# search copy they were read at.
ROWS_KEPT = 3_000
_kept: dict[int, tuple[int, Procedure | None]] = {}


def _columns(model, names: set[str]) -> tuple[list[str], list[str]]:
    """The attnames in the order `Model.from_db` takes them, and their qualified columns."""
    q = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if f.attname in names]
    return [f.attname for f in fields], [
        f"{q(f.model._meta.db_table)}.{q(f.column)}" for f in fields
    ]


@dataclass(frozen=True)
class Statements:
    procedures: str
    roles: str
    procedure_names: list[str]
    field_names: list[str]
    page_names: list[str]
    agency_names: list[str]


@functools.cache
def _statements(vendor: str) -> Statements:
    """Only table and column names of the models go into the text; values are parameters."""
    q = connection.ops.quote_name
    in_ids = IN_IDS[vendor]
    procedure = _columns(Procedure, PROCEDURE_FIELDS)
    field = _columns(Field, FIELD_FIELDS)
    page = _columns(ProcedurePage, PAGE_FIELDS)
    agency = _columns(Agency, AGENCY_FIELDS)
    procedures, fields = q(Procedure._meta.db_table), q(Field._meta.db_table)
    pages, wagtail_pages = q(ProcedurePage._meta.db_table), q(Page._meta.db_table)
    roles, agencies = q(ProcedureAgency._meta.db_table), q(Agency._meta.db_table)
    # The page's side names the ids too, so that the planner reaches it through its index.
    columns = ", ".join([*procedure[1], *field[1], *page[1]])
    procedures_sql = (
        f"SELECT {columns} FROM {procedures}"  # noqa: S608  # nosec B608
        f" JOIN {pages} ON {pages}.procedure_id = {procedures}.id"
        f" JOIN {wagtail_pages} ON {wagtail_pages}.id = {pages}.page_ptr_id"
        f" LEFT JOIN {fields} ON {fields}.id = {procedures}.field_id"
        f" WHERE {wagtail_pages}.live AND {procedures}.id {in_ids} AND {pages}.procedure_id {in_ids}"
    )
    roles_sql = (
        f"SELECT {roles}.procedure_id, {roles}.id, {roles}.role, {', '.join(agency[1])}"  # noqa: S608  # nosec B608
        f" FROM {roles} JOIN {agencies} ON {agencies}.id = {roles}.agency_id"
        f" WHERE {roles}.procedure_id {in_ids}"
        f" AND {roles}.role IN ({', '.join(['%s'] * len(HANDLING_ROLES))})"
    )
    return Statements(procedures_sql, roles_sql, procedure[0], field[0], page[0], agency[0])


def _read(ids: list[int]) -> dict[int, tuple[tuple, list[tuple]]]:
    """The row of each published procedure among `ids`, with the rows of its handling agencies."""
    vendor = connection.vendor
    statements = _statements(vendor)
    ids_param = list(ids) if vendor == "postgresql" else json.dumps(list(ids))
    with connection.cursor() as cursor:
        cursor.execute(statements.procedures, [ids_param, ids_param])
        found = {row[0]: (row, []) for row in cursor.fetchall()}
        cursor.execute(statements.roles, [ids_param, *map(str, HANDLING_ROLES)])
        for role in sorted(cursor.fetchall(), key=lambda row: (row[0], row[1])):
            if role[0] in found:
                found[role[0]][1].append(role)
    return found


def listed_procedures(
    ids: list[int], revisions: dict[int, int] | None = None
) -> list[Procedure] | None:
    """The published procedures among `ids` with their field, page and handling agencies (as
    `_with_parts` loads them), in no particular order; None on a database without the statements.

    `revisions` are the search copies' revisions of these procedures: a procedure read at the
    same revision is not read again (every change to it, its page, field or agencies rewrites its
    copy under a new revision, see `search.signals`).
    """
    if connection.vendor not in IN_IDS:
        return None
    revisions = revisions or {}
    found = {}
    missing = []
    for pk in ids:
        kept = _kept.get(pk)
        if kept is not None and pk in revisions and kept[0] == revisions[pk]:
            found[pk] = kept[1]  # None: not published at that revision
        else:
            missing.append(pk)
    if missing:
        fresh = {p.pk: p for p in _objects(_read(missing))}
        for pk in missing:
            found[pk] = fresh.get(pk)
            if pk in revisions:
                if len(_kept) >= ROWS_KEPT:
                    _kept.clear()
                _kept[pk] = (revisions[pk], found[pk])
    # Each caller gets its own copies (it marks them, e.g. with `search_hit`); the field and the
    # agencies stay shared, read only.
    return [_copy(procedure) for procedure in found.values() if procedure is not None]


def _copy(procedure: Procedure) -> Procedure:
    """A copy as `copy.copy` makes it (`Model.__getstate__`), without its pickling detour."""
    copied = _shallow(procedure)  # its own attributes and state, the cached relations shared
    copied._state.fields_cache["page"] = _shallow(procedure._state.fields_cache["page"])
    copied.handling_roles = list(procedure.handling_roles)
    return copied


def _shallow(instance: Model) -> Model:
    copied = instance.__class__.__new__(instance.__class__)
    copied.__dict__ = instance.__dict__.copy()
    copied._state = copy.copy(instance._state)
    copied._state.fields_cache = instance._state.fields_cache.copy()
    return copied


def _built(model: type[Model], db: str, names: list[str], values) -> Model:
    """`model.from_db(db, names, values)` without the models' `__init__`, which costs more than
    the statement (the page's passes through Wagtail and modelcluster). What it would do for a
    row is done here: the values by attname (a column not read stays deferred), the state of a
    saved instance. Only for models without init signals (see `_objects`)."""
    instance = model.__new__(model)
    instance.__dict__.update(zip(names, values, strict=True))
    instance._state = ModelState()
    instance._state.adding = False
    instance._state.db = db
    return instance


def _from_db(model: type[Model], db: str, names: list[str], values) -> Model:
    return model.from_db(db, names, values)


def _objects(rows: dict[int, tuple[tuple, list[tuple]]]) -> list[Procedure]:
    statements = _statements(connection.vendor)
    db = connection.alias
    # Built the usual way when any of the models has init signals (asked once, not per row).
    models = (Procedure, Field, ProcedurePage, Agency, ProcedureAgency)
    signalled = any(pre_init.has_listeners(m) or post_init.has_listeners(m) for m in models)
    build = _from_db if signalled else _built
    n = len(statements.procedure_names)
    m = n + len(statements.field_names)
    found = []
    fields: dict[int, Field] = {}
    agencies: dict[int, Agency] = {}
    for row, roles in rows.values():
        procedure = build(Procedure, db, statements.procedure_names, row[:n])
        field = None
        if row[n] is not None:
            field = fields.get(row[n]) or build(Field, db, statements.field_names, row[n:m])
            fields[field.pk] = field
        procedure._state.fields_cache["field"] = field
        procedure._state.fields_cache["page"] = build(
            ProcedurePage, db, statements.page_names, row[m:]
        )
        procedure.handling_roles = []
        for procedure_id, pk, role, *values in roles:
            agency = agencies.get(values[0]) or build(Agency, db, statements.agency_names, values)
            agencies[agency.pk] = agency
            held = build(ProcedureAgency, db, ROLE_NAMES, (pk, procedure_id, agency.pk, role))
            held._state.fields_cache["agency"] = agency
            procedure.handling_roles.append(held)
        found.append(procedure)
    return found
