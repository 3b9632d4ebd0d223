"""The catalogue of activations: one :class:`Activation` record per function.

A record ties together everything the rest of the app needs to know about an
activation: its value and derivative functions (from :mod:`activations.functions`),
its display names in English and Japanese, LaTeX for f and f', its parameters
with their defaults and allowed ranges, and where its derivative does not
exist (kinks and jumps) together with the convention used there; also the
paper it comes from, how PyTorch, Keras and JAX spell it (with their
defaults), which exact function it approximates (if any), and a short
study-note NumPy snippet that reproduces it.

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

    def describe_note(self, lang: str = "en") -> str:
        """The note in ``lang`` (Japanese from :data:`FRAMEWORK_NOTES_JA`)."""
        if lang == "ja" and self.note:
            return FRAMEWORK_NOTES_JA[self.note]
        return self.note


# Japanese for every framework note of the catalogue (a test checks none is missing).
FRAMEWORK_NOTES_JA: dict[str, str] = {
    "a tensor function, not a layer; the second argument is f(0)":
        "レイヤーではなくテンソル用の関数です。2 番目の引数が f(0) の値になります",
    "the second argument is f(0)": "2 番目の引数が f(0) の値になります",
    "no gain: use torch.sigmoid(a * x)": "ゲインはありません。torch.sigmoid(a * x) と書きます",
    "no gain: pass a * x": "ゲインはありません。a * x を渡します",
    "the same function as jax.numpy.tanh": "jax.numpy.tanh と同じ関数です",
    "keras.layers.LeakyReLU defaults to negative_slope=0.3":
        "keras.layers.LeakyReLU の既定値は negative_slope=0.3 です",
    "gives f′(0) = 1 (x ≥ 0 rule)": "x ≥ 0 の規則なので f′(0) = 1 になります",
    "returns x itself where βx > 20; the curve here is exact "
    "(they differ by less than e^-20/β ≈ 2e-9/β)":
        "βx > 20 では x をそのまま返します。ここでの曲線は正確な式です"
        "（差は e^-20/β ≈ 2e-9/β 未満）",
    "β = 1 only": "β = 1 のみです",
    "JAX's default, approximate=True, is the tanh form (gelu_tanh)":
        "JAX の既定 approximate=True は tanh による近似形（gelu_tanh）です",
    "JAX's default": "JAX の既定です",
    "also keras.activations.swish; β = 1 only":
        "keras.activations.swish という名前もあります。β = 1 のみです",
    "also jax.nn.swish; β = 1 only": "jax.nn.swish という名前もあります。β = 1 のみです",
    "Keras 3; Keras 2 used 0.2x + 0.5 (hard_sigmoid_keras2)":
        "Keras 3 の定義です。Keras 2 は 0.2x + 0.5 でした（hard_sigmoid_keras2）",
    "Keras 2.x (tf.keras before TensorFlow 2.16); Keras 3 changed it to x/6 + 1/2":
        "Keras 2.x（TensorFlow 2.16 より前の tf.keras）の定義です。Keras 3 で x/6 + 1/2 に"
        "変わりました",
    "also keras.activations.hard_swish": "keras.activations.hard_swish という名前もあります",
    "also jax.nn.hard_swish; jax.grad gives 0 at −3 and 1 at 3":
        "jax.nn.hard_swish という名前もあります。jax.grad は −3 で 0、3 で 1 を返します",
    "jax.grad gives 1 at ±1": "jax.grad は ±1 で 1 を返します",
}  # fmt: skip


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


def _at_zero_and_six(**_params: float) -> tuple[float, ...]:
    return (0.0, 6.0)


def _at_plus_minus(point: float) -> Callable[..., tuple[float, ...]]:
    def points(**_params: float) -> tuple[float, ...]:
        return (-point, point)

    return points


def _at_zero_if_b_is_zero(*, b: float) -> tuple[float, ...]:
    # b = 0 makes squareplus ReLU; any b > 0 makes it smooth.
    return (0.0,) if b == 0.0 else ()


def _at_plus_minus_lambd(*, lambd: float) -> tuple[float, ...]:
    # lambd = 0 makes both shrink functions the identity: nothing to mark.
    return (-lambd, lambd) if lambd > 0.0 else ()


def _entry(
    name: str,
    en: str,
    ja: str,
    latex: str,
    latex_grad: str,
    convention: Mapping[str, str],
    *,
    source: tuple[str, str],
    frameworks: tuple[FrameworkName, ...] = (),
    params: tuple[Param, ...] = (),
    kinks: Callable[..., tuple[float, ...]] = _no_points,
    jumps: Callable[..., tuple[float, ...]] = _no_points,
    approximates: str | None = None,
) -> Activation:
    """One record; f and f′ are ``functions.<name>`` and ``functions.d_<name>``.

    ``source`` is (English, Japanese); the snippet is ``_SNIPPETS[name]``.
    """
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
        source={"en": source[0], "ja": source[1]},
        frameworks=frameworks,
        approximates=approximates,
        snippet=_SNIPPETS[name],
    )


# Study-note NumPy for "reproduce this plot": textbook forms, each defining
# <name> and d_<name> with the catalogue's defaults and conventions, and
# written so that nothing overflows or warns for |x| <= 1000. The caller
# provides ``np``.
_SNIPPETS: dict[str, str] = {
    "step": """\
def step(x):
    return np.where(x > 0, 1.0, 0.0)


def d_step(x):
    # 0 everywhere; at the jump x = 0 frameworks use 0 too
    return np.zeros_like(x, dtype=float)
""",
    "identity": """\
def identity(x):
    return np.asarray(x, dtype=float)


def d_identity(x):
    return np.ones_like(x, dtype=float)
""",
    "sigmoid": """\
def sigmoid(x, a=1.0):
    # 1 / (1 + exp(-a x)), written with tanh so that exp never overflows
    return 0.5 * (1.0 + np.tanh(0.5 * a * x))


def d_sigmoid(x, a=1.0):
    s = sigmoid(x, a)
    return a * s * (1.0 - s)
""",
    "tanh": """\
def tanh(x):
    return np.tanh(x)


def d_tanh(x):
    return 1.0 - np.tanh(x) ** 2
""",
    "relu": """\
def relu(x):
    return np.maximum(x, 0.0)


def d_relu(x):
    return np.where(x > 0, 1.0, 0.0)  # f'(0) = 0, as frameworks define it
""",
    "leaky_relu": """\
def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)


def d_leaky_relu(x, alpha=0.01):
    return np.where(x > 0, 1.0, alpha)  # f'(0) = alpha, as in PyTorch
""",
    "relu6": """\
def relu6(x):
    return np.clip(x, 0.0, 6.0)


def d_relu6(x):
    # 0 at both kinks, x = 0 and x = 6 (PyTorch, JAX)
    return np.where((x > 0) & (x < 6), 1.0, 0.0)
""",
    "elu": """\
def elu(x, alpha=1.0):
    # expm1 on min(x, 0): accurate near 0, no overflow for large x
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def d_elu(x, alpha=1.0):
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))
""",
    "selu": """\
ALPHA = 1.6732632423543772848170429916717
LAMBDA = 1.0507009873554804934193349852946


def selu(x):
    return LAMBDA * np.where(x > 0, x, ALPHA * np.expm1(np.minimum(x, 0.0)))


def d_selu(x):
    return LAMBDA * np.where(x > 0, 1.0, ALPHA * np.exp(np.minimum(x, 0.0)))
""",
    "celu": """\
def celu(x, alpha=1.0):
    neg = np.minimum(x, 0.0) / alpha
    return np.maximum(x, 0.0) + alpha * np.expm1(neg)


def d_celu(x, alpha=1.0):
    return np.where(x > 0, 1.0, np.exp(np.minimum(x, 0.0) / alpha))
""",
    "softplus": """\
def softplus(x, beta=1.0):
    # log(1 + exp(beta x)) / beta; logaddexp(0, t) = log(e^0 + e^t) safely
    return np.logaddexp(0.0, beta * x) / beta


def d_softplus(x, beta=1.0):
    return 0.5 * (1.0 + np.tanh(0.5 * beta * x))  # sigmoid(beta x)
""",
    "softsign": """\
def softsign(x):
    return x / (1.0 + np.abs(x))


def d_softsign(x):
    return 1.0 / (1.0 + np.abs(x)) ** 2
""",
    "gelu": """\
import math

erf = np.vectorize(math.erf)


def gelu(x):
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def d_gelu(x):
    pdf = np.exp(-0.5 * x**2) / math.sqrt(2.0 * math.pi)
    return 0.5 * (1.0 + erf(x / math.sqrt(2.0))) + x * pdf
""",
    "gelu_tanh": """\
C = np.sqrt(2.0 / np.pi)


def gelu_tanh(x):
    return 0.5 * x * (1.0 + np.tanh(C * (x + 0.044715 * x**3)))


def d_gelu_tanh(x):
    t = np.tanh(C * (x + 0.044715 * x**3))
    du = C * (1.0 + 3 * 0.044715 * x**2)
    return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t**2) * du
""",
    "silu": """\
def silu(x, beta=1.0):
    s = 0.5 * (1.0 + np.tanh(0.5 * beta * x))  # sigmoid(beta x)
    return x * s


def d_silu(x, beta=1.0):
    s = 0.5 * (1.0 + np.tanh(0.5 * beta * x))
    return s + beta * x * s * (1.0 - s)
""",
    "mish": """\
def mish(x):
    return x * np.tanh(np.logaddexp(0.0, x))  # x tanh(softplus(x))


def d_mish(x):
    t = np.tanh(np.logaddexp(0.0, x))
    sig = 0.5 * (1.0 + np.tanh(0.5 * x))
    return t + x * (1.0 - t**2) * sig
""",
    "hard_sigmoid": """\
def hard_sigmoid(x):
    return np.clip(x / 6.0 + 0.5, 0.0, 1.0)


def d_hard_sigmoid(x):
    # 0 at the kinks x = -3 and x = 3 (PyTorch)
    return np.where((x > -3) & (x < 3), 1.0 / 6.0, 0.0)
""",
    "hard_sigmoid_keras2": """\
def hard_sigmoid_keras2(x):
    return np.clip(0.2 * x + 0.5, 0.0, 1.0)


def d_hard_sigmoid_keras2(x):
    return np.where((x > -2.5) & (x < 2.5), 0.2, 0.0)
""",
    "hard_swish": """\
def hard_swish(x):
    return x * np.clip(x / 6.0 + 0.5, 0.0, 1.0)


def d_hard_swish(x):
    # PyTorch's boundaries: f'(-3) = -1/2 and f'(3) = 3/2
    return np.where(x < -3, 0.0, np.where(x <= 3, x / 3.0 + 0.5, 1.0))
""",
    "hard_tanh": """\
def hard_tanh(x):
    return np.clip(x, -1.0, 1.0)


def d_hard_tanh(x):
    return np.where((x > -1) & (x < 1), 1.0, 0.0)  # 0 at the kinks (PyTorch)
""",
    "log_sigmoid": """\
def log_sigmoid(x):
    return -np.logaddexp(0.0, -x)  # log(sigmoid(x)) = -softplus(-x)


def d_log_sigmoid(x):
    return 0.5 * (1.0 - np.tanh(0.5 * x))  # 1 - sigmoid(x)
""",
    "squareplus": """\
def squareplus(x, b=4.0):
    return 0.5 * (x + np.sqrt(x**2 + b))


def d_squareplus(x, b=4.0):
    return 0.5 * (1.0 + x / np.sqrt(x**2 + b))
""",
    "tanhshrink": """\
def tanhshrink(x):
    return x - np.tanh(x)


def d_tanhshrink(x):
    return np.tanh(x) ** 2
""",
    "softshrink": """\
def softshrink(x, lambd=0.5):
    return np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0.0))


def d_softshrink(x, lambd=0.5):
    # 0 at the kinks x = -lambd, lambd (PyTorch); lambd = 0 is the identity
    return np.where((np.abs(x) > lambd) | (lambd == 0), 1.0, 0.0)
""",
    "hardshrink": """\
def hardshrink(x, lambd=0.5):
    return np.where(np.abs(x) > lambd, x, 0.0)


def d_hardshrink(x, lambd=0.5):
    # 0 at the jumps x = -lambd, lambd (PyTorch); lambd = 0 is the identity
    return np.where((np.abs(x) > lambd) | (lambd == 0), 1.0, 0.0)
""",
}

_PT, _KERAS, _JAX = "PyTorch", "Keras", "JAX"

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
        source=(
            "McCulloch & Pitts, A Logical Calculus of the Ideas Immanent in Nervous Activity "
            "(1943); Rosenblatt's perceptron (1958)",
            "McCulloch & Pitts「神経活動に内在する観念の論理計算」(1943)、"
            "Rosenblatt のパーセプトロン (1958)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.heaviside(x, torch.tensor(0.0))",
                          "a tensor function, not a layer; the second argument is f(0)"),
            FrameworkName(_JAX, "jax.numpy.heaviside(x, 0.0)", "the second argument is f(0)"),
        ),
    ),
    _entry(
        "identity", "Identity (linear)", "恒等関数",
        r"f(x) = x",
        r"f'(x) = 1",
        _SMOOTH,
        source=(
            "The linear unit of Widrow & Hoff's ADALINE (1960); the usual output of regression "
            "networks",
            "Widrow & Hoff の ADALINE (1960) の線形ユニット。回帰ネットワークの出力層で標準",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Identity()"),
            FrameworkName(_KERAS, "keras.activations.linear(x)"),
        ),
    ),
    _entry(
        "sigmoid", "Sigmoid", "シグモイド関数",
        r"f(x) = \frac{1}{1 + e^{-a x}}",
        r"f'(x) = a\,f(x)\,(1 - f(x))",
        _SMOOTH,
        params=(
            Param("a", 1.0, 0.1, 100.0, 0.1, {"en": "a (gain)", "ja": "a（ゲイン）"}),
        ),
        source=(
            "The logistic function (Verhulst, 1838); in backpropagation: Rumelhart, Hinton & "
            "Williams, Learning representations by back-propagating errors (1986)",
            "ロジスティック関数 (Verhulst, 1838)。誤差逆伝播では Rumelhart, Hinton & Williams, "
            "Learning representations by back-propagating errors (1986)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Sigmoid()", "no gain: use torch.sigmoid(a * x)"),
            FrameworkName(_KERAS, "keras.activations.sigmoid(x)", "no gain: pass a * x"),
            FrameworkName(_JAX, "jax.nn.sigmoid(x)", "no gain: pass a * x"),
        ),
    ),
    _entry(
        "tanh", "Hyperbolic tangent (tanh)", "双曲線正接 (tanh)",
        r"f(x) = \tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        r"f'(x) = 1 - f(x)^2",
        _SMOOTH,
        source=(
            "LeCun, Bottou, Orr & Müller, Efficient BackProp (1998), on why a zero-centred "
            "sigmoid trains faster",
            "LeCun, Bottou, Orr & Müller, Efficient BackProp (1998)：原点対称なシグモイドが"
            "速く学習する理由",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Tanh()"),
            FrameworkName(_KERAS, "keras.activations.tanh(x)"),
            FrameworkName(_JAX, "jax.nn.tanh(x)", "the same function as jax.numpy.tanh"),
        ),
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
        source=(
            "Nair & Hinton (2010); Glorot, Bordes & Bengio, Deep Sparse Rectifier Neural "
            "Networks (2011)",
            "Nair & Hinton (2010)、Glorot, Bordes & Bengio, Deep Sparse Rectifier Neural "
            "Networks (2011)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.ReLU()"),
            FrameworkName(_KERAS,
                          "keras.activations.relu(x, negative_slope=0.0, max_value=None, "
                          "threshold=0.0)"),
            FrameworkName(_JAX, "jax.nn.relu(x)"),
        ),
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
        source=(
            "Maas, Hannun & Ng, Rectifier Nonlinearities Improve Neural Network Acoustic "
            "Models (2013)",
            "Maas, Hannun & Ng, Rectifier Nonlinearities Improve Neural Network Acoustic "
            "Models (2013)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.LeakyReLU(negative_slope=0.01)"),
            FrameworkName(_KERAS, "keras.activations.leaky_relu(x, negative_slope=0.2)",
                          "keras.layers.LeakyReLU defaults to negative_slope=0.3"),
            FrameworkName(_JAX, "jax.nn.leaky_relu(x, negative_slope=0.01)",
                          "gives f′(0) = 1 (x ≥ 0 rule)"),
        ),
    ),
    _entry(
        "relu6", "ReLU6", "ReLU6",
        r"f(x) = \min(\max(0, x), 6)",
        r"f'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & x \le 0 \text{ or } x \ge 6 \end{cases}",
        {
            "en": "f′ is taken as 0 at both kinks, x = 0 and x = 6: the gradient passes only "
            "for 0 < x < 6, as in PyTorch (where relu6 is hardtanh(0, 6)) and JAX.",
            "ja": "二つの折れ点 x = 0 と x = 6 ではどちらも f′ = 0 とします。PyTorch"
            "（relu6 は hardtanh(0, 6)）や JAX と同じく、勾配は 0 < x < 6 でだけ流れます。",
        },
        kinks=_at_zero_and_six,
        source=(
            "Krizhevsky, Convolutional Deep Belief Networks on CIFAR-10 (2010); used in "
            "MobileNets (Howard et al., 2017)",
            "Krizhevsky, Convolutional Deep Belief Networks on CIFAR-10 (2010)。"
            "MobileNets (Howard et al., 2017) で使われました",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.ReLU6()"),
            FrameworkName(_KERAS, "keras.activations.relu6(x)"),
            FrameworkName(_JAX, "jax.nn.relu6(x)"),
        ),
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
        source=(
            "Clevert, Unterthiner & Hochreiter, Fast and Accurate Deep Network Learning by "
            "Exponential Linear Units (ELUs) (ICLR 2016)",
            "Clevert, Unterthiner & Hochreiter, Fast and Accurate Deep Network Learning by "
            "Exponential Linear Units (ELUs) (ICLR 2016)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.ELU(alpha=1.0)"),
            FrameworkName(_KERAS, "keras.activations.elu(x, alpha=1.0)"),
            FrameworkName(_JAX, "jax.nn.elu(x, alpha=1.0)"),
        ),
    ),
    _entry(
        "selu", "SELU", "SELU",
        r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases},"
        r" \quad \alpha \approx 1.6733,\ \lambda \approx 1.0507",
        r"f'(x) = \begin{cases} \lambda & x > 0 \\ \lambda\alpha\, e^{x} & x \le 0 \end{cases}",
        {
            "en": "f′(0) is taken as λα ≈ 1.7581, the left-hand limit, as PyTorch and JAX do "
            "(the slope on the right is λ ≈ 1.0507).",
            "ja": "f′(0) は PyTorch・JAX と同じく左側極限の λα ≈ 1.7581 とします"
            "（右側の傾きは λ ≈ 1.0507）。",
        },
        kinks=_at_zero,
        source=(
            "Klambauer, Unterthiner, Mayr & Hochreiter, Self-Normalizing Neural Networks (2017)",
            "Klambauer, Unterthiner, Mayr & Hochreiter, Self-Normalizing Neural Networks (2017)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.SELU()"),
            FrameworkName(_KERAS, "keras.activations.selu(x)"),
            FrameworkName(_JAX, "jax.nn.selu(x)"),
        ),
    ),
    _entry(
        "celu", "CELU", "CELU",
        r"f(x) = \max(0, x) + \min\left(0, \alpha\left(e^{x/\alpha} - 1\right)\right)",
        r"f'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
        {
            "en": "f′ exists at every x: for any α both one-sided slopes at 0 are 1 "
            "(only f″ jumps there, unless α = 1).",
            "ja": "どの α でも x = 0 の左右の傾きはともに 1 なので、すべての x で f′ が存在します"
            "（α ≠ 1 なら f″ だけが 0 で跳びます）。",
        },
        params=(
            Param("alpha", 1.0, 0.01, 10.0, 0.01,
                  {"en": "α (negative saturation)", "ja": "α（負側の飽和値）"}),
        ),
        source=(
            "Barron, Continuously Differentiable Exponential Linear Units (2017)",
            "Barron, Continuously Differentiable Exponential Linear Units (2017)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.CELU(alpha=1.0)"),
            FrameworkName(_KERAS, "keras.activations.celu(x, alpha=1.0)"),
            FrameworkName(_JAX, "jax.nn.celu(x, alpha=1.0)"),
        ),
    ),
    _entry(
        "softplus", "Softplus", "ソフトプラス",
        r"f(x) = \frac{1}{\beta} \ln\left(1 + e^{\beta x}\right)",
        r"f'(x) = \frac{1}{1 + e^{-\beta x}}",
        _SMOOTH,
        params=(
            Param("beta", 1.0, 0.01, 100.0, 0.01, {"en": "β (sharpness)", "ja": "β（鋭さ）"}),
        ),
        source=(
            "Dugas, Bengio, Bélisle, Nadeau & Garcia, Incorporating Second-Order Functional "
            "Knowledge for Better Option Pricing (2001)",
            "Dugas, Bengio, Bélisle, Nadeau & Garcia, Incorporating Second-Order Functional "
            "Knowledge for Better Option Pricing (2001)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Softplus(beta=1.0, threshold=20.0)",
                          "returns x itself where βx > 20; the curve here is exact "
                          "(they differ by less than e^-20/β ≈ 2e-9/β)"),
            FrameworkName(_KERAS, "keras.activations.softplus(x)", "β = 1 only"),
            FrameworkName(_JAX, "jax.nn.softplus(x)", "β = 1 only"),
        ),
    ),
    _entry(
        "softsign", "Softsign", "ソフトサイン",
        r"f(x) = \frac{x}{1 + |x|}",
        r"f'(x) = \frac{1}{(1 + |x|)^2}",
        {
            "en": "f′ exists at every x (f′ is continuous; only f″ jumps at 0).",
            "ja": "すべての x で f′ が存在します（f′ は連続で、f″ だけが 0 で跳びます）。",
        },
        source=(
            "Glorot & Bengio, Understanding the difficulty of training deep feedforward "
            "neural networks (2010)",
            "Glorot & Bengio, Understanding the difficulty of training deep feedforward "
            "neural networks (2010)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Softsign()"),
            FrameworkName(_KERAS, "keras.activations.softsign(x)"),
            FrameworkName(_JAX, "jax.nn.soft_sign(x)"),
        ),
    ),
    _entry(
        "gelu", "GELU", "GELU",
        r"f(x) = x\,\Phi(x)"
        r" = \frac{x}{2}\left(1 + \mathrm{erf}\left(\frac{x}{\sqrt{2}}\right)\right)",
        r"f'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}",
        _SMOOTH,
        source=(
            "Hendrycks & Gimpel, Gaussian Error Linear Units (GELUs) (2016)",
            "Hendrycks & Gimpel, Gaussian Error Linear Units (GELUs) (2016)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.GELU(approximate='none')"),
            FrameworkName(_KERAS, "keras.activations.gelu(x, approximate=False)"),
            FrameworkName(_JAX, "jax.nn.gelu(x, approximate=False)",
                          "JAX's default, approximate=True, is the tanh form (gelu_tanh)"),
        ),
    ),
    _entry(
        "gelu_tanh", "GELU (tanh approximation)", "GELU (tanh 近似)",
        r"f(x) = \frac{x}{2}\left(1 + \tanh u\right),"
        r" \quad u = \sqrt{2/\pi}\,\left(x + 0.044715\,x^3\right)",
        r"f'(x) = \frac{1 + \tanh u}{2} + \frac{x}{2}\left(1 - \tanh^2 u\right) u',"
        r" \quad u' = \sqrt{2/\pi}\,\left(1 + 0.134145\,x^2\right)",
        _SMOOTH,
        approximates="gelu",
        source=(
            "Hendrycks & Gimpel (2016), section 2; the form BERT and GPT-2 use",
            "Hendrycks & Gimpel (2016) の 2 節。BERT や GPT-2 が使う形",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.GELU(approximate='tanh')"),
            FrameworkName(_KERAS, "keras.activations.gelu(x, approximate=True)"),
            FrameworkName(_JAX, "jax.nn.gelu(x, approximate=True)", "JAX's default"),
        ),
    ),
    _entry(
        "silu", "SiLU (Swish)", "SiLU (Swish)",
        r"f(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}",
        r"f'(x) = \sigma(\beta x)\,\bigl(1 + \beta x\,(1 - \sigma(\beta x))\bigr)",
        _SMOOTH,
        params=(
            Param("beta", 1.0, 0.1, 10.0, 0.1, {"en": "β (Swish)", "ja": "β（Swish）"}),
        ),
        source=(
            "Elfwing, Uchibe & Doya, Sigmoid-Weighted Linear Units (2018); Ramachandran, "
            "Zoph & Le, Searching for Activation Functions (2017), with β",
            "Elfwing, Uchibe & Doya, Sigmoid-Weighted Linear Units (2018)、β 付きは "
            "Ramachandran, Zoph & Le, Searching for Activation Functions (2017)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.SiLU()", "β = 1 only"),
            FrameworkName(_KERAS, "keras.activations.silu(x)",
                          "also keras.activations.swish; β = 1 only"),
            FrameworkName(_JAX, "jax.nn.silu(x)", "also jax.nn.swish; β = 1 only"),
        ),
    ),
    _entry(
        "mish", "Mish", "Mish",
        r"f(x) = x \tanh\left(\ln\left(1 + e^{x}\right)\right)",
        r"f'(x) = \tanh s + x\,\mathrm{sech}^2 s\;\sigma(x),"
        r" \quad s = \ln\left(1 + e^{x}\right)",
        _SMOOTH,
        source=(
            "Misra, Mish: A Self Regularized Non-Monotonic Activation Function (2019)",
            "Misra, Mish: A Self Regularized Non-Monotonic Activation Function (2019)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Mish()"),
            FrameworkName(_KERAS, "keras.activations.mish(x)"),
            FrameworkName(_JAX, "jax.nn.mish(x)"),
        ),
    ),
    _entry(
        "hard_sigmoid", "Hard sigmoid", "ハードシグモイド",
        r"f(x) = \min\left(\max\left(\frac{x}{6} + \frac{1}{2}, 0\right), 1\right)",
        r"f'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & |x| \ge 3 \end{cases}",
        {
            "en": "f′ is taken as 0 at the kinks x = ±3: PyTorch gives 1/6 only for "
            "−3 < x < 3 (and so does JAX, through relu6).",
            "ja": "折れ点 x = ±3 では f′ = 0 とします。PyTorch は −3 < x < 3 でだけ 1/6 を"
            "返します（JAX も relu6 を通して同じです）。",
        },
        kinks=_at_plus_minus(3.0),
        source=(
            "Howard et al., Searching for MobileNetV3 (2019)",
            "Howard et al., Searching for MobileNetV3 (2019)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Hardsigmoid()"),
            FrameworkName(_KERAS, "keras.activations.hard_sigmoid(x)",
                          "Keras 3; Keras 2 used 0.2x + 0.5 (hard_sigmoid_keras2)"),
            FrameworkName(_JAX, "jax.nn.hard_sigmoid(x)"),
        ),
    ),
    _entry(
        "hard_sigmoid_keras2", "Hard sigmoid (Keras 2)", "ハードシグモイド (Keras 2)",
        r"f(x) = \min(\max(0.2x + 0.5, 0), 1)",
        r"f'(x) = \begin{cases} 0.2 & -2.5 < x < 2.5 \\ 0 & |x| \ge 2.5 \end{cases}",
        {
            "en": "f′ is taken as 0 at the kinks x = ±2.5 (0.2 only for −2.5 < x < 2.5), "
            "the rule PyTorch follows for its hard sigmoid.",
            "ja": "折れ点 x = ±2.5 では f′ = 0 とします（0.2 は −2.5 < x < 2.5 でだけ）。"
            "PyTorch のハードシグモイドと同じ規則です。",
        },
        kinks=_at_plus_minus(2.5),
        source=(
            "Keras 2's hard_sigmoid (2017), after Theano's: a piecewise-linear fit of the "
            "sigmoid",
            "Keras 2 (2017) の hard_sigmoid（Theano 由来）：シグモイドの区分線形近似",
        ),
        frameworks=(
            FrameworkName("Keras 2", "keras.activations.hard_sigmoid(x)",
                          "Keras 2.x (tf.keras before TensorFlow 2.16); Keras 3 changed it "
                          "to x/6 + 1/2"),
        ),
    ),
    _entry(
        "hard_swish", "Hard swish", "ハードスウィッシュ",
        r"f(x) = \begin{cases} 0 & x \le -3 \\ x\,(x + 3)/6 & -3 < x < 3 \\"
        r" x & x \ge 3 \end{cases}",
        r"f'(x) = \begin{cases} 0 & x < -3 \\ x/3 + 1/2 & -3 \le x \le 3 \\"
        r" 1 & x > 3 \end{cases}",
        {
            "en": "At the kinks f′ follows PyTorch's hardswish_backward: 0 for x < −3, "
            "x/3 + 1/2 for −3 ≤ x ≤ 3 and 1 for x > 3, so f′(−3) = −1/2 and f′(3) = 3/2.",
            "ja": "折れ点では PyTorch の hardswish_backward に従います。x < −3 で 0、"
            "−3 ≤ x ≤ 3 で x/3 + 1/2、x > 3 で 1 なので、f′(−3) = −1/2、f′(3) = 3/2 です。",
        },
        kinks=_at_plus_minus(3.0),
        source=(
            "Howard et al., Searching for MobileNetV3 (2019)",
            "Howard et al., Searching for MobileNetV3 (2019)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Hardswish()"),
            FrameworkName(_KERAS, "keras.activations.hard_silu(x)",
                          "also keras.activations.hard_swish"),
            FrameworkName(_JAX, "jax.nn.hard_silu(x)",
                          "also jax.nn.hard_swish; jax.grad gives 0 at −3 and 1 at 3"),
        ),
    ),
    _entry(
        "hard_tanh", "Hard tanh", "ハード tanh",
        r"f(x) = \min(\max(x, -1), 1)",
        r"f'(x) = \begin{cases} 1 & -1 < x < 1 \\ 0 & |x| \ge 1 \end{cases}",
        {
            "en": "f′ is taken as 0 at the kinks x = ±1, as PyTorch's hardtanh does "
            "(JAX's hard_tanh gives 1 there).",
            "ja": "折れ点 x = ±1 では PyTorch の hardtanh と同じく f′ = 0 とします"
            "（JAX の hard_tanh はそこで 1 を返します）。",
        },
        kinks=_at_plus_minus(1.0),
        source=(
            "Collobert et al., Natural Language Processing (Almost) from Scratch (2011)",
            "Collobert et al., Natural Language Processing (Almost) from Scratch (2011)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)"),
            FrameworkName(_KERAS, "keras.activations.hard_tanh(x)"),
            FrameworkName(_JAX, "jax.nn.hard_tanh(x)", "jax.grad gives 1 at ±1"),
        ),
    ),
    _entry(
        "log_sigmoid", "Log-sigmoid", "対数シグモイド",
        r"f(x) = \ln \sigma(x) = -\ln\left(1 + e^{-x}\right)",
        r"f'(x) = 1 - \sigma(x) = \frac{1}{1 + e^{x}}",
        _SMOOTH,
        source=(
            "The log-likelihood of logistic regression (Cox, 1958), the building block of "
            "binary cross-entropy",
            "ロジスティック回帰の対数尤度 (Cox, 1958)。二値交差エントロピーの構成要素",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.LogSigmoid()"),
            FrameworkName(_KERAS, "keras.activations.log_sigmoid(x)"),
            FrameworkName(_JAX, "jax.nn.log_sigmoid(x)"),
        ),
    ),
    _entry(
        "squareplus", "Squareplus", "スクエアプラス",
        r"f(x) = \frac{x + \sqrt{x^2 + b}}{2}",
        r"f'(x) = \frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)",
        {
            "en": "Smooth for b > 0. With b = 0 it is ReLU, with a kink at 0 where f′ is "
            "taken as 1/2 (the value of f′(0) for every b > 0).",
            "ja": "b > 0 なら滑らかです。b = 0 では ReLU になり x = 0 が折れ点になります。"
            "そこでは f′ を 1/2（b > 0 のときの f′(0) の値）とします。",
        },
        params=(
            Param("b", 4.0, 0.0, 100.0, 0.1, {"en": "b (bend width)", "ja": "b（曲がりの幅）"}),
        ),
        kinks=_at_zero_if_b_is_zero,
        source=(
            "Barron, Squareplus: A Softplus-Like Algebraic Rectifier (2021)",
            "Barron, Squareplus: A Softplus-Like Algebraic Rectifier (2021)",
        ),
        frameworks=(
            FrameworkName(_KERAS, "keras.activations.squareplus(x, b=4)"),
            FrameworkName(_JAX, "jax.nn.squareplus(x, b=4)"),
        ),
    ),
    _entry(
        "tanhshrink", "Tanhshrink", "Tanhshrink",
        r"f(x) = x - \tanh x",
        r"f'(x) = \tanh^2 x",
        _SMOOTH,
        source=(
            "Torch7's nn.TanhShrink (Collobert, Kavukcuoglu & Farabet, Torch7, 2011)",
            "Torch7 の nn.TanhShrink (Collobert, Kavukcuoglu & Farabet, Torch7, 2011)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Tanhshrink()"),
            FrameworkName(_KERAS, "keras.activations.tanh_shrink(x)"),
        ),
    ),
    _entry(
        "softshrink", "Softshrink (soft thresholding)", "ソフトしきい値 (Softshrink)",
        r"f(x) = \begin{cases} x - \lambda & x > \lambda \\ 0 & |x| \le \lambda \\"
        r" x + \lambda & x < -\lambda \end{cases}",
        r"f'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
        {
            "en": "f′ is taken as 0 at the kinks x = ±λ (gradient only for |x| > λ), as "
            "PyTorch does. With λ = 0 the function is the identity and f′ = 1 everywhere.",
            "ja": "折れ点 x = ±λ では PyTorch と同じく f′ = 0 とします（勾配は |x| > λ で"
            "だけ流れます）。λ = 0 なら恒等関数なので、どこでも f′ = 1 です。",
        },
        params=(
            Param("lambd", 0.5, 0.0, 10.0, 0.01,
                  {"en": "λ (threshold)", "ja": "λ（しきい値）"}),
        ),
        kinks=_at_plus_minus_lambd,
        source=(
            "Soft thresholding: Donoho, De-noising by soft-thresholding (1995); in networks, "
            "LISTA (Gregor & LeCun, 2010)",
            "ソフトしきい値処理：Donoho, De-noising by soft-thresholding (1995)。"
            "ネットワークでは LISTA (Gregor & LeCun, 2010)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Softshrink(lambd=0.5)"),
            FrameworkName(_KERAS, "keras.activations.soft_shrink(x, threshold=0.5)"),
        ),
    ),
    _entry(
        "hardshrink", "Hardshrink (hard thresholding)", "ハードしきい値 (Hardshrink)",
        r"f(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
        r"f'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
        {
            "en": "f jumps at x = ±λ (hardshrink(±λ) = 0) and f′ is taken as 0 there, as "
            "PyTorch does. With λ = 0 the function is the identity and f′ = 1 everywhere.",
            "ja": "f は x = ±λ で跳び（hardshrink(±λ) = 0）、そこでは PyTorch と同じく "
            "f′ = 0 とします。λ = 0 なら恒等関数なので、どこでも f′ = 1 です。",
        },
        params=(
            Param("lambd", 0.5, 0.0, 10.0, 0.01,
                  {"en": "λ (threshold)", "ja": "λ（しきい値）"}),
        ),
        jumps=_at_plus_minus_lambd,
        source=(
            "Hard thresholding: Donoho & Johnstone, Ideal spatial adaptation by wavelet "
            "shrinkage (1994)",
            "ハードしきい値処理：Donoho & Johnstone, Ideal spatial adaptation by wavelet "
            "shrinkage (1994)",
        ),
        frameworks=(
            FrameworkName(_PT, "torch.nn.Hardshrink(lambd=0.5)"),
            FrameworkName(_KERAS, "keras.activations.hard_shrink(x, threshold=0.5)"),
        ),
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
