r"""Toy 2-D classification data sets, generated with NumPy from a seed.

Every set has ``n`` points with labels 0 and 1 (the first ``ceil(n/2)``
points have label 0, the rest label 1), lies roughly in
:math:`[-1.5, 1.5]^2`, and gets Gaussian noise of standard deviation
``noise`` added to each coordinate after labelling, so that noise blurs the
boundary rather than moving it. The same ``(name, n, noise, seed)`` always
gives the same points, bit for bit (``default_rng([seed, 3])``).

* ``xor``: uniform in :math:`[-1, 1]^2`; label 1 where :math:`x_1 x_2 > 0`.
* ``circles``: label 0 on the circle of radius 1, label 1 on radius 0.5.
* ``moons``: two interleaved half circles (as scikit-learn's ``make_moons``),
  shifted to be centred on the origin.
* ``spiral``: two arms :math:`r = t`, :math:`\theta = 3\pi t + k\pi`
  (:math:`t \in [0.1, 1]`, arm :math:`k` = label), one and a half turns each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from networks.limits import DATASETS
from networks.mlp import F64, frozen

__all__ = ["GRADIENT_DATA", "Dataset", "gradient_dataset", "make_dataset"]

_DATA_STREAM = 3


@dataclass(frozen=True)
class Dataset:
    """Points ``x`` of shape ``(n, 2)`` and labels ``y`` of shape ``(n,)`` (0.0 or 1.0)."""

    x: F64
    y: F64


def _labels(n: int) -> F64:
    return np.concatenate([np.zeros(n - n // 2), np.ones(n // 2)])


def _xor(rng: np.random.Generator, n: int) -> tuple[F64, F64]:
    x = rng.uniform(-1.0, 1.0, size=(n, 2))
    # Half the points in quadrants I and III (label 1), half in II and IV.
    y = _labels(n)
    same_sign = y == 1.0
    x[:, 1] = np.abs(x[:, 1]) * np.where(same_sign, np.sign(x[:, 0]), -np.sign(x[:, 0]))
    return x, y


def _circles(rng: np.random.Generator, n: int) -> tuple[F64, F64]:
    y = _labels(n)
    angle = rng.uniform(0.0, 2.0 * math.pi, size=n)
    radius = np.where(y == 1.0, 0.5, 1.0)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1), y


def _moons(rng: np.random.Generator, n: int) -> tuple[F64, F64]:
    y = _labels(n)
    t = rng.uniform(0.0, math.pi, size=n)
    upper = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower = np.stack([1.0 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    x = np.where((y == 1.0)[:, None], lower, upper)
    return x - np.array([0.5, 0.25]), y


def _spiral(rng: np.random.Generator, n: int) -> tuple[F64, F64]:
    y = _labels(n)
    t = rng.uniform(0.1, 1.0, size=n)
    theta = 3.0 * math.pi * t + math.pi * y
    return np.stack([t * np.cos(theta), t * np.sin(theta)], axis=1), y


_MAKERS = {"xor": _xor, "circles": _circles, "moons": _moons, "spiral": _spiral}


def make_dataset(name: str, n: int, noise: float, seed: int) -> Dataset:
    """``n`` labelled points of the set ``name`` (one of :data:`networks.limits.DATASETS`)."""
    maker = _MAKERS.get(name)
    if maker is None:
        raise ValueError(f"unknown dataset {name!r}; valid: {', '.join(DATASETS)}")
    rng = np.random.default_rng([seed, _DATA_STREAM])
    x, y = maker(rng, n)
    x = x + noise * rng.standard_normal(x.shape)
    return Dataset(frozen(x), frozen(y))


#: The gradient lab's fixed data: (name, points, noise, seed).
GRADIENT_DATA = ("moons", 100, 0.1, 0)


def gradient_dataset() -> Dataset:
    """The small fixed set the gradient lab measures on (:data:`GRADIENT_DATA`)."""
    name, n, noise, seed = GRADIENT_DATA
    return make_dataset(name, n, noise, seed)
