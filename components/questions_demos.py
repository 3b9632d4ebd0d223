"""Live demonstrations for the questions page: pure functions, no Dash.

The study note asks, in passing, why ``if x > 0:`` fails on a NumPy array,
what "nonlinear" buys a network, why sigmoid's small slope makes gradients
vanish, and why an angular ReLU still learns. Every answer on the page is
backed by a number computed here with the installed NumPy and the
``activations`` library, at request time, never typed in.

Notebook cells (:class:`Cell`) pair the code shown with a Python function
that does exactly that; nothing is evaluated from text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import activations
from components.figures import axis_style, curve_marks
from components.i18n import LANGUAGES
from components.state import KEY_LANGUAGE, MAX_QUERY_CHARS, MAX_VALUE_CHARS, Problem, parse_language
from networks.kinks import measured_sup_distance, sup_distance_softplus_relu

F64 = np.ndarray

#: The array in the note: ``np.array([-0.1, 1.0, 2.0])``.
NOTE_ARRAY: tuple[float, ...] = (-0.1, 1.0, 2.0)
#: The note's grid: ``np.arange(-5, 5, 0.1)`` (start, stop, step).
NOTE_ARANGE: tuple[float, float, float] = (-5, 5, 0.1)
#: The note's y-limits, ``plt.ylim(-0.1, 1.1)``.
NOTE_YLIM: tuple[float, float] = (-0.1, 1.1)
#: The three functions the note plots, in its order.
NOTE_FUNCTIONS: tuple[str, ...] = ("step", "sigmoid", "relu")
#: Their palette slots: where they stand in the explorer's default view
#: (sigmoid, step, relu), so each keeps its colour and marker across pages.
NOTE_INDEX: Mapping[str, int] = {"sigmoid": 0, "step": 1, "relu": 2}
#: Network depths for the vanishing-gradient numbers.
DEPTHS: tuple[int, ...] = (5, 10, 20)
#: Softplus sharpness values for the kink answer.
BETAS: tuple[float, ...] = (1.0, 10.0, 100.0)
#: How many random inputs the kink answer draws, and from which seed.
RANDOM_DRAWS = 1_000_000
RANDOM_SEED = 0


# --- notebook cells ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One notebook cell: the code shown and what running it printed.

    ``output`` is the value's ``repr`` (what a notebook shows), or for an
    exception ``"<Type>: <message>"`` exactly as Python reports it.
    """

    code: str
    output: str
    error: bool = False


def run_cell(code: str, action: Callable[[], Any]) -> Cell:
    """Run ``action`` (which does what ``code`` says) and record its result or exception."""
    try:
        result = action()
    except Exception as exc:  # the point is to show the real error
        return Cell(code, f"{type(exc).__name__}: {exc}", error=True)
    return Cell(code, repr(result))


def note_array() -> F64:
    """``np.array([-0.1, 1.0, 2.0])``, the note's example."""
    return np.array(NOTE_ARRAY)


def step_with_if(x: Any) -> int:
    """The note's first step function: fine for one number, an error for an array."""
    if x > 0:
        return 1
    else:
        return 0


def numpy_int() -> Any:
    """``np.int``: removed in NumPy 1.24, so this raises AttributeError on NumPy 2."""
    return getattr(np, "int")  # noqa: B009 - the attribute is absent; a literal would not type-check


STEP_DEF = "def step(x):\n    if x > 0:\n        return 1\n    else:\n        return 0\n"


def truth_value_cells() -> tuple[Cell, ...]:
    """Q1: ``if x > 0:`` on an array, and what works instead, run with the installed NumPy."""
    x = note_array()
    return (
        run_cell("import numpy as np\nnp.__version__", lambda: np.__version__),
        run_cell("x = np.array([-0.1, 1.0, 2.0])\nx", lambda: x),
        run_cell(STEP_DEF + "\nstep(x)", lambda: step_with_if(x)),
        run_cell("x > 0", lambda: x > 0),
        run_cell(
            "step(2.0), step(-0.1)",
            lambda: (
                step_with_if(2.0),
                step_with_if(-0.1),
            ),
        ),
        run_cell("(x > 0).astype(np.int64)", lambda: (x > 0).astype(np.int64)),
        run_cell("np.array(x > 0, dtype=np.int64)", lambda: np.array(x > 0, dtype=np.int64)),
        run_cell("(x > 0).any(), (x > 0).all()", lambda: ((x > 0).any(), (x > 0).all())),
        run_cell("max(0, x)", lambda: max(0, x)),  # type: ignore[call-overload]
        run_cell("np.maximum(0, x)", lambda: np.maximum(0, x)),
        run_cell("np.int", numpy_int),
    )


def truth_value_error() -> str:
    """NumPy's own message for ``if array:`` (the text after ``ValueError: ``)."""
    try:
        step_with_if(note_array())
    except ValueError as exc:
        return str(exc)
    raise AssertionError("NumPy accepted an array in an if statement")  # pragma: no cover


def numpy_int_error() -> str:
    """NumPy's own message for ``np.int`` (its first line)."""
    try:
        numpy_int()
    except AttributeError as exc:
        return str(exc).splitlines()[0]
    return "np.int exists in this NumPy"  # pragma: no cover - NumPy < 1.24


# --- Q2: stacked linear maps collapse ----------------------------------------------------

W1 = np.array([[2.0], [-1.0]])
B1 = np.array([0.5, 1.0])
W2 = np.array([[1.0, 3.0]])
B2 = np.array([-2.0])
COLLAPSE_X: tuple[float, ...] = (-2.0, -1.0, 0.0, 1.0, 2.0)


@dataclass(frozen=True)
class Collapse:
    """Two linear layers, the one layer they equal, and the same two with ReLU between."""

    x: F64
    two_layers: F64  # W2 (W1 x + b1) + b2
    one_layer: F64  # w x + b with w = W2 W1, b = W2 b1 + b2
    with_relu: F64  # W2 relu(W1 x + b1) + b2
    w: float
    b: float
    max_difference: float  # |two_layers - one_layer|, largest
    linear_slopes: F64  # slopes between neighbouring x: all equal to w
    relu_slopes: F64  # slopes with ReLU between: they change


def linear_collapse() -> Collapse:
    r"""Two stacked linear maps are one linear map.

    .. math:: W_2(W_1x + b_1) + b_2 = (W_2W_1)x + (W_2b_1 + b_2)
    """
    x = np.array(COLLAPSE_X)
    hidden = W1 @ x[np.newaxis, :] + B1[:, np.newaxis]
    two = (W2 @ hidden + B2[:, np.newaxis])[0]
    w = W2 @ W1
    b = W2 @ B1 + B2
    one = (w @ x[np.newaxis, :] + b[:, np.newaxis])[0]
    relu = activations.get("relu")
    bent = (W2 @ relu(hidden) + B2[:, np.newaxis])[0]
    return Collapse(
        x=x,
        two_layers=two,
        one_layer=one,
        with_relu=bent,
        w=float(w[0, 0]),
        b=float(b[0]),
        max_difference=float(np.max(np.abs(two - one))),
        linear_slopes=np.diff(two) / np.diff(x),
        relu_slopes=np.diff(bent) / np.diff(x),
    )


# --- Q3: vanishing gradients -------------------------------------------------------------


@dataclass(frozen=True)
class Vanishing:
    """Largest |f′| of sigmoid and ReLU, and their L-th powers for each depth L."""

    sigmoid_peak: float
    relu_peak: float
    rows: tuple[tuple[int, float, float], ...]  # (L, sigmoid_peak**L, relu_peak**L)


def vanishing(depths: Sequence[int] = DEPTHS) -> Vanishing:
    """The bound the activation alone puts on a gradient through L layers: (max |f′|)^L."""
    sigmoid = activations.grad_peak(activations.get("sigmoid"), -50, 50).abs_value
    relu = activations.grad_peak(activations.get("relu"), -50, 50).abs_value
    return Vanishing(sigmoid, relu, tuple((L, sigmoid**L, relu**L) for L in depths))


# --- Q4: the kink ------------------------------------------------------------------------


@dataclass(frozen=True)
class Kink:
    """Numbers for "why kinked ReLU still learns"."""

    draws: int
    exact_zeros: int  # how many of ``draws`` standard-normal numbers were exactly 0
    grad_x: F64
    grad: F64  # relu′ at grad_x, by the library's (PyTorch's) convention
    softplus: tuple[tuple[float, float, float], ...]  # (β, ln2/β, measured largest gap)


def kink() -> Kink:
    """ReLU's corner is hit with probability zero; relu′(0) = 0; softplus → ReLU as β grows."""
    draws = np.random.default_rng(RANDOM_SEED).standard_normal(RANDOM_DRAWS)
    grad_x = np.array([-1.0, 0.0, 2.0])
    rows = tuple(
        (beta, sup_distance_softplus_relu(beta), measured_sup_distance(beta)[0]) for beta in BETAS
    )
    return Kink(
        draws=RANDOM_DRAWS,
        exact_zeros=int(np.count_nonzero(draws == 0.0)),
        grad_x=grad_x,
        grad=activations.get("relu").derivative(grad_x),
        softplus=rows,
    )


# --- Q5: the study note's three plots ----------------------------------------------------


def study_note_x() -> F64:
    """The note's grid, exactly: ``np.arange(-5, 5, 0.1)`` (100 points, -5 to 4.9 and a hair)."""
    start, stop, step = NOTE_ARANGE
    return np.arange(start, stop, step)


def study_note_curves() -> dict[str, F64]:
    """step, sigmoid and ReLU from the ``activations`` library on the note's grid."""
    x = study_note_x()
    return {name: activations.get(name)(x) for name in NOTE_FUNCTIONS}


# The note's own functions, as it wrote them, to compare with the library.
def note_step(x: F64) -> F64:
    return np.array(x > 0, dtype=np.int64)


def note_sigmoid(x: F64) -> F64:
    return 1 / (1 + np.exp(-x))


def note_relu(x: F64) -> list[Any]:
    return [max(0, a) for a in x]


NOTE_CODE: Mapping[str, str] = {
    "step": (
        "def step(x):\n"
        "    return np.array(x > 0, dtype=np.int64)\n"
        "\n"
        "x = np.arange(-5, 5.0, 0.1)\n"
        "y = step(x)\n"
        "plt.plot(x, y)\n"
        "plt.ylim(-0.1, 1.1)\n"
        "plt.show()"
    ),
    "sigmoid": (
        "def sigmoid(x):\n"
        "    return 1 / (1 + np.exp(-x))\n"
        "\n"
        "x = np.arange(-5.0, 5.0, 0.1)\n"
        "y = sigmoid(x)\n"
        "plt.plot(x, y)\n"
        "plt.ylim(-0.1, 1.1)\n"
        "plt.show()"
    ),
    "relu": (
        "def relu(x):\n"
        "    return max(0, x)\n"
        "\n"
        "x = np.arange(-5.0, 5.0, 0.1)\n"
        "y = [relu(a) for a in x]\n"
        "plt.plot(x, y)\n"
        "plt.ylim(-0.1, 1.1)\n"
        "plt.show()"
    ),
}
NOTE_FUNCTIONS_AS_WRITTEN: Mapping[str, Callable[[F64], Any]] = {
    "step": note_step,
    "sigmoid": note_sigmoid,
    "relu": note_relu,
}


def note_vs_library() -> dict[str, float]:
    """Largest |note's function − library| on the note's grid, per function."""
    x = study_note_x()
    curves = study_note_curves()
    return {
        name: float(np.max(np.abs(np.asarray(fn(x), dtype=np.float64) - curves[name])))
        for name, fn in NOTE_FUNCTIONS_AS_WRITTEN.items()
    }


#: Rows of a note plot's table on the page; the CSV has all 100.
TABLE_ROWS = 11
#: A rise between two neighbouring points this large is a jump, not a slope.
JUMP = 0.5


@dataclass(frozen=True)
class PlotFacts:
    """What a note plot shows, in numbers, for its text alternative."""

    ymin: float
    ymax: float
    above: int  # points above the note's upper y-limit: off the top of the chart
    jump: tuple[float, float, float, float] | None  # (x before, x after, y before, y after)


def plot_facts(x: F64, y: F64) -> PlotFacts:
    """The span of y, the points the note's y-limits cut off, and the largest jump if any."""
    steps = np.abs(np.diff(y))
    jump = None
    if steps.size and steps.max() >= JUMP:
        i = int(np.argmax(steps))
        jump = (float(x[i]), float(x[i + 1]), float(y[i]), float(y[i + 1]))
    return PlotFacts(
        ymin=float(np.min(y)),
        ymax=float(np.max(y)),
        above=int(np.count_nonzero(y > NOTE_YLIM[1])),
        jump=jump,
    )


def table_rows(n: int, rows: int = TABLE_ROWS) -> F64:
    """Indices of ``rows`` evenly spaced points of ``n`` (the first and last included)."""
    return np.unique(np.linspace(0, n - 1, min(rows, n)).round().astype(int))


def explorer_query(name: str, lang: str) -> str:
    """The explorer's closest view of a note plot: linspace(-5, 4.9, 100), f only."""
    return f"fn={name}&xmin=-5&xmax=4.9&n=100&deriv=0&lang={lang}"


def study_note_csv() -> str:
    """``x,step,sigmoid,relu`` on ``np.arange(-5, 5, 0.1)``, every value as its float ``repr``."""
    x = study_note_x()
    curves = study_note_curves()
    columns = [x, *(curves[name] for name in NOTE_FUNCTIONS)]
    out = io.StringIO()
    out.write(",".join(("x", *NOTE_FUNCTIONS)) + "\n")
    for row in zip(*(column.astype(float).tolist() for column in columns), strict=True):
        out.write(",".join(map(repr, row)) + "\n")
    return out.getvalue()


def study_note_figure(
    name: str, x: F64, y: F64, index: int, title: str, x_title: str, y_title: str
) -> dict[str, Any]:
    """One of the note's plots as a figure dict: a line, y-limits (-0.1, 1.1) as in the note.

    ``index`` is the function's palette slot (colour and marker symbol), the
    one it has in the explorer's default view.
    """
    # automargin: the larger text of presentation mode still fits.
    axis = axis_style() | {"automargin": True}
    return {
        "data": [
            {
                "type": "scatter",
                # plt.plot joins the points, the step's jump included; sparse
                # markers tell the three plots apart without colour.
                **curve_marks(index),
                "name": name,
                "x": x,
                "y": y,
                "hovertemplate": "x = %{x:.6g}<br>y = %{y:.6g}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": title, "x": 0.02, "font": {"size": 15}},
            "margin": {"l": 56, "r": 12, "t": 40, "b": 44},
            "showlegend": False,
            "hovermode": "closest",
            "font": {"family": "system-ui, sans-serif", "size": 13},
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "rgba(0,0,0,0)",
            "uirevision": f"study-note-{name}",
            "xaxis": axis | {"title": {"text": x_title}},
            "yaxis": axis | {"title": {"text": y_title}, "range": list(NOTE_YLIM)},
        },
    }


# --- the page's query --------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionsState:
    """The whole view of the questions page: only its language."""

    lang: str

    def to_query(self) -> str:
        return f"{KEY_LANGUAGE}={self.lang}"


def parse_questions_query(
    raw: Mapping[str, Sequence[str]], default_lang: str
) -> tuple[QuestionsState, tuple[Problem, ...]]:
    """Validate ``?lang=``; any other key, a repeated key or an over-long query is a problem."""
    problems: list[Problem] = []
    total = sum(len(k) + sum(len(v) for v in vs) for k, vs in raw.items())
    if total > MAX_QUERY_CHARS:
        problems.append(Problem("query", "too_long", {"max": f"{MAX_QUERY_CHARS:,}"}, "ignored"))
        return QuestionsState(default_lang if default_lang in LANGUAGES else "en"), tuple(problems)
    text: str | None = None
    for key, given in raw.items():
        if key != KEY_LANGUAGE:
            problems.append(Problem(key[:MAX_VALUE_CHARS], "unknown_key", remedy="ignored"))
            continue
        if not given:
            continue
        if len(given) > 1:
            problems.append(Problem(key, "repeated", remedy="first"))
        text = given[0]
    fallback = default_lang if default_lang in LANGUAGES else "en"
    lang = parse_language(text, fallback, problems)
    return QuestionsState(lang), tuple(problems)
