"""The numbers behind a view, computed once from a :class:`ViewState`.

The graph, the text panels and the CSV download all read these arrays, so an
activation (or the visitor's own function) is evaluated in exactly one place.
"""

from __future__ import annotations

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
    x = state.x()
    curves = []
    for name in state.functions:
        activation = activations.get(name)
        params = state.params_for(name)
        curves.append(
            Curve(
                name=name,
                label=activation.label(state.lang),
                y=activation(x, **params),
                dy=activation.derivative(x, **params),
                activation=activation,
                params=params,
            )
        )
    if state.expr:
        y, dy = parse_expression(state.expr)(x)
        label = custom_label(state.expr, state.lang)
        curves.append(Curve(CUSTOM_NAME, label, y, dy, expr=state.expr))
    return Curves(x, tuple(curves))


def grad_peak(curve: Curve, curves: Curves, state: ViewState) -> activations.GradPeak | None:
    """Where |f′| is largest on the view's range; ``None`` if f′ is nowhere finite.

    Catalogue functions are refined beyond the sample grid by the library;
    the visitor's own function is read off the samples.
    """
    if curve.activation is not None:
        return activations.grad_peak(curve.activation, state.xmin, state.xmax, curve.params)
    magnitude = np.abs(curve.dy)
    if not np.isfinite(magnitude).any():
        return None
    i = int(np.nanargmax(magnitude))
    return activations.GradPeak(float(curves.x[i]), float(curve.dy[i]), float(magnitude[i]))
