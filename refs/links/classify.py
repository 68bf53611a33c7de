"""From an HTTP answer or a failed connection to one link status.

Kept apart from the request code so that the rules (what is dead, what is only
blocked) read in one place and can be tested without a server.

The statuses, in the order the table sorts them:

``dead``        404, 410, or a host name that does not exist.
``blocked``     401, 403, 407, 418, 429, 451, 503, 999 and bot walls: the server
                answered but would not show the page to a robot. Not dead: "could not verify".
``timeout``     no answer within the timeout (or the total time ran out).
``error``       anything else that failed: 5xx after retries, other 4xx, TLS errors,
                refused connections, redirect loops, schemes other than http(s).
``unknown``     the network itself was down, so nothing can be said about the link.
``redirected``  the link works but lands elsewhere (a permanent redirect suggests the new URL).
``ok``          the link answers 2xx.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Mapping

from refs.net import exception_chain

STATUSES = ("dead", "blocked", "timeout", "error", "unknown", "redirected", "ok")

DEAD_CODES = frozenset({404, 410})
BLOCKED_CODES = frozenset({401, 403, 407, 418, 429, 451, 503, 999})
#: Worth another try after a pause: the server (or a proxy) failing for now.
TRANSIENT_CODES = frozenset({500, 502, 503, 504, 429})
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})

#: Failure kinds of a request that got no HTTP answer.
NO_HOST = "no-host"  # the name does not exist (NXDOMAIN)
NETWORK = "network"  # DNS servers or the route unreachable: the network, not the link
REFUSED = "refused"
TIMEOUT = "timeout"
DROPPED = "dropped"  # connection reset or closed without an answer
TLS = "tls"
OTHER = "other"

_NETWORK_ERRNOS = {errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH}
_NO_HOST_GAI = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
_NETWORK_GAI = {socket.EAI_AGAIN, getattr(socket, "EAI_SYSTEM", socket.EAI_AGAIN)}

#: Lower-case fragments of the pages bot walls (Cloudflare, PerimeterX, DataDome,
#: DDoS-Guard, Sucuri, AWS WAF) show instead of the content.
BOT_WALL_MARKERS = (
    "<title>just a moment...</title>",
    "<title>attention required! | cloudflare</title>",
    "cf-browser-verification",
    "/cdn-cgi/challenge-platform/",
    "_cf_chl_opt",
    "checking your browser before accessing",
    "please verify you are a human",
    "px-captcha",
    "captcha-delivery.com",
    "ddos-guard",
    "sucuri website firewall",
    "awswafintegration",
    "enable javascript and cookies to continue",
)


def status_for_code(code: int) -> str:
    """The status of a final (non-redirect) HTTP answer."""
    if 200 <= code < 300:
        return "ok"
    if code in DEAD_CODES:
        return "dead"
    if code in BLOCKED_CODES:
        return "blocked"
    return "error"


def bot_wall(headers: Mapping[str, str], body: bytes) -> str | None:
    """The name of the bot wall a response is, or ``None``."""
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return "Cloudflare challenge"
    head = body[:65536].decode("utf-8", "replace").lower()
    for marker in BOT_WALL_MARKERS:
        if marker in head:
            return f"bot wall ({marker.strip('<>/_').split('>')[-1][:40]})"
    return None


def failure_kind(exc: BaseException) -> tuple[str, str]:
    """``(kind, detail)`` for a request that got no HTTP answer."""
    import requests

    chain = exception_chain(exc)
    for e in chain:
        if isinstance(e, socket.gaierror):
            if e.errno in _NO_HOST_GAI:
                return NO_HOST, "unknown host"
            if e.errno in _NETWORK_GAI:
                return NETWORK, f"name resolution failed: {e.strerror or e}"
            return NETWORK, f"name resolution failed: {e}"
    names = " ".join(type(e).__name__ for e in chain)
    if "NameResolutionError" in names:  # urllib3 without the gaierror attached
        text = " ".join(str(e) for e in chain).lower()
        if "name or service not known" in text or "nodename nor servname" in text:
            return NO_HOST, "unknown host"
        return NETWORK, "name resolution failed"
    for e in chain:
        if isinstance(e, ConnectionRefusedError):
            return REFUSED, "connection refused"
        if isinstance(e, OSError) and e.errno in _NETWORK_ERRNOS:
            return NETWORK, f"network unreachable ({e.strerror})"
    if isinstance(exc, requests.exceptions.SSLError):
        return TLS, f"TLS error: {_short(exc)}"
    if isinstance(exc, requests.exceptions.Timeout) or any(isinstance(e, TimeoutError) for e in chain):
        return TIMEOUT, "no answer within the timeout"
    if isinstance(exc, requests.exceptions.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return DROPPED, "connection closed without an answer"
    return OTHER, _short(exc)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
