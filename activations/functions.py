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
    "d_elu",
    "d_gelu",
    "d_identity",
    "d_leaky_relu",
    "d_relu",
    "d_sigmoid",
    "d_silu",
    "d_softplus",
    "d_step",
    "d_tanh",
    "elu",
    "gelu",
    "identity",
    "leaky_relu",
    "relu",
    "sigmoid",
    "silu",
    "softplus",
    "step",
    "tanh",
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


def _check_beta(beta: float) -> float:
    beta = float(beta)
    if not (beta > 0.0 and math.isfinite(beta)):
        raise ValueError(f"beta must be a positive finite number, got {beta!r}")
    return beta


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
def sigmoid(x: F64) -> F64:
    r"""Logistic sigmoid.

    .. math::
        \sigma(x) = \frac{1}{1 + e^{-x}}

    Evaluated with :math:`e = e^{-|x|}` as :math:`1/(1+e)` for :math:`x \ge 0`
    and :math:`e/(1+e)` otherwise, so no exponential overflows and the left
    tail keeps full relative accuracy.
    """
    return _sigmoid(x)


@_elementwise
def d_sigmoid(x: F64) -> F64:
    r"""Derivative of :func:`sigmoid`.

    .. math::
        \sigma'(x) = \sigma(x)\,(1 - \sigma(x)) = \frac{e^{-|x|}}{(1 + e^{-|x|})^2}

    The right-hand form is used: :math:`\sigma(1-\sigma)` loses everything to
    rounding once :math:`\sigma` rounds to 1 (it gives 0 at x = 40, where the
    true value is 4.25e-18).
    """
    e = _exp_neg(np.abs(x))
    return e / ((1.0 + e) * (1.0 + e))


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

    ``alpha`` is the slope for negative inputs.
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
def softplus(x: F64, *, beta: float = 1.0) -> F64:
    r"""Softplus, a smooth ReLU; larger ``beta`` bends more sharply.

    .. math::
        \mathrm{softplus}(x) = \frac{1}{\beta} \log\left(1 + e^{\beta x}\right)
        = \max(x, 0) + \frac{1}{\beta} \log\left(1 + e^{-\beta |x|}\right)

    The right-hand form is used; ``softplus(0) = ln 2 / beta``.
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
    return _sigmoid(beta * np.clip(x, -_EXP_CLAMP / beta, _EXP_CLAMP / beta))


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


@_elementwise
def silu(x: F64) -> F64:
    r"""Sigmoid linear unit, also called swish.

    .. math::
        \mathrm{silu}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}
    """
    return x * _sigmoid(x)


@_elementwise
def d_silu(x: F64) -> F64:
    r"""Derivative of :func:`silu`.

    .. math::
        \mathrm{silu}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)
        = \sigma(x)\,\bigl(1 + x\,\sigma(-x)\bigr)

    The right-hand form avoids computing :math:`1 - \sigma(x)`. Near the root
    at x = -1.2785 the bracket cancels, so there the error is a few ulps of
    :math:`\sigma(x)` rather than of the result.
    """
    return _sigmoid(x) * (1.0 + x * _sigmoid(-x))
