"""Bad input, generated: every server callback, every page and every CSV route.

Nothing here is hand-picked per callback: the callbacks come from
``GET /_dash-dependencies`` (clientside ones skipped), their plausible values
from the app's own layout, the CSV routes from the server's URL map. Hypothesis
then sends what a browser never would — wrong types, NaN and Infinity, huge
and negative numbers, huge strings and lists, missing and unknown keys,
unknown outputs, tampered training states, oversized bodies, the wrong
Content-Type — and every answer must be 200, 204, 400, 413 or 415 within a
second. The runs are derandomised, so a failure repeats.
"""

from __future__ import annotations

import base64
import copy
import json
import math
import runpy
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from components.limits import GUNICORN_CONFIG, MAX_REQUEST_BYTES
from components.pages import all_pages
from components.pages.gradients import Ids as GradientIds
from components.request_guard import DISPATCH_PATH

ALLOWED = {200, 204, 400, 413, 415}
# CPU seconds per response. The app runs in this thread (Flask's test
# client), so CPU time is the server's time, free of whatever else keeps a
# shared machine busy; wall-clock time is reported beside it.
SLOWEST_ALLOWED = 1.0
MIN_CALLBACK_BODIES = 2_000


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# --- what was sent, and how it went ------------------------------------------------------


class Tally:
    """Counts of what was sent and answered, and the slowest answer."""

    def __init__(self) -> None:
        self.sent: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()
        self.callbacks: Counter[str] = Counter()
        self.slowest = (0.0, "")  # wall-clock seconds (the machine may be busy)
        self.slowest_cpu = (0.0, "")  # CPU seconds of this process
        self.tests: set[str] = set()


TALLY = Tally()


def send(
    client: Any,
    kind: str,
    method: str,
    url: str,
    label: str = "",
    allowed: set[int] = ALLOWED,
    **kwargs: Any,
) -> Any:
    """One request; its answer must be ``allowed``, fast and never a 5xx."""
    start, cpu_start = time.perf_counter(), time.process_time()
    response = client.open(url, method=method, **kwargs)
    cpu = time.process_time() - cpu_start
    elapsed = time.perf_counter() - start
    TALLY.sent[kind] += 1
    TALLY.statuses[response.status_code] += 1
    what = f"{method} {url[:40]} {label[:40]}".strip()
    TALLY.slowest = max(TALLY.slowest, (elapsed, what))
    TALLY.slowest_cpu = max(TALLY.slowest_cpu, (cpu, what))
    assert response.status_code in allowed, (
        f"{method} {url[:200]} {label}: {response.status_code}\n"
        f"{response.get_data(as_text=True)[:500]}"
    )
    assert cpu < SLOWEST_ALLOWED, f"{what} took {cpu:.2f} s of CPU ({elapsed:.2f} s)"
    return response


def post_body(client: Any, data: bytes | str, content_type: str | None, label: str) -> Any:
    headers = {} if content_type is None else {"Content-Type": content_type}
    return send(client, "callback", "POST", DISPATCH_PATH, label, data=data, headers=headers)


def post_json(client: Any, body: Any, label: str) -> Any:
    # json.dumps writes float("nan") as the bare literal NaN (and Infinity,
    # -Infinity): exactly the non-JSON text a hostile client would send.
    return post_body(client, json.dumps(body), "application/json", label)


# --- the app, its callbacks and their plausible values -------------------------------------


@pytest.fixture(scope="module")
def fuzz_app():
    return create_app()


@pytest.fixture(scope="module")
def client(fuzz_app):
    return fuzz_app.server.test_client()


@pytest.fixture(scope="module")
def callbacks(fuzz_app, client) -> list[dict[str, Any]]:
    """Every server callback as ``GET /_dash-dependencies`` lists it, with a valid body."""
    dependencies = client.get("/_dash-dependencies").get_json()
    server_side = [d for d in dependencies if not d.get("clientside_function")]
    assert server_side, "no server callbacks found"
    values = layout_values(fuzz_app)
    return [dict(d, body=valid_body(d, values)) for d in server_side]


def layout_values(app: Any) -> dict[str, Any]:
    """Every component with an id in the app's pages, by id (dict ids as sorted JSON)."""
    found: dict[str, Any] = {}
    for component in app.validation_layout._traverse():
        component_id = getattr(component, "id", None)
        if component_id is not None:
            found.setdefault(id_key(component_id), component)
    return found


def id_key(component_id: Any) -> str:
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True)
    return str(component_id)


def parse_id(text: str) -> Any:
    return json.loads(text) if text.startswith("{") else text


def matches(pattern: dict[str, Any], component_id: Any) -> bool:
    return (
        isinstance(component_id, dict)
        and component_id.keys() == pattern.keys()
        and all(
            isinstance(value, list) or component_id[key] == value for key, value in pattern.items()
        )
    )


def entry(
    components: dict[str, Any], dependency_id: str, prop: str, with_value: bool
) -> dict[str, Any] | list[dict[str, Any]]:
    """What the renderer sends for one dependency: an entry, or a list for a wildcard."""

    def one(component_id: Any) -> dict[str, Any]:
        item: dict[str, Any] = {"id": component_id, "property": prop}
        if with_value:
            component = components.get(id_key(component_id))
            item["value"] = getattr(component, prop.split("@")[0], None)
        return item

    parsed = parse_id(dependency_id)
    if not isinstance(parsed, dict):
        return one(parsed)
    concrete = [json.loads(k) for k in components if k.startswith("{")]
    return [one(c) for c in concrete if matches(parsed, c)]


def split_outputs(output: str) -> list[tuple[str, str]]:
    """``..a.children...b.value..`` -> [("a", "children"), ("b", "value")]."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [tuple(part.rsplit(".", 1)) for part in parts]  # type: ignore[misc]


def valid_body(dependency: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    outputs = [entry(components, i, p, False) for i, p in split_outputs(dependency["output"])]
    inputs = [entry(components, d["id"], d["property"], True) for d in dependency["inputs"]]
    state = [entry(components, d["id"], d["property"], True) for d in dependency["state"]]
    body: dict[str, Any] = {
        "output": dependency["output"],
        "outputs": outputs if dependency["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "changedPropIds": [],
    }
    if state:
        body["state"] = state
    return body


def prop_id(item: dict[str, Any]) -> str:
    """``"<id>.<property>"`` as the renderer writes it in changedPropIds."""
    component = item["id"]
    if isinstance(component, dict):
        component = json.dumps(component, sort_keys=True, separators=(",", ":"))
    return f"{component}.{item['property']}"


def prop_ids(values: list[Any]) -> list[str]:
    return [prop_id(item) for value in values for item in entries_of(value)]


# --- generated values ----------------------------------------------------------------------

# Numbers a browser could send (float64), then the ones it never sends.
EDGE_NUMBERS = st.sampled_from(
    [
        *(0, -1, 1, 2, -0.0, 0.5, 1e-300, 5e-324, 123456789.123456789),
        *(2**31, -(2**63), 2**64, 10**30, -(10**30), 1e308, -1e308, 1.7976931348623157e308),
    ]
)
NON_JSON_NUMBERS = st.sampled_from([math.nan, math.inf, -math.inf, 10**400, -(10**400)])
PLAUSIBLE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "nan",
        "NaN",
        "inf",
        "-Infinity",
        "1e308",
        "-1e309",
        "1e-400",
        "0x1f",
        "1_000",
        " 5 ",
        "-0",
        "sigmoid",
        "relu,gelu",
        "sigmoyd",
        "x*sigmoid(1.702*x)",
        "x**x**x**x",
        "exp(exp(exp(x)))",
        "__import__('os')",
        "en",
        "ja",
        "zz",
        "light",
        "dark",
        "xor",
        "adam",
        "full",
        "?fn=relu&n=1e308",
        "?xmin=nan&xmax=inf",
        "%ZZ&&==?",
        "null",
        "[]",
        "{}",
        "<script>alert(1)</script>",
        "\u0000\ud7ff\U0001f600",
    ]
)
HUGE_TEXT = st.builds(
    lambda piece, count: piece * count,
    st.sampled_from(["x", "9", "é", ",", "sigmoid,", "?fn=", "(", "&a=1"]),
    st.sampled_from([41, 201, 4_001, 20_000, 200_000]),
)
FINITE_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    EDGE_NUMBERS,
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    PLAUSIBLE_TEXT,
    HUGE_TEXT,
)
SCALARS = st.one_of(FINITE_SCALARS, NON_JSON_NUMBERS, st.floats())
SMALL_ITEMS = st.sampled_from([0, 1.5, -1, None, "relu", "sigmoid", "deriv", True, "x", [], {}])
HUGE_LISTS = st.builds(
    lambda item, count: [item] * count, SMALL_ITEMS, st.sampled_from([9, 100, 10_000, 100_000])
)


def nested(scalars: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        scalars,
        HUGE_LISTS,
        st.recursive(
            scalars,
            lambda inner: st.one_of(
                st.lists(inner, max_size=5),
                st.dictionaries(st.text(max_size=8), inner, max_size=5),
            ),
            max_leaves=8,
        ),
    )


#: Any JSON value a client could send (the callbacks must cope).
JSON_VALUES = nested(FINITE_SCALARS)
#: Those, and NaN, Infinity and numbers beyond float64 (the guard refuses them).
WILD = nested(SCALARS)
JUNK_PROP_IDS = st.lists(
    st.one_of(st.text(max_size=30), PLAUSIBLE_TEXT, st.just("{bad json.value"), st.just(".")),
    max_size=3,
)


def entries_of(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else [value]


def wild_values(data: Any, body: dict[str, Any], everything: bool) -> dict[str, Any]:
    """``body`` with wrong values in some (or all) of its inputs and states."""
    body = copy.deepcopy(body)
    slots = [(key, i) for key in ("inputs", "state") for i in range(len(body.get(key, [])))]
    if everything:
        chosen = set(slots)
    else:
        count = data.draw(st.integers(1, min(3, len(slots))), label="slots corrupted")
        chosen = set(data.draw(st.permutations(slots), label="slots")[:count])
    values = WILD if data.draw(st.integers(0, 4), label="non-JSON numbers") == 0 else JSON_VALUES
    for key, index in sorted(chosen):
        for item in entries_of(body[key][index]):
            if data.draw(st.booleans(), label="drop value"):
                item.pop("value", None)
            else:
                item["value"] = data.draw(values, label=f"{key}[{index}]")
    return body


def changed_ids(data: Any, body: dict[str, Any]) -> list[Any]:
    """Mostly what the renderer sends (some of the inputs), now and then junk."""
    if data.draw(st.integers(0, 4), label="junk changedPropIds") == 0:
        return data.draw(JUNK_PROP_IDS, label="changedPropIds")
    inputs = prop_ids(body["inputs"])
    return data.draw(st.lists(st.sampled_from(inputs), max_size=3, unique=True), label="changed")


# --- 1. wrong values for every input and state of every callback ------------------------------


@fuzz_settings(examples=850)
@given(data=st.data())
def test_every_callback_survives_wrong_values(client, callbacks, data):
    callback = data.draw(st.sampled_from(callbacks), label="callback")
    body = wild_values(data, callback["body"], everything=data.draw(st.booleans()))
    body["changedPropIds"] = changed_ids(data, body)
    TALLY.callbacks[callback["output"]] += 1
    post_json(client, body, callback["output"][:60])
    TALLY.tests.add("values")


# --- 2. tampered training states -------------------------------------------------------------


def json_paths(document: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value in ``document`` (dict keys and list indices)."""
    yield path
    if isinstance(document, dict):
        for key, value in document.items():
            yield from json_paths(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from json_paths(value, (*path, index))


def arrays_in(document: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Paths of the ``{"dtype", "shape", "data"}`` arrays of a saved state."""
    if isinstance(document, dict):
        if {"dtype", "shape", "data"} <= document.keys():
            yield path
        for key, value in document.items():
            yield from arrays_in(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from arrays_in(value, (*path, index))


def at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


ARRAY_VALUES = st.sampled_from(
    [math.nan, math.inf, -math.inf, 1e300, -1e300, 1e7, -1.0, 0.0, 2.0, 5e-324]
)


@st.composite
def tampered_store(draw: Any, store: dict[str, Any]) -> Any:
    """The page's own training store with one to three things changed."""
    document = copy.deepcopy(store)
    for _ in range(draw(st.integers(1, 3), label="changes")):
        how = draw(st.sampled_from(["replace", "delete", "add", "array", "bytes"]), label="how")
        if how in ("array", "bytes"):
            paths = list(arrays_in(document))
            if not paths:
                continue
            array = at(document, draw(st.sampled_from(paths), label="array"))
            if not isinstance(array, dict) or not isinstance(array.get("shape"), list):
                continue
            try:
                count = math.prod(array["shape"])
            except TypeError:
                continue
            if how == "array" and 0 < count <= 10_000:
                values = np.full(count, draw(ARRAY_VALUES), dtype="<f8")
                array["data"] = base64.b64encode(values.tobytes()).decode("ascii")
            else:
                text = str(array.get("data", ""))
                cut = draw(st.integers(0, max(0, len(text))), label="cut")
                array["data"] = text[:cut] + draw(st.sampled_from(["", "!", "=", "AAAA", "*"]))
            continue
        paths = [p for p in json_paths(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths), label="path")
        parent = at(document, path[:-1])
        if how == "replace":
            parent[path[-1]] = draw(WILD, label="value")
        elif how == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10), label="key")] = draw(WILD, label="value")
        else:
            parent.append(draw(WILD, label="item"))
    return (
        draw(st.one_of(st.just(document), WILD), label="store")
        if draw(st.integers(0, 9)) == 0
        else document
    )


def store_slot(body: dict[str, Any]) -> tuple[str, int]:
    for key in ("inputs", "state"):
        for index, item in enumerate(body.get(key, [])):
            if isinstance(item, dict) and item.get("id") == GradientIds.STORE:
                return key, index
    raise AssertionError("the training callback does not read the store")


@fuzz_settings(examples=200)
@given(data=st.data())
def test_training_survives_tampered_states(client, callbacks, data):
    (callback,) = [c for c in callbacks if f"..{GradientIds.STORE}.data..." in c["output"]]
    body = copy.deepcopy(callback["body"])
    key, index = store_slot(body)
    store = body[key][index]["value"]
    assert isinstance(store, dict) and store.get("runs"), "the page starts with no runs"
    body[key][index]["value"] = data.draw(tampered_store(store), label="store")
    for item in body.get("state", []):  # "stopped" (the interval's disabled flag)
        if item.get("property") == "disabled":
            item["value"] = data.draw(st.sampled_from([False, True, None, 0, "false"]))
    triggers = [p for p in prop_ids(body["inputs"]) if "store" not in p]
    body["changedPropIds"] = data.draw(
        st.lists(st.sampled_from(triggers), min_size=1, max_size=2, unique=True)
    )
    if data.draw(st.integers(0, 3)) == 0:
        body = wild_values(data, body, everything=False)
    TALLY.callbacks[callback["output"]] += 1
    post_json(client, body, "tampered store")
    TALLY.tests.add("store")


# --- 3. bodies of the wrong shape ------------------------------------------------------------

TOP_KEYS = ("output", "outputs", "inputs", "changedPropIds", "state")


@st.composite
def misshapen(draw: Any, callbacks: list[dict[str, Any]]) -> Any:
    callback = draw(st.sampled_from(callbacks), label="callback")
    body = copy.deepcopy(callback["body"])
    how = draw(
        st.sampled_from(
            [
                "drop key",
                "wrong type",
                "unknown output",
                "other output",
                "extra keys",
                "drop entry",
                "extra entry",
                "garble entry",
                "not an object",
            ]
        ),
        label="how",
    )
    if how == "drop key":
        for key in draw(st.lists(st.sampled_from(TOP_KEYS), min_size=1, unique=True)):
            body.pop(key, None)
    elif how == "wrong type":
        body[draw(st.sampled_from(TOP_KEYS))] = draw(WILD)
    elif how == "unknown output":
        body["output"] = draw(
            st.one_of(st.text(max_size=40), st.sampled_from(["nope.children", "..a.b...c.d.."]))
        )
    elif how == "other output":
        body["output"] = draw(st.sampled_from(callbacks))["output"]
    elif how == "extra keys":
        body.update(draw(st.dictionaries(st.text(max_size=12), WILD, min_size=1, max_size=3)))
    else:
        key = draw(st.sampled_from(["outputs", "inputs", "state"]))
        entries = body.get(key)
        if not isinstance(entries, list) or not entries:
            body[key] = draw(WILD)
        elif how == "drop entry":
            del entries[draw(st.integers(0, len(entries) - 1))]
        elif how == "extra entry":
            entries.append(copy.deepcopy(draw(st.sampled_from(entries))))
        else:
            index = draw(st.integers(0, len(entries) - 1))
            target = entries[index]
            items = target if isinstance(target, list) and target else [target]
            item = draw(st.sampled_from(items))
            if isinstance(item, dict):
                field = draw(st.sampled_from(["id", "property", "value", None]))
                if field is None:
                    entries[index] = draw(WILD)
                elif draw(st.booleans()):
                    item.pop(field, None)
                else:
                    item[field] = draw(WILD)
    if how == "not an object":
        body = draw(st.one_of(WILD, st.just([body]), st.just(None)))
    else:
        body["changedPropIds"] = (
            draw(st.one_of(JUNK_PROP_IDS, WILD))
            if draw(st.booleans())
            else body.get("changedPropIds", [])
        )
    return callback["output"], body


@fuzz_settings(examples=450)
@given(data=st.data())
def test_misshapen_bodies_are_refused(client, callbacks, data):
    output, body = data.draw(misshapen(callbacks), label="body")
    post_json(client, body, f"misshapen {str(output)[:40]}")
    TALLY.tests.add("shape")


# --- 4. raw text, Content-Types and sizes ------------------------------------------------------

CONTENT_TYPES = st.sampled_from(
    [
        None,
        "",
        "text/plain",
        "text/html",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
        "application/json; charset=latin-1",
        "application/vnd.api+json",
        "application/jsonx",
        "json",
    ]
)


@st.composite
def raw_bodies(draw: Any, callbacks: list[dict[str, Any]]) -> tuple[bytes, str | None, str]:
    valid = json.dumps(draw(st.sampled_from(callbacks), label="callback")["body"])
    how = draw(
        st.sampled_from(
            ["truncated", "bytes", "nested", "literal", "digits", "content type", "oversized"]
        ),
        label="how",
    )
    json_type = "application/json"
    if how == "truncated":
        return valid[: draw(st.integers(0, len(valid) - 1))].encode(), json_type, how
    if how == "bytes":
        return draw(st.binary(max_size=200)), json_type, how
    if how == "nested":
        depth = draw(st.sampled_from([33, 100, 1_000, 100_000, 1_000_000]))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        return (opener * depth + "1" + closer * depth).encode(), json_type, how
    if how == "literal":
        literal = draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "nan", "undefined"]))
        return (
            valid.replace('"changedPropIds": []', f'"changedPropIds": {literal}')
            .replace("null", literal, 1)
            .encode(),
            json_type,
            how,
        )
    if how == "digits":
        digits = "9" * draw(st.sampled_from([310, 4_300, 5_000, 100_000]))
        return valid.replace("null", digits, 1).encode(), json_type, how
    if how == "content type":
        return valid.encode(), draw(CONTENT_TYPES), how
    size = MAX_REQUEST_BYTES + draw(st.sampled_from([1, 1_000, MAX_REQUEST_BYTES]))
    filler = valid[:-1] + ', "padding": "' + "x" * size + '"}'
    return filler.encode(), draw(st.sampled_from([json_type, "text/plain"])), how


@fuzz_settings(examples=550)
@given(data=st.data())
def test_raw_bodies_are_refused_cleanly(client, callbacks, data):
    body, content_type, how = data.draw(raw_bodies(callbacks), label="raw")
    response = post_body(client, body, content_type, how)
    if how == "oversized" and content_type == "application/json":
        assert response.status_code == 413
    if response.status_code in (400, 413, 415):
        assert response.mimetype == "text/plain"
        assert len(response.get_data()) < 1_000
    TALLY.tests.add("raw")


# --- 5. every page and every CSV route, with generated queries -------------------------------

QUERY_KEYS = st.sampled_from(
    [
        "fn",
        "xmin",
        "xmax",
        "n",
        "deriv",
        "logd",
        "expr",
        "lang",
        "sigmoid.a",
        "leaky_relu.alpha",
        "nope.param",
        "depth",
        "width",
        "seed",
        "init",
        "sigma",
        "dataset",
        "points",
        "noise",
        "optimiser",
        "lr",
        "batch",
        "epochs",
        "bdepth",
        "gdepth",
        "tfn",
        "tdepth",
        "twidth",
        "tinit",
        "tsigma",
        "tseed",
        "beta",
        "a",
        "",
        "x" * 300,
    ]
)
QUERY_VALUES = st.one_of(
    PLAUSIBLE_TEXT,
    st.sampled_from(
        [
            *("6", "32", "400", "2000", "64", "30", "50", "20", "801", "10000", "0.5", "100"),
            *("sigmoid,relu,gelu", "gelu", "spiral", "normal", "he", "xavier", "true"),
            *("4294967295", "-1", "1e308", "99999999999999999999999", "-5", "5", "1", "0"),
        ]
    ),
    st.text(max_size=20),
    HUGE_TEXT,
    st.integers().map(str),
    st.floats().map(repr),
)
RAW_QUERIES = st.sampled_from(
    ["%", "%ZZ", "&&&", "=", "==&==", "fn", "fn&fn&fn", "a=%00", "lang=ja&lang=en", "?" * 50]
)


# gunicorn refuses a longer request line, so no longer query ever reaches the app.
LONGEST_QUERY = runpy.run_path(str(GUNICORN_CONFIG))["limit_request_line"] - 100


@st.composite
def queries(draw: Any) -> str:
    if draw(st.integers(0, 5)) == 0:
        return draw(RAW_QUERIES)
    pairs = draw(st.lists(st.tuples(QUERY_KEYS, QUERY_VALUES), max_size=8))
    if draw(st.booleans()):
        query = urlencode(pairs)
    else:
        query = "&".join(f"{k}={quote(v, safe='')}" for k, v in pairs)
    return query[:LONGEST_QUERY]


PAGE_PATHS = [page.path for page in all_pages()]
UNKNOWN_PATHS = st.one_of(
    st.sampled_from(["/nope", "/gradients/", "/GRADIENTS", "/export", "/export/", "/.env"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=30).map(
        lambda text: "/" + quote(text, safe="")
    ),
)


@fuzz_settings(examples=250)
@given(path=st.one_of(st.sampled_from(PAGE_PATHS), UNKNOWN_PATHS), query=queries())
def test_every_page_answers_any_query(client, path, query):
    response = send(client, "page", "GET", path, query_string=query)
    assert response.status_code == 200  # an unknown page is the app's own "not found" page
    TALLY.tests.add("pages")


RESOURCE_PREFIXES = ("/assets/", "/static/", "/_dash-component-suites/")
RESOURCE_NAMES = st.one_of(
    st.sampled_from(
        [
            *("x", "../app.py", "%2e%2e/app.py", "dash/x.js", "dash/dcc/x.js", "os/x.js"),
            *("dash/", "dash/../../app.py", "plotly/package_data/x.js", "dash/deps/react@0.js"),
        ]
    ),
    st.text(st.characters(codec="ascii", exclude_categories=["Cc"]), min_size=1, max_size=20),
)


@fuzz_settings(examples=60)
@given(prefix=st.sampled_from(RESOURCE_PREFIXES), name=RESOURCE_NAMES)
def test_unknown_resources_are_not_found(client, prefix, name):
    """Scripts, styles and static files: a name the app does not serve is a 404, not a 500."""
    response = send(client, "page", "GET", prefix + quote(name, safe="/%"), allowed={200, 404})
    assert response.status_code in (200, 404)
    TALLY.tests.add("resources")


@pytest.fixture(scope="module")
def csv_routes(fuzz_app) -> list[str]:
    """``/export.csv`` and every ``/export/<chart>.csv`` the server has."""
    rules = [rule.rule for rule in fuzz_app.server.url_map.iter_rules()]
    return sorted(r for r in rules if r.startswith("/export") and r.endswith(".csv"))


@fuzz_settings(examples=350)
@given(data=st.data(), query=queries())
def test_every_csv_route_answers_any_query(client, csv_routes, data, query):
    path = data.draw(st.sampled_from(csv_routes), label="route")
    response = send(client, "csv", "GET", path, query_string=query)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.mimetype == "text/plain"
    TALLY.tests.add("csv")


# --- afterwards ----------------------------------------------------------------------------


def test_csv_routes_are_all_found(csv_routes):
    assert "/export.csv" in csv_routes
    assert len(csv_routes) > 10, csv_routes


def test_after_the_fuzzing(client, callbacks):
    """Everything above ran: enough bodies, every callback, and the app is still healthy."""
    if TALLY.tests != {"values", "store", "shape", "raw", "pages", "resources", "csv"}:
        pytest.skip("only meaningful after the whole module ran")
    assert client.get("/healthz").status_code == 200
    print(
        f"\nfuzz: {TALLY.sent['callback']} callback bodies, {TALLY.sent['page']} page and "
        f"{TALLY.sent['csv']} CSV queries; statuses {dict(sorted(TALLY.statuses.items()))}; "
        f"slowest {TALLY.slowest[0] * 1000:.0f} ms wall ({TALLY.slowest[1]}), "
        f"{TALLY.slowest_cpu[0] * 1000:.0f} ms CPU ({TALLY.slowest_cpu[1]})"
    )
    assert TALLY.sent["callback"] >= MIN_CALLBACK_BODIES
    missing = [c["output"][:60] for c in callbacks if TALLY.callbacks[c["output"]] == 0]
    assert not missing, f"callbacks never fuzzed: {missing}"
    assert not any(status >= 500 for status in TALLY.statuses)
