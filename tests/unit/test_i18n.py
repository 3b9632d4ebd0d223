"""Japanese and English: the catalogues agree, and the language is chosen well."""

from __future__ import annotations

import string

import pytest

from components.i18n import CATALOGUES, LANGUAGES, negotiate_language, translator


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_is_in_every_language():
    keys = {lang: set(CATALOGUES[lang]) for lang in LANGUAGES}
    assert keys["en"] - keys["ja"] == set(), "missing in Japanese"
    assert keys["ja"] - keys["en"] == set(), "missing in English"


@pytest.mark.parametrize("key", sorted(CATALOGUES["en"]))
def test_templates_take_the_same_values_in_both_languages(key):
    assert placeholders(CATALOGUES["en"][key]) == placeholders(CATALOGUES["ja"][key])
    if not key.endswith(".join"):  # Japanese joins sentences with nothing between them
        assert CATALOGUES["ja"][key].strip(), "empty Japanese text"


def test_japanese_text_is_japanese():
    # Most templates must contain kana or kanji, not a copy of the English.
    same = [k for k in CATALOGUES["en"] if CATALOGUES["en"][k] == CATALOGUES["ja"][k]]
    assert len(same) < 0.1 * len(CATALOGUES["en"]), same


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("ja", "ja"),
        ("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", "ja"),
        ("en-US,en;q=0.9,ja;q=0.8", "en"),
        ("fr-FR,fr;q=0.9,ja;q=0.5", "ja"),
        ("fr, de", "en"),
        ("ja;q=abc", "en"),
        ("*", "en"),
        ("x" * 10_000, "en"),
    ],
)
def test_accept_language_picks_the_best_supported_language(header, expected):
    assert negotiate_language(header) == expected


def test_translator_fills_values():
    assert translator("ja")("functions.hint", max=8) == "1〜8 個の関数を重ねて表示します。"
    assert translator("en")("functions.hint", max=8) == "Overlay 1 to 8 functions."
