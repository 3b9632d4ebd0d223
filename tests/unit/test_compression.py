"""Compression as the browser asks: which encoding, which level, what is left alone."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from backports import zstd

from app import create_app
from components.compression import Kept, accepted, choose

CHROMIUM = "gzip, deflate, br, zstd"


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        (CHROMIUM, "zstd"),
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("*", "zstd"),
        ("identity", None),
        ("", None),
        ("zstd;q=abc, gzip", "gzip"),
    ],
)
def test_the_first_accepted_encoding_is_chosen(header, chosen):
    encoding = choose(header)
    assert (encoding.name if encoding else None) == chosen


def test_accept_encoding_is_read_with_its_qualities():
    assert accepted("gzip;q=0.5, br") == {"gzip": 0.5, "br": 1.0}


def decode(name: str, body: bytes) -> bytes:
    return {"zstd": zstd.decompress, "br": brotli.decompress, "gzip": gzip.decompress}[name](body)


@pytest.mark.parametrize("encoding", ["zstd", "br", "gzip"])
def test_page_scripts_are_compressed_small_and_decode_to_the_original(client, encoding):
    page = client.get("/").data.decode()
    script = next(s for s in re.findall(r'src="([^"]+)"', page) if "dash_renderer" in s)
    plain = client.get(script, headers={"Accept-Encoding": "identity"})
    packed = client.get(script, headers={"Accept-Encoding": encoding})
    assert packed.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert decode(encoding, packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 3
    # Kept: the second answer is the same bytes.
    assert client.get(script, headers={"Accept-Encoding": encoding}).data == packed.data


def test_callback_answers_are_compressed_and_small_ones_are_not(client):
    big = client.get("/export.csv?fn=sigmoid&n=2000", headers={"Accept-Encoding": CHROMIUM})
    assert big.headers["Content-Encoding"] == "zstd"
    assert decode("zstd", big.data).startswith(b"x,sigmoid")
    small = client.get("/healthz", headers={"Accept-Encoding": CHROMIUM})
    assert "Content-Encoding" not in small.headers


def test_errors_are_not_compressed(client):
    response = client.get("/export.csv?fn=nope", headers={"Accept-Encoding": CHROMIUM})
    assert response.status_code == 400 and "Content-Encoding" not in response.headers


def test_page_resources_prefer_the_smallest_format():
    assert choose(CHROMIUM, static=True).name == "br"
    assert choose("gzip, zstd", static=True).name == "zstd"


def test_a_compressed_resource_is_made_once_and_shared_through_the_disk(tmp_path):
    made = []

    def make() -> bytes:
        made.append(1)
        return b"packed"

    first = Kept(tmp_path).get_or_make(("br", "/assets/x.js?m=1"), b"original", make)
    # Another worker (a new Kept) finds it on disk instead of compressing again.
    second = Kept(tmp_path).get_or_make(("br", "/assets/x.js?m=1"), b"original", make)
    assert first == second == b"packed" and made == [1]
    # Different bytes under the same address are never served an old copy.
    Kept(tmp_path).get_or_make(("br", "/assets/x.js?m=1"), b"changed", make)
    assert made == [1, 1]


def test_an_unwritable_cache_directory_still_serves(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert Kept(blocked / "sub").get_or_make(("zstd", "/a"), b"x", lambda: b"y") == b"y"


def test_the_favicon_is_compressed(client):
    response = client.get("/_favicon.ico", headers={"Accept-Encoding": CHROMIUM})
    assert response.headers.get("Content-Encoding") == "zstd"
