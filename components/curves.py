"""The numbers behind a view, computed once from a :class:`ViewState`.

The graph, the text panels and the CSV download all read these arrays, so an
activation (or the visitor's own function) is evaluated in exactly one place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

import activations
from activations.expression import parse_expression
from components.i18n import translator
from components.state import ViewState

CUSTOM_NAME = "custom"


@dataclass(frozen=True)
class Curve:
    """One function of the view: f and f′ sampled on the view's x.

    ``activation`` is the catalogue record, or ``None`` for the visitor's own
    function (whose text is then ``expr``).
    """

    name: str
    label: str
    y: np.ndarray
    dy: np.ndarray
    activation: activations.Activation | None = None
    params: dict[str, float] = field(default_factory=dict)
    expr: str = ""


@dataclass(frozen=True)
class Curves:
    x: np.ndarray
    curves: tuple[Curve, ...]

    def catalogue(self) -> tuple[Curve, ...]:
        """The curves of catalogue functions (not the visitor's own)."""
        return tuple(c for c in self.curves if c.activation is not None)


def custom_label(expr: str, lang: str) -> str:
    return translator(lang)("custom.label", expr=expr)


def compute_curves(state: ViewState) -> Curves:
    """Evaluate every selected function and its derivative on ``state.x()``."""
    x = _grid(state.xmin, state.xmax, state.n)
    curves = []
    for name in state.functions:
        activation = activations.get(name)
        params = state.params_for(name)
        y, dy = _sampled(name, tuple(sorted(params.items())), state.xmin, state.xmax, state.n)
        curves.append(
            Curve(
                name=name,
                label=activation.label(state.lang),
                y=y,
                dy=dy,
                activation=activation,
                params=params,
            )
        )
    if state.expr:
        y, dy = _sampled_expression(state.expr, state.xmin, state.xmax, state.n)
        label = custom_label(state.expr, state.lang)
        curves.append(Curve(CUSTOM_NAME, label, y, dy, expr=state.expr))
    return Curves(x, tuple(curves))


@functools.lru_cache(maxsize=256)
def _catalogue_peak(
    name: str, xmin: float, xmax: float, params: tuple[tuple[str, float], ...]
) -> activations.GradPeak | None:
    # The graph, the card and the summary all mark it: found once per view.
    return activations.grad_peak(activations.get(name), xmin, xmax, dict(params))


# Views change one control at a time, so most curves of the next view were
# computed for the last one. Results are pure functions of their arguments
# and kept read-only, so sharing them is safe. 64 entries of two arrays of at
# most 10,000 float64 values: 10 MB at worst.
CACHED_CURVES = 64


def _frozen(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    for array in arrays:
        array.flags.writeable = False
    return arrays


@functools.lru_cache(maxsize=8)
def _grid(xmin: float, xmax: float, n: int) -> np.ndarray:
    (x,) = _frozen(np.linspace(xmin, xmax, n))
    return x


@functools.lru_cache(maxsize=CACHED_CURVES)
def _sampled(
    name: str, params: tuple[tuple[str, float], ...], xmin: float, xmax: float, n: int
) -> tuple[np.ndarray, np.ndarray]:
    activation = activations.get(name)
    x = _grid(xmin, xmax, n)
    y, dy = _frozen(activation(x, **dict(params)), activation.derivative(x, **dict(params)))
    return y, dy


@functools.lru_cache(maxsize=CACHED_CURVES)
def _sampled_expression(
    expr: str, xmin: float, xmax: float, n: int
) -> tuple[np.ndarray, np.ndarray]:
    y, dy = parse_expression(expr)(_grid(xmin, xmax, n))
    return _frozen(y, dy)


def grad_peak(curve: Curve, curves: Curves, state: ViewState) -> activations.GradPeak | None:
    """Where |f′| is largest on the view's range; ``None`` if f′ is nowhere finite.

    Catalogue functions are refined beyond the sample grid by the library;
    the visitor's own function is read off the samples.
    """
    if curve.activation is not None:
        params = tuple(sorted(curve.params.items()))
        return _catalogue_peak(curve.name, state.xmin, state.xmax, params)
    magnitude = np.abs(curve.dy)
    if not np.isfinite(magnitude).any():
        return None
    i = int(np.nanargmax(magnitude))
    return activations.GradPeak(float(curves.x[i]), float(curve.dy[i]), float(magnitude[i]))
