"""Responses compressed as the browser asks: zstd, br or gzip, at two speeds.

Callback answers are made fresh for each request, so they are compressed
fast (zstd 9 takes a third of a millisecond for an update's 30 KB; zstd is
preferred). The page's scripts and styles never change under one address
(Dash puts a version or a modification time in it), so they are compressed
once, as small as the format allows (brotli 11 is preferred: the smallest),
and kept — in memory and in a directory every worker and restart shares
(``COMPRESSED_CACHE``, default ``<tmp>/activation-explorer-compressed``), so
that a new worker does not spend seconds on plotly.js again.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import brotli
import flask
from backports import zstd  # type: ignore[import-not-found]  # (in the stdlib from 3.14)

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
COMPRESSIBLE = frozenset(
    {
        "application/javascript",
        "image/vnd.microsoft.icon",
        "image/x-icon",
        "application/json",
        "image/svg+xml",
        "text/css",
        "text/csv",
        "text/html",
        "text/javascript",
        "text/plain",
    }
)
MIN_BYTES = 500
MAX_KEPT = 256


@dataclass(frozen=True)
class Encoding:
    name: str
    fast: Callable[[bytes], bytes]
    small: Callable[[bytes], bytes]


# In order of preference for answers made per request, when the browser
# accepts several; page resources prefer the smallest (SMALLEST_FIRST).
ENCODINGS = (
    Encoding(
        "zstd",
        fast=lambda data: zstd.compress(data, level=9),
        small=lambda data: zstd.compress(data, level=19),
    ),
    Encoding(
        "br",
        fast=lambda data: brotli.compress(data, quality=5),
        small=lambda data: brotli.compress(data, quality=11),
    ),
    Encoding(
        "gzip",
        fast=lambda data: gzip.compress(data, compresslevel=6, mtime=0),
        small=lambda data: gzip.compress(data, compresslevel=9, mtime=0),
    ),
)


def accepted(header: str) -> dict[str, float]:
    """``Accept-Encoding`` as encoding -> quality (``q=0`` means refused)."""
    found: dict[str, float] = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        if "q" in params:
            match = re.fullmatch(r"\s*q\s*=\s*([01](?:\.[0-9]{0,3})?)\s*", params)
            quality = float(match.group(1)) if match else 0.0  # unreadable: not accepted
        if name.strip():
            found[name.strip().lower()] = quality
    return found


SMALLEST_FIRST = ("br", "zstd", "gzip")


def choose(header: str, static: bool = False) -> Encoding | None:
    """The first of :data:`ENCODINGS` the browser accepts, if any.

    ``static``: for a page resource, compressed once, the smallest format first.
    """
    qualities = accepted(header)
    order = sorted(ENCODINGS, key=lambda e: SMALLEST_FIRST.index(e.name)) if static else ENCODINGS
    for encoding in order:
        if qualities.get(encoding.name, qualities.get("*", 0.0)) > 0:
            return encoding
    return None


def cache_directory() -> Path:
    return Path(
        os.environ.get("COMPRESSED_CACHE")
        or Path(tempfile.gettempdir()) / "activation-explorer-compressed"
    )


class Kept:
    """Compressed page resources by encoding and address: in memory, then on disk.

    The disk copy is named by a hash of the encoding, the address and the
    original bytes, so a changed file is never served from an old copy.
    Writes go through a temporary file and a rename: readers see a whole
    file or none. If the directory cannot be written, memory alone serves.
    """

    def __init__(self, directory: Path) -> None:
        self._entries: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()
        self._directory = directory

    def get_or_make(self, key: tuple[str, str], data: bytes, make: Callable[[], bytes]) -> bytes:
        with self._lock:
            found = self._entries.get(key)
        if found is not None:
            return found
        digest = hashlib.sha256(repr(key).encode() + hashlib.sha256(data).digest()).hexdigest()
        path = self._directory / f"{digest}.{key[0]}"
        try:
            made = path.read_bytes()
        except OSError:
            made = make()
            self._write(path, made)
        with self._lock:
            if len(self._entries) < MAX_KEPT:
                self._entries[key] = made
        return made

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, path)
        except OSError:
            pass  # a read-only disk: memory alone


def install_compression(server: flask.Flask) -> None:
    """Compress every compressible response ``server`` sends, as the browser asks."""
    kept = Kept(cache_directory())

    @server.after_request
    def compress(response: flask.Response) -> flask.Response:
        response.vary.add("Accept-Encoding")
        if (
            response.status_code != 200
            or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers
            or (response.is_streamed and not response.direct_passthrough)
        ):
            return response
        static = flask.request.path.startswith(STATIC_PREFIXES)
        encoding = choose(flask.request.headers.get("Accept-Encoding", ""), static)
        if encoding is None:
            return response
        response.direct_passthrough = False
        data = response.get_data()
        if len(data) < MIN_BYTES:
            return response
        if static:
            key = (encoding.name, flask.request.full_path)
            body = kept.get_or_make(key, data, lambda: encoding.small(data))
        else:
            body = encoding.fast(data)
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding.name
        etag, weak = response.get_etag()
        if etag:
            response.set_etag(f"{etag}:{encoding.name}", weak=weak)
        return response
