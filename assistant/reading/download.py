"""Fetch one web page or PDF for ``add URL``: http(s) only, a timeout, a size limit, and one
clear line for every way it can fail (offline, no such host, HTTP error, too slow, too large,
not a page or a PDF)."""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException, HTTPResponse
from typing import Any

from ..errors import IngestError
from ..text.normalize import plain_text
from .deadline import Deadline
from .files import MAX_DOCUMENT_BYTES
from .formats.common import looks_like

USER_AGENT = "wuf13-assistant (+add URL; one page, saved for citation)"
CHUNK = 64 * 1024
_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_SNIFFED = {"a PDF document": ".pdf", "an HTML page": ".html"}


@dataclass(frozen=True)
class Downloaded:
    """One fetched document: its bytes, the suffix its type calls for, and where it was."""

    url: str  # after redirects
    data: bytes
    suffix: str  # .html, .pdf, .txt or .md
    name: str  # the last part of the URL's path, "" when it has none


def download(url: str, timeout: float, limit: int = MAX_DOCUMENT_BYTES) -> Downloaded:
    """The document at ``url``. Waits at most ``timeout`` seconds for the server each time it
    is read from, and ten times that for the whole exchange (status line and headers
    included); :class:`IngestError` otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.username or parts.password:  # (checked first: the message must not echo them)
        raise IngestError(
            "Web addresses with a user name or password are not downloaded (they would be kept "
            "in the knowledge folder). Save the page from your browser and add the file."
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IngestError(
            f"{url!r} is not a web address: give an http:// or https:// URL, or a file's path."
        )
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    deadline = Deadline(10 * timeout)
    opener = urllib.request.build_opener(_WebOnly, *deadline.handlers())
    try:
        with opener.open(request, timeout=timeout) as response:
            data = _read_capped(response, url, limit)
            final = response.geturl()
            headers: Message = response.headers
    except (IngestError, OSError, ValueError, HTTPException) as exc:
        if deadline.expired:
            raise _timed_out(url, 10 * timeout) from None
        raise _failed(url, exc, timeout) from None
    finally:
        deadline.cancel()
    if deadline.expired:  # (a body without a length, cut short by the deadline)
        raise _timed_out(url, 10 * timeout)
    suffix = _suffix(headers, data, url)
    path = urllib.parse.urlsplit(final).path
    return Downloaded(final, data, suffix, path.rstrip("/").rsplit("/", 1)[-1])


def _read_capped(response: HTTPResponse, url: str, limit: int) -> bytes:
    """The body, decoded when it was sent compressed (gzip, deflate), refused as soon as it is
    known to exceed ``limit`` bytes (the decoded ones counted)."""
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise _too_large(url, int(length), limit)
    decoder = _decoder(response.headers.get("Content-Encoding", ""), url)
    chunks: list[bytes] = []
    size = received = 0
    while True:
        chunk = response.read1(CHUNK)  # what has arrived: a trickle cannot dodge the cap
        if not chunk:
            break
        received += len(chunk)
        if decoder is not None:
            chunk = _decoded(decoder, chunk, limit + 1 - size, url)
        size += len(chunk)
        if size > limit:
            raise _too_large(url, size, limit, at_least=True)
        chunks.append(chunk)
    if length and length.isdigit() and received < int(length):
        raise IngestError(
            f"Download of {url} was cut off after {received} of {length} bytes. Try again, "
            "or save the page from your browser and add the file."
        )
    if decoder is not None and not decoder.eof:
        raise IngestError(f"Download of {url} was cut off (its compressed data ends early).")
    return b"".join(chunks)


def _decoder(encoding: str, url: str) -> Any:
    """A zlib decompressor for the body's ``Content-Encoding``, or None when it is plain."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise IngestError(
        f"Download of {url} came in an encoding that cannot be read "
        f"({_one_line(encoding)[:40]}). Save the page from your browser and add the file."
    )


def _decoded(decoder: Any, chunk: bytes, room: int, url: str) -> bytes:
    """``chunk`` decompressed, at most ``room`` bytes of it: more means over the limit."""
    try:
        out: bytes = decoder.decompress(chunk, room)
    except zlib.error:
        raise IngestError(
            f"Download of {url} could not be decompressed (damaged data). Try again, or save "
            "the page from your browser and add the file."
        ) from None
    return out + (b"\0" if decoder.unconsumed_tail else b"")  # (one byte past the room)


class _WebOnly(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to http(s) addresses only (never ftp:// or file://)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:  # fmt: skip
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise IngestError(
                f"{req.full_url} redirects to {newurl}, which is not a web address; only "
                "http:// and https:// are followed. Save the page and add the file."
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _suffix(headers: Message, data: bytes, url: str) -> str:
    """What the document is: its content type, else what its bytes look like."""
    declared = headers.get_content_type() if headers.get("Content-Type") else ""
    sniffed = looks_like(data)
    if sniffed in _SNIFFED:  # the bytes decide between a page and a PDF
        return _SNIFFED[sniffed]
    if declared in _TYPES and sniffed == "plain text":
        return _TYPES[declared]
    what = declared or "unknown type"
    raise IngestError(
        f"{url} is {sniffed} ({what}), not a web page or a PDF. Supported: .html, .htm, .pdf, "
        ".md, .txt. Save the document in one of these formats and add the file."
    )


def _failed(url: str, exc: BaseException, timeout: float) -> IngestError:
    """One line for a download that failed with ``exc``."""
    if isinstance(exc, IngestError):
        return exc
    if isinstance(exc, urllib.error.HTTPError) and 300 <= exc.code < 400:
        return IngestError(
            f"Download of {url} failed: it redirects too many times, or in a loop. Open it in "
            "a browser, save the page and add the file."
        )
    if isinstance(exc, urllib.error.HTTPError):
        return IngestError(
            f"Download of {url} failed: the server answered HTTP {exc.code} "
            f"({_one_line(str(exc.reason))[:80]}). Check the address, or save the page from "
            "your browser and add the file."
        )
    if isinstance(exc, TimeoutError):
        return _timed_out(url, timeout)
    if isinstance(exc, urllib.error.URLError):
        return _unreachable(url, exc.reason)
    return IngestError(  # reset, bad chunking, 100+ headers...
        f"Download of {url} failed ({_one_line(str(exc))[:120]}). Try again, or save the page "
        "and add the file."
    )


def _one_line(text: str) -> str:
    """What a server sent, safe for one line of a terminal: no escapes, no line breaks."""
    return " ".join(plain_text(text).split())


def _too_large(url: str, size: int, limit: int, *, at_least: bool = False) -> IngestError:
    more = "over " if at_least else ""
    return IngestError(
        f"Download of {url} stopped: it is {more}{size / 2**20:.1f} MB, and documents over "
        f"{limit / 2**20:.0f} MB are refused. Save the part you need and add that file."
    )


def _timed_out(url: str, seconds: float) -> IngestError:
    return IngestError(
        f"Download of {url} timed out after {seconds:g} s. Try again later, raise "
        "ASSISTANT_DOWNLOAD_TIMEOUT, or save the page from your browser and add the file."
    )


def _unreachable(url: str, reason: object) -> IngestError:
    if isinstance(reason, TimeoutError):
        return IngestError(
            f"Download of {url} timed out. Try again later, raise ASSISTANT_DOWNLOAD_TIMEOUT, "
            "or save the page from your browser and add the file."
        )
    text = str(getattr(reason, "strerror", None) or reason)
    if isinstance(reason, socket.gaierror):
        text = "the host name could not be found (offline, or a typo in the address?)"
    elif re.search(r"refused", text, re.I):
        text = "the connection was refused"
    return IngestError(
        f"Cannot download {url}: {text}. Check the connection and the address, or save the "
        "page from your browser and add the file."
    )
