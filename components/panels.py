"""Pure builders for the text beside the graph: formulas, conventions, notices."""

from __future__ import annotations

from collections.abc import Sequence

import activations
from components.curves import Curve, Curves
from components.figures import PRIME, fmt, peak_text
from components.state import Problem, ViewState


def formulas_markdown(curves: Curves, state: ViewState) -> str:
    """Markdown (with MathJax) for every selected function: f, f′ and what to know."""
    sections = [_function_section(curve, state) for curve in curves.curves]
    return "\n\n---\n\n".join(sections)


def _function_section(curve: Curve, state: ViewState) -> str:
    activation = curve.activation
    lines = [
        f"#### {activation.label('en')} · {activation.label('ja')} (`{activation.name}`)",
        "",
        "$$",
        activation.latex,
        "$$",
        "",
        "$$",
        activation.latex_grad,
        "$$",
        "",
        f"**Derivative:** {activation.describe_convention('en')}",
    ]
    if curve.params:
        shown = ", ".join(
            f"{activation.param(name).label('en')} = {fmt(value)}"
            for name, value in curve.params.items()
        )
        lines += ["", f"**Parameters:** {shown}"]
    peak = activations.grad_peak(activation, state.xmin, state.xmax, curve.params)
    # "[a, b]:" would read as a Markdown link definition, hence the inequality.
    where = f"**For {fmt(state.xmin)} ≤ x ≤ {fmt(state.xmax)}:**"
    if peak.abs_value > 0:
        lines += ["", f"{where} {peak_text(peak)}"]
    else:
        lines += ["", f"{where} f{PRIME} = 0 wherever it exists"]
    return "\n".join(lines)


def notice_lines(problems: Sequence[Problem]) -> list[str]:
    """One readable line per problem, for the notice area."""
    return [str(problem) for problem in problems]
