"""Numbers computed from an activation over an interval, for the text and markers.

``grad_peak`` answers "where is the derivative steepest on [xmin, xmax], and
how steep?": the maximum of :math:`|f'|`, which bounds how much one layer can
amplify a gradient in backpropagation (0.25 for the sigmoid, 1 for tanh).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from activations.registry import Activation

__all__ = ["GradPeak", "grad_peak", "max_difference"]

F64 = NDArray[np.float64]

# |f'| within this relative distance of its maximum counts as "at the maximum"
# when looking for a plateau (ReLU's 1 for x > 0, the identity's 1 everywhere).
PLATEAU_RTOL = 1e-12
# Half-width of the central difference used to find which way |f'| rises,
# relative to max(1, |x|): large enough that the difference of two values is
# well above rounding noise, small enough that its bias (of order delta**2)
# stays below 1e-10 for the activations here.
_SLOPE_DELTA = 1e-5
_BISECTIONS = 80


@dataclass(frozen=True)
class GradPeak:
    """The maximum of |f'| over an interval.

    ``x`` is where it is attained, ``value`` the signed f'(x) there and
    ``abs_value`` its magnitude. ``plateau`` is ``(start, end)`` when |f'|
    stays at the maximum (to 1e-12 relative) over a whole stretch of the
    sampling grid; the ends are grid points, and ``x`` is then the first
    grid point of the stretch.
    """

    x: float
    value: float
    abs_value: float
    plateau: tuple[float, float] | None = None


def grad_peak(
    act: Activation,
    xmin: float,
    xmax: float,
    params: Mapping[str, float] | None = None,
    samples: int = 4001,
) -> GradPeak:
    r"""The maximum of :math:`|f'(x)|` for :math:`x \in [x_{min}, x_{max}]`.

    :math:`|f'|` is sampled on ``linspace(xmin, xmax, samples)``. A maximum
    at an interior grid point that is not part of a plateau is then refined
    between the two neighbouring grid points by bisection on the sign of a
    central difference of :math:`|f'|`. (A golden-section search on values
    alone cannot place a smooth maximum better than about
    :math:`\sqrt{\epsilon} \approx 10^{-8}`, because nearby values agree to
    the last bit; the sign of a difference taken 1e-5 apart can.) The refined
    point replaces the grid point only if its :math:`|f'|` is larger, so a
    maximum at a kink or on the grid is kept as sampled. A maximum at an
    end of the interval is reported at that end.

    Jumps (the step function's) are not derivatives and do not count: there
    f' is taken by the activation's convention.

    Raises ``ValueError`` for an empty, reversed or non-finite interval,
    fewer than 3 samples, or parameters the activation does not accept.
    """
    lo_x, hi_x = float(xmin), float(xmax)
    if not (math.isfinite(lo_x) and math.isfinite(hi_x) and lo_x < hi_x):
        raise ValueError(f"need finite xmin < xmax, got [{xmin!r}, {xmax!r}]")
    if not math.isfinite(hi_x - lo_x):
        raise ValueError(f"the interval [{xmin!r}, {xmax!r}] is too wide to sample")
    n = operator.index(samples)
    if n < 3:
        raise ValueError(f"need at least 3 samples, got {n}")
    resolved = act.resolve(params)

    def grad(x: F64) -> F64:
        return np.asarray(act.grad(x, **resolved), dtype=np.float64)

    xs = np.linspace(lo_x, hi_x, n)
    g = grad(xs)
    a = np.abs(g)
    i = int(np.argmax(a))
    top = float(a[i])

    at_top = a >= top * (1.0 - PLATEAU_RTOL)
    below_left = np.flatnonzero(~at_top[:i])
    below_right = np.flatnonzero(~at_top[i + 1 :])
    first = int(below_left[-1]) + 1 if below_left.size else 0
    last = i + int(below_right[0]) if below_right.size else n - 1
    if last > first:
        start, end = float(xs[first]), float(xs[last])
        # A plateau that begins or ends at a kink between two grid points
        # (ReLU's at 0) really begins there, not at the next grid point.
        for point in act.singular_points(**resolved):
            if first > 0 and xs[first - 1] <= point < start:
                start = point
            if last < n - 1 and end < point <= xs[last + 1]:
                end = point
        return GradPeak(float(xs[first]), float(g[first]), float(a[first]), (start, end))

    best_x, best_g = float(xs[i]), float(g[i])
    if 0 < i < n - 1:
        x = _refine(grad, float(xs[i - 1]), float(xs[i + 1]))
        gx = float(grad(np.array([x]))[0])
        if abs(gx) > abs(best_g):
            best_x, best_g = x, gx
    return GradPeak(best_x, best_g, abs(best_g))


def _refine(grad: Callable[[F64], F64], lo: float, hi: float) -> float:
    """Bisect [lo, hi] towards where |grad| stops rising."""
    delta = min(_SLOPE_DELTA * max(1.0, abs(lo), abs(hi)), (hi - lo) / 4.0)
    for _ in range(_BISECTIONS):
        mid = 0.5 * (lo + hi)
        if not lo < mid < hi:
            break
        left, right = np.abs(grad(np.array([mid - delta, mid + delta])))
        if right > left:
            lo = mid
        elif right < left:
            hi = mid
        else:
            return mid
    return 0.5 * (lo + hi)


def max_difference(
    act: Activation,
    reference: Activation,
    xmin: float,
    xmax: float,
    samples: int = 20001,
) -> tuple[float, float]:
    r"""The largest :math:`|f(x) - g(x)|` over ``[xmin, xmax]`` and where, at defaults.

    Used to say how far an approximation (``gelu_tanh``) is from the exact
    form (``gelu``): sampled on ``linspace(xmin, xmax, samples)``, which is
    ample for the smooth differences it is used on.
    """
    xs = np.linspace(float(xmin), float(xmax), operator.index(samples))
    difference = np.abs(
        np.asarray(act(xs), dtype=np.float64) - np.asarray(reference(xs), dtype=np.float64)
    )
    i = int(np.argmax(difference))
    return float(difference[i]), float(xs[i])
