"""English text of the kink lab, ``/smoothness`` (keys shared with ``ja/``).

Every key but the navigation's starts with ``smoothness.`` or, for the
labels of problems, ``field.smoothness.``: no other page's catalogue can
clash with them.
"""

TEXT: dict[str, str] = {
    "nav.smoothness": "The ReLU kink",
    # Introduction
    "smoothness.title": "Smooth or kinked: why does ReLU learn so well?",
    "smoothness.question": "The study note ends on an open question. The sigmoid's smooth "
    "curve was said to matter for learning, yet ReLU is “カクカク” (angular), and it is what "
    "most networks use today. How can both be true?",
    "smoothness.plan": "This page answers in three steps: how close a smooth function can come "
    "to ReLU (and the sigmoid to the step), what the derivative at the kink really is, and what "
    "happens when networks that differ only in their activation are trained side by side.",
    "smoothness.answer.title": "The short answer",
    "smoothness.answer": "Learning needs a useful derivative almost everywhere, not a "
    "derivative at every single point. ReLU's slope is 1 wherever a unit is active, and its "
    "one kink is a single point that real-valued inputs practically never hit. The function "
    "that truly cannot learn is the step: its derivative is 0 wherever it exists. That is the "
    "problem the sigmoid's smoothness solved.",
    # 1. The morphs
    "smoothness.morph.title": "1. Rounding the corner: softplus becomes ReLU",
    "smoothness.morph.text": "Softplus, ln(1 + e^(βx)) / β, is ReLU with its corner rounded "
    "off, and β sets how sharp the corner is. Drag β: f (top) and f′ (bottom) close in on "
    "ReLU's. The gap is largest at x = 0, where it is ln 2 / β, so a ten times larger β brings "
    "softplus ten times closer.",
    "smoothness.beta.label": "β: how sharp the corner of softplus is",
    "smoothness.beta.value": "β = {beta}",
    "smoothness.gap.trace": "gap at x = 0: ln 2 / β = {value}",
    "smoothness.distance.text": "β = {beta}: the largest gap |softplus − ReLU| is "
    "ln 2 / β = {formula} by the formula; measured on 20,001 points from −30 to 30 it is "
    "{measured}, at x = {where}.",
    "smoothness.distance.formula": "ln 2 / β (formula)",
    "smoothness.distance.measured": "measured",
    "smoothness.distance.current": "β = {beta}",
    "smoothness.distance.axis": "largest |softplus − ReLU|",
    "smoothness.morph.slope": "softplus′(x) = sigmoid(βx): it climbs from 0 to 1 within about "
    "±4/β of 0, and it is 1/2 at x = 0 for every β. As β grows the climb becomes ReLU's jump "
    "in f′ from 0 to 1, yet softplus itself stays smooth: however close it gets, it never has "
    "a kink.",
    "smoothness.distance.download": "Download the gap at every β: formula and measured (CSV)",
    "smoothness.sigmoid.download": "Download the sigmoid and the step with their f′ (CSV)",
    "smoothness.kink.download": "Download ReLU and the lines g·x, then the subgradient "
    "interval [0, 1] at x = 0 as a second small table (CSV)",
    "smoothness.morph.download": "Download softplus and ReLU (CSV)",
    "smoothness.sigmoid.title": "… and the sigmoid becomes the step",
    "smoothness.sigmoid.text": "The same happens to the sigmoid 1 / (1 + e^(−ax)) as its gain "
    "a grows: it becomes the step function. The area under its derivative stays 1 but is "
    "squeezed into a spike of height a/4 at x = 0. In the limit f′ is 0 at every x ≠ 0, which "
    "is the step's derivative, and gradient descent gets no signal at all. That, not a kink, "
    "is what the study note's smooth curve was needed for.",
    "smoothness.gain.label": "a: the sigmoid's gain",
    "smoothness.gain.value": "a = {a}",
    "smoothness.sigmoid.readout": "a = {a}: the peak of f′ is a/4 = {formula}; measured: "
    "{measured} at x = {where}.",
    # 2. The derivative at the kink
    "smoothness.kink.title": "2. The derivative at the kink",
    "smoothness.kink.text": "- ReLU has a derivative everywhere except at x = 0, and that is a "
    "single point. A pre-activation z = w·x + b computed from real-valued data and weights "
    "lands exactly on 0 with probability zero (section 3 counts how often it did).\n"
    "- A program must still return something there. PyTorch, TensorFlow and JAX all use "
    "relu′(0) = 0: the dot on the f′ chart.\n"
    "- Any slope g from 0 to 1 would do as well. Each line g·x through the origin stays on or "
    "below ReLU (the dashed fan on the f chart), which makes g a *subgradient* of ReLU at 0; "
    "together they form the interval \\[0, 1\\], the vertical segment on the f′ chart. As the kink "
    "is almost never hit, the choice hardly ever changes a computed gradient (it can in "
    "16-bit arithmetic, where exact zeros are common: Bertoin et al., 2021).\n"
    "- Softplus, the smooth version, has softplus′(0) = 1/2 for every β: the middle of that "
    "interval.",
    "smoothness.kink.fan": "lines g·x with 0 ≤ g ≤ 1",
    "smoothness.kink.fan_line": "slope g = {slope}",
    "smoothness.kink.interval": "subgradients at 0: [0, 1]",
    "smoothness.kink.framework": "relu′(0) = 0 (PyTorch, TensorFlow, JAX)",
    "smoothness.kink.softplus": "softplus′(0) = 1/2",
    # 3. The evidence
    "smoothness.train.title": "3. The evidence: train all three",
    "smoothness.train.text": "Three networks that differ only in their activation: the same "
    "{points} points, the same seed and so the same starting weights ({depth} hidden layers of "
    "{width} units, He initialisation), trained for {epochs} epochs by full-batch gradient "
    "descent. Plain gradient descent moves each weight by the gradient itself, so the size of "
    "f′ shows directly (Adam would rescale it and narrow the gaps). Softplus uses β = {beta}, "
    "its usual default.",
    "smoothness.train.controls": "Training settings",
    "smoothness.train.dataset": "Data set",
    "smoothness.dataset.xor": "XOR",
    "smoothness.dataset.circles": "Circles",
    "smoothness.dataset.moons": "Moons",
    "smoothness.dataset.spiral": "Spiral",
    "smoothness.train.seed": "Seed",
    "smoothness.train.seed_hint": "A whole number from 0 to {high}: it fixes the data and the "
    "starting weights.",
    "smoothness.train.lr": "Learning rate",
    "smoothness.train.lr_hint": "From {low} to {high}; the same for all three networks.",
    "smoothness.train.epoch": "epoch",
    "smoothness.train.loss": "loss (cross-entropy)",
    "smoothness.train.hover": "epoch %{x}<br>loss = %{y:.4f}",
    "smoothness.train.chance": "ln 2 ≈ 0.693: answering ½ for every point",
    "smoothness.train.verdict": "In this run {name} was the first to get its loss below "
    "ln 2 / 2 ≈ 0.35, at epoch {epoch}.",
    "smoothness.train.verdict_none": "No network got its loss below ln 2 / 2 ≈ 0.35 within "
    "{epochs} epochs: try another learning rate or data set.",
    "smoothness.train.at_kink": "Of the ReLU network's {total} pre-activations at its final "
    "weights (every hidden unit on every training point), {hits} sit exactly on the kink "
    "z = 0.",
    "smoothness.train.diverged": "{name} diverged after epoch {epoch} (a weight left "
    "±1,000,000); its curve stops there.",
    "smoothness.results.caption": "After {epochs} epochs. A dead unit is a hidden unit whose "
    "z ≤ 0 on every training point.",
    "smoothness.results.network": "Network",
    "smoothness.results.start": "Loss at epoch 0",
    "smoothness.results.end": "Loss at epoch {epochs}",
    "smoothness.results.accuracy": "Accuracy",
    "smoothness.results.learned": "First epoch with loss < ln 2 / 2",
    "smoothness.results.dead": "Dead units",
    "smoothness.train.dead_count": "{dead} of {total} ({percent}%)",
    "smoothness.train.cannot_die": "none can die (f′ > 0 everywhere)",
    "smoothness.train.not_within": "not within {epochs}",
    "smoothness.train.explain": "**What to look for.** At the defaults ReLU's loss falls first, "
    "softplus comes next, and the sigmoid stays near ln 2 (the loss of answering ½ for every "
    "point) for many epochs. Other settings can change the order; the table says what this "
    "run did.\n\n"
    "- **Why ReLU learns quickly.** Backpropagation multiplies the error by f′(z) at every "
    "layer. ReLU′ = 1 wherever a unit is active, so the error passes through active units at "
    "full strength, and a large positive z never saturates.\n"
    "- **Why the sigmoid is slow.** sigmoid′ is at most 1/4: at every layer the activation's "
    "factor cuts the error to a quarter or less (the weights multiply in as well), and it "
    "falls towards 0 wherever |z| is large (saturation).\n"
    "- **Softplus is smooth, and at the defaults slower than ReLU.** Where z is clearly "
    "positive its slope is close to 1, as ReLU's; near 0 it is about 1/2. Rounding the corner "
    "did not speed learning up: the slope of 1 on the active side is what helps, not the "
    "smoothness.\n"
    "- **The cost of the flat side: dead units.** A ReLU unit whose z ≤ 0 on every training "
    "point outputs 0 and gets a gradient of 0: it is *dead*, and gradient descent cannot bring "
    "it back. The table counts them; large learning rates tend to kill more. Softplus and the "
    "sigmoid have f′ > 0 everywhere, so their units cannot die; leaky ReLU and ELU keep a small "
    "slope for z < 0 for the same reason.",
    "smoothness.train.download": "Download the loss curves (CSV)",
    # Text alternatives of the charts: a summary each, and the numbers as a table
    "smoothness.table.region": "Numbers of {name} (the table scrolls sideways on a narrow screen)",
    "smoothness.table.morph": "softplus and ReLU",
    "smoothness.table.distance": "the gap at every β",
    "smoothness.table.sigmoid": "the sigmoid and the step",
    "smoothness.table.subgradient": "ReLU at its kink",
    "smoothness.table.loss": "the loss curves",
    "smoothness.table.results": "the three networks after training",
    "smoothness.list_join": ", ",
    "smoothness.morph.summary_gap": "The gap between them is largest at x = 0: ln 2 / β = {gap}.",
    "smoothness.distance.summary": "A log–log chart of the largest gap |softplus − ReLU| "
    "against β from {low} to {high}. The formula ln 2 / β is a straight line of slope −1, "
    "and the {count} measured points lie on it. The large diamond marks the current "
    "β = {beta}, where the gap is {measured}.",
    "smoothness.distance.caption": "The largest gap at each of the {count} values of β the "
    "slider offers",
    "smoothness.kink.summary": "Top: ReLU for x from {xmin} to {xmax}, with the dashed lines "
    "g·x for g = {slopes}; each touches ReLU at 0 and stays on or below it. Bottom: ReLU′ is "
    "0 for x < 0 and 1 for x > 0; at x = 0 a vertical segment covers every subgradient from "
    "{low} to {high}. Two points are marked on it: relu′(0) = {framework}, the value the "
    "frameworks use, and softplus′(0) = {softplus}.",
    "smoothness.kink.caption": "ReLU and the lines g·x at {rows} of the {n} samples (the CSV "
    "has them all)",
    "smoothness.kink.column": "g·x, g = {slope}",
    "smoothness.loss.summary": "The loss of each network after every epoch from 0 to "
    "{epochs}. The dotted line is ln 2 ≈ 0.693, the loss of answering ½ for every point. "
    "Final loss: {finals}.",
    "smoothness.loss.final": "{name} {loss}",
    "smoothness.loss.caption": "The loss at every {step}th epoch ({rows} of the {n}; the CSV "
    "has every epoch)",
    "smoothness.loss.epoch": "Epoch",
    # Problems
    "field.smoothness.beta": "β (beta)",
    "field.smoothness.a": "gain a (a)",
    "field.smoothness.dataset": "data set (dataset)",
    "field.smoothness.seed": "seed (seed)",
    "field.smoothness.lr": "learning rate (lr)",
    "smoothness.problem.step": "must be one of the slider's values, from {low} to {high}",
    "smoothness.problem.dataset": "{text} is not one of the data sets ({valid})",
}
