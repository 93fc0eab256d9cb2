"""``kg serve``: the SPARQL 1.1 Protocol at ``/sparql``, read-only, beside the project's pages.

Oxigraph's own server (``oxigraph serve-read-only``, from the ``oxigraph`` package) answers the
queries on a loopback port of its own; a small front (standard library ``http.server``) listens on
the asked address and

- proxies ``GET``/``POST /sparql`` to it (content negotiation is Oxigraph's: SPARQL JSON, XML,
  CSV, TSV; Turtle, N-Triples for ``CONSTRUCT``/``DESCRIBE``), refusing updates with 403 and
  capping the request size (413) and the result size (413 with a hint to add a ``LIMIT``);
  Oxigraph enforces the query timeout and answers a malformed query with 400 and its parser's
  message;
- serves ``/query``: a page with a query box and the saved queries, results as an escaped table;
- serves the HTML views and other files of the build folder (never the store itself).
"""

from __future__ import annotations

import html
import json
import mimetypes
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import KgError
from .store import STORE_DIR, store_path

__all__ = ["Limits", "ServeError", "Server", "serve", "start_server"]

UPDATE_TYPES = ("application/sparql-update",)


class ServeError(KgError):
    """The server cannot start."""


@dataclass(frozen=True)
class Limits:
    timeout_s: int = 30  # per query, enforced by Oxigraph
    max_request_bytes: int = 100_000  # query text, URL or POST body
    max_result_bytes: int = 50_000_000  # answered with 413 beyond this
    max_html_rows: int = 1000  # rows shown on the /query page


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph_exe() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("the `oxigraph` command is missing; install it with `pip install oxigraph`")
    return found


class Server:
    """A running front plus Oxigraph backend; :meth:`close` stops both."""

    def __init__(self, site: Path, store: Path, host: str, port: int, limits: Limits) -> None:
        self.site, self.store, self.limits = site, store, limits
        mimetypes.add_type("text/turtle", ".ttl")  # not in every system's table
        mimetypes.add_type("application/n-quads", ".nq")
        self.backend_port = _free_port()
        self.backend = f"http://127.0.0.1:{self.backend_port}/query"
        self.proc = subprocess.Popen(
            [_oxigraph_exe(), "serve-read-only", "--location", str(store),
             "--bind", f"127.0.0.1:{self.backend_port}", "--timeout-s", str(limits.timeout_s)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            self._wait_for_backend()
            self.httpd = ThreadingHTTPServer((host, port), _handler(self))
        except BaseException:
            self._stop_backend()
            raise
        self.httpd.daemon_threads = True
        self.host, self.port = self.httpd.server_address[:2]
        self.url = f"http://{self.host}:{self.port}"
        self._thread: threading.Thread | None = None

    def _wait_for_backend(self) -> None:
        url = self.backend + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        for _ in range(200):  # about 10 s
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode("utf-8", "replace") if self.proc.stderr else ""
                raise ServeError(f"oxigraph could not serve {self.store}: {err.strip()}")
            try:
                with urllib.request.urlopen(url, timeout=1):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        raise ServeError("oxigraph did not start within 10 s")

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def start_thread(self) -> Server:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def _stop_backend(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self.proc.stderr:
            self.proc.stderr.close()

    def close(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=5)
        self.httpd.server_close()
        self._stop_backend()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_server(store: Path, host: str = "127.0.0.1", port: int = 8000, limits: Limits = Limits()) -> Server:
    """Start Oxigraph and the front on ``host:port`` (``port=0``: any free port); returns the server."""
    path = store_path(store)
    site = path.parent if path.name == STORE_DIR else Path(store)
    return Server(site, path, host, port, limits)


def serve(store: Path, host: str, port: int) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = start_server(store, host, port)
    print(f"kg: serving {server.site} at {server.url}/ (SPARQL at {server.url}/sparql); Ctrl-C to stop",
          file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


# ------------------------------------------------------------------ HTTP handler

_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{title} · 医联图谱</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:80em}}textarea{{width:100%;font-family:monospace}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em;text-align:left}}
.error{{color:#a00;white-space:pre-wrap}}</style></head>
<body><h1>{title}</h1>{body}</body></html>
"""


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    limits = server.limits

    class Handler(BaseHTTPRequestHandler):
        server_version = "yilian-kg"
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:  # quiet in tests; one line otherwise
            if sys.stderr.isatty():
                super().log_message(format, *args)

        # -------------------------------------------------------------- responses

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, status: int, message: str) -> None:
            self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

        def _html(self, status: int, title: str, body: str) -> None:
            page = _PAGE.format(title=html.escape(title), body=body)
            self._send(status, page.encode("utf-8"), "text/html; charset=utf-8")

        # -------------------------------------------------------------- routing

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            if len(self.path) > limits.max_request_bytes:
                return self._error(HTTPStatus.REQUEST_URI_TOO_LONG, "request too long")
            url = urllib.parse.urlsplit(self.path)
            params = urllib.parse.parse_qs(url.query)
            if url.path == "/sparql":
                if "update" in params:
                    return self._read_only()
                if "query" not in params:
                    return self._error(HTTPStatus.BAD_REQUEST, "missing `query` parameter (SPARQL Protocol)")
                return self._proxy("GET", url.query.encode("ascii"), None)
            if url.path == "/query":
                return self._query_page(params)
            return self._static(urllib.parse.unquote(url.path))

        def do_POST(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/sparql":
                return self._error(HTTPStatus.METHOD_NOT_ALLOWED, "POST only to /sparql")
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                return self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length required")
            if length > limits.max_request_bytes:
                return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                   f"request larger than {limits.max_request_bytes} bytes")
            body = self.rfile.read(length)
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype in UPDATE_TYPES:
                return self._read_only()
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
                if "update" in form:
                    return self._read_only()
            elif ctype != "application/sparql-query":
                return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                   "POST application/sparql-query or application/x-www-form-urlencoded")
            return self._proxy("POST", body, self.headers.get("Content-Type"))

        def _read_only(self) -> None:
            self._error(HTTPStatus.FORBIDDEN, "this SPARQL endpoint is read-only: updates are not accepted")

        # -------------------------------------------------------------- SPARQL proxy

        def _backend(self, method: str, body: bytes, ctype: str | None,
                     accept: str) -> tuple[int, str, bytes]:
            if method == "GET":
                req = urllib.request.Request(server.backend + "?" + body.decode("ascii"), method="GET")
            else:
                req = urllib.request.Request(server.backend, data=body, method="POST")
                req.add_header("Content-Type", ctype or "application/sparql-query")
            req.add_header("Accept", accept)
            try:
                resp = urllib.request.urlopen(req, timeout=limits.timeout_s + 5)
            except urllib.error.HTTPError as exc:
                resp = exc
            except (urllib.error.URLError, TimeoutError) as exc:
                msg = f"query failed: {exc}".encode()
                return HTTPStatus.GATEWAY_TIMEOUT, "text/plain; charset=utf-8", msg
            with resp:
                data = resp.read(limits.max_result_bytes + 1)
                status = resp.status if hasattr(resp, "status") else resp.code
                ctype_out = resp.headers.get("Content-Type", "application/octet-stream")
            if len(data) > limits.max_result_bytes:
                msg = f"result larger than {limits.max_result_bytes} bytes; add a LIMIT to the query"
                return HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "text/plain; charset=utf-8", msg.encode()
            return status, ctype_out, data

        def _proxy(self, method: str, body: bytes, ctype: str | None) -> None:
            accept = self.headers.get("Accept") or "application/sparql-results+json"
            status, ctype_out, data = self._backend(method, body, ctype, accept)
            self._send(status, data, ctype_out)

        # -------------------------------------------------------------- pages

        def _query_page(self, params: dict[str, list[str]]) -> None:
            from .query import saved_queries

            saved = saved_queries()
            query = params.get("query", [""])[0]
            name = params.get("saved", [""])[0]
            if name in saved and not query:
                query = saved[name].text
            out = ""
            if query:
                out = self._results_html(query)
            items = "".join(
                f'<li><a href="/query?saved={html.escape(urllib.parse.quote(q.name))}">'
                f"{html.escape(q.name)}</a>: "
                f"{html.escape(q.question)}"
                + (f" (parameters: {html.escape(', '.join(q.params))}; edit the FILTER or use "
                   f"<code>kg query {html.escape(q.name)} NAME=VALUE</code>)" if q.params else "")
                + "</li>"
                for q in saved.values())
            body = ('<form method="get" action="/query"><textarea name="query" rows="14">'
                    f"{html.escape(query)}"
                    f'</textarea><br><button type="submit">Run</button></form>{out}'
                    f"<h2>Saved queries</h2><ul>{items}</ul>"
                    '<p>SPARQL 1.1 Protocol endpoint: <code>/sparql</code> (read-only). '
                    '<a href="/">Views</a></p>')
            self._html(HTTPStatus.OK, "SPARQL", body)

        def _results_html(self, query: str) -> str:
            if len(query.encode("utf-8")) > limits.max_request_bytes:
                return '<p class="error">query too long</p>'
            encoded = urllib.parse.urlencode({"query": query}).encode("ascii")
            status, ctype, data = self._backend("POST", encoded, "application/x-www-form-urlencoded",
                                                "application/sparql-results+json, text/turtle;q=0.9")
            text = data.decode("utf-8", "replace")
            if status != 200:
                return f'<p class="error">{status}: {html.escape(text)}</p>'
            if "json" not in ctype:
                return f"<pre>{html.escape(text)}</pre>"
            results = json.loads(text)
            if "boolean" in results:
                return f"<p>{html.escape(str(results['boolean']).lower())}</p>"
            head = results["head"]["vars"]
            rows = results["results"]["bindings"]
            shown = rows[: limits.max_html_rows]
            cells = "".join(
                "<tr>" + "".join(f"<td>{html.escape(row.get(v, {}).get('value', ''))}</td>" for v in head)
                + "</tr>" for row in shown)
            more = f"<p>{len(rows)} rows" + (f"; first {len(shown)} shown" if len(shown) < len(rows) else "")
            more += "</p>"
            header = "".join(f"<th>{html.escape(v)}</th>" for v in head)
            return f"<table><tr>{header}</tr>{cells}</table>{more}"

        def _static(self, path: str) -> None:
            site = server.site.resolve()
            rel = path.lstrip("/") or "index.html"
            target = (site / rel).resolve()
            inside = target.is_relative_to(site) and not target.is_relative_to(server.store.resolve())
            if inside and target.is_dir():
                target = target / "index.html"
            hidden = inside and any(p.startswith(".") for p in target.relative_to(site).parts)
            if not inside or hidden or not target.is_file():
                if rel == "index.html":
                    return self._index()
                return self._error(HTTPStatus.NOT_FOUND, f"not found: {path}")
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/json", "application/javascript"):
                ctype += "; charset=utf-8"
            self._send(HTTPStatus.OK, target.read_bytes(), ctype)

        def _index(self) -> None:
            site = server.site.resolve()
            pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                           if not p.relative_to(site).parts[0].startswith(".") and STORE_DIR not in p.parts)
            links = "".join(f'<li><a href="/{html.escape(urllib.parse.quote(p))}">{html.escape(p)}</a></li>'
                            for p in pages)
            self._html(HTTPStatus.OK, "医联图谱",
                       f'<p><a href="/query">SPARQL query page</a></p><ul>{links}</ul>')

    return Handler

