"""Every component id of the explorer page, in one place.

Callbacks and browser tests import these names, so an id is spelt once.
"""

import json

PAGE_URL = "page-url"
PAGE = "page"
LANG_SINK = "lang-sink"
LANG_STORE = "lang-store"
SHARE = "share-link"
# How pages are shown: {"theme": "light" | "dark", "large": bool} (presentation mode).
DISPLAY_STORE = "display-store"
THEME_TOGGLE = "theme-toggle"
PRESENT_TOGGLE = "present-toggle"
URL = "url"
FUNCTIONS = "functions"
XMIN = "xmin"
XMAX = "xmax"
XRANGE_SLIDER = "xrange-slider"
POINTS = "points"
OPTIONS = "display-options"
PARAMS_PANEL = "params-panel"
NOTICE = "notice"
GRAPH = "graph"
FUNCTION_CARDS = "function-cards"
GRAPH_SUMMARY = "graph-summary"
DATA_TABLE = "data-table"
DATA_TABLE_SUMMARY = "data-table-summary"
PROPERTIES = "properties"
SNIPPET = "snippet"
SNIPPET_COPY = "snippet-copy"
EXPRESSION = "expr"
EXPRESSION_ERROR = "expr-error"
DOWNLOAD = "download-csv"
QUERY_STORE = "query-store"
URL_SYNC_SINK = "url-sync-sink"

# Values of the display-options checklist.
OPTION_DERIVATIVE = "deriv"
OPTION_LOG_DERIVATIVE = "logd"

PARAM_TYPE = "param"
PARAM_GROUP_TYPE = "param-group"


def param_id(function: str, param: str) -> dict[str, str]:
    """Pattern-matching id of the input for ``function``'s parameter ``param``."""
    return {"type": PARAM_TYPE, "fn": function, "param": param}


def param_group_id(function: str) -> dict[str, str]:
    """Pattern-matching id of the box holding ``function``'s parameter inputs."""
    return {"type": PARAM_GROUP_TYPE, "fn": function}


def css_param_id(function: str, param: str) -> str:
    """The DOM id Dash renders for :func:`param_id` (for browser tests)."""
    return json.dumps(param_id(function, param), separators=(",", ":"), sort_keys=True)
