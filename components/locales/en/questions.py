"""English text of the questions page (keys shared with ``ja/questions.py``)."""

TEXT: dict[str, str] = {
    "nav.questions": "The note's questions",
    "questions.title": "The study note's questions, answered",
    "questions.intro": "The study note on activation functions left a few questions along "
    "the way — some asked outright, some in passing. Each one is answered below, and every "
    "number on this page was computed just now on the server with NumPy {version}.",
    "questions.notice": "Parts of this link were not understood and have been ignored:",
    "questions.csv_invalid": "Invalid query:",
    "questions.in": "In",
    "questions.out": "Out",
    # Q1: if x > 0 on an array
    "questions.q1.title": "Why doesn't `if x > 0:` work on a NumPy array? Is it because of floats?",
    "questions.q1.answer": 'The note asked about this one ("詳しい方教えてください!"). '
    "The short answer: **it is not about floats; it is about how many answers there are.**\n\n"
    "`if` needs **one** yes-or-no answer. But `x > 0` on an array compares every element "
    "and gives **one answer per element** — here three: `False, True, True`. NumPy will not "
    'guess whether you mean "all of them" or "any of them", so it stops with an error. '
    "With a single number, float or not, `if` works fine (`step(2.0)` below).\n\n"
    "The fix in the note is exactly right: keep the array of answers and turn it into "
    "numbers with `astype(np.int64)` or `np.array(..., dtype=np.int64)`; `True` becomes 1 "
    "and `False` becomes 0. The same reason is why the note's `relu` calls `max(0, x)` one "
    "number at a time (`[relu(a) for a in x]`); for a whole array, use `np.maximum(0, x)`.",
    "questions.q1.run": "Run on the server just now with NumPy {version}, code and output "
    "as in a notebook:",
    "questions.q1.floats": "Floats do have quirks of their own: 0.1 cannot be stored "
    "exactly, so the 51st value of `np.arange(-5, 5, 0.1)` is not 0 but {x50}. That shifts "
    "numbers by a hair; it never makes `if` fail.",
    "questions.q1.np_int": "If an older book or sample uses `np.int`: it was deprecated in "
    "NumPy 1.20 and removed in 1.24, so on NumPy 2 it raises the AttributeError above. "
    "Write `int`, or `np.int64` as the note does.",
    # Q2: nonlinear
    "questions.q2.title": 'What does "nonlinear" mean, and why does a network need it?',
    "questions.q2.answer": "A linear function is one you can draw with a single straight "
    "line: y = w·x + b. Step and sigmoid jump or bend, so they are *nonlinear* — the note "
    "has it right.\n\n"
    "Why a network needs them: a layer without an activation is a linear map, and a linear "
    "map applied to a linear map is again one linear map. Stack as many such layers as you "
    "like and the result is still one straight line; depth adds nothing. A nonlinear "
    "activation between the layers stops them from merging into one, and that is what lets "
    "a deep network draw curves and complicated boundaries.",
    "questions.q2.demo": "Try it with two small layers (1 input → 2 units → 1 output), "
    "computed just now with NumPy:",
    "questions.q2.col_x": "x",
    "questions.q2.col_two": "two linear layers",
    "questions.q2.col_one": "one layer w·x + b",
    "questions.q2.col_relu": "ReLU between the layers",
    "questions.q2.caption": "The two linear layers, the one layer they equal, and ReLU "
    "between the layers, at five values of x",
    "questions.q2.collapse": "The two linear layers give exactly what the single layer "
    "y = {w}·x + {b} gives (w = W₂W₁, b = W₂b₁ + b₂; largest difference: {diff}). "
    "Between neighbouring points the slope is always {w}.",
    "questions.q2.bent": "With ReLU between the layers, the slopes between neighbouring "
    "points are {slopes}: they change, so no single straight line fits. That is the "
    "nonlinearity at work.",
    "questions.q2.link": "See it on deeper networks on the “Why nonlinear?” page →",
    # Q3: vanishing gradients
    "questions.q3.title": "Why does sigmoid′ ≤ 0.25 make gradients vanish, and how does "
    "ReLU's 1 help?",
    "questions.q3.answer": "In backpropagation the chain rule multiplies: the gradient that "
    "reaches an early layer is a product with one factor per layer, and each factor "
    "includes the activation's slope f′ at that layer.\n\n"
    "Sigmoid's slope is at most {peak} (at x = 0, measured here) and smaller everywhere "
    "else, so through L layers the activations alone shrink the gradient to at most "
    "{peak}^L of its size. ReLU's slope is {relu} wherever a unit is active, so along the "
    "active units that factor stays {relu}^L = 1, however deep the network is.",
    "questions.q3.col_depth": "layers L",
    "questions.q3.col_sigmoid": "sigmoid: (max f′)^L",
    "questions.q3.col_relu": "ReLU: (max f′)^L",
    "questions.q3.caption": "The most the activation alone lets a gradient keep through L "
    "layers: (largest slope)^L",
    "questions.q3.caveat": "At {depth} layers sigmoid's bound is {value}: the first layers "
    "get almost no signal to learn from. (The weights multiply in too, so real gradients "
    "depend on them as well; this is the part the activation alone decides.)",
    "questions.q3.link": "Measure it on real networks on the “Vanishing gradients” page →",
    # Q4: the kink
    "questions.q4.title": 'ReLU is angular ("カクカク"). If smoothness matters for '
    "learning, why does ReLU learn so well?",
    "questions.q4.answer": "What learning really needs is a **useful slope**. The step "
    "function's slope is 0 everywhere except at its jump, so backpropagation gets nothing "
    "through it — that is why the smooth sigmoid replaced it. ReLU has a useful slope too: "
    "1 for every positive input. It is angular at one single point, and that point hardly "
    "matters:",
    "questions.q4.zero": "**The kink is one point.** The input to a unit is a real number "
    "computed from data and weights, and the chance that it lands exactly on 0 is zero. "
    "Here, {zeros} of {draws} random numbers drawn from a normal distribution were exactly 0.",
    "questions.q4.convention": "**If it happens anyway, there is a rule.** PyTorch, "
    "TensorFlow and JAX take relu′(0) = 0, and so does this app: relu′ at x = −1, 0, 2 "
    "is {values}.",
    "questions.q4.active": "**On the active side the slope is exactly 1,** so the gradient "
    "passes through unchanged — ReLU's advantage over sigmoid from the question above.",
    "questions.q4.softplus": "**A smooth ReLU exists, and it is almost the same.** "
    "Softplus, ln(1 + e^(βx))/β, is ReLU with the corner rounded off. It is never further "
    "than ln 2/β from ReLU (the gap is largest at x = 0), so as β grows it turns into ReLU:",
    "questions.q4.col_beta": "β",
    "questions.q4.col_bound": "ln 2 / β",
    "questions.q4.col_measured": "largest gap, measured",
    "questions.q4.caption": "How far softplus is from ReLU at most, for three values of β",
    "questions.q4.link": "Watch ReLU and softplus train side by side on “The ReLU kink” page →",
    # Q5: the note's plots
    "questions.q5.title": "The note's three plots, reproduced",
    "questions.q5.intro": "The same x as the note — exactly `np.arange(-5, 5, 0.1)` — and "
    "the same y-limits (-0.1, 1.1); the values come from this app's activation library. "
    "Beside each plot is the note's own code, and below it how far the note's function is "
    "from the library on the same x.",
    "questions.q5.grid": "x has {count} points, from {first} to {last} (arange adds 0.1 "
    "again and again, so the last point is not exactly 4.9).",
    "questions.q5.code": "The note's code",
    "questions.q5.match": "The note's function vs. the library on the same x: largest "
    "difference {diff}.",
    "questions.q5.explore": "Open in the explorer (100 points from -5 to 4.9) →",
    "questions.q5.csv": "Download the numbers (CSV: x, step, sigmoid, relu)",
    "questions.q5.summary": "{label} on the note's {count} points from x = {first} to "
    "{last}: y runs from {ymin} to {ymax}.",
    "questions.q5.summary_jump": "It jumps from {low} to {high} between x = {a} and "
    "x = {b}; like plt.plot, the chart joins those two points with a steep line.",
    "questions.q5.summary_above": "The y-axis stops at {top}, as in the note, so the {count} "
    "points above it (up to y = {ymax}) are off the top of the chart.",
    "questions.q5.table_caption": "{label} at {rows} of the {count} points (the CSV has them all)",
    "questions.q5.axis_x": "x",
    "questions.q5.axis_y": "y",
}
