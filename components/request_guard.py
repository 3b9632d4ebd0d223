"""The door of Dash's callback endpoint: a malformed request gets a 4xx and a reason, not a 500.

The page's Dash renderer POSTs ``/_dash-update-component`` a JSON object:
``output`` (the callback's key), ``outputs`` (one entry, or a list of them for
a multi-output callback), ``inputs`` and ``state`` (one entry per dependency,
``{"id", "property", "value"}``, or a list of entries for a pattern-matching
one; ``state`` is left out when the callback has none) and
``changedPropIds`` (``"<id>.<property>"`` of the inputs that changed). Dash
trusts that shape: a body without ``inputs``, or naming an unknown output,
raises inside Dash and answers 500. :func:`install_request_guard` checks it
before Dash sees it:

* 415 unless the body is sent as JSON; 413 beyond
  :data:`~components.limits.MAX_REQUEST_BYTES` (Flask's ``MAX_CONTENT_LENGTH``);
* 400 for a body that is not JSON (``NaN`` and ``Infinity`` are not, RFC
  8259), holds a number beyond float64 (the browser's ``JSON.stringify``
  writes neither), nests deeper than
  :data:`~components.limits.MAX_JSON_NESTING`, or does not have the shape
  above for a registered callback — its ids and properties, one entry per
  dependency, changed inputs among its inputs — or gives a property a value
  of a type no component holds there (:data:`PROPERTY_TYPES`: a location's
  ``search`` is text, ``n_clicks`` a whole number).

Other values are left to the callbacks, which validate what they are
given. An exception that still escapes Dash's dispatch is sorted by
where it was raised: in the app's own code (a callback, or anything it
calls) it is a bug, so Flask logs it and answers 500 as before; in Dash's own
handling of the request, the request did not fit, so it answers 400 with the
reason and logs a warning with the traceback.

Error answers (400, 413, 415) are one line of plain text. A request for a
component script Dash does not serve is a 404 (Dash raises, which was a 500).
"""

from __future__ import annotations

import functools
import json
import math
import sys
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

from dash.exceptions import DependencyException, PreventUpdate
from flask import Flask, Response, request
from werkzeug.exceptions import BadRequest, HTTPException

from components.limits import MAX_JSON_NESTING, MAX_REQUEST_BYTES

__all__ = ["DISPATCH_PATH", "install_request_guard", "plain_error"]

DISPATCH_PATH = "/_dash-update-component"
#: Packages whose frames in a traceback make an exception the app's own bug.
APP_PACKAGES = ("activations", "components", "networks", "app")
#: How much of an offending value or exception message an answer repeats.
SHOWN_CHARS = 80
# Pattern-matching wildcards as Dash writes them in a dependency's id.
MULTI_WILDCARDS = (["ALL"], ["ALLSMALLER"])
WILDCARDS = (*MULTI_WILDCARDS, ["MATCH"])
#: Properties whose values have one type in every Dash component (null aside):
#: a dcc.Location's parts are strings, click and tick counts whole numbers,
#: ``disabled`` a boolean. Other values are the callbacks' to validate.
PROPERTY_TYPES: dict[str, tuple[type, ...]] = {
    "pathname": (str,),
    "search": (str,),
    "hash": (str,),
    "href": (str,),
    "n_clicks": (int,),
    "n_clicks_timestamp": (int,),
    "n_intervals": (int,),
    "disabled": (bool,),
}

CallbackMap = Mapping[str, Mapping[str, Any]]


class Malformed(ValueError):
    """A callback request that Dash could not dispatch; the message says why."""


def install_request_guard(
    server: Flask,
    callbacks: CallbackMap | None = None,
    path: str = DISPATCH_PATH,
    app_packages: tuple[str, ...] = APP_PACKAGES,
) -> None:
    """Check every request to Dash's callback endpoint at ``path`` before Dash sees it.

    ``callbacks`` is the Dash app's ``callback_map`` (read at request time,
    so callbacks registered later count); with it, a body is also checked
    against the callback it names. An exception raised in a module of
    ``app_packages`` is the app's own bug (500). Call after the Dash app is
    created on ``server`` (its routes must exist).
    """
    endpoint = next((r.endpoint for r in server.url_map.iter_rules() if r.rule == path), None)
    if endpoint is None:
        raise RuntimeError(f"no route {path!r} on this server: create the Dash app first")
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    view = server.view_functions[endpoint]
    server.view_functions[endpoint] = _sorting_errors(server, view, app_packages)

    @server.before_request
    def check_callback_request() -> Response | None:
        if request.path != path or request.method != "POST":
            return None
        if not request.is_json:
            return plain_error(415, "a callback request must be sent as application/json")
        try:
            body = request.get_json()  # kept: Dash reads the same parsed body
            check_values(body)
            check_body(body, callbacks)
        except RecursionError:
            return plain_error(400, f"the JSON nests more than {MAX_JSON_NESTING} levels deep")
        except BadRequest as error:
            return plain_error(400, f"the body is not JSON: {_json_error(error)}")
        except Malformed as error:
            return plain_error(400, str(error))
        return None

    for code in (400, 413, 415):
        server.register_error_handler(code, _plain_http_error)
    # Dash answers a request for a script it does not serve with this exception (a 500).
    server.register_error_handler(DependencyException, _unknown_resource)


def plain_error(status: int, reason: str) -> Response:
    """A short plain-text answer: ``400 Bad Request: <reason>``."""
    title = _STATUS_NAMES.get(status, "Error")
    return Response(f"{status} {title}: {reason}\n", status=status, mimetype="text/plain")


_STATUS_NAMES = {400: "Bad Request", 413: "Content Too Large", 415: "Unsupported Media Type"}


def _plain_http_error(error: HTTPException) -> Response:
    code = error.code or 400
    if code == 413:
        reason = f"the body is larger than {MAX_REQUEST_BYTES:,} bytes"
    else:
        reason = _first_sentence(error.description or error.name)
    return plain_error(code, reason)


def _unknown_resource(_error: DependencyException) -> Response:
    return Response("404 Not Found: no such script\n", status=404, mimetype="text/plain")


def _first_sentence(text: str) -> str:
    sentence = text.split(". ")[0].rstrip(".")
    return sentence[:200]


def _json_error(error: BadRequest) -> str:
    """The JSON decoder's own message (Flask hides it behind a generic one outside debug)."""
    cause = error.__cause__ if isinstance(error.__cause__, HTTPException) else error
    text = cause.description or ""
    return _first_sentence(text.removeprefix("Failed to decode JSON object: ")) or "unreadable"


# --- the body ------------------------------------------------------------------------


def check_values(body: Any) -> None:
    """Every number is a finite float64 and nothing nests beyond MAX_JSON_NESTING."""
    stack: list[tuple[Any, int]] = [(body, 1)]  # (value, containers around it and itself)
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)) and depth > MAX_JSON_NESTING:
            raise Malformed(f"the JSON nests more than {MAX_JSON_NESTING} levels deep")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, float) and not math.isfinite(value):
            raise Malformed("NaN and Infinity are not JSON numbers")
        elif isinstance(value, int) and abs(value) > sys.float_info.max:
            raise Malformed("a number is beyond the range of float64")


def check_body(body: Any, callbacks: CallbackMap | None) -> None:
    """The top-level keys Dash reads, and with ``callbacks`` the callback's own shape."""
    if not isinstance(body, dict):
        raise Malformed(f"the body must be a JSON object, not {_json_type(body)}")
    output = body.get("output")
    if not isinstance(output, str):
        raise Malformed(f"'output' must be a string, not {_json_type(output)}")
    outputs = body.get("outputs")
    if not isinstance(outputs, (dict, list)):
        raise Malformed(f"'outputs' must be an object or a list, not {_json_type(outputs)}")
    for key in ("inputs", "changedPropIds"):
        if not isinstance(body.get(key), list):
            raise Malformed(f"{key!r} must be a list, not {_json_type(body.get(key))}")
    if "state" in body and not isinstance(body["state"], list):
        raise Malformed(f"'state' must be a list, not {_json_type(body['state'])}")
    changed = body["changedPropIds"]
    if not all(isinstance(prop_id, str) for prop_id in changed):
        raise Malformed("'changedPropIds' must be a list of strings")
    if callbacks is None:
        return
    callback = callbacks.get(output)
    if callback is None:
        raise Malformed(f"no callback has the output {_shown(output)}")
    declared = callback["output"]
    if isinstance(declared, (list, tuple)):
        if not isinstance(outputs, list) or len(outputs) != len(declared):
            raise Malformed(f"'outputs' must be a list of {len(declared)} entries")
        for index, (entry, dependency) in enumerate(zip(outputs, declared, strict=True)):
            _check_dependency(entry, _output_key(dependency), f"outputs[{index}]")
    else:
        _check_dependency(outputs, _output_key(declared), "outputs")
    inputs = body["inputs"]
    for key, values in (("inputs", inputs), ("state", body.get("state", []))):
        dependencies = callback[key]
        if len(values) != len(dependencies):
            raise Malformed(f"{key!r} must have {len(dependencies)} entries, got {len(values)}")
        for index, (entry, dependency) in enumerate(zip(values, dependencies, strict=True)):
            _check_dependency(entry, (dependency["id"], dependency["property"]), f"{key}[{index}]")
    known = {_prop_key(item["id"], item["property"]) for item in _entries(inputs)}
    for prop_id in changed:
        component, _, prop = prop_id.rpartition(".")
        if _prop_key(_parse_id(component), prop) not in known:
            raise Malformed(f"'changedPropIds' names {_shown(prop_id)}, not one of the inputs")


def _output_key(output: Any) -> tuple[str, str]:
    return output.component_id_str(), output.component_property


def _check_dependency(entry: Any, dependency: tuple[str, str], where: str) -> None:
    """``entry`` is what the renderer sends for the declared (id, property)."""
    component, prop = dependency
    if not component.startswith("{"):
        _check_entry(entry, where, prop, lambda found: found == component, component)
        return
    pattern = json.loads(component)
    multi = any(value in MULTI_WILDCARDS for value in pattern.values())

    def matches(found: Any) -> bool:
        return (
            isinstance(found, dict)
            and found.keys() == pattern.keys()
            and all(
                isinstance(found[key], (str, int, float, bool))
                if value in WILDCARDS
                else found[key] == value
                for key, value in pattern.items()
            )
        )

    if not multi:
        _check_entry(entry, where, prop, matches, component)
        return
    if not isinstance(entry, list):
        raise Malformed(f"{where} must be a list of the components matching {_shown(component)}")
    for index, item in enumerate(entry):
        _check_entry(item, f"{where}[{index}]", prop, matches, component)


def _check_entry(
    entry: Any, where: str, prop: str, matches: Callable[[Any], bool], component: str
) -> None:
    if not isinstance(entry, dict):
        raise Malformed(f"{where} must be an object, not {_json_type(entry)}")
    found = entry.get("property")
    if not isinstance(found, str) or found.split("@")[0] != prop:
        raise Malformed(f"{where}.property must be {prop!r}")
    if not matches(entry.get("id")):
        raise Malformed(f"{where}.id must be {_shown(component)}")
    value = entry.get("value")
    types = PROPERTY_TYPES.get(prop)
    if types and value is not None and (type(value) not in types):
        raise Malformed(f"{where}.value: {prop} cannot be {_json_type(value)}")


def _entries(values: list[Any]) -> list[dict[str, Any]]:
    """The input entries, pattern-matching lists flattened (all checked already)."""
    flat: list[dict[str, Any]] = []
    for value in values:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


def _parse_id(component: str) -> Any:
    if not component.startswith("{"):
        return component
    try:
        return json.loads(component)
    except ValueError:
        return component


def _prop_key(component: Any, prop: str) -> tuple[str, str]:
    """A comparable key for a component id (a string, or a dict in any key order)."""
    if isinstance(component, dict):
        return json.dumps(component, sort_keys=True), prop
    return str(component), prop


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _shown(text: str) -> str:
    return repr(text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…")


# --- what escapes Dash ------------------------------------------------------------------


def _sorting_errors(
    server: Flask, view: Callable[..., Any], app_packages: tuple[str, ...]
) -> Callable[..., Any]:
    """``view`` with an exception raised in Dash's own code answered 400 instead of 500."""

    @functools.wraps(view)
    def dispatch(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except (HTTPException, PreventUpdate):
            raise  # answered by their own handlers (PreventUpdate: 204)
        except Exception as error:
            if raised_in_app_code(error.__traceback__, app_packages):
                raise  # a bug of ours: Flask logs it and answers 500
            reason = f"{type(error).__name__}: {error}"
            server.logger.warning("callback request refused (400): %s", reason, exc_info=error)
            return plain_error(400, f"the request does not fit the callback: {_shown(reason)}")

    return dispatch


def raised_in_app_code(
    tb: TracebackType | None, app_packages: tuple[str, ...] = APP_PACKAGES
) -> bool:
    """Whether the traceback passes through the app's own modules (a callback or below)."""
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module != __name__ and module.split(".")[0] in app_packages:
            return True
        tb = tb.tb_next
    return False
