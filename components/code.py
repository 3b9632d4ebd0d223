"""Code shown to the learner: the library's source and a runnable snippet.

``reproduce_snippet(state)`` writes a short script in the study note's style
(NumPy + matplotlib) that plots the current view: the selected functions with
their current parameters, on the current range, with the derivative when it
is shown. It runs as written; a test executes it with matplotlib's Agg backend.
"""

from __future__ import annotations

import textwrap

import activations
from components.state import ViewState, format_number


def _call(name: str, params: dict[str, float]) -> str:
    arguments = "".join(f", {key}={format_number(value)}" for key, value in params.items())
    return f"{name}(x{arguments})"


def reproduce_snippet(state: ViewState) -> str:
    """A self-contained NumPy + matplotlib script that draws the current view."""
    lines = ["import matplotlib.pyplot as plt", "import numpy as np", ""]
    for name in state.functions:
        lines += [textwrap.dedent(activations.get(name).snippet).strip(), "", ""]
    if state.expr:
        lines += [
            f"# Your own function, f(x) = {state.expr}, is not included here:",
            "# write it as a NumPy function like the ones above to plot it too.",
            "",
        ]
    xmin, xmax = format_number(state.xmin), format_number(state.xmax)
    lines.append(
        f"x = np.linspace({xmin}, {xmax}, {state.n})  # {state.n} points from {xmin} to {xmax}"
    )
    lines.append("")
    if state.deriv:
        lines.append("fig, (ax_f, ax_d) = plt.subplots(2, 1, sharex=True, figsize=(7, 6))")
    else:
        lines.append("fig, ax_f = plt.subplots(figsize=(7, 4))")
    for name in state.functions:
        activation = activations.get(name)
        params = state.params_for(name)
        label = activation.label("en")
        lines.append(f'ax_f.plot(x, {_call(name, params)}, label="{label}")')
        if state.deriv:
            slope = _call(f"d_{name}", params)
            if state.log_deriv:
                slope = f"np.abs({slope})"
            lines.append(f'ax_d.plot(x, {slope}, "--", label="{label}′")')
    lines += ['ax_f.set_ylabel("f(x)")', "ax_f.grid(True)", "ax_f.legend()"]
    if state.deriv:
        if state.log_deriv:
            lines += ['ax_d.set_yscale("log")', 'ax_d.set_ylabel("|f′(x)|")']
        else:
            lines.append('ax_d.set_ylabel("f′(x)")')
        lines += ['ax_d.set_xlabel("x")', "ax_d.grid(True)"]
    else:
        lines.append('ax_f.set_xlabel("x")')
    lines.append("plt.show()")
    return "\n".join(lines) + "\n"
