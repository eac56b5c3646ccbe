"""``graphbuild query`` and :func:`graphbuild.rdf.query` are offline and read-only: a SERVICE
clause sends nothing unless allowed, an update is refused in words that say so, a bad
``--bind`` name is one line, and the table shows data as it is (no cut IRIs, the project's
prefixes, control characters escaped)."""

from __future__ import annotations

import http.server
import json

import pytest

from graphbuild.errors import InputError
from graphbuild.graph import build_graph
from graphbuild.rdf import query, write_graph
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover

LONG = "https://news.example.com/" + "very-long-path/" * 8 + "story.html"


@pytest.fixture
def ttl(tmp_path):
    india, china = Actor("India", ActorType.COUNTRY, "IND"), Actor("China", ActorType.COUNTRY, "CHN")
    evil = Actor("Mr \x1b[2J\x1b[31mRed\x1b[0m\nforged: line", ActorType.PERSON, "CHN")
    G = build_graph([
        Event("a1", india, china, Plover.AGREE, "sign", "India will sign a pact with China.", 0, 34,
              modality=Modality.PLANNED),
        Event("a1", evil, india, Plover.ACCUSE, "accuse", "He accused India.", 35, 52),
    ], [Article("a1", "text", title="Pact", url=LONG)])
    path = tmp_path / "graph.ttl"
    write_graph(G, path)
    return path


class _Sparql(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint on loopback that records each request and answers one row."""

    hits: list[str] = []

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).hits.append(self.command)
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
            {"x": {"type": "literal", "value": "from the remote server"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def remote(loopback_server) -> str:
    _Sparql.hits = []
    return loopback_server(_Sparql).rsplit("/", 1)[0] + "/sparql"


SERVICE_FORMS = [
    "SELECT ?x WHERE {{ SERVICE <{url}> {{ ?s ?p ?x }} }}",
    "select ?x where {{ service silent <{url}> {{ ?s ?p ?x }} }}",
    "SELECT ?x WHERE {{ ?a ?b ?c .SERVICE <{url}> {{ ?s ?p ?x }} }}",
    "SELECT ?x WHERE {{ SERVICE # a comment\n <{url}> {{ ?s ?p ?x }} }}",
    "SELECT ?x WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?x }} }}",
    "SELECT ?x WHERE {{ SERVIC\\u0045 <{url}> {{ ?s ?p ?x }} }}",
]


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_service_is_refused_and_nothing_is_sent(ttl, remote, cli, form):
    result = cli("query", ttl, form.format(url=remote))
    assert result.code == 1 and result.out == ""
    assert result.err.splitlines() == [
        "graphbuild: error: the query holds a SERVICE clause, which would send a request to "
        "another server; it is refused unless you allow it (allow_service=True, or "
        "--allow-service on the command line)"]
    assert _Sparql.hits == []
    with pytest.raises(InputError, match="SERVICE"):
        query(ttl, form.format(url=remote))
    assert _Sparql.hits == []


def test_service_runs_when_allowed(ttl, remote, cli):
    sparql = f"SELECT ?x WHERE {{ SERVICE <{remote}> {{ ?s ?p ?x }} }}"
    assert query(ttl, sparql, allow_service=True) == [{"x": "from the remote server"}]
    result = cli("query", ttl, sparql, "--allow-service", "--output", "csv")
    assert result.code == 0 and result.out.splitlines() == ["x", "from the remote server"]
    assert len(_Sparql.hits) == 2


@pytest.mark.parametrize("text", [
    "SELECT ?service WHERE { ?service ?p 'SERVICE' }",
    "SELECT ?x WHERE { ?x <https://example.org/SERVICE> ?y } # SERVICE <http://x/>",
    "SELECT ?x WHERE { ?x schema:service ?y }",
])
def test_the_word_service_elsewhere_is_not_a_service_clause(ttl, text):
    assert query(ttl, text) == []


@pytest.mark.parametrize("update", [
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/> INSERT DATA { ex:s ex:p 1 }",
    "delete { ?s ?p ?o } insert { ?s ?p 1 } where { ?s ?p ?o }",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DROP ALL", "CLEAR DEFAULT", "LOAD <http://127.0.0.1:9/data.ttl>",
    "BASE <http://example.org/> CREATE GRAPH <g>", "COPY DEFAULT TO <http://example.org/g>",
])
def test_an_update_is_refused_with_a_message_that_says_so(ttl, cli, update):
    before = ttl.read_bytes()
    result = cli("query", ttl, update)
    assert result.code == 1
    assert result.err.splitlines() == [
        "graphbuild: error: updates are refused: graphbuild runs SELECT, ASK, CONSTRUCT and "
        "DESCRIBE queries only, and never changes the data"]
    assert ttl.read_bytes() == before


@pytest.mark.parametrize("bind", ["²=x", "1a=x", "a-b=x", "é\u200b=x", "=x"])
def test_a_bad_bind_name_is_one_line(ttl, cli, bind):
    result = cli("query", ttl, "SELECT * WHERE { ?s ?p ?o }", "--bind", bind)
    assert result.code in (1, 2) and result.out == ""
    assert "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if not line.startswith(("usage:", " "))]
    assert len(lines) == 1 and "error" in lines[0]


def test_the_table_shows_whole_iris_prefixes_and_escaped_controls(ttl, cli):
    result = cli("query", ttl, """SELECT ?m ?url ?name WHERE {
        ?e gb:modality ?m ; gb:article ?a . ?a dcterms:source ?url .
        OPTIONAL { ?e gb:sourceActor/schema:name ?name } } ORDER BY ?m""")
    assert result.code == 0
    out = result.out
    assert "…" not in out and LONG in out
    assert "gb:Planned" in out and "gb:Asserted" in out
    assert "https://graphbuild.example.org/ns#" not in out
    assert "\x1b" not in out and "\\x1b[2J" in out
    assert "forged: line" in out and not any(line.startswith("forged") for line in out.splitlines())
    assert len(out.splitlines()) == 4  # header, rule, two rows


def test_csv_on_an_empty_result_prints_the_header(ttl, cli):
    result = cli("query", ttl, "SELECT ?a ?b WHERE { ?a gb:assault ?b }", "--output", "csv")
    assert result.code == 0 and result.out.splitlines() == ["a,b"]
    result = cli("query", ttl, "ASK { ?a gb:assault ?b }", "--output", "csv")
    assert result.out.splitlines() == ["result", "False"]


def test_csv_and_jsonl_keep_full_iris(ttl, cli):
    result = cli("query", ttl, "SELECT ?m WHERE { ?e gb:modality ?m } ORDER BY ?m", "--output",
                 "csv")
    assert result.out.splitlines() == ["m", "https://graphbuild.example.org/ns#Asserted",
                                       "https://graphbuild.example.org/ns#Planned"]
