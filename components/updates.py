"""Send the browser only what changed: partial updates of the explorer's outputs.

The explorer's callback knows the view the page shows (its query, kept in
the query store) and the view it must show. When only the derivative was
turned on or off, or functions were added, removed or re-parameterised on
the same range, the graph and the function cards change in place (a Dash
``Patch``) instead of being sent again whole. Anything else redraws
everything. Either way the result is computed from the same validated
state, so the picture is the one a full redraw would give.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any

from dash import Patch

from components.curves import CUSTOM_NAME
from components.figures import TRACES_PER_CURVE, derivative_panel
from components.state import ViewState, parse_query, query_from_search


class Change(enum.Enum):
    """How the new view differs from the one on the page."""

    EVERYTHING = "everything"  # range, points, scale, language...: redraw all
    DERIVATIVE = "derivative"  # only the derivative was turned on or off
    CURVES = "curves"  # functions added, removed or re-parameterised
    NOTHING = "nothing"


def shown_state(query: Any, lang: str) -> ViewState | None:
    """The view on the page, from the query store; ``None`` if unknown or not valid.

    The store comes back from the browser, so it is read like any link: only a
    query the validator accepts without a single problem counts.
    """
    if not isinstance(query, str):
        return None
    state, problems = parse_query(query_from_search(query), default_lang=lang)
    return None if problems else state


def curve_names(state: ViewState) -> list[str]:
    """The curves of a view in figure order: the chosen functions, then the typed one."""
    return list(state.functions) + ([CUSTOM_NAME] if state.expr else [])


def classify(shown: ViewState | None, state: ViewState) -> Change:
    if shown is None:
        return Change.EVERYTHING
    frame = ("xmin", "xmax", "n", "log_deriv", "lang", "expr")
    if any(getattr(shown, name) != getattr(state, name) for name in frame):
        return Change.EVERYTHING
    same_curves = curve_names(shown) == curve_names(state) and not changed_params(shown, state)
    if shown.deriv != state.deriv:
        return Change.DERIVATIVE if same_curves else Change.EVERYTHING
    if same_curves:
        return Change.NOTHING
    if _edits(curve_names(shown), curve_names(state)) is None:
        return Change.EVERYTHING
    return Change.CURVES


def changed_params(shown: ViewState, state: ViewState) -> set[str]:
    """Functions on both views whose parameters differ."""
    return {
        name
        for name in set(shown.functions) & set(state.functions)
        if shown.params_for(name) != state.params_for(name)
    }


def _edits(old: Sequence[str], new: Sequence[str]) -> tuple[list[int], list[int]] | None:
    """Positions removed from ``old`` and added in ``new``; ``None`` if the rest moved."""
    if [n for n in old if n in new] != [n for n in new if n in old]:
        return None
    removed = [i for i, name in enumerate(old) if name not in new]
    added = [j for j, name in enumerate(new) if name not in old]
    return removed, added


def figure_for_curves(shown: ViewState, state: ViewState, figure: dict[str, Any]) -> Patch:
    """Edit the figure on the page into ``figure``: remove, insert, restyle, replace.

    ``figure`` is the full new figure (already themed), whose traces are copied
    where the page lacks them; everything else on the page is kept.
    """
    old, new = curve_names(shown), curve_names(state)
    edits = _edits(old, new)
    assert edits is not None, "classify() sends a reordering to a full redraw"
    removed, added = edits
    changed = changed_params(shown, state)
    patch = Patch()
    data = figure["data"]
    for i in reversed(removed):
        for _ in range(TRACES_PER_CURVE):
            del patch["data"][i * TRACES_PER_CURVE]
    for j in added:
        for k in range(TRACES_PER_CURVE):
            index = j * TRACES_PER_CURVE + k
            patch["data"].insert(index, data[index])
    for j, name in enumerate(new):
        if name not in old:
            continue
        first = j * TRACES_PER_CURVE
        if name in changed:
            for index in range(first, first + TRACES_PER_CURVE):
                patch["data"][index] = data[index]
        elif old.index(name) != j:  # moved up: its colour and marker follow its place
            for index in range(first, first + TRACES_PER_CURVE):
                for key in ("line", "marker"):
                    if key in data[index]:
                        patch["data"][index][key] = data[index][key]
    patch["layout"]["shapes"] = figure["layout"]["shapes"]
    patch["layout"]["annotations"] = figure["layout"]["annotations"]
    return patch


def figure_for_derivative(state: ViewState, marks: int) -> Patch:
    """Show or hide the f′ panel: visibility flags and axis settings, no data.

    ``marks`` is the number of places where some f′ does not exist (each has
    a dotted line and a label, shown with the panel).
    """
    patch = Patch()
    for j in range(len(curve_names(state))):
        for k in range(1, TRACES_PER_CURVE):  # f′ and its peak marker
            patch["data"][j * TRACES_PER_CURVE + k]["visible"] = state.deriv
    for (axis, key), value in derivative_panel(state.deriv).items():
        patch["layout"][axis][key] = value
    for key in ("shapes", "annotations"):
        for index in range(marks):
            patch["layout"][key][index]["visible"] = state.deriv
    return patch


def cards_for_curves(shown: ViewState, state: ViewState, card: Callable[[int], Any]) -> Patch:
    """Edit the function cards on the page: ``card(j)`` builds the ``j``-th new card.

    Only the cards of added or re-parameterised functions are built and sent.
    """
    old, new = curve_names(shown), curve_names(state)
    edits = _edits(old, new)
    assert edits is not None
    removed, added = edits
    changed = changed_params(shown, state)
    patch = Patch()
    for i in reversed(removed):
        del patch[i]
    for j in added:
        patch.insert(j, card(j))
    for j, name in enumerate(new):
        if name in changed:
            patch[j] = card(j)
    return patch
