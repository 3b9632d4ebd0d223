"""Themes: measured contrast of every colour, and how a figure changes with the display."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components import theme
from components.curves import compute_curves
from components.figures import explorer_figure
from components.state import parse_query

STYLE = Path(__file__).resolve().parents[2] / "assets" / "style.css"


def luminance(hex_colour: str) -> float:
    """Relative luminance, WCAG 2.2."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def css_variables(block_selector: str) -> dict[str, str]:
    css = STYLE.read_text(encoding="utf-8")
    start = css.index(block_selector + " {")
    block = css[start : css.index("}", start)]
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


@pytest.mark.parametrize(
    ("palette", "background"),
    [
        (theme.PALETTE, theme.PLOT_BACKGROUND[theme.LIGHT]),
        (theme.DARK_PALETTE, theme.PLOT_BACKGROUND[theme.DARK]),
    ],
)
def test_every_curve_colour_has_3_to_1_contrast_on_its_plot(palette, background):
    for colour in palette:
        assert contrast(colour, background) >= 3.0, colour


@pytest.mark.parametrize("selector", [":root", ':root[data-theme="dark"]'])
def test_page_text_has_4_5_to_1_contrast_and_controls_3_to_1(selector):
    colours = css_variables(selector)
    for surface in ("bg", "surface"):
        assert contrast(colours["text"], colours[surface]) >= 4.5
        assert contrast(colours["text-muted"], colours[surface]) >= 4.5
        assert contrast(colours["accent"], colours[surface]) >= 4.5  # links, button text
        assert contrast(colours["control-border"], colours[surface]) >= 3.0
        assert contrast(colours["focus"], colours[surface]) >= 3.0
    assert contrast(colours["accent-text"], colours["accent"]) >= 4.5
    assert contrast(colours["text"], colours["warn-bg"]) >= 4.5


def test_graph_text_has_4_5_to_1_contrast_in_both_themes():
    for name in theme.THEMES:
        assert contrast(theme.TEXT[name], theme.PLOT_BACKGROUND[name]) >= 4.5


def test_each_function_has_its_own_marker_and_colour():
    assert len(set(theme.MARKERS)) == len(theme.MARKERS) == len(theme.PALETTE)
    assert len(set(theme.PALETTE)) == len(theme.PALETTE)
    assert theme.marker(len(theme.MARKERS)) == theme.MARKERS[0]


def figure():
    state, _ = parse_query({"fn": ["sigmoid,relu"], "n": ["11"]})
    return explorer_figure(compute_curves(state), state)


def test_the_light_theme_leaves_the_figure_as_drawn():
    drawn = figure()
    assert theme.for_display(drawn, {"theme": "light", "large": False}) is drawn


def test_the_dark_theme_recolours_curves_background_and_text_only():
    drawn = figure()
    dark = theme.for_display(drawn, {"theme": "dark", "large": False})
    assert dark["layout"]["plot_bgcolor"] == theme.PLOT_BACKGROUND[theme.DARK]
    assert dark["layout"]["font"]["color"] == theme.TEXT[theme.DARK]
    assert dark["layout"]["xaxis"]["gridcolor"] != drawn["layout"]["xaxis"]["gridcolor"]
    for light_trace, dark_trace in zip(drawn["data"], dark["data"], strict=True):
        index = theme.PALETTE.index(light_trace["marker"]["color"])
        assert dark_trace["marker"]["color"] == theme.DARK_PALETTE[index]
        if "line" in light_trace:
            assert dark_trace["line"]["color"] == theme.DARK_PALETTE[index]
        assert dark_trace["marker"]["symbol"] == light_trace["marker"]["symbol"]
        assert dark_trace["y"] is light_trace["y"]  # data shared, not copied
    # The original is untouched.
    assert drawn["layout"]["plot_bgcolor"] == "#ffffff"
    assert drawn["data"][0]["line"]["color"] == theme.PALETTE[0]


def test_presentation_mode_enlarges_every_font():
    drawn = figure()
    large = theme.for_display(drawn, {"theme": "light", "large": True})
    assert large["layout"]["font"]["size"] == drawn["layout"]["font"]["size"] * 1.5
    for before, after in zip(
        drawn["layout"]["annotations"], large["layout"]["annotations"], strict=True
    ):
        assert after["font"]["size"] == before["font"]["size"] * 1.5


@pytest.mark.parametrize(
    "raw",
    [None, "dark", 3, [], {"theme": "purple"}, {"theme": ["dark"]}, {"large": "yes"}, {}],
)
def test_whatever_the_browser_sends_as_display_reads_as_light_normal(raw):
    assert theme.parse_display(raw) == (theme.LIGHT, False)
    drawn = figure()
    assert theme.for_display(drawn, raw) is drawn


def test_a_dark_large_display_is_read_as_such():
    assert theme.parse_display({"theme": "dark", "large": True}) == (theme.DARK, True)
