"""OpenAPI 3.1 description of the catalogue API, served at `/api/v1/schema/`."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .models import Procedure, ProcedureChannel

_FILTERS = [
    (
        "q",
        "Text as citizens type it (marks optional, typos and everyday words welcome) or a code; "
        "with it, results come best match first.",
        {"type": "string"},
    ),
    ("field", "Field (lĩnh vực) code, e.g. G15-TP07, or its national id.", {"type": "string"}),
    (
        "agency",
        "Agency identifier, code or national id (executing, competent or authorised).",
        {"type": "string"},
    ),
    ("level", "Administrative level.", {"type": "string", "enum": list(Procedure.Level.values)}),
    (
        "channel",
        "Submission channel.",
        {"type": "string", "enum": list(ProcedureChannel.Method.values)},
    ),
    (
        "online_service",
        "Online service level.",
        {"type": "string", "enum": list(Procedure.OnlineService.values)},
    ),
    ("subject", "Subject type (đối tượng) code, national id or id.", {"type": "string"}),
    ("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    (
        "page_size",
        "Results per page (default 20, at most 100).",
        {"type": "integer", "minimum": 1, "maximum": 100},
    ),
]

_FACET = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "key": {"type": "string"},
            "name": {"type": "string"},
            "count": {"type": "integer"},
        },
    },
}

SCHEMA = {
    "openapi": "3.1.0",
    "info": {
        "title": "Cổng Dịch vụ công: procedure catalogue API",
        "version": "1",
        "description": "Read-only access to the published catalogue of administrative procedures.",
    },
    "paths": {
        "/api/v1/procedures/": {
            "get": {
                "summary": "Published procedures meeting the criteria, with facet counts",
                "parameters": [
                    {
                        "name": name,
                        "in": "query",
                        "required": False,
                        "description": text,
                        "schema": schema,
                    }
                    for name, text, schema in _FILTERS
                ],
                "responses": {
                    "200": {
                        "description": "A page of procedures",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ProcedureList"}
                            }
                        },
                    },
                    "400": {"description": "An unknown filter value; `errors` names it"},
                },
            }
        },
        "/api/v1/procedures/suggest/": {
            "get": {
                "summary": "Procedures for a query still being typed (at least 2 characters)",
                "parameters": [
                    {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}},
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 10},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "`suggestions`: code, name, `highlight` (HTML, the "
                        "matching words in <mark>) and url of each procedure"
                    }
                },
            }
        },
        "/api/v1/procedures/{code}/": {
            "get": {
                "summary": "The whole record of one published procedure",
                "parameters": [
                    {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {"description": "The procedure"},
                    "404": {"description": "No such published procedure"},
                },
            }
        },
    },
    "components": {
        "schemas": {
            "ProcedureSummary": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "field": {"type": ["object", "null"]},
                    "agencies": {"type": "array", "items": {"type": "object"}},
                    "level": {"type": "array", "items": {"type": "string"}},
                    "online_service": {
                        "type": "string",
                        "enum": list(Procedure.OnlineService.values),
                    },
                    "completeness": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                },
            },
            "ProcedureList": {
                "type": "object",
                "properties": {
                    "count": {"type": "integer"},
                    "page": {"type": "integer"},
                    "pages": {"type": "integer"},
                    "results": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/ProcedureSummary"},
                    },
                    "facets": {
                        "type": "object",
                        "properties": dict.fromkeys(
                            ("field", "agency", "level", "channel", "online_service", "subject"),
                            _FACET,
                        ),
                    },
                },
            },
        }
    },
}


@require_GET
def schema(request):
    return JsonResponse(SCHEMA, json_dumps_params={"ensure_ascii": False})
