"""A local stand-in for the MediaWiki Action API (``action=parse``), on 127.0.0.1.

    python tests/servers/mediawiki_server.py --port 8765 \\
        --page "Σχέσεις ΝΑΤΟ-Ρωσίας=tests/data/sources/nato.html,tests/data/sources/nato.wiki"
    REFS_MEDIAWIKI_URL=http://127.0.0.1:8765/w/api.php refs build https://el.wikipedia.org/wiki/…

It answers ``/w/api.php?action=parse&page=TITLE&prop=text|wikitext&format=json
&formatversion=2`` the way Wikipedia does: ``{"parse": {"title", "pageid", "text",
"wikitext"}}`` (the HTML inside ``<div class="mw-parser-output">``), and
``{"error": {"code": "missingtitle", "info": …}}`` for a page it does not have.
Titles are matched as MediaWiki does (underscores are spaces, the first letter is
case-insensitive). ``pages`` may map a title to ``None`` to answer HTTP 500.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

Pages = dict[str, "tuple[str, str] | None"]


def _norm(title: str) -> str:
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


def _fragment(html: str) -> str:
    """The parser output of a saved page (what the API's ``text`` holds)."""
    m = re.search(r'<div class="[^"]*mw-parser-output[^"]*"[^>]*>', html)
    if not m:
        return html
    end = html.rfind("<noscript>")
    body = html[m.start():end if end > m.start() else len(html)]
    return body.rstrip()


def handler(pages: Pages, log: list[dict]) -> type[BaseHTTPRequestHandler]:
    table = {_norm(k): v for k, v in pages.items()}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, body: dict | str) -> None:
            data = (json.dumps(body, ensure_ascii=False) if isinstance(body, dict) else body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            q = {k: v[0] for k, v in parse_qs(parts.query).items()}
            log.append(q)
            if parts.path != "/w/api.php":
                self._send(404, {"error": {"code": "notfound", "info": "no such path"}})
                return
            if q.get("action") != "parse" or "page" not in q:
                self._send(200, {"error": {"code": "badparams", "info": "only action=parse&page= here"}})
                return
            title = _norm(q["page"])
            if title not in table:
                self._send(200, {"error": {"code": "missingtitle",
                                           "info": "The page you specified doesn't exist."}})
                return
            page = table[title]
            if page is None:
                self._send(500, "<html><body>Internal error</body></html>")
                return
            html, wikitext = page
            props = set(q.get("prop", "text").split("|"))
            out: dict = {"title": title, "pageid": 1000 + sorted(table).index(title)}
            if "text" in props:
                out["text"] = _fragment(html)
            if "wikitext" in props:
                out["wikitext"] = wikitext
            self._send(200, {"parse": out})

    return Handler


@contextmanager
def serve(pages: Pages, port: int = 0, log: list[dict] | None = None) -> Iterator[str]:
    """Run the stand-in in a thread; yields its ``api.php`` URL. The query of every
    request is appended to ``log``."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler(pages, log if log is not None else []))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--page", action="append", default=[], metavar="TITLE=PAGE.html,PAGE.wiki")
    args = ap.parse_args()
    pages: Pages = {}
    for spec in args.page:
        title, _, files = spec.partition("=")
        html_path, _, wiki_path = files.partition(",")
        pages[title] = (Path(html_path).read_text(encoding="utf-8"),
                        Path(wiki_path).read_text(encoding="utf-8") if wiki_path else "")
    with serve(pages, args.port) as url:
        print(f"MediaWiki API stand-in at {url} (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
