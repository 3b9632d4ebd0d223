"""The numbers behind a view, computed once from a :class:`ViewState`.

The graph, the formula panel and the CSV download all read these arrays, so
an activation is evaluated in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import activations
from components.state import ViewState


@dataclass(frozen=True)
class Curve:
    """One function of the view: f and f′ sampled on the view's x."""

    activation: activations.Activation
    params: dict[str, float]
    y: np.ndarray
    dy: np.ndarray

    @property
    def name(self) -> str:
        return self.activation.name


@dataclass(frozen=True)
class Curves:
    x: np.ndarray
    curves: tuple[Curve, ...]


def compute_curves(state: ViewState) -> Curves:
    """Evaluate every selected function and its derivative on ``state.x()``."""
    x = state.x()
    curves = []
    for name in state.functions:
        activation = activations.get(name)
        params = state.params_for(name)
        curves.append(
            Curve(activation, params, activation(x, **params), activation.derivative(x, **params))
        )
    return Curves(x, tuple(curves))


def grad_peak(curve: Curve, state: ViewState) -> activations.GradPeak:
    """Where |f′| is largest on the view's range (refined beyond the sample grid)."""
    return activations.grad_peak(curve.activation, state.xmin, state.xmax, curve.params)
