"""The Elasticsearch backend reads answers right: hits, highlights, facets (a local stub server).

The stub speaks just enough of the REST API for one search: it records the request and returns a
canned answer in Elasticsearch's format, so that this runs without a cluster.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from search.interface import ProcedureQuery

pytestmark = pytest.mark.django_db


def answer(hits, aggregations=None, suggest=None) -> dict:
    body = {
        "took": 1,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": len(hits), "relation": "eq"}, "max_score": 1.0, "hits": hits},
    }
    if aggregations is not None:
        body["aggregations"] = aggregations
    if suggest is not None:
        body["suggest"] = suggest
    return body


class Stub(BaseHTTPRequestHandler):
    reply: dict = {}
    requests: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length", 0))
        Stub.requests.append((self.path, json.loads(self.rfile.read(length) or b"{}")))
        data = json.dumps(Stub.reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture
def stub(settings):
    from search.backends.elastic import client

    server = HTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client.cache_clear()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.server_port}"
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_INDEX_PREFIX = "stub"
    Stub.requests = []
    yield Stub
    server.shutdown()
    client.cache_clear()


def bucket(name, pairs):
    return {
        f"_filter_{name}": {
            "doc_count": sum(n for _, n in pairs),
            name: {"buckets": [{"key": k, "doc_count": n} for k, n in pairs]},
        }
    }


def empty_facets() -> dict:
    aggregations = {}
    for name in ("field", "agency", "subject", "level", "channel", "online_service"):
        aggregations |= bucket(name, [])
    return aggregations


def test_POR_k_hits_highlights_and_facets_from_elasticsearch(stub, small_catalogue):
    from search.interface import search_procedures

    page = small_catalogue["pages"]["1.001193"]
    stub.reply = answer(
        [
            {
                "_index": "stub-procedures-1",
                "_id": str(page.procedure.pk),
                "_score": 3.2,
                "_source": {"code": "1.001193", "name": "Thủ tục đăng ký khai sinh"},
                "highlight": {"name": ["Thủ tục <mark>đăng ký khai sinh</mark>"]},
            }
        ],
        aggregations={
            **bucket("field", [("G15-TP07", 1)]),
            **bucket("agency", []),
            **bucket("subject", [("ĐT1", 1)]),
            **bucket("level", [("commune", 1)]),
            **bucket("channel", [("ONLINE", 1), ("DIRECT", 1)]),
            **bucket("online_service", [("full", 1)]),
        },
    )
    results = search_procedures(ProcedureQuery(text="dang ky khai sinh", level="commune"))
    assert results.backend == "elasticsearch" and not results.degraded
    assert results.total == 1
    hit = results.hits[0]
    assert (hit.pk, hit.code) == (page.procedure.pk, "1.001193")
    assert str(hit.highlight) == "Thủ tục <mark>đăng ký khai sinh</mark>"
    assert results.facets["field"] == [{"key": "G15-TP07", "name": "Hộ tịch", "count": 1}]
    assert results.facets["subject"] == [{"key": "ĐT1", "name": "Công dân Việt Nam", "count": 1}]
    levels = {f["key"]: f["count"] for f in results.facets["level"]}
    assert levels == {"ministry": 0, "province": 0, "commune": 1}
    path, body = stub.requests[-1]
    assert path.startswith("/stub-procedures/_search")
    assert body["post_filter"] == {"terms": {"level": ["commune"]}}


def test_POR_k_the_catalogue_page_renders_elasticsearch_results(client, stub, small_catalogue):
    page = small_catalogue["pages"]["3.000346"]
    stub.reply = answer(
        [
            {
                "_index": "stub-procedures-1",
                "_id": str(page.procedure.pk),
                "_score": 1.0,
                "_source": {"code": "3.000346", "name": "Cấp giấy phép lái xe"},
                "highlight": {"name": ["Cấp <mark>giấy phép lái xe</mark>"]},
            }
        ],
        aggregations=empty_facets(),
    )
    html = client.get(small_catalogue["index"].url, {"q": "GPLX"}).content.decode()
    assert 'data-code="3.000346"' in html
    assert "Cấp <mark>giấy phép lái xe</mark>" in html
    assert "data-search-degraded" not in html


def test_POR_k_suggestions_from_the_completion_suggester(stub, small_catalogue):
    from search.interface import suggest_procedures

    stub.reply = answer(
        [],
        suggest={
            "names": [
                {
                    "text": "ly lich",
                    "offset": 0,
                    "length": 7,
                    "options": [
                        {
                            "text": "Cấp Phiếu lý lịch tư pháp",
                            "_index": "stub-procedures-1",
                            "_id": "1",
                            "_score": 1.0,
                            "_source": {
                                "code": "3.000333",
                                "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
                            },
                        }
                    ],
                }
            ]
        },
    )
    suggestions = suggest_procedures("ly lich")
    assert [s.code for s in suggestions] == ["3.000333"]
    assert "<mark>lý lịch</mark>" in str(suggestions[0].highlight)
    _path, body = stub.requests[-1]
    assert body["suggest"]["names"]["completion"]["field"] == "suggest"
