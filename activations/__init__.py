"""Activation functions for the Activation Explorer, in pure NumPy.

The catalogue in :mod:`activations.registry` holds one :class:`Activation`
record per function: value and derivative (from :mod:`activations.functions`),
English and Japanese names, LaTeX for f and f', parameters with their ranges,
and where f' does not exist together with the convention used there.

>>> import activations
>>> sigmoid = activations.get("sigmoid")
>>> float(sigmoid.derivative(0.0))
0.25
>>> activations.grad_peak(sigmoid, -5.0, 5.0).abs_value
0.25

Nothing here imports Dash or Plotly; every function is pure and vectorised.
"""

from activations.analysis import GradPeak, grad_peak, max_difference
from activations.registry import (
    Activation,
    FrameworkName,
    Param,
    all_activations,
    get,
    names,
)

__all__ = [
    "Activation",
    "FrameworkName",
    "GradPeak",
    "Param",
    "all_activations",
    "get",
    "grad_peak",
    "max_difference",
    "names",
]
