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
class FrameworkName:
    """How one framework spells an activation, e.g. PyTorch's ``torch.nn.LeakyReLU``.

    ``api`` is the call with the framework's own defaults written out
    (``torch.nn.functional.leaky_relu(x, negative_slope=0.01)``); ``note``
    says where that default or formula differs from this catalogue's.
    """

    framework: str
    api: str
    note: str = ""


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
    # One line on where the function comes from (paper or framework), en/ja.
    source: Mapping[str, str] = field(default_factory=dict)
    frameworks: tuple[FrameworkName, ...] = ()
    # For an approximation (gelu_tanh), the name of the exact function.
    approximates: str | None = None
    # Study-note-style NumPy code defining ``<name>(x, **params)`` and
    # ``d_<name>(x, **params)``, for the "reproduce this plot" snippet.
    snippet: str = ""

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang, self.labels["en"])

    def describe_convention(self, lang: str = "en") -> str:
        return self.convention.get(lang, self.convention["en"])

    def describe_source(self, lang: str = "en") -> str:
        return self.source.get(lang, self.source.get("en", ""))

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
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"{self.name}.{name} must be a number, got {value!r}") from None
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


# --- the catalogue -----------------------------------------------------------

_SMOOTH = {
    "en": "Smooth everywhere: f′ exists at every x.",
    "ja": "どこでも滑らかで、すべての x で f′ が存在します。",
}


def _at_zero(**_params: float) -> tuple[float, ...]:
    return (0.0,)


def _at_zero_unless_alpha_is_one(*, alpha: float) -> tuple[float, ...]:
    # With alpha = 1 both one-sided slopes at 0 are 1 (leaky ReLU becomes the
    # identity, ELU's f′ becomes continuous), so there is no kink.
    return () if alpha == 1.0 else (0.0,)


def _entry(
    name: str,
    en: str,
    ja: str,
    latex: str,
    latex_grad: str,
    convention: Mapping[str, str],
    params: tuple[Param, ...] = (),
    kinks: Callable[..., tuple[float, ...]] = _no_points,
    jumps: Callable[..., tuple[float, ...]] = _no_points,
) -> Activation:
    """One record; f and f′ are ``functions.<name>`` and ``functions.d_<name>``."""
    return Activation(
        name=name,
        labels={"en": en, "ja": ja},
        fn=getattr(F, name),
        grad=getattr(F, f"d_{name}"),
        latex=latex,
        latex_grad=latex_grad,
        convention=convention,
        params=params,
        kinks=kinks,
        jumps=jumps,
    )


_CATALOGUE: tuple[Activation, ...] = (
    _entry(
        "step", "Step (Heaviside)", "ステップ関数",
        r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        r"f'(x) = 0 \quad (x \neq 0)",
        {
            "en": "The jump at 0 has no derivative; everywhere else f′ = 0, "
            "and frameworks use 0 at x = 0 too.",
            "ja": "x = 0 の跳びには微分がありません。それ以外では f′ = 0 で、"
            "各フレームワークは x = 0 でも 0 を使います。",
        },
        jumps=_at_zero,
    ),
    _entry(
        "identity", "Identity (linear)", "恒等関数",
        r"f(x) = x",
        r"f'(x) = 1",
        _SMOOTH,
    ),
    _entry(
        "sigmoid", "Sigmoid", "シグモイド関数",
        r"f(x) = \frac{1}{1 + e^{-x}}",
        r"f'(x) = f(x)\,(1 - f(x))",
        _SMOOTH,
    ),
    _entry(
        "tanh", "Hyperbolic tangent (tanh)", "双曲線正接 (tanh)",
        r"f(x) = \tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        r"f'(x) = 1 - f(x)^2",
        _SMOOTH,
    ),
    _entry(
        "relu", "ReLU", "ReLU (ランプ関数)",
        r"f(x) = \max(0, x)",
        r"f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        {
            "en": "f′(0) is taken as 0, as PyTorch, TensorFlow and JAX define it.",
            "ja": "f′(0) は PyTorch・TensorFlow・JAX の定義どおり 0 とします。",
        },
        kinks=_at_zero,
    ),
    _entry(
        "leaky_relu", "Leaky ReLU", "Leaky ReLU",
        r"f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
        r"f'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
        {
            "en": "f′(0) is taken as α, the x > 0 rule of PyTorch and TensorFlow "
            "(JAX uses x ≥ 0 and gives 1).",
            "ja": "f′(0) は PyTorch・TensorFlow の x > 0 の規則に従い α とします"
            "（JAX は x ≥ 0 を使うので 1 になります）。",
        },
        params=(
            Param("alpha", 0.01, 0.0, 1.0, 0.01,
                  {"en": "α (negative slope)", "ja": "α（負側の傾き）"}),
        ),
        kinks=_at_zero_unless_alpha_is_one,
    ),
    _entry(
        "elu", "ELU", "ELU",
        r"f(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
        r"f'(x) = \begin{cases} 1 & x > 0 \\ \alpha\, e^{x} & x \le 0 \end{cases}",
        {
            "en": "f′(0) is taken as α, the left-hand limit, as PyTorch and JAX do; "
            "with α = 1 f′ is continuous at 0.",
            "ja": "f′(0) は PyTorch・JAX と同じく左側極限の α とします"
            "（α = 1 なら f′ は 0 でも連続です）。",
        },
        params=(
            Param("alpha", 1.0, 0.01, 10.0, 0.01,
                  {"en": "α (negative saturation)", "ja": "α（負側の飽和値）"}),
        ),
        kinks=_at_zero_unless_alpha_is_one,
    ),
    _entry(
        "softplus", "Softplus", "ソフトプラス",
        r"f(x) = \frac{1}{\beta} \ln\left(1 + e^{\beta x}\right)",
        r"f'(x) = \frac{1}{1 + e^{-\beta x}}",
        _SMOOTH,
        params=(
            Param("beta", 1.0, 0.01, 100.0, 0.01, {"en": "β (sharpness)", "ja": "β（鋭さ）"}),
        ),
    ),
    _entry(
        "gelu", "GELU", "GELU",
        r"f(x) = x\,\Phi(x)"
        r" = \frac{x}{2}\left(1 + \mathrm{erf}\left(\frac{x}{\sqrt{2}}\right)\right)",
        r"f'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}",
        _SMOOTH,
    ),
    _entry(
        "silu", "SiLU (Swish)", "SiLU (Swish)",
        r"f(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
        r"f'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)",
        _SMOOTH,
    ),
)  # fmt: skip

_BY_NAME: dict[str, Activation] = {a.name: a for a in _CATALOGUE}
if len(_BY_NAME) != len(_CATALOGUE):
    raise RuntimeError("two activations in the catalogue share a name")


def names() -> tuple[str, ...]:
    """Every activation name, in catalogue order."""
    return tuple(_BY_NAME)


def all_activations() -> tuple[Activation, ...]:
    """Every activation record, in catalogue order."""
    return _CATALOGUE


def get(name: str) -> Activation:
    """The record called ``name``.

    Raises ``ValueError`` for anything else, naming the closest valid name
    (if one is close) and listing them all.
    """
    if not isinstance(name, str):
        # ValueError, not TypeError: a name comes from untrusted input (URL,
        # controls), and callers handle every bad name with one except clause.
        raise ValueError(
            f"An activation name must be a string, got {type(name).__name__}. "
            f"Valid names: {', '.join(names())}"
        )
    found = _BY_NAME.get(name)
    if found is not None:
        return found
    shown = name if len(name) <= 40 else name[:37] + "..."
    close = difflib.get_close_matches(name.strip().lower(), names(), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"Unknown activation {shown!r}.{hint} Valid names: {', '.join(names())}")
