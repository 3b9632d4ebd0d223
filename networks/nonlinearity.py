r"""The nonlinearity lab: what a deep network of one input computes.

A random network :math:`\mathbb{R} \to \mathbb{R}` (``depth`` hidden layers of
``width`` units, random weights *and* biases) drawn on a grid shows what
the activation does to the composition:

* ``identity``: every layer is affine, so the whole network is one affine
  map :math:`y = w x + b` however deep it is (:func:`affine_collapse`);
  depth buys nothing without a nonlinearity.
* ReLU (and every other piecewise-linear activation): the output is
  piecewise linear; :func:`linear_pieces` counts the pieces exactly by
  following the pattern of active units, and :func:`grid_pieces` counts
  them again from second differences on a fine grid.
* sigmoid, tanh and other smooth activations: the output is smooth and
  curved; there are no linear pieces to count.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from networks.limits import MAX_REGIONS
from networks.mlp import (
    F64,
    ActivationSpec,
    Network,
    frozen,
    init_network,
    layer_sizes,
    predict_logits,
)

__all__ = [
    "PieceCount",
    "affine_collapse",
    "grid_pieces",
    "is_piecewise_linear",
    "linear_pieces",
    "network_output",
    "random_network_1d",
]

# is_piecewise_linear samples f' on each stretch between break points out to
# this half-width (or twice the outermost break).
_PL_WINDOW = 50.0
_PL_SAMPLES = 1025
_PL_RTOL = 1e-12
# Two neighbouring regions are one piece when their slopes (and values at
# the shared end) agree to this fraction of the largest slope (value).
_MERGE_RTOL = 1e-9
# grid_pieces flags a second difference above this fraction of the output's
# scale (max |y| plus max |Δy|), far above the rounding noise (~1e-15).
_GRID_RTOL = 1e-9


def random_network_1d(
    depth: int,
    width: int,
    seed: int,
    init: str = "xavier",
    sigma: float = 1.0,
    bias_sigma: float = 0.5,
) -> Network:
    """1 input, ``depth`` hidden layers of ``width`` units, 1 linear output.

    Weights as :func:`networks.mlp.init_network` draws them; biases
    :math:`N(0, \\sigma_b^2)` with ``bias_sigma`` (with zero biases every
    pre-activation is a multiple of x and all ReLU kinks would sit at 0).
    """
    return init_network(layer_sizes(1, depth, width), init, seed, sigma, bias_sigma)


def network_output(net: Network, spec: ActivationSpec, xs: F64) -> F64:
    """The network's output at each point of the 1-D array ``xs``."""
    return predict_logits(net, np.asarray(xs, dtype=np.float64)[:, None], spec)


def affine_collapse(net: Network) -> tuple[float, float]:
    r"""The single affine map ``(w, b)`` that a network of identity layers equals.

    .. math::
        w = W_1 W_2 \cdots W_{L+1}, \qquad
        b = \bigl(\cdots\bigl((b_1 W_2 + b_2) W_3 + b_3\bigr)\cdots\bigr) W_{L+1} + b_{L+1}

    exactly the composition :math:`x \mapsto (\cdots((x W_1 + b_1) W_2 + b_2)\cdots)`
    with nothing in between the layers. Meaningful for ``identity`` only.
    """
    w = net[0].weight
    b = net[0].bias
    for layer in net[1:]:
        w = w @ layer.weight
        b = b @ layer.weight + layer.bias
    return float(w[0, 0]), float(b[0])


def is_piecewise_linear(spec: ActivationSpec) -> bool:
    """Whether f′ is constant between consecutive break points (kinks and jumps) of f.

    Checked by sampling f′ on every stretch out to ±50 (or twice the
    outermost break): ReLU, leaky ReLU, ReLU6, the hard and shrink families,
    the step and the identity are; sigmoid, tanh, GELU and hard swish are not.
    """
    breaks = spec.activation.singular_points(**spec.kwargs)
    reach = max([_PL_WINDOW, *(2.0 * abs(b) for b in breaks)])
    edges = [-reach, *breaks, reach]
    for left, right in itertools.pairwise(edges):
        g = spec.slope(np.linspace(left, right, _PL_SAMPLES)[1:-1])
        if np.ptp(g) > _PL_RTOL * max(1.0, float(np.max(np.abs(g)))):
            return False
    return True


@dataclass(frozen=True)
class PieceCount:
    """What :func:`linear_pieces` found on an interval.

    ``kind`` is ``"piecewise_linear"``, ``"smooth"`` (the activation has no
    kinks or jumps: no pieces), ``"curved"`` (it has kinks but curves in
    between, as hard swish does: no pieces either) or ``"too_many"`` (more
    than :data:`~networks.limits.MAX_REGIONS` regions: not counted). For a piecewise-linear
    activation, ``pieces`` is the number of linear pieces of the output,
    ``breakpoints`` the x where one piece meets the next, ``slopes`` the
    output's slope on each piece and ``regions`` the number of stretches on
    which the pattern of active units is constant (at least ``pieces``: two
    neighbouring patterns can give the same line). Otherwise ``pieces`` and
    ``regions`` are None and the arrays empty.
    """

    kind: str
    pieces: int | None
    breakpoints: F64
    slopes: F64
    regions: int | None


def _segment_maps(spec: ActivationSpec, z: F64) -> tuple[F64, F64]:
    """Slope and intercept of the linear stretch of f that each ``z`` lies on."""
    slope = spec.slope(z)
    return slope, spec.value(z) - slope * z


def linear_pieces(net: Network, spec: ActivationSpec, lo: float, hi: float) -> PieceCount:
    r"""Count the linear pieces of the network's output on ``[lo, hi]`` exactly.

    On a stretch of x where every hidden unit stays on one linear segment of
    f (a fixed *activation pattern*), each pre-activation is affine in x,
    :math:`z = \alpha x + \beta`. Layer by layer, the stretch is split where
    some unit's :math:`\alpha x + \beta` crosses a break point :math:`k` of f,
    at :math:`x = (k - \beta)/\alpha`; in each part the unit's segment (slope
    :math:`s`, intercept :math:`c`, read at the part's midpoint) gives the
    next layer's input :math:`s(\alpha x + \beta) + c`, again affine. The
    parts left at the end are the pattern regions; neighbouring regions on
    which the output has the same slope and value are one linear piece.

    Saturating activations (hard tanh, ReLU6) with large weights fold the
    line again and again, and the number of regions can grow exponentially
    with depth: past :data:`~networks.limits.MAX_REGIONS` the count stops
    and ``kind`` is ``"too_many"``.
    """
    breaks = spec.activation.singular_points(**spec.kwargs)
    empty = frozen(np.zeros(0))
    if not is_piecewise_linear(spec):
        return PieceCount("curved" if breaks else "smooth", None, empty, empty, None)
    kinks = np.array(breaks, dtype=np.float64)
    bounds = np.array([lo, hi], dtype=np.float64)
    alpha = np.ones((1, 1))  # the layer's input is alpha * x + beta on each region
    beta = np.zeros((1, 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        for layer in net[:-1]:
            a = alpha @ layer.weight
            b = beta @ layer.weight + layer.bias
            if kinks.size:
                cross = (kinks[None, None, :] - b[:, :, None]) / a[:, :, None]
                inside = (
                    (a != 0.0)[:, :, None]
                    & (cross > bounds[:-1, None, None])
                    & (cross < bounds[1:, None, None])
                )
                if inside.any():
                    old = bounds
                    bounds = np.unique(np.concatenate([old, cross[inside]]))
                    if bounds.size - 1 > MAX_REGIONS:
                        return PieceCount("too_many", None, empty, empty, None)
                    mid = 0.5 * (bounds[:-1] + bounds[1:])
                    parent = np.searchsorted(old, mid, side="right") - 1
                    a, b = a[parent], b[parent]
            mid = 0.5 * (bounds[:-1] + bounds[1:])
            slope, intercept = _segment_maps(spec, a * mid[:, None] + b)
            alpha = slope * a
            beta = slope * b + intercept
    out = net[-1]
    slopes = (alpha @ out.weight)[:, 0]
    intercepts = (beta @ out.weight + out.bias)[:, 0]
    return _merge(bounds, slopes, intercepts)


def _merge(bounds: F64, slopes: F64, intercepts: F64) -> PieceCount:
    """Join neighbouring regions whose lines agree (same slope, same value where they meet)."""
    inner = bounds[1:-1]
    left_values = slopes[:-1] * inner + intercepts[:-1]
    right_values = slopes[1:] * inner + intercepts[1:]
    slope_scale = float(np.max(np.abs(slopes)))
    ends = slopes[:, None] * bounds[None, [0, -1]] + intercepts[:, None]
    value_scale = float(np.max(np.abs(ends)))
    same = (np.abs(slopes[1:] - slopes[:-1]) <= _MERGE_RTOL * slope_scale) & (
        np.abs(right_values - left_values) <= _MERGE_RTOL * max(value_scale, slope_scale)
    )
    keep = ~same
    piece_slopes = np.concatenate([slopes[:1], slopes[1:][keep]])
    return PieceCount(
        kind="piecewise_linear",
        pieces=int(piece_slopes.size),
        breakpoints=frozen(inner[keep]),
        slopes=frozen(piece_slopes),
        regions=int(slopes.size),
    )


def grid_pieces(
    net: Network, spec: ActivationSpec, lo: float, hi: float, points: int = 200_001
) -> int:
    r"""Count linear pieces from second differences of the output on a fine grid.

    :math:`\Delta^2 y_i = y_{i+1} - 2y_i + y_{i-1}` is 0 (up to rounding) where
    the output is linear over three grid points and about :math:`\Delta s \cdot h`
    where the slope changes by :math:`\Delta s` inside. Each run of
    consecutive flagged differences is one break, so pieces = runs + 1.
    Two breaks closer than about two grid steps, or a slope change too
    small to stand out, are missed: :func:`linear_pieces` is the exact count.
    """
    xs = np.linspace(lo, hi, points)
    y = network_output(net, spec, xs)
    d2 = np.abs(y[2:] - 2.0 * y[1:-1] + y[:-2])
    scale = float(np.max(np.abs(y)) + np.max(np.abs(np.diff(y))))
    flagged = d2 > _GRID_RTOL * scale
    runs = int(np.count_nonzero(flagged[1:] & ~flagged[:-1])) + int(flagged[0])
    return runs + 1
