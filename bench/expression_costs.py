"""Measure the step costs of activations/expression.py; print them as Python source.

    .venv/bin/python bench/expression_costs.py [--rounds 9] [--repeats 3]

The expression module refuses an expression whose steps cost more than
EVAL_BUDGET_UNITS in all. The costs are a fixed table in the module, so
whether a text is accepted never depends on the machine or on its load;
this script measures them. It times every kind of step, and a call of
every function a visitor may use, at EVAL_BUDGET_POINTS points on each
input profile below (ordinary numbers, and inputs that send the C library
down a slow path) and keeps the slowest: a visitor can steer every point
into one, as in sigmoid(-712 + x/100). Each time is the median over
``rounds`` passes of the best of ``repeats`` runs in a row (see measure()).

A unit is the time of one cheap elementwise operation, np.add of two arrays
of EVAL_BUDGET_POINTS float64; the budget is EVAL_BUDGET_SECONDS in units.
The output names the machine and versions, then gives the block to paste
over the one in activations/expression.py. Run it on an idle machine, and
again when a kind of step or a catalogue function is added or changed.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from activations import expression as E

Array = NDArray[np.float64]
Operands = tuple[Array, Array, Array, Array]

# --- input profiles ----------------------------------------------------------

# The same operation can be 5-20 times slower on some inputs than on [-5, 5]:
# exp (and sigmoid, softplus, silu, ...) when the result is near the smallest
# normal float (u near -712 or, for exp(-|u|), +712), cosh and sinh just
# below overflow (|u| near 709.5), sin and cos for huge arguments, pow for
# tiny bases. The windows are narrow because the slow regions are.
ORDINARY = "-5..5"
_SPECIALS = (1e-310, 1e300, -3.7, 1e12, -1e-320, math.nan, -math.inf, 0.0, 7e15, -2e5)


def profiles(n: int) -> dict[str, Array]:
    alternating = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    return {
        ORDINARY: np.linspace(-5.0, 5.0, n),
        "u near -712": np.linspace(-712.25, -711.75, n),
        "u near -709": np.linspace(-709.5, -709.0, n),
        "u near 709": np.linspace(709.0, 709.5, n),
        "u near 712": np.linspace(711.75, 712.25, n),
        "huge u": np.logspace(8.0, 300.0, n) * alternating,  # sin, cos, pow
        "tiny and subnormal u": np.logspace(-320.0, -100.0, n) * alternating,
        "u near 1e-124": np.linspace(1e-124, 2e-124, n),  # u ** 2.5 near the smallest normal
        "u near 1e123": np.linspace(1e123, 2e123, n),  # u ** 2.5 near overflow
        "NaN, inf, 0, ...": np.resize(np.array(_SPECIALS, dtype=np.float64), n),
    }


# --- what to time ------------------------------------------------------------


def step_groups() -> dict[str, list[E._Step]]:
    """For each kind of step, the steps whose slowest time is its cost.

    libm's pow is slowest where its result is near the smallest normal float
    or overflow, whatever the exponent; the profiles reach those results
    with an exponent of 2.5 (u ** 2.5, u ** v) or a base of 2.718 (c ** u).
    An integer power is timed for every exponent the compiler allows.
    """
    groups = {kind: [E._Step(kind)] for kind in ("neg", "add", "sub", "mul", "div")}
    for kind in ("addc", "subc", "rsubc", "mulc", "divc", "rdivc"):
        groups[kind] = [E._Step(kind, c=2.0)]
    limit = E._IPOW_LIMIT
    groups["powi"] = [E._Step("powi", c=float(n)) for n in range(-limit, limit + 1)]
    groups["powc"] = [E._Step("powc", c=2.5)]
    groups["pow"] = [E._Step("pow")]
    groups["rpowc"] = [E._Step("rpowc", c=2.718)]
    groups["exp2"] = [E._Step("exp2")]
    return groups


def call_groups() -> tuple[dict[str, list[E._Step]], dict[str, str]]:
    """A group per function, and each name's group: arctan and atan are one function."""
    groups: dict[str, list[E._Step]] = {}
    group_of: dict[str, str] = {}
    first_name: dict[E.DualFunction, str] = {}
    for name, fn in sorted(E.ALLOWED_FUNCTIONS.items()):
        group = group_of[name] = first_name.setdefault(fn, name)
        groups.setdefault(group, [E._Step("call", name=name, fn=fn)])
    return groups, group_of


def operands(u: Array) -> tuple[Operands, Operands]:
    """(u, du, v, dv) to time a step on: v is u reversed, or 2.5 for u ** v (second)."""
    ones = np.ones_like(u)
    return (u, ones, np.ascontiguousarray(u[::-1]), ones), (u, ones, np.full_like(u, 2.5), ones)


def execute(s: E._Step, args: Operands) -> None:
    with contextlib.suppress(Exception):  # timed, not used: a failure is NaN in use
        E._execute(s, *args)


def best_time(run: Callable[[], object], repeats: int) -> float:
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


# --- measuring ---------------------------------------------------------------

Cell = tuple[str, int, str]  # group, index of the step in the group, profile


def measure(
    groups: dict[str, list[E._Step]], rounds: int, repeats: int
) -> tuple[float, dict[Cell, float]]:
    """The unit, and the time of each step on each profile, in seconds.

    A time is the best of ``repeats`` runs in a row (a run can be stalled),
    and then the median of ``rounds`` such bests spread over the whole
    measurement: on a shared machine some slow paths run faster or slower
    for minutes at a time, and a step's time includes allocating its
    results, which the allocator sometimes makes several times slower. The
    table should hold for a typical moment, not the luckiest one.
    """
    inputs = {profile: operands(u) for profile, u in profiles(E.EVAL_BUDGET_POINTS).items()}
    cells = [
        (group, i, profile)
        for group, steps in groups.items()
        for i in range(len(steps))
        for profile in inputs
    ]
    a, _, b, _ = inputs[ORDINARY][0]
    units: list[float] = []
    times: dict[Cell, list[float]] = {cell: [] for cell in cells}
    with np.errstate(all="ignore"):
        for _ in range(rounds):
            units.append(best_time(lambda: np.add(a, b), 100 * repeats))
            for cell in cells:
                group, i, profile = cell
                s = groups[group][i]
                args = inputs[profile][s.kind == "pow"]
                times[cell].append(best_time(partial(execute, s, args), repeats))
    return statistics.median(units), {cell: statistics.median(t) for cell, t in times.items()}


def units(seconds: float, unit: float) -> int:
    return max(1, math.ceil(seconds / unit))


def entries(
    names: dict[str, str], groups: dict[str, list[E._Step]], best: dict[Cell, float], unit: float
) -> list[str]:
    """One ``"name": cost,  # where it is slowest`` line per name, costed by its group."""
    lines = []
    for name, group in names.items():
        worst = max((cell for cell in best if cell[0] == group), key=best.__getitem__)
        _, i, profile = worst
        cost, ordinary = units(best[worst], unit), units(best[(group, i, ORDINARY)], unit)
        if cost < 1.5 * ordinary:
            why = "about the same on every profile"
        else:
            why = f"{ordinary} on {ORDINARY}, {cost} on {profile}"
        if len(groups[group]) > 1:
            why += f" (exponent {groups[group][i].c:.0f}, the slowest)"
        lines.append(f'        "{name}": {cost},  # {why}')
    return lines


def rule(title: str) -> str:
    """A section line of the module, 79 characters wide."""
    return f"# --- {title} ".ljust(79, "-")


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="passes over every step")
    parser.add_argument("--repeats", type=int, default=3, help="runs of a step per pass")
    args = parser.parse_args()

    steps = step_groups()
    calls, call_names = call_groups()
    load_before = os.getloadavg()
    started = time.perf_counter()
    unit, best = measure({**steps, **calls}, args.rounds, args.repeats)
    took = time.perf_counter() - started
    load_after = os.getloadavg()
    budget = math.floor(E.EVAL_BUDGET_SECONDS / unit)

    machine = (
        f"{cpu_name()} ({os.cpu_count()} CPUs), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, NumPy {np.__version__}"
    )
    print(f"# {machine}")
    print(
        f"# {args.rounds} rounds x {args.repeats} repeats in {took:.1f} s; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (best on an idle machine)"
    )
    print(f"# unit: {unit * 1e6:.3f} µs; budget: {E.EVAL_BUDGET_SECONDS * 1e3:g} ms")
    print("# Paste the rest over the block of the same name in activations/expression.py.")
    print()
    print(rule("measured by bench/expression_costs.py"))
    print(f"# {machine}:")
    print(f"# one unit was {unit * 1e6:.2f} µs.")
    print(f"EVAL_BUDGET_UNITS: Final = {budget}")
    print('"""The most an expression may cost, in units: about EVAL_BUDGET_SECONDS."""')
    step_names = {kind: kind for kind in steps}
    for table, names, groups in (
        ("_STEP_COSTS", step_names, steps),
        ("_CALL_COSTS", call_names, calls),
    ):
        print(f"{table}: Final[Mapping[str, int]] = MappingProxyType(")
        print("    {")
        print("\n".join(entries(names, groups, best, unit)))
        print("    }")
        print(")")
    print(rule("end of the measured block"))


if __name__ == "__main__":
    main()
