"""Light and dark themes for the graphs, and the marks that tell curves apart.

Figure builders draw in the light theme; :func:`themed` turns a finished
figure into the visitor's theme in one place, so no builder needs to know
about themes. Colour is never the only cue: every function also has its own
marker symbol, and f′ is dashed where f is solid.

Both palettes keep the hues of Okabe and Ito's colour-blind-safe set, darker
for white and lighter for the dark background, so that every line has at
least 3:1 contrast against the plot (WCAG 2.2, 1.4.11); text colours have at
least 4.5:1 (tests/unit/test_theme.py measures both).
"""

from __future__ import annotations

from typing import Any

LIGHT = "light"
DARK = "dark"
THEMES = (LIGHT, DARK)

PALETTE = (
    "#0072B2",  # blue
    "#C44E00",  # vermillion
    "#00805C",  # bluish green
    "#B0508A",  # reddish purple
    "#A86A00",  # orange
    "#2E86C1",  # sky blue
    "#000000",  # black
    "#882255",  # wine
)
DARK_PALETTE = (
    "#56B4E9",
    "#F08A4B",
    "#2BC79A",
    "#E29CC4",
    "#F0C042",
    "#9CCFF0",
    "#E6E6E6",
    "#D46A9C",
)

# One symbol per function, in palette order: shape tells curves apart
# where colour cannot (print, projectors, colour-vision deficiencies).
MARKERS = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "cross",
    "star",
    "hexagon",
)
# Markers drawn per curve: enough to follow a line, few enough not to clutter.
MARKERS_PER_CURVE = 12

# Colours the light builders use, and what they become on the dark background.
_DARK_COLOURS = {light.lower(): dark for light, dark in zip(PALETTE, DARK_PALETTE, strict=True)} | {
    "#ffffff": "#161b22",  # plot background, marker outlines
    "#000000": "#e6e6e6",
    "#111827": "#e6edf3",  # strong text
    "#1f2328": "#e6edf3",
    "#444444": "#c9d1d9",  # annotation text
    "#555555": "#b1bac4",
    "#4b5563": "#b1bac4",  # muted text
    "#6b7280": "#8b949e",  # axis lines
    "#9aa1a9": "#6e7681",  # zero line
    "#e3e6ea": "#30363d",  # grid
    "rgba(255,255,255,0.85)": "rgba(22,27,34,0.85)",  # behind labels
}
# Keys whose string (or list of strings) values are colours. Colour scales
# are left alone: they are chosen to read on both backgrounds.
_COLOUR_KEYS = frozenset(
    {"color", "bgcolor", "bordercolor", "fillcolor", "gridcolor", "linecolor"}
    | {"zerolinecolor", "plot_bgcolor", "paper_bgcolor", "activecolor"}
)

TEXT = {LIGHT: "#1f2328", DARK: "#e6edf3"}
PLOT_BACKGROUND = {LIGHT: "#ffffff", DARK: "#161b22"}


# Presentation mode: text this much larger, for the back of a classroom.
LARGE_FONT_SCALE = 1.5
BASE_FONT_SIZE = 13


def parse_theme(raw: object) -> str:
    """The theme a store or request asked for; anything else is light."""
    return raw if isinstance(raw, str) and raw in THEMES else LIGHT


def parse_display(raw: object) -> tuple[str, bool]:
    """``(theme, large)`` from the display store's value, whatever the browser sent."""
    if not isinstance(raw, dict):
        return LIGHT, False
    return parse_theme(raw.get("theme")), raw.get("large") is True


def for_display(figure: dict[str, Any], display: object) -> dict[str, Any]:
    """``figure`` in the visitor's theme and, in presentation mode, with large text.

    Every page passes its figures through here: the one place that knows how
    the display store changes a graph.
    """
    theme, large = parse_display(display)
    figure = themed(figure, theme)
    return enlarged(figure) if large else figure


def enlarged(figure: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``figure`` with every font size scaled for projecting."""
    layout = _scale_fonts(figure.get("layout", {}))
    font = dict(layout.get("font") or {})
    if "size" not in font:
        font["size"] = BASE_FONT_SIZE * LARGE_FONT_SCALE
    layout["font"] = font
    return {**figure, "layout": layout}


def _scale_fonts(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: _scale_fonts(v, k) for k, v in node.items()}
    if isinstance(node, list) and node and isinstance(node[0], dict):
        return [_scale_fonts(item) for item in node]
    if key == "size" and isinstance(node, (int, float)):
        return node * LARGE_FONT_SCALE
    return node


def colour(index: int) -> str:
    """The light-theme colour of the ``index``-th curve."""
    return PALETTE[index % len(PALETTE)]


def marker(index: int) -> str:
    """The marker symbol of the ``index``-th curve."""
    return MARKERS[index % len(MARKERS)]


def themed(figure: dict[str, Any], theme: object) -> dict[str, Any]:
    """``figure`` (drawn for the light theme) as it should look in ``theme``.

    Light returns the figure itself. Dark returns a recoloured copy: known
    light colours become their dark counterparts and the text turns light.
    Arrays of numbers are shared, not copied.
    """
    if parse_theme(theme) == LIGHT:
        return figure
    layout = _recolour(figure.get("layout", {}))
    font = dict(layout.get("font") or {})
    font.setdefault("color", TEXT[DARK])
    layout["font"] = font
    layout["plot_bgcolor"] = PLOT_BACKGROUND[DARK]
    layout.setdefault("paper_bgcolor", "rgba(0,0,0,0)")
    data = [_recolour(trace) for trace in figure.get("data", [])]
    return {**figure, "data": data, "layout": layout}


def _recolour(node: Any, key: str = "") -> Any:
    if isinstance(node, dict) and "bdata" in node:  # a typed array: data, shared
        return node
    if isinstance(node, dict):
        return {k: _recolour(v, k) for k, v in node.items()}
    if isinstance(node, str):
        return _DARK_COLOURS.get(node.lower(), node) if key in _COLOUR_KEYS else node
    if isinstance(node, list) and node and isinstance(node[0], (dict, str, list)):
        return [_recolour(item, key) for item in node]
    return node
