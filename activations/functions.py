"""Activation functions and their derivatives, in pure NumPy.

One small function per activation and one per derivative (``d_<name>``).
Every function takes an array-like ``x`` and keyword-only parameters, and
works elementwise:

* dtype: float16, float32 and float64 inputs keep their dtype; ints, bools
  and anything else real come back as float64. Internally everything is
  evaluated in float64 and rounded once at the end, so float32 results are
  the float64 results correctly rounded to float32 (up to double rounding).
* shape: the output has the shape of ``x``; a scalar gives a 0-d array.
* numerics: for every finite ``x`` (including ``±1e308`` and subnormals) no
  overflow, no division by zero and no invalid operation happens, so
  nothing warns or raises even under ``np.errstate(all="raise")``.
  Exponentials are taken of non-positive, clamped arguments only, and the
  forms used are the stable ones (``exp(-|x|)``, ``expm1``, ``log1p``).
  The one exception is a result that is itself too large for the dtype:
  :func:`selu` has slope :math:`\\lambda \\approx 1.0507 > 1`, so for
  :math:`|x| > \\mathrm{max}/\\lambda` (about 1.71e308 in float64, 3.24e38 in
  float32) the true value is beyond the largest finite float and the IEEE
  answer, ``±inf`` with an overflow, is what comes back.

Where f' does not exist (a kink or a jump), the value returned is the one
the common frameworks use; each docstring says which.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "Array",
    "celu",
    "d_celu",
    "d_elu",
    "d_gelu",
    "d_gelu_tanh",
    "d_hard_sigmoid",
    "d_hard_sigmoid_keras2",
    "d_hard_swish",
    "d_hard_tanh",
    "d_hardshrink",
    "d_identity",
    "d_leaky_relu",
    "d_log_sigmoid",
    "d_mish",
    "d_relu",
    "d_relu6",
    "d_selu",
    "d_sigmoid",
    "d_silu",
    "d_softplus",
    "d_softshrink",
    "d_softsign",
    "d_squareplus",
    "d_step",
    "d_tanh",
    "d_tanhshrink",
    "elu",
    "gelu",
    "gelu_tanh",
    "hard_sigmoid",
    "hard_sigmoid_keras2",
    "hard_swish",
    "hard_tanh",
    "hardshrink",
    "identity",
    "leaky_relu",
    "log_sigmoid",
    "mish",
    "relu",
    "relu6",
    "selu",
    "sigmoid",
    "silu",
    "softplus",
    "softshrink",
    "softsign",
    "squareplus",
    "step",
    "tanh",
    "tanhshrink",
]

Array = NDArray[np.floating[Any]]
F64 = NDArray[np.float64]

# exp(-800) is 0 in float64 (the smallest subnormal is exp(-744.4)), so an
# exponent can be clamped at 800 without changing any result; the clamp is
# what keeps products such as beta * 1e308 from overflowing.
_EXP_CLAMP = 800.0
# exp(-x**2 / 2) is 0 once |x| > 38.6; clamping x at 40 keeps x**2 finite.
_PDF_CLAMP = 40.0
_INV_SQRT2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)

# SELU's constants from Klambauer et al. (2017), to the digits the paper,
# PyTorch and JAX give; float64 keeps the nearest double of each.
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946

# The tanh approximation of GELU: 0.5 x (1 + tanh(c (x + k x^3))).
_GELU_TANH_C = math.sqrt(2.0 / math.pi)
_GELU_TANH_K = 0.044715
# For |x| >= 30 the argument 2c(x + k x^3) of the sigmoid below is beyond
# ±800, where the sigmoid is exactly 0 or 1 in float64; clamping x at 100
# keeps x^3 finite and changes nothing.
_CUBIC_CLAMP = 100.0

# Taylor coefficients of x - tanh(x) = x^3 (c0 + c1 x^2 + c2 x^4 + ...),
# from tanh's series (2^2n (2^2n - 1) B_2n / (2n)!), rounded to float64.
# Below |x| = 0.3 twelve terms leave a remainder under 1e-17 relative.
_TANHSHRINK_SERIES = (
    0.3333333333333333,
    -0.13333333333333333,
    0.05396825396825397,
    -0.021869488536155203,
    0.008863235529902197,
    -0.003592128036572481,
    0.0014558343870513183,
    -0.000590027440945586,
    0.00023912911424355248,
    -9.691537956929451e-05,
    3.927832388331683e-05,
    -1.5918905069328964e-05,
)
_TANHSHRINK_SERIES_BELOW = 0.3

_KEPT_DTYPES = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))


P = ParamSpec("P")


def _elementwise(
    formula: Callable[Concatenate[F64, P], F64],
) -> Callable[Concatenate[ArrayLike, P], Array]:
    """Wrap a float64 formula with the shared dtype handling.

    The wrapped function converts ``x`` to float64, evaluates the formula and
    rounds the result back to the input's float dtype (float64 for ints and
    bools). Complex input is rejected rather than silently losing its
    imaginary part.
    """

    @functools.wraps(formula)
    def wrapper(x: ArrayLike, /, *args: P.args, **kwargs: P.kwargs) -> Array:
        arr = np.asarray(x)
        if arr.dtype.kind not in "biuf":  # bool, int, unsigned, float
            raise TypeError(f"{formula.__name__} needs real numbers, got dtype {arr.dtype}")
        out_dtype = arr.dtype if arr.dtype in _KEPT_DTYPES else np.dtype(np.float64)
        # Underflow is the only floating-point event allowed: a true result
        # (or an intermediate such as exp(-1000)) smaller than the smallest
        # normal float64 is rounded to a subnormal or to 0, which is the
        # correctly rounded IEEE answer and not an error. Overflow, division
        # by zero and invalid operations keep the caller's error state.
        with np.errstate(under="ignore"):
            result = formula(arr.astype(np.float64), *args, **kwargs)
            return np.asarray(result, dtype=out_dtype)

    return wrapper


def _exp_neg(t: F64) -> F64:
    """exp(-t) for t >= 0, clamped so that any finite t is safe."""
    return np.exp(-np.minimum(t, _EXP_CLAMP))


def _sigmoid(x: F64) -> F64:
    e = _exp_neg(np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _d_sigmoid(x: F64) -> F64:
    # sigma'(x) = e / (1 + e)^2 with e = exp(-|x|): sigma (1 - sigma) would
    # lose everything to rounding once sigma rounds to 1.
    e = _exp_neg(np.abs(x))
    return e / ((1.0 + e) * (1.0 + e))


def _scaled(x: F64, scale: float) -> F64:
    """``scale * x`` with x first clamped to ``±800 / scale``.

    Every use feeds the product to an exponential that saturates beyond ±800
    (a sigmoid, exp(-|t|)), so the clamp changes no result and keeps
    ``scale * 1e308`` from overflowing.
    """
    bound = _EXP_CLAMP / scale
    return scale * np.clip(x, -bound, bound)


_erfc_object = np.frompyfunc(math.erfc, 1, 1)


def _erfc(z: F64) -> F64:
    return np.asarray(_erfc_object(z), dtype=np.float64)


def _normal_cdf(x: F64) -> F64:
    # NumPy has no erf; math.erfc is the C library's, accurate to an ulp or
    # two, and erfc(-x/sqrt 2) keeps full relative accuracy in the left tail
    # where 1 + erf(x/sqrt 2) would cancel.
    return 0.5 * _erfc(-x * _INV_SQRT2)


def _normal_pdf(x: F64) -> F64:
    xc = np.clip(x, -_PDF_CLAMP, _PDF_CLAMP)
    return np.exp(-0.5 * xc * xc) * _INV_SQRT_2PI


def _check_positive(name: str, value: float) -> float:
    value = float(value)
    if not (value > 0.0 and math.isfinite(value)):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return value


def _check_non_negative(name: str, value: float) -> float:
    value = float(value)
    if not (value >= 0.0 and math.isfinite(value)):
        raise ValueError(f"{name} must be a non-negative finite number, got {value!r}")
    return value


def _check_beta(beta: float) -> float:
    return _check_positive("beta", beta)


@_elementwise
def step(x: F64) -> F64:
    r"""Heaviside step function.

    .. math::
        \mathrm{step}(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    ``step(0) = 0``.
    """
    return np.where(x > 0, 1.0, 0.0)


@_elementwise
def d_step(x: F64) -> F64:
    r"""Derivative of :func:`step`.

    .. math::
        \mathrm{step}'(x) = 0 \quad (x \neq 0)

    The jump at 0 has no derivative; 0 is returned there too, as frameworks do.
    """
    return np.zeros_like(x)


@_elementwise
def identity(x: F64) -> F64:
    r"""Identity (linear) activation.

    .. math::
        \mathrm{identity}(x) = x
    """
    return x.copy()


@_elementwise
def d_identity(x: F64) -> F64:
    r"""Derivative of :func:`identity`.

    .. math::
        \mathrm{identity}'(x) = 1
    """
    return np.ones_like(x)


@_elementwise
def sigmoid(x: F64, *, a: float = 1.0) -> F64:
    r"""Logistic sigmoid with gain ``a``; as ``a`` grows it tends to the step.

    .. math::
        \sigma_a(x) = \sigma(a x) = \frac{1}{1 + e^{-a x}}

    Evaluated with :math:`e = e^{-|ax|}` as :math:`1/(1+e)` for
    :math:`x \ge 0` and :math:`e/(1+e)` otherwise, so no exponential
    overflows and the left tail keeps full relative accuracy. ``a`` must be
    positive; ``a = 1`` is the standard sigmoid.
    """
    a = _check_positive("a", a)
    return _sigmoid(_scaled(x, a))


@_elementwise
def d_sigmoid(x: F64, *, a: float = 1.0) -> F64:
    r"""Derivative of :func:`sigmoid`.

    .. math::
        \sigma_a'(x) = a\,\sigma(ax)\,(1 - \sigma(ax))
        = \frac{a\,e^{-|ax|}}{(1 + e^{-|ax|})^2}

    The right-hand form is used: :math:`\sigma(1-\sigma)` loses everything to
    rounding once :math:`\sigma` rounds to 1 (it gives 0 at x = 40, where the
    true value is 4.25e-18).
    """
    a = _check_positive("a", a)
    return a * _d_sigmoid(_scaled(x, a))


@_elementwise
def tanh(x: F64) -> F64:
    r"""Hyperbolic tangent.

    .. math::
        \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}
    """
    return np.tanh(x)


@_elementwise
def d_tanh(x: F64) -> F64:
    r"""Derivative of :func:`tanh`.

    .. math::
        \tanh'(x) = 1 - \tanh^2(x) = \frac{4 e^{-2|x|}}{(1 + e^{-2|x|})^2}

    The right-hand form is used because :math:`1 - \tanh^2` cancels to 0 for
    :math:`|x| > 19`.
    """
    e = _exp_neg(2.0 * np.minimum(np.abs(x), _EXP_CLAMP))
    return 4.0 * e / ((1.0 + e) * (1.0 + e))


@_elementwise
def relu(x: F64) -> F64:
    r"""Rectified linear unit.

    .. math::
        \mathrm{relu}(x) = \max(0, x)
    """
    return np.where(x > 0, x, 0.0)


@_elementwise
def d_relu(x: F64) -> F64:
    r"""Derivative of :func:`relu`.

    .. math::
        \mathrm{relu}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}

    The kink at 0 has no derivative; :math:`\nabla \mathrm{relu}(0) = 0` is
    returned, as PyTorch, TensorFlow and JAX define it.
    """
    return np.where(x > 0, 1.0, 0.0)


@_elementwise
def leaky_relu(x: F64, *, alpha: float = 0.01) -> F64:
    r"""Leaky rectified linear unit.

    .. math::
        \mathrm{leaky\_relu}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}

    ``alpha`` is the slope for negative inputs. PyTorch and JAX default to
    0.01, ``keras.activations.leaky_relu`` to 0.2 and
    ``keras.layers.LeakyReLU`` to 0.3.
    """
    return np.where(x > 0, x, alpha * np.minimum(x, 0.0))


@_elementwise
def d_leaky_relu(x: F64, *, alpha: float = 0.01) -> F64:
    r"""Derivative of :func:`leaky_relu`.

    .. math::
        \mathrm{leaky\_relu}'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x < 0 \end{cases}

    Unless :math:`\alpha = 1` the kink at 0 has no derivative;
    :math:`\alpha` is returned there (the ``x > 0`` rule of PyTorch and
    TensorFlow). JAX uses ``x >= 0`` instead and returns 1 at 0.
    """
    return np.where(x > 0, 1.0, float(alpha))


@_elementwise
def relu6(x: F64) -> F64:
    r"""ReLU capped at 6.

    .. math::
        \mathrm{relu6}(x) = \min(\max(0, x), 6)
    """
    return np.where(x > 0, np.minimum(x, 6.0), 0.0)


@_elementwise
def d_relu6(x: F64) -> F64:
    r"""Derivative of :func:`relu6`.

    .. math::
        \mathrm{relu6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & x < 0 \text{ or } x > 6 \end{cases}

    The kinks at 0 and 6 have no derivative; 0 is returned at both, as in
    PyTorch (whose relu6 is hardtanh(0, 6), passing the gradient only for
    0 < x < 6) and JAX (``∇relu6(0) = ∇relu6(6) = 0``).
    """
    return np.where((x > 0) & (x < 6), 1.0, 0.0)


@_elementwise
def elu(x: F64, *, alpha: float = 1.0) -> F64:
    r"""Exponential linear unit.

    .. math::
        \mathrm{elu}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}

    Evaluated with ``expm1`` on :math:`\min(x, 0)`, accurate near 0 and safe
    for large positive x in the branch that is not selected.
    """
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


@_elementwise
def d_elu(x: F64, *, alpha: float = 1.0) -> F64:
    r"""Derivative of :func:`elu`.

    .. math::
        \mathrm{elu}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\,e^{x} & x < 0 \end{cases}

    Unless :math:`\alpha = 1` the kink at 0 has no derivative;
    :math:`\nabla \mathrm{elu}(0) = \alpha` (the left-hand limit) is returned,
    as PyTorch and JAX do. With :math:`\alpha = 1`, f' is continuous at 0.
    """
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


@_elementwise
def selu(x: F64) -> F64:
    r"""Scaled exponential linear unit (self-normalising networks).

    .. math::
        \mathrm{selu}(x) = \lambda \begin{cases} x & x > 0 \\
        \alpha\,(e^{x} - 1) & x \le 0 \end{cases}

    with :math:`\alpha = 1.6732632423543772848170429916717` and
    :math:`\lambda = 1.0507009873554804934193349852946` (Klambauer et al.,
    `Self-Normalizing Neural Networks <https://arxiv.org/abs/1706.02515>`_).
    Since :math:`\lambda > 1`, inputs above max/λ give ``inf`` (see the
    module docstring).
    """
    return _SELU_SCALE * np.where(x > 0, x, _SELU_ALPHA * np.expm1(np.minimum(x, 0.0)))


@_elementwise
def d_selu(x: F64) -> F64:
    r"""Derivative of :func:`selu`.

    .. math::
        \mathrm{selu}'(x) = \begin{cases} \lambda & x > 0 \\
        \lambda\alpha\,e^{x} & x < 0 \end{cases}

    The kink at 0 (slopes :math:`\lambda` on the right, :math:`\lambda\alpha`
    on the left) has no derivative; :math:`\lambda\alpha` (the left-hand
    limit) is returned, as PyTorch and JAX do.
    """
    return _SELU_SCALE * np.where(x > 0, 1.0, _SELU_ALPHA * np.exp(np.minimum(x, 0.0)))


def _celu_negative_part(x: F64, alpha: float) -> F64:
    # min(x, 0) / alpha, clamped at -800 (where exp is 0) so that a small
    # alpha cannot overflow the division.
    return np.maximum(np.minimum(x, 0.0), -_EXP_CLAMP * alpha) / alpha


@_elementwise
def celu(x: F64, *, alpha: float = 1.0) -> F64:
    r"""Continuously differentiable exponential linear unit.

    .. math::
        \mathrm{celu}(x) = \max(0, x) + \min\bigl(0, \alpha\,(e^{x/\alpha} - 1)\bigr)

    Unlike :func:`elu`, the slope is 1 on both sides of 0 for every
    :math:`\alpha > 0`, so f' is continuous. Barron,
    `Continuously Differentiable Exponential Linear Units
    <https://arxiv.org/abs/1704.07483>`_.
    """
    alpha = _check_positive("alpha", alpha)
    return np.where(x > 0, x, alpha * np.expm1(_celu_negative_part(x, alpha)))


@_elementwise
def d_celu(x: F64, *, alpha: float = 1.0) -> F64:
    r"""Derivative of :func:`celu`.

    .. math::
        \mathrm{celu}'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}

    Both sides give 1 at x = 0, so f' exists everywhere (f'' jumps at 0
    unless :math:`\alpha = 1`).
    """
    alpha = _check_positive("alpha", alpha)
    return np.where(x > 0, 1.0, np.exp(_celu_negative_part(x, alpha)))


@_elementwise
def softplus(x: F64, *, beta: float = 1.0) -> F64:
    r"""Softplus, a smooth ReLU; larger ``beta`` bends more sharply.

    .. math::
        \mathrm{softplus}(x) = \frac{1}{\beta} \log\left(1 + e^{\beta x}\right)
        = \max(x, 0) + \frac{1}{\beta} \log\left(1 + e^{-\beta |x|}\right)

    The right-hand form is used; ``softplus(0) = ln 2 / beta``. The curve is
    exact for every x: PyTorch's ``Softplus(beta, threshold=20)`` instead
    returns x itself once :math:`\beta x > 20`, an error below
    :math:`e^{-20}/\beta \approx 2 \times 10^{-9}/\beta`.
    """
    beta = _check_beta(beta)
    return (
        np.maximum(x, 0.0)
        + np.log1p(_exp_neg(beta * np.minimum(np.abs(x), _EXP_CLAMP / beta))) / beta
    )


@_elementwise
def d_softplus(x: F64, *, beta: float = 1.0) -> F64:
    r"""Derivative of :func:`softplus`: a sigmoid of :math:`\beta x`.

    .. math::
        \mathrm{softplus}'(x) = \sigma(\beta x) = \frac{1}{1 + e^{-\beta x}}
    """
    beta = _check_beta(beta)
    return _sigmoid(_scaled(x, beta))


@_elementwise
def softsign(x: F64) -> F64:
    r"""Softsign, a rational sigmoid-like curve with polynomial tails.

    .. math::
        \mathrm{softsign}(x) = \frac{x}{1 + |x|}
    """
    return x / (1.0 + np.abs(x))


@_elementwise
def d_softsign(x: F64) -> F64:
    r"""Derivative of :func:`softsign`.

    .. math::
        \mathrm{softsign}'(x) = \frac{1}{(1 + |x|)^2}

    Squared after the division, so ``|x| = 1e308`` underflows to 0 instead
    of overflowing.
    """
    r = 1.0 / (1.0 + np.abs(x))
    return r * r


@_elementwise
def gelu(x: F64) -> F64:
    r"""Gaussian error linear unit, exact form.

    .. math::
        \mathrm{gelu}(x) = x\,\Phi(x) = \frac{x}{2}\,\mathrm{erfc}\left(-\frac{x}{\sqrt{2}}\right)

    :math:`\Phi` is the standard normal CDF. Hendrycks and Gimpel,
    `Gaussian Error Linear Units <https://arxiv.org/abs/1606.08415>`_.
    """
    return x * _normal_cdf(x)


@_elementwise
def d_gelu(x: F64) -> F64:
    r"""Derivative of :func:`gelu`.

    .. math::
        \mathrm{gelu}'(x) = \Phi(x) + x\,\varphi(x),
        \qquad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}

    Near its root at x = -0.7518 the two terms cancel, so there the error is
    a few ulps of :math:`\Phi(x)` rather than of the result.
    """
    xc = np.clip(x, -_PDF_CLAMP, _PDF_CLAMP)
    return _normal_cdf(x) + xc * _normal_pdf(xc)


def _gelu_tanh_parts(x: F64) -> tuple[F64, F64]:
    """x clamped at ±100 and 2u = 2c(x + k x^3), the sigmoid's argument."""
    xc = np.clip(x, -_CUBIC_CLAMP, _CUBIC_CLAMP)
    return xc, 2.0 * _GELU_TANH_C * xc * (1.0 + _GELU_TANH_K * xc * xc)


@_elementwise
def gelu_tanh(x: F64) -> F64:
    r"""GELU, tanh approximation (JAX's default, BERT's and GPT-2's form).

    .. math::
        \mathrm{gelu\_tanh}(x) = \frac{x}{2}\left(1 + \tanh u\right),
        \qquad u = \sqrt{2/\pi}\,\left(x + 0.044715\,x^3\right)

    Evaluated as :math:`x\,\sigma(2u)` (the same number, since
    :math:`(1 + \tanh u)/2 = \sigma(2u)`) with the stable sigmoid, because
    :math:`1 + \tanh u` cancels for negative x. x is clamped at ±100 inside
    u, where :math:`\sigma(2u)` is already exactly 0 or 1, so :math:`x^3`
    cannot overflow. It stays within 4.8e-4 of :func:`gelu`.
    """
    _, two_u = _gelu_tanh_parts(x)
    return x * _sigmoid(two_u)


@_elementwise
def d_gelu_tanh(x: F64) -> F64:
    r"""Derivative of :func:`gelu_tanh`.

    .. math::
        \mathrm{gelu\_tanh}'(x) = \frac{1 + \tanh u}{2}
        + \frac{x}{2}\,(1 - \tanh^2 u)\,u',
        \qquad u' = \sqrt{2/\pi}\,(1 + 3 \cdot 0.044715\,x^2)

    Evaluated as :math:`\sigma(2u) + 2x\,u'\,\sigma'(2u)`. Near its root at
    x = -0.7525 the two terms cancel, so there the error is a few ulps of
    the terms rather than of the result.
    """
    xc, two_u = _gelu_tanh_parts(x)
    du = _GELU_TANH_C * (1.0 + 3.0 * _GELU_TANH_K * xc * xc)
    return _sigmoid(two_u) + 2.0 * xc * du * _d_sigmoid(two_u)


@_elementwise
def silu(x: F64, *, beta: float = 1.0) -> F64:
    r"""Sigmoid linear unit; with a ``beta`` other than 1, Swish-β.

    .. math::
        \mathrm{silu}(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}

    ``beta = 1`` is SiLU (PyTorch's ``SiLU``, Keras' and JAX's ``silu`` /
    ``swish``, none of which take a beta); as ``beta`` grows the curve tends
    to ReLU.
    """
    beta = _check_beta(beta)
    return x * _sigmoid(_scaled(x, beta))


@_elementwise
def d_silu(x: F64, *, beta: float = 1.0) -> F64:
    r"""Derivative of :func:`silu`.

    .. math::
        \mathrm{silu}'(x) = \sigma(\beta x)\,\bigl(1 + \beta x\,(1 - \sigma(\beta x))\bigr)
        = \sigma(\beta x)\,\bigl(1 + \beta x\,\sigma(-\beta x)\bigr)

    The right-hand form avoids computing :math:`1 - \sigma`. Near the root
    at :math:`\beta x = -1.2785` the bracket cancels, so there the error is
    a few ulps of :math:`\sigma(\beta x)` rather than of the result.
    """
    beta = _check_beta(beta)
    t = _scaled(x, beta)
    return _sigmoid(t) * (1.0 + t * _sigmoid(-t))


def _mish_parts(x: F64) -> tuple[F64, F64]:
    """tanh(softplus(x)) and sech^2(softplus(x)), without cancellation.

    With :math:`w = (1 + e^{x})^2`, :math:`\\tanh(\\mathrm{softplus}) = (w-1)/(w+1)`
    and :math:`\\mathrm{sech}^2 = 4w/(w+1)^2`. Written with
    :math:`e = e^{-|x|}` and :math:`q = 1 + e` so that nothing overflows and
    no difference of nearly equal numbers is taken.
    """
    e = _exp_neg(np.abs(x))
    q2 = (1.0 + e) * (1.0 + e)
    e2 = e * e
    # x > 0: w = q^2 / e^2.   x <= 0: w = q^2, and w - 1 = e (2 + e).
    tanh_pos = (1.0 + 2.0 * e) / (q2 + e2)  # (q^2 - e^2) / (q^2 + e^2)
    tanh_neg = e * (2.0 + e) / (q2 + 1.0)
    sech2_pos = 4.0 * q2 * e2 / ((q2 + e2) * (q2 + e2))
    sech2_neg = 4.0 * q2 / ((q2 + 1.0) * (q2 + 1.0))
    positive = x > 0
    return np.where(positive, tanh_pos, tanh_neg), np.where(positive, sech2_pos, sech2_neg)


@_elementwise
def mish(x: F64) -> F64:
    r"""Mish, a self-regularised non-monotonic activation.

    .. math::
        \mathrm{mish}(x) = x \tanh(\mathrm{softplus}(x))
        = x\,\frac{(1 + e^{x})^2 - 1}{(1 + e^{x})^2 + 1}

    The rational form on the right is evaluated with :math:`e^{-|x|}`, so it
    neither overflows nor cancels. Misra,
    `Mish <https://arxiv.org/abs/1908.08681>`_. Its minimum is
    -0.30884 at x = -1.19240.
    """
    t, _ = _mish_parts(x)
    return x * t


@_elementwise
def d_mish(x: F64) -> F64:
    r"""Derivative of :func:`mish`.

    .. math::
        \mathrm{mish}'(x) = \tanh(\mathrm{softplus}(x))
        + x\,\mathrm{sech}^2(\mathrm{softplus}(x))\,\sigma(x)

    :math:`\mathrm{sech}^2` is computed directly (not as :math:`1 - \tanh^2`,
    which cancels for large x). Near the root at x = -1.1924 the two terms
    cancel, so there the error is a few ulps of the terms rather than of the
    result.
    """
    t, sech2 = _mish_parts(x)
    return t + x * sech2 * _sigmoid(x)


@_elementwise
def hard_sigmoid(x: F64) -> F64:
    r"""Hard sigmoid as in PyTorch, Keras 3 and JAX (MobileNetV3).

    .. math::
        \mathrm{hardsigmoid}(x) = \frac{\mathrm{relu6}(x + 3)}{6}
        = \min\left(\max\left(\frac{x}{6} + \frac{1}{2}, 0\right), 1\right)

    Evaluated as :math:`(x + 3)/6` on x clipped to [-3, 3], which rounds
    once relative to the result (``x/6 + 0.5`` would cancel near x = -3).
    """
    return (np.clip(x, -3.0, 3.0) + 3.0) / 6.0


@_elementwise
def d_hard_sigmoid(x: F64) -> F64:
    r"""Derivative of :func:`hard_sigmoid`.

    .. math::
        \mathrm{hardsigmoid}'(x) = \begin{cases} 1/6 & -3 < x < 3 \\
        0 & |x| > 3 \end{cases}

    The kinks at ±3 have no derivative; 0 is returned there, as PyTorch
    (1/6 only for -3 < x < 3) and JAX (through relu6) do.
    """
    return np.where((x > -3.0) & (x < 3.0), 1.0 / 6.0, 0.0)


@_elementwise
def hard_sigmoid_keras2(x: F64) -> F64:
    r"""Hard sigmoid of Keras 2 (and Theano): a steeper, shorter ramp.

    .. math::
        \mathrm{hardsigmoid}_{\mathrm{K2}}(x) = \min(\max(0.2x + 0.5, 0), 1)

    Evaluated as :math:`(x + 2.5)/5` on x clipped to [-2.5, 2.5], which
    rounds once relative to the result. Keras 3 changed
    ``keras.activations.hard_sigmoid`` to :func:`hard_sigmoid`.
    """
    return (np.clip(x, -2.5, 2.5) + 2.5) / 5.0


@_elementwise
def d_hard_sigmoid_keras2(x: F64) -> F64:
    r"""Derivative of :func:`hard_sigmoid_keras2`.

    .. math::
        \mathrm{hardsigmoid}_{\mathrm{K2}}'(x) = \begin{cases} 0.2 & -2.5 < x < 2.5 \\
        0 & |x| > 2.5 \end{cases}

    The kinks at ±2.5 have no derivative; 0 is returned there, the rule
    :func:`d_hard_sigmoid` follows.
    """
    return np.where((x > -2.5) & (x < 2.5), 0.2, 0.0)


@_elementwise
def hard_swish(x: F64) -> F64:
    r"""Hard swish (hard SiLU), MobileNetV3's cheap SiLU.

    .. math::
        \mathrm{hardswish}(x) = x\,\mathrm{hardsigmoid}(x)
        = \begin{cases} 0 & x \le -3 \\ x\,(x + 3)/6 & -3 < x < 3 \\ x & x \ge 3 \end{cases}
    """
    xc = np.clip(x, -3.0, 3.0)  # the ramp is evaluated on [-3, 3] only
    return np.where(x >= 3.0, x, xc * (xc + 3.0) / 6.0)


@_elementwise
def d_hard_swish(x: F64) -> F64:
    r"""Derivative of :func:`hard_swish`.

    .. math::
        \mathrm{hardswish}'(x) = \begin{cases} 0 & x < -3 \\
        (2x + 3)/6 = x/3 + 1/2 & -3 \le x \le 3 \\ 1 & x > 3 \end{cases}

    The kinks at ±3 have no derivative; the boundaries are those of
    PyTorch's ``hardswish_backward`` (``x < -3``: 0, ``x <= 3``:
    ``x/3 + 1/2``, else 1), so f'(-3) = -1/2 and f'(3) = 3/2. (PyTorch's
    vectorised CPU loop tests ``x >= 3`` first and gives 1 at x = 3; JAX,
    differentiating ``x * hard_sigmoid(x)``, gives 0 at -3 and 1 at 3.)
    ``(2x + 3)/6`` is used rather than ``x/3 + 1/2``, which cancels near the
    root at x = -1.5.
    """
    ramp = (2.0 * np.clip(x, -3.0, 3.0) + 3.0) / 6.0
    return np.where(x < -3.0, 0.0, np.where(x <= 3.0, ramp, 1.0))


@_elementwise
def hard_tanh(x: F64) -> F64:
    r"""Hard tanh: the identity clipped to [-1, 1].

    .. math::
        \mathrm{hardtanh}(x) = \min(\max(x, -1), 1)
    """
    return np.clip(x, -1.0, 1.0)


@_elementwise
def d_hard_tanh(x: F64) -> F64:
    r"""Derivative of :func:`hard_tanh`.

    .. math::
        \mathrm{hardtanh}'(x) = \begin{cases} 1 & -1 < x < 1 \\ 0 & |x| > 1 \end{cases}

    The kinks at ±1 have no derivative; 0 is returned there, as PyTorch's
    ``hardtanh_backward`` does (gradient only for ``min_val < x < max_val``).
    JAX's ``hard_tanh`` is a ``where`` that selects x at ±1 and so gives 1.
    """
    return np.where((x > -1.0) & (x < 1.0), 1.0, 0.0)


@_elementwise
def log_sigmoid(x: F64) -> F64:
    r"""Logarithm of the sigmoid.

    .. math::
        \mathrm{log\_sigmoid}(x) = \log \sigma(x) = -\mathrm{softplus}(-x)
        = \min(x, 0) - \log\left(1 + e^{-|x|}\right)

    The right-hand form is used: it is exact in both tails
    (:math:`\approx x` on the left, :math:`\approx -e^{-x}` on the right)
    and ``log_sigmoid(0) = -ln 2``.
    """
    return np.minimum(x, 0.0) - np.log1p(_exp_neg(np.abs(x)))


@_elementwise
def d_log_sigmoid(x: F64) -> F64:
    r"""Derivative of :func:`log_sigmoid`.

    .. math::
        \mathrm{log\_sigmoid}'(x) = 1 - \sigma(x) = \sigma(-x)
    """
    return _sigmoid(-x)


_TINY = float(np.finfo(np.float64).tiny)


def _squareplus_left(x: F64, b: float) -> tuple[F64, F64]:
    """For x < 0: s = sqrt(x^2 + b) and (s - x)/2, on x clamped to <= 0.

    ``hypot`` never overflows in x^2, and halving before subtracting keeps
    ``s - x`` finite at x = -1e308. The floor at the smallest normal only
    acts when b = 0 and x is 0 or subnormal, where the quotient it divides
    is 0 anyway.
    """
    xn = np.minimum(x, 0.0)
    s = np.hypot(xn, math.sqrt(b))
    return s, np.maximum(0.5 * s - 0.5 * xn, _TINY)


@_elementwise
def squareplus(x: F64, *, b: float = 4.0) -> F64:
    r"""Squareplus, an algebraic softplus; ``b`` sets the width of the bend.

    .. math::
        \mathrm{squareplus}(x) = \frac{x + \sqrt{x^2 + b}}{2}
        = \frac{b/2}{\sqrt{x^2 + b} - x}

    The left form is used for x >= 0 and the right form (the same number)
    for x < 0, where :math:`x + \sqrt{x^2 + b}` would cancel.
    :math:`\sqrt{x^2+b}` is taken with ``hypot``, so no square overflows.
    ``b = 0`` gives ReLU. Barron, `Squareplus
    <https://arxiv.org/abs/2112.11687>`_.
    """
    b = _check_non_negative("b", b)
    s = np.hypot(x, math.sqrt(b))
    _, half_gap = _squareplus_left(x, b)
    return np.where(x >= 0, 0.5 * x + 0.5 * s, (0.25 * b) / half_gap)


@_elementwise
def d_squareplus(x: F64, *, b: float = 4.0) -> F64:
    r"""Derivative of :func:`squareplus`.

    .. math::
        \mathrm{squareplus}'(x) = \frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)
        = \frac{b}{2\sqrt{x^2 + b}\,\left(\sqrt{x^2 + b} - x\right)}

    The right form is used for x < 0, where the bracket cancels. With
    ``b = 0`` (ReLU) the kink at 0 has no derivative; 1/2, the value of
    f'(0) for every b > 0, is returned there.
    """
    b = _check_non_negative("b", b)
    xp = np.maximum(x, 0.0)
    right = 0.5 + 0.5 * (xp / np.maximum(np.hypot(xp, math.sqrt(b)), _TINY))
    s, half_gap = _squareplus_left(x, b)
    left = (0.25 * b / np.maximum(s, _TINY)) / half_gap
    return np.where(x >= 0, right, left)


@_elementwise
def tanhshrink(x: F64) -> F64:
    r"""Tanh shrink: what tanh takes away from the identity.

    .. math::
        \mathrm{tanhshrink}(x) = x - \tanh x
        = \frac{x^3}{3} - \frac{2x^5}{15} + \frac{17x^7}{315} - \cdots

    For :math:`|x| < 0.3` the Taylor series (twelve terms) is used, since
    :math:`x - \tanh x` loses :math:`\log_{10}(3/x^2)` digits there.
    """
    small = np.abs(x) < _TANHSHRINK_SERIES_BELOW
    xs = np.where(small, x, 0.0)
    z = xs * xs
    series = np.zeros_like(x)
    for c in reversed(_TANHSHRINK_SERIES):
        series = series * z + c
    return np.where(small, xs * z * series, x - np.tanh(x))


@_elementwise
def d_tanhshrink(x: F64) -> F64:
    r"""Derivative of :func:`tanhshrink`.

    .. math::
        \mathrm{tanhshrink}'(x) = 1 - (1 - \tanh^2 x) = \tanh^2 x
    """
    t = np.tanh(x)
    return t * t


@_elementwise
def softshrink(x: F64, *, lambd: float = 0.5) -> F64:
    r"""Soft shrinkage (soft thresholding) with threshold ``lambd``.

    .. math::
        \mathrm{softshrink}(x) = \begin{cases} x - \lambda & x > \lambda \\
        0 & |x| \le \lambda \\ x + \lambda & x < -\lambda \end{cases}

    ``lambd`` is spelled as PyTorch spells it (``lambda`` is a Python
    keyword). ``lambd = 0`` gives the identity.
    """
    lambd = _check_non_negative("lambd", lambd)
    return np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0.0))


def _shrink_grad(x: F64, lambd: float) -> F64:
    if lambd == 0.0:
        # The identity: f' = 1 everywhere, 0 included (PyTorch's rule
        # |x| <= lambd -> 0 would put a spurious 0 at x = 0).
        return np.ones_like(x)
    return np.where(np.abs(x) > lambd, 1.0, 0.0)


@_elementwise
def d_softshrink(x: F64, *, lambd: float = 0.5) -> F64:
    r"""Derivative of :func:`softshrink`.

    .. math::
        \mathrm{softshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}

    The kinks at :math:`\pm\lambda` have no derivative; 0 is returned there,
    as PyTorch's ``softshrink_backward`` does (gradient only for
    :math:`|x| > \lambda`). With :math:`\lambda = 0` there is no kink
    (the function is the identity) and f' = 1 everywhere, also at 0.
    """
    lambd = _check_non_negative("lambd", lambd)
    return _shrink_grad(x, lambd)


@_elementwise
def hardshrink(x: F64, *, lambd: float = 0.5) -> F64:
    r"""Hard shrinkage (hard thresholding) with threshold ``lambd``.

    .. math::
        \mathrm{hardshrink}(x) = \begin{cases} x & |x| > \lambda \\
        0 & |x| \le \lambda \end{cases}

    It jumps from 0 to :math:`\pm\lambda` at :math:`x = \pm\lambda`;
    ``hardshrink(±lambd) = 0`` as in PyTorch. ``lambd = 0`` gives the
    identity.
    """
    lambd = _check_non_negative("lambd", lambd)
    return np.where(np.abs(x) > lambd, x, 0.0)


@_elementwise
def d_hardshrink(x: F64, *, lambd: float = 0.5) -> F64:
    r"""Derivative of :func:`hardshrink`.

    .. math::
        \mathrm{hardshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}

    The jumps at :math:`\pm\lambda` have no derivative; 0 is returned there,
    as PyTorch's ``hardshrink_backward`` does. With :math:`\lambda = 0`
    there is no jump (the function is the identity) and f' = 1 everywhere,
    also at 0.
    """
    lambd = _check_non_negative("lambd", lambd)
    return _shrink_grad(x, lambd)
