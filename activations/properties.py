"""Properties of an activation, computed from f and f′ rather than typed in.

:func:`properties` answers the questions a learner asks of an activation -- what
values can it output, is it monotonic, is it zero-centred, how smooth is it,
how steep can it get, where does it saturate, does it dip to a minimum -- by
evaluating the activation's own ``fn`` and ``grad``. Nothing is looked up by
name: the only facts taken from the catalogue are where f′ does not exist
(``kinks`` and ``jumps``), and even those are checked by a scan that finds
any unlisted break in f′ or f″.

What is sampled
---------------
* the grid: ``linspace(-50, 50, 20001)`` (step 0.005), plus every break point
  ``b`` and the points ``b ± δ`` beside it (``δ = 1e-9 · max(1, |b|)``);
* the far points ``±1e6, ±1e9, ±1e12``, used only for limits at ±∞. Values
  there are never counted as attained: ``sigmoid(-1e6)`` is 0 in float64,
  yet the sigmoid never outputs 0.

Features beyond ``|x| = 50`` are seen only through the limits at ±∞.
Every rule is stated on :class:`Properties`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activations.analysis import PLATEAU_RTOL, grad_peak
from activations.registry import Activation

__all__ = ["Properties", "properties"]

F64 = NDArray[np.float64]
Fn = Callable[[ArrayLike], F64]

#: Half-width of the sampled window and its number of points (step 0.005).
WINDOW = 50.0
GRID_POINTS = 20001
#: Samples for :func:`activations.grad_peak` over the same window.
PEAK_SAMPLES = 4001
#: Points far out whose values give the limits at ±∞.
FAR = (1e6, 1e9, 1e12)
#: A limit (of f or of |f′|) at most this large in magnitude is taken as 0.
ZERO_LIMIT = 1e-12
#: Values within this relative distance count as equal (bounds, f(0) = 0).
VALUE_RTOL = 1e-12
#: |f′| at most this fraction of max |f′| on the grid counts as f′ = 0.
FLAT_RTOL = 1e-14

# The break scan (see _scan_breaks): how many candidates are examined, the
# steps of the one-sided difference quotients, and the relative sizes above
# which a difference of one-sided limits counts as a jump.
_MAX_CANDIDATES = 8
_ZOOM_POINTS = 21
_ZOOM_WIDTH = 1e-11
_S_COARSE = 1e-3
_S_FINE = 1e-5
_GRAD_JUMP_RTOL = 1e-8
_CURVATURE_JUMP_RTOL = 1e-6
# A flat stretch spans at least this many grid steps (so that a zero of f′
# sampled twice, at a break point and a grid point next to it, is not one).
_MIN_STRETCH = 1.5
_SECTION_POINTS = 33
_SECTION_ROUNDS = 12


@dataclass(frozen=True)
class Properties:
    r"""What :func:`properties` computed for one activation and parameter set.

    ``output_range``, ``range_open``
        ``(low, high)`` is the closure of the image :math:`f(\mathbb{R})`;
        either end may be infinite. ``range_open[i]`` is True when that end
        is only approached, never output, and always True for an infinite
        end. The bound at each end is the smaller (larger) of the lowest
        (highest) value on the grid and the limits of f at ±∞. A grid value
        strictly beyond both limits (by more than ``VALUE_RTOL``) is
        attained at that x, so the end is closed; otherwise the bound is a
        limit at ±∞, and the end is closed only if f equals it (to
        ``VALUE_RTOL``) at a break point or just beside one (``b ± δ``).
        That is how a flat stretch is told from rounding: ``tanh(20)``
        rounds to 1.0, but a function of one analytic formula cannot be
        constant on a stretch without being constant everywhere, so an end
        attained on a stretch (ReLU's 0, hard tanh's ±1, the step's 0 and 1)
        is attained next to where the formula switches.
    ``monotonic``
        From the signs of f′ on the grid and at the far points, the signs of
        the differences of consecutive grid values of f (more than
        ``VALUE_RTOL`` relative), and the direction of each jump. Both signs
        occur: ``"no"``. Only rises: ``"increasing"``, or
        ``"non-decreasing"`` if f is flat on a stretch: consecutive samples
        with f′ = 0 (to ``FLAT_RTOL`` of max |f′|) spanning at least 1.5
        grid steps and reaching within one grid step of a break point, by
        the same argument as for the range (softplus with β = 100 has
        f′ = 0 in float64 for x < -7.5 yet is increasing). A zero of f′ at
        isolated points (tanhshrink at 0) keeps f increasing. Only falls:
        ``"decreasing"`` or
        ``"non-increasing"`` likewise. A constant function is reported as
        ``"non-decreasing"``.
    ``zero_centred``
        :math:`|f(0)| \le 10^{-12}` and f takes both signs, i.e.
        ``low < 0 < high``. By this definition tanh, leaky ReLU, ELU, SELU,
        GELU and SiLU are zero-centred; the sigmoid (f(0) = 1/2) and ReLU
        (never negative) are not.
    ``smoothness``
        ``"discontinuous"`` if f has a jump; else ``"continuous"`` (C⁰, with
        kinks) if f′ has a jump; else ``"C¹"`` if f″ has a jump; else
        ``"C^∞"``, meaning no break in f′ or f″ was found: f‴ and beyond are
        not examined, so a C² function that is not C³ would be reported as
        C^∞. Jumps and kinks come from the catalogue plus the break scan;
        jumps in f″ (ELU with α = 1 at 0, CELU, softsign at 0) from the scan
        alone. The scan covers the grid, and a curvature that changes over a
        scale below about 1e-5 cannot be told from a break.
    ``kinks``, ``jumps``
        Where f′ does not exist, sorted: the catalogue's points, plus any
        kink the break scan finds that the catalogue does not list.
    ``grad_at_kinks``
        ``(x, f′(x))`` at every kink and jump, f′ as the library returns it
        there (its convention), sorted by x.
    ``max_abs_grad``, ``max_abs_grad_at``, ``max_abs_grad_approached``
        The supremum of |f′|, from :func:`activations.grad_peak` over
        ``[-50, 50]`` and the limits of |f′| at ±∞. ``max_abs_grad_at`` is
        the x where it is attained; a tuple ``(start, end)`` when it is
        attained on a whole stretch (ends may be ±∞, e.g. ReLU ``(0, inf)``;
        if several separate stretches attain it -- hard shrink's
        ``|x| > λ`` -- the leftmost is reported); ``-inf`` or ``inf`` when
        it is only approached as x → -∞ or x → +∞ (softplus: 1 as x → +∞),
        and ``(-inf, inf)`` with ``max_abs_grad_approached`` when it is
        approached at both ends (tanhshrink). ``max_abs_grad_approached`` is
        True whenever the supremum is not attained: at ±∞, or as a one-sided
        limit at a break point where the library's convention returns a
        smaller |f′|. A stretch of the grid where |f′| stays at the maximum
        counts as a plateau only if each finite end lies within one
        ``grad_peak`` grid step of a break point; otherwise (softplus's
        f′ rounds to 1.0 from x ≈ 36.7) it is rounding of an approach.
    ``saturates``
        The sides, of ``("left", "right")``, where f′ → 0: the limit of
        |f′| there, estimated from x = ±1e6, ±1e9, ±1e12, is at most 1e-12.
    ``minimum``
        ``(f(x*), x*)`` when f attains its global minimum at a single finite
        point x*, strictly below both limits at ±∞; x* is refined from the
        lowest grid point by repeated sectioning on the sign of f′ to about
        1e-13 relative (or is the break point, for a minimum at a kink).
        None when the infimum is -∞, is only approached at ±∞ (sigmoid), or
        is attained on a whole stretch (ReLU: 0 for every x ≤ 0; hard tanh:
        -1 for x ≤ -1) -- ``output_range[0]`` gives the value then. If f is
        still falling at the window's edge (lowest grid value at x = ±50,
        below both limits), that value is reported as an open bound and
        ``minimum`` is None: the window does not resolve it.

    Limits at ±∞ (of f, and of |f′|) are read from the values at 1e6, 1e9
    and 1e12: if the difference between the last two is 0, at rounding
    level, or at most a tenth of the previous difference (convergence at
    least like :math:`x^{-1/3}`), the limit is the Aitken extrapolation of
    the three, rounded to a multiple of :math:`10^{k-3}` where
    :math:`10^k` is the size of the extrapolation step (softsign's
    1 - 1e-12 at 1e12 gives exactly 1); a limit within 1e-12 of 0 is 0.
    Otherwise f diverges to ±∞ in the direction it moved.
    """

    output_range: tuple[float, float]
    range_open: tuple[bool, bool]
    monotonic: str
    zero_centred: bool
    smoothness: str
    kinks: tuple[float, ...]
    jumps: tuple[float, ...]
    grad_at_kinks: tuple[tuple[float, float], ...]
    max_abs_grad: float
    max_abs_grad_at: float | tuple[float, float]
    saturates: tuple[str, ...]
    minimum: tuple[float, float] | None
    max_abs_grad_approached: bool = False


@dataclass(frozen=True)
class _Bound:
    """One end of the range: its value, whether it is attained, and where."""

    value: float
    closed: bool
    at: float | None  # the single point of a strict extremum, else None


def properties(act: Activation, params: Mapping[str, float] | None = None) -> Properties:
    """Compute the :class:`Properties` of ``act`` with ``params`` over its defaults.

    Raises ``ValueError`` for parameters the activation does not accept.
    """
    resolved = act.resolve(params)

    def f(x: ArrayLike) -> F64:
        return np.asarray(act.fn(np.asarray(x, dtype=np.float64), **resolved), dtype=np.float64)

    def g(x: ArrayLike) -> F64:
        return np.asarray(act.grad(np.asarray(x, dtype=np.float64), **resolved), dtype=np.float64)

    listed_jumps = sorted({float(b) for b in act.jumps(**resolved)})
    listed_kinks = sorted({float(b) for b in act.kinks(**resolved)} - set(listed_jumps))

    grid = np.linspace(-WINDOW, WINDOW, GRID_POINTS)
    step = float(grid[1] - grid[0])
    g_grid = g(grid)
    found_kinks, bends = _scan_breaks(g, grid, g_grid, step, listed_kinks + listed_jumps)
    kinks = tuple(sorted(set(listed_kinks) | set(found_kinks)))
    jumps = tuple(listed_jumps)
    breaks = sorted(set(kinks) | set(jumps) | set(bends))

    # Samples: the grid, every break point and the points just beside it.
    beside = [(b - _delta(b), b, b + _delta(b)) for b in breaks]
    extra = np.array([p for triple in beside for p in triple], dtype=np.float64)
    xs_all = np.concatenate([grid, extra])
    xs, first = np.unique(xs_all, return_index=True)
    fs = f(xs)
    gs = np.concatenate([g_grid, g(extra)])[first]
    g_scale = float(np.max(np.abs(gs)))
    flat = np.abs(gs) <= FLAT_RTOL * g_scale
    near_break = np.array([p for triple in beside for p in (triple[0], triple[2])])
    f_near_break = f(near_break) if near_break.size else np.empty(0)
    f_at_break = f(np.array(breaks, dtype=np.float64)) if breaks else np.empty(0)
    f_switch = np.concatenate([f_near_break, f_at_break])

    far = np.array(FAR)
    f_left, f_right = f(-far), f(far)
    g_far = g(np.concatenate([-far, far]))
    g_left, g_right = np.abs(g_far[: far.size]), np.abs(g_far[far.size :])
    limits = (_limit(f_left), _limit(f_right))

    low = _bound(1.0, xs, fs, flat, step, limits, f_switch, f, g, breaks)
    high = _bound(-1.0, xs, fs, flat, step, limits, f_switch, f, g, breaks)

    monotonic = _monotonic(xs, fs, gs, flat, g_far, jumps, f, breaks, step)

    f0 = float(f(np.array([0.0]))[0])
    zero_centred = abs(f0) <= VALUE_RTOL and low.value < 0.0 < high.value

    if jumps:
        smoothness = "discontinuous"
    elif kinks:
        smoothness = "continuous"
    elif bends:
        smoothness = "C¹"
    else:
        smoothness = "C^∞"

    singular = sorted(set(kinks) | set(jumps))
    g_singular = g(np.array(singular, dtype=np.float64)) if singular else np.empty(0)
    grad_at_kinks = tuple((x, float(v)) for x, v in zip(singular, g_singular, strict=True))

    grad_limits = (_limit(g_left), _limit(g_right))
    top, top_at, approached = _max_abs_grad(act, resolved, g, grad_limits, g_left, g_right, breaks)

    saturates = tuple(
        side for side, lim in zip(("left", "right"), grad_limits, strict=True) if lim == 0.0
    )

    minimum = None if low.at is None else (low.value, low.at)
    return Properties(
        output_range=(low.value, high.value),
        range_open=(not low.closed, not high.closed),
        monotonic=monotonic,
        zero_centred=zero_centred,
        smoothness=smoothness,
        kinks=kinks,
        jumps=jumps,
        grad_at_kinks=grad_at_kinks,
        max_abs_grad=top,
        max_abs_grad_at=top_at,
        saturates=saturates,
        minimum=minimum,
        max_abs_grad_approached=approached,
    )


# --- helpers ------------------------------------------------------------------


def _delta(b: float) -> float:
    return 1e-9 * max(1.0, abs(b))


def _limit(values: F64) -> float:
    """The limit of a sequence sampled at x = 1e6, 1e9, 1e12 (see Properties)."""
    v6, v9, v12 = (float(v) for v in values)
    if not math.isfinite(v12):
        return v12
    d1, d2 = v9 - v6, v12 - v9
    if d2 == 0.0 or abs(d2) <= 4.0 * np.finfo(np.float64).eps * max(1.0, abs(v12)):
        limit = v12
    elif abs(d2) <= 0.1 * abs(d1):
        limit = v12
        if d1 * d2 > 0.0:
            correction = d2 * d2 / (d2 - d1)
            limit = v12 - correction
            k = math.floor(math.log10(abs(correction))) if correction else 0
            inv = 10.0 ** (3 - k)
            if correction and abs(limit) * inv < 1e15:
                limit = round(limit * inv) / inv
    else:
        return math.copysign(math.inf, d2)
    return 0.0 if abs(limit) <= ZERO_LIMIT else limit


def _bound(
    sign: float,
    xs: F64,
    fs: F64,
    flat: NDArray[np.bool_],
    step: float,
    limits: tuple[float, float],
    f_switch: F64,
    f: Fn,
    g: Fn,
    breaks: list[float],
) -> _Bound:
    """The lower end of the range of ``sign * f`` (sign = 1: low, -1: high)."""
    v = sign * fs
    i = int(np.argmin(v))
    vi = float(v[i])
    lim = min(sign * limits[0], sign * limits[1])
    if lim == -math.inf:
        return _Bound(sign * lim, False, None)
    # (+ 0.0 turns a -0.0 into 0.0.)
    if vi < lim - VALUE_RTOL * max(1.0, abs(lim)):
        # Attained at a finite x, strictly below both limits.
        lowest = xs[(v == vi) & flat]
        stretch = lowest.size >= 2 and float(lowest[-1] - lowest[0]) >= _MIN_STRETCH * step
        if stretch or i in (0, xs.size - 1):
            # On a whole stretch, or at the window's edge (not resolved).
            return _Bound(sign * vi + 0.0, i not in (0, xs.size - 1), None)
        x, value = _refine_extremum(sign, float(xs[i - 1]), float(xs[i + 1]), f, g, breaks)
        if value > vi:
            x, value = float(xs[i]), vi
        return _Bound(sign * value + 0.0, True, x)
    attained = bool(np.any(np.abs(sign * f_switch - lim) <= VALUE_RTOL * max(1.0, abs(lim))))
    return _Bound(sign * lim + 0.0, attained, None)


def _refine_extremum(
    sign: float, lo: float, hi: float, f: Fn, g: Fn, breaks: list[float]
) -> tuple[float, float]:
    """Refine a minimum of ``sign * f`` inside [lo, hi] by sectioning on sign(f′).

    Each round samples f′ at 33 points and keeps the stretch where
    ``sign * f′`` first turns non-negative, until the stretch is 1e-13
    relative wide. A break point inside [lo, hi] where f is at least as low
    wins (a minimum at a kink is reported exactly there). Returns
    ``(x, sign * f(x))``; the caller keeps its grid point if that is lower.
    """
    inside = [b for b in breaks if lo < b < hi]
    ends = sign * g(np.array([lo, hi]))
    if ends[0] < 0.0 <= ends[1]:
        for _ in range(_SECTION_ROUNDS):
            t = np.linspace(lo, hi, _SECTION_POINTS)
            s = sign * g(t)
            j = int(np.argmax(s >= 0.0))
            if j == 0 or s[j] == 0.0:
                lo = hi = float(t[j])
                break
            lo, hi = float(t[j - 1]), float(t[j])
            if hi - lo <= 1e-13 * max(1.0, abs(lo)):
                break
    points = np.array([*inside, 0.5 * (lo + hi)])
    values = sign * f(points)
    k = int(np.argmin(values))
    return float(points[k]), float(values[k])


def _scan_breaks(
    g: Fn, grid: F64, g_grid: F64, step: float, listed: Iterable[float]
) -> tuple[list[float], list[float]]:
    """Points on the grid where f′ (kinks) or f″ (bends) jumps, away from ``listed``.

    Candidates are the largest local maxima of the second difference of f′
    on the grid, (f′(x-h) - 2 f′(x) + f′(x+h)) / h, which is about f‴ h
    where f is smooth but about the size of the jump where f″ jumps. Each
    candidate is zoomed in on (21 points, keep the 2-step stretch with the
    largest second difference, repeat) to a width of 1e-11 and reported as
    the number in that stretch with the fewest decimals (0, 2.5, ...). One-sided
    limits of f′ and of f″ (second-order difference quotients, steps 1e-3
    and 1e-5) are compared on either side. A difference in f′ of more than
    1e-8 relative is a kink; else a difference in f″ of more than 1e-6
    relative that is the same (to half) at both steps is a bend -- for a
    smooth function it shrinks with the step.
    """
    second = (g_grid[:-2] - 2.0 * g_grid[1:-1] + g_grid[2:]) / step
    size = np.abs(second)
    centres = grid[1:-1]
    keep = size > 1e-8 * max(1.0, float(np.max(np.abs(g_grid))))
    for b in listed:
        keep &= np.abs(centres - b) > 3.0 * step
    peak = np.zeros_like(keep)
    peak[1:-1] = (size[1:-1] >= size[:-2]) & (size[1:-1] > size[2:])
    candidates = np.flatnonzero(keep & peak)
    candidates = candidates[np.argsort(-size[candidates], kind="stable")][:_MAX_CANDIDATES]

    kinks: list[float] = []
    bends: list[float] = []
    for i in (int(k) for k in candidates):
        lo, hi = float(grid[i]), float(grid[i + 2])
        while hi - lo > _ZOOM_WIDTH * max(1.0, abs(lo)):
            t = np.linspace(lo, hi, _ZOOM_POINTS)
            gt = g(t)
            sd = np.abs(gt[:-2] - 2.0 * gt[1:-1] + gt[2:])
            j = int(np.argmax(sd))
            new_lo, new_hi = float(t[j]), float(t[j + 2])
            if (new_lo, new_hi) == (lo, hi):
                break
            lo, hi = new_lo, new_hi
        c, w = 0.5 * (lo + hi), 0.5 * (hi - lo)
        kind = _classify(g, c, w)
        if kind == 1:
            kinks.append(_simplest(lo, hi))
        elif kind == 2:
            bends.append(_simplest(lo, hi))
    return kinks, bends


def _simplest(lo: float, hi: float) -> float:
    """The number in [lo, hi] with the fewest decimals (0 if inside), else the middle."""
    if lo <= 0.0 <= hi:
        return 0.0
    mid = 0.5 * (lo + hi)
    for digits in range(16):
        q = round(mid, digits)
        if lo <= q <= hi:
            return q
    return mid


def _classify(g: Fn, c: float, w: float) -> int:
    """1 if f′ jumps at c, 2 if f″ does (f′ continuous), 0 if neither."""
    offsets = np.array([0.0, 1.0, 2.0])
    pts = np.concatenate(
        [c - w - s * offsets for s in (_S_COARSE, _S_FINE)]
        + [c + w + s * offsets for s in (_S_COARSE, _S_FINE)]
    )
    v = g(pts)
    left = (v[0:3], v[3:6])
    right = (v[6:9], v[9:12])

    def curvatures(s: float, lv: F64, rv: F64) -> tuple[float, float]:
        c_left = (3.0 * lv[0] - 4.0 * lv[1] + lv[2]) / (2.0 * s)
        c_right = (-3.0 * rv[0] + 4.0 * rv[1] - rv[2]) / (2.0 * s)
        return float(c_left), float(c_right)

    cl_coarse, cr_coarse = curvatures(_S_COARSE, left[0], right[0])
    cl_fine, cr_fine = curvatures(_S_FINE, left[1], right[1])
    g_left = float(left[1][0]) + w * cl_fine
    g_right = float(right[1][0]) - w * cr_fine
    if abs(g_right - g_left) > _GRAD_JUMP_RTOL * max(1.0, abs(g_left), abs(g_right)):
        return 1
    jump_fine = cr_fine - cl_fine
    jump_coarse = cr_coarse - cl_coarse
    scale = max(1.0, abs(cl_fine), abs(cr_fine), abs(g_left))
    if abs(jump_fine) > _CURVATURE_JUMP_RTOL * scale and abs(jump_coarse - jump_fine) <= 0.5 * abs(
        jump_fine
    ):
        return 2
    return 0


def _monotonic(
    xs: F64,
    fs: F64,
    gs: F64,
    flat: NDArray[np.bool_],
    g_far: F64,
    jumps: tuple[float, ...],
    f: Fn,
    breaks: list[float],
    step: float,
) -> str:
    """The ``monotonic`` rule of :class:`Properties`."""
    g_scale = float(np.max(np.abs(gs)))
    tol = FLAT_RTOL * g_scale
    g_all = np.concatenate([gs, g_far])
    rises = bool(np.any(g_all > tol))
    falls = bool(np.any(g_all < -tol))
    df = np.diff(fs)
    f_tol = VALUE_RTOL * np.maximum(1.0, np.maximum(np.abs(fs[:-1]), np.abs(fs[1:])))
    rises |= bool(np.any(df > f_tol))
    falls |= bool(np.any(df < -f_tol))
    for b in jumps:
        before, after = f(np.array([b - _delta(b), b + _delta(b)]))
        rises |= bool(after > before)
        falls |= bool(after < before)
    if rises and falls:
        return "no"
    stalls = _has_flat_stretch(xs, flat, breaks, step)
    if falls:
        return "non-increasing" if stalls else "decreasing"
    return "non-decreasing" if stalls or not rises else "increasing"


def _has_flat_stretch(xs: F64, flat: NDArray[np.bool_], breaks: list[float], step: float) -> bool:
    """Consecutive flat samples spanning 1.5 grid steps, reaching within ``step`` of a break."""
    if not breaks:
        return False
    edges = np.diff(flat.astype(np.int8), prepend=0, append=0)
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1) - 1
    for s, e in zip(starts, ends, strict=True):
        if float(xs[e] - xs[s]) < _MIN_STRETCH * step:
            continue
        lo, hi = float(xs[s]) - step, float(xs[e]) + step
        if any(lo <= b <= hi for b in breaks):
            return True
    return False


def _max_abs_grad(
    act: Activation,
    resolved: Mapping[str, float],
    g: Fn,
    grad_limits: tuple[float, float],
    g_left: F64,
    g_right: F64,
    breaks: list[float],
) -> tuple[float, float | tuple[float, float], bool]:
    """The ``max_abs_grad`` rule of :class:`Properties`: (value, where, approached)."""
    peak = grad_peak(act, -WINDOW, WINDOW, resolved, samples=PEAK_SAMPLES)
    top = peak.abs_value
    peak_step = 2.0 * WINDOW / (PEAK_SAMPLES - 1)
    at_infinity = max(grad_limits)

    def approached_at(value: float) -> tuple[float, float | tuple[float, float], bool]:
        sides = [lim >= value * (1.0 - PLATEAU_RTOL) for lim in grad_limits]
        where: float | tuple[float, float]
        if all(sides):
            where = (-math.inf, math.inf)
        elif sides[0]:
            where = -math.inf
        else:
            where = math.inf
        return value, where, True

    if at_infinity > top * (1.0 + PLATEAU_RTOL):
        return approached_at(at_infinity)

    if peak.plateau is not None:
        start, end = peak.plateau
        floor = top * (1.0 - PLATEAU_RTOL)
        if start <= -WINDOW and bool(np.all(g_left >= floor)):
            start = -math.inf
        if end >= WINDOW and bool(np.all(g_right >= floor)):
            end = math.inf

        def genuine(e: float) -> bool:
            return math.isinf(e) or abs(e) >= WINDOW or any(abs(e - b) <= peak_step for b in breaks)

        if genuine(start) and genuine(end):
            return top, (start, end), False
        if max(grad_limits) >= floor:
            return approached_at(max(top, at_infinity))
        return top, peak.x, False

    # A peak next to a break point: the supremum may be a one-sided limit there.
    x, value, approached = peak.x, top, False
    for b in breaks:
        if abs(b - x) > 2.0 * peak_step:
            continue
        d = 1e-6 * max(1.0, abs(b))
        v = np.abs(g(np.array([b - 2.0 * d, b - d, b, b + d, b + 2.0 * d])))
        at_b = float(v[2])
        sup_b = max(float(2.0 * v[1] - v[0]), float(2.0 * v[3] - v[4]), at_b)
        if sup_b < value * (1.0 - PLATEAU_RTOL):
            continue
        if at_b >= sup_b * (1.0 - PLATEAU_RTOL):
            x, value, approached = b, at_b, False  # attained: the convention at b
        else:
            x, value, approached = b, max(value, sup_b), True
    return value, x, approached
