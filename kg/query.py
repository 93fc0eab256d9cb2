"""SPARQL over the store: ad-hoc text, a ``.rq`` file, or a saved query of ``ontology/queries/``.

Parameters (``NAME=VALUE``) are never pasted into the query text as text: each value is made one
RDF term first (a pyoxigraph ``NamedNode`` or ``Literal``, serialised with its escapes), so it is
always one RDF term, whatever it contains. A value that is an ``http(s)://`` IRI is bound as an
IRI. A parameter the query declares in a ``# param NAME: ...`` header line (as every saved query
does) is a name, and is bound as a Chinese literal ``"VALUE"@zh``, the form every label of the
graph has, so the query can match it with ``?x rdfs:label|skos:altLabel ?NAME``, an index lookup,
instead of comparing ``STR()`` of every label. Any other value is bound as a plain string. A
parameter must be a variable of the query's ``SELECT`` projection.

How the terms are bound: for a query with declared parameters, as a ``VALUES`` block at the start
of every ``WHERE`` group that starts a line (the query's and its sub-queries'), which Oxigraph's
optimiser sees (it then starts from the bound name: 1 ms instead of 2 s for ``partners`` on a
million triples); otherwise with Oxigraph's ``substitutions`` (RDF-dev SEP-0007), which are applied
after the plan is made.

>>> sorted(saved_queries())[:3]
['alliances', 'cross-boundary', 'dispatched']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import KgError
from .rdf import PREFIXES
from .store import open_store
from .vocab import queries_dir

__all__ = ["FORMATS", "QueryError", "SavedQuery", "bind", "declared_params", "execute", "is_iri",
           "resolve_query",
           "run_query", "saved_queries"]

FORMATS = ("table", "json", "csv")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_PARAM = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)")
_SHORT = {**PREFIXES, "id": "https://w3id.org/yilian/id/"}


class QueryError(KgError):
    """A query that cannot run: unknown name, bad SPARQL, bad parameters."""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    question: str
    params: dict[str, str]  # name -> description
    text: str


def _parse_saved(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    question = header[0].lstrip("# ").strip() if header else ""
    params = {m.group(1): m.group(2).strip() for line in header if (m := _PARAM.match(line))}
    return SavedQuery(path.stem, question, params, text)


def saved_queries() -> dict[str, SavedQuery]:
    """The saved queries by name (the file name without ``.rq``)."""
    return {p.stem: _parse_saved(p) for p in sorted(queries_dir().glob("*.rq"))}


def resolve_query(query: str) -> SavedQuery:
    """``query`` as a saved query's name, a path to a ``.rq`` file, or SPARQL text."""
    saved = saved_queries()
    if query in saved:
        return saved[query]
    if query.endswith(".rq") and "\n" not in query:
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"{query}: no such query file")
        return _parse_saved(path)
    if _NAME.match(query):
        raise QueryError(f"{query!r}: no saved query of that name; saved queries: {', '.join(saved)}")
    return SavedQuery("", "", {}, query)


def _bindings(query: SavedQuery, params: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            raise QueryError(f"{param!r}: parameters are NAME=VALUE, e.g. hospital=武汉市第一医院")
        values[name] = value
    if query.name:
        unknown = sorted(set(values) - set(query.params))
        if unknown:
            known = ", ".join(query.params) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {', '.join(unknown)}; "
                             f"its parameters: {known}")
        missing = [p for p in query.params if p not in values]
        if missing:
            hint = "; ".join(f"{p}: {query.params[p]}" for p in missing)
            needs = ", ".join(f"{p}=VALUE" for p in missing)
            raise QueryError(f"query {query.name!r} needs {needs} ({hint})")
    return values


def is_iri(value: str) -> bool:
    """Whether a parameter's value is bound as an IRI (``http(s)://`` and nothing an IRI cannot hold)."""
    return value.startswith(("http://", "https://")) and not re.search(r'[\s<>"{}|^`\\]', value)


def declared_params(text: str) -> set[str]:
    """The parameters a query declares in its ``# param NAME: ...`` header lines (names, bound ``@zh``)."""
    names = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _PARAM.match(line):
            names.add(m.group(1))
    return names


def _term(value: str, name: bool = False):
    from pyoxigraph import Literal, NamedNode

    if is_iri(value):
        return NamedNode(value)
    return Literal(value, language="zh") if name else Literal(value)


_WHERE = re.compile(r"^[^#\n]*?\bWHERE\s*\{", re.MULTILINE | re.IGNORECASE)
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def bind(text: str, values: dict[str, str]) -> tuple[str, dict]:
    """``text`` with ``values`` bound: ``(text with VALUES blocks, {})`` for a query that declares its
    parameters and has a ``WHERE {`` at the start of a line, else ``(text, substitutions)`` for Oxigraph.

    >>> print(bind("# Q?\\n# param name: a name\\nSELECT ?name ?x\\nWHERE {\\n  ?x ?p ?name }",
    ...            {"name": 'a"b'})[0])
    # Q?
    # param name: a name
    SELECT ?name ?x
    WHERE { VALUES (?name) { ("a\\"b"@zh) }
      ?x ?p ?name }
    """
    from pyoxigraph import Variable

    names = declared_params(text)
    terms = {k: _term(v, k in names) for k, v in values.items()}
    wheres = list(_WHERE.finditer(text)) if names and terms else []
    if not wheres or not all(_VARIABLE.match(k) for k in terms):
        return text, {Variable(k): t for k, t in terms.items()}
    block = (f" VALUES ({' '.join('?' + k for k in terms)}) "
             f"{{ ({' '.join(str(t) for t in terms.values())}) }}")
    # every WHERE group that starts a line, sub-queries too: Oxigraph does not push bindings into them
    for where in reversed(wheres):
        text = text[: where.end()] + block + text[where.end():]
    return text, {}


def execute(store, text: str, values: dict[str, str]):
    """Run ``text`` on an open pyoxigraph store with ``values`` bound (see :func:`bind`);
    errors become :class:`QueryError`.

    Values of the parameters ``text`` declares (``# param NAME: ...``) are bound as ``"…"@zh``.
    """
    text, substitutions = bind(text, values)
    try:
        return store.query(text, substitutions=substitutions or None)
    except SyntaxError as exc:
        raise QueryError(f"bad SPARQL: {exc}") from exc
    except (RuntimeError, ValueError) as exc:
        raise QueryError(f"the query cannot run: {exc}") from exc


def _short(term) -> str:
    from pyoxigraph import Literal, NamedNode

    if term is None:
        return ""
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, NamedNode):
        iri = term.value
        for prefix, ns in _SHORT.items():
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri
    return str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(header: list[str], rows: list[list[str]]) -> str:
    rows = [[cell.replace("\n", " ") for cell in row] for row in rows]
    widths = [max([_width(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(header)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_results(results, fmt: str, hide: tuple[str, ...] = ()) -> str:
    """SELECT results as a table, SPARQL JSON or CSV; ASK as true/false; CONSTRUCT/DESCRIBE as Turtle."""
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, serialize

    if fmt not in FORMATS:
        raise QueryError(f"{fmt!r}: unknown format; one of {', '.join(FORMATS)}")
    if isinstance(results, QueryBoolean):
        if fmt == "table":
            return f"{'true' if bool(results) else 'false'}\n"
        return results.serialize(format=QueryResultsFormat.JSON if fmt == "json" else QueryResultsFormat.CSV
                                 ).decode("utf-8") + ("\n" if fmt == "json" else "")
    if isinstance(results, QuerySolutions):
        if fmt == "json":
            return results.serialize(format=QueryResultsFormat.JSON).decode("utf-8") + "\n"
        if fmt == "csv":
            return results.serialize(format=QueryResultsFormat.CSV).decode("utf-8")
        variables = [v for v in results.variables if v.value not in hide]
        rows = [[_short(solution[v]) for v in variables] for solution in results]
        return _table([v.value for v in variables], rows)
    text = (serialize(list(results), format=RdfFormat.TURTLE, prefixes=_SHORT) or b"").decode("utf-8")
    return text if text.endswith("\n") or not text else text + "\n"


def run_query(query: str, params: tuple[str, ...], store: Path, fmt: str) -> str:
    """Run ``query`` (SPARQL text, a ``.rq`` file or a saved query's name) on the store of ``store``.

    ``params`` are ``NAME=VALUE`` strings; ``fmt`` is ``table``, ``json`` or ``csv``.
    """
    resolved = resolve_query(query)
    values = _bindings(resolved, params)
    db = open_store(store)
    results = execute(db, resolved.text, values)
    # in a table, the parameters' own columns only repeat what was asked
    return format_results(results, fmt, hide=tuple(values) if resolved.name else ())
