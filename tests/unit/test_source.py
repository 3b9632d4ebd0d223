"""The code view shows exactly the source the library runs."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import activations
from activations import functions as F
from activations.source import source_of

NAMES = activations.names()


@pytest.mark.parametrize("name", NAMES)
def test_source_defines_the_function_its_derivative_and_every_helper(name):
    text = source_of(activations.get(name))
    assert re.search(rf"^def {name}\(", text, re.M)
    assert re.search(rf"^def d_{name}\(", text, re.M)
    defined = set(re.findall(r"^def (\w+)\(", text, re.M))
    defined |= set(re.findall(r"^(\w+) = ", text, re.M))
    used = {n for n in re.findall(r"\b(_[A-Za-z]\w*)\b", text) if hasattr(F, n)}
    assert used - defined <= {"_elementwise"}


@pytest.mark.parametrize("name", NAMES)
def test_the_shown_source_computes_what_the_library_computes(name):
    activation = activations.get(name)
    # Run the shown text (our own source, not user input) with the dtype
    # wrapper replaced by a no-op: the formulas alone must give the same bits.
    namespace = {"np": np, "math": math, "F64": F.F64, "_elementwise": lambda f: f}
    exec(source_of(activation), namespace)
    x = np.linspace(-30.0, 30.0, 1201)
    params = activation.defaults()
    with np.errstate(under="ignore"):
        value = namespace[name](x, **params)
        slope = namespace[f"d_{name}"](x, **params)
    np.testing.assert_array_equal(value, activation(x))
    np.testing.assert_array_equal(slope, activation.derivative(x))
