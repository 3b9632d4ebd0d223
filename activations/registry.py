"""The catalogue of activations: one :class:`Activation` record per function.

A record ties together everything the rest of the app needs to know about an
activation: its value and derivative functions (from :mod:`activations.functions`),
its display names in English and Japanese, LaTeX for f and f', its parameters
with their defaults and allowed ranges, and where its derivative does not
exist (kinks and jumps) together with the convention used there.

``get(name)`` is the one way to look a record up; an unknown name raises a
``ValueError`` that names the closest match and every valid name.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activations import functions as F

Array = NDArray[np.floating[Any]]
ArrayFn = Callable[..., Array]


@dataclass(frozen=True)
class Param:
    """A numeric parameter of an activation, e.g. the slope ``alpha`` of leaky ReLU."""

    name: str
    default: float
    low: float
    high: float
    step: float
    labels: Mapping[str, str]

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang, self.labels["en"])


def _no_points(**_params: float) -> tuple[float, ...]:
    return ()


@dataclass(frozen=True)
class Activation:
    """One activation function: value, derivative and what a learner should know."""

    name: str
    labels: Mapping[str, str]
    fn: ArrayFn
    grad: ArrayFn
    latex: str
    latex_grad: str
    convention: Mapping[str, str]
    params: tuple[Param, ...] = ()
    kinks: Callable[..., tuple[float, ...]] = field(default=_no_points)
    jumps: Callable[..., tuple[float, ...]] = field(default=_no_points)

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang, self.labels["en"])

    def describe_convention(self, lang: str = "en") -> str:
        return self.convention.get(lang, self.convention["en"])

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        valid = ", ".join(p.name for p in self.params) or "none"
        raise ValueError(f"{self.name} has no parameter {name!r} (its parameters: {valid})")

    def defaults(self) -> dict[str, float]:
        return {p.name: p.default for p in self.params}

    def resolve(self, params: Mapping[str, float] | None = None) -> dict[str, float]:
        """Defaults overlaid with ``params``; unknown names and out-of-range values raise."""
        resolved = self.defaults()
        for name, value in (params or {}).items():
            p = self.param(name)
            value = float(value)
            if not (p.low <= value <= p.high):
                raise ValueError(
                    f"{self.name}.{name} must be between {p.low:g} and {p.high:g}, got {value!r}"
                )
            resolved[name] = value
        return resolved

    def __call__(self, x: ArrayLike, **params: float) -> Array:
        return self.fn(x, **self.resolve(params))

    def derivative(self, x: ArrayLike, **params: float) -> Array:
        return self.grad(x, **self.resolve(params))

    def singular_points(self, **params: float) -> tuple[float, ...]:
        """Every x where f' does not exist: kinks and jumps, sorted."""
        resolved = self.resolve(params)
        return tuple(sorted(set(self.kinks(**resolved)) | set(self.jumps(**resolved))))
