"""Values the browser sends for the address may be anything: never an exception."""

from __future__ import annotations

import pytest
from dash.exceptions import PreventUpdate

from components.frame import page_language, route
from components.state import query_from_search

NOT_TEXT = [None, 3, 2.5, ["?fn=relu"], {"fn": "relu"}, True]


@pytest.mark.parametrize("search", NOT_TEXT)
def test_a_search_that_is_not_text_is_an_empty_query(search):
    assert query_from_search(search) == {}
    assert page_language(search, "ja") == "ja"


@pytest.mark.parametrize("pathname", NOT_TEXT)
def test_a_path_that_is_not_text_routes_nowhere(pathname):
    with pytest.raises(PreventUpdate):
        route(pathname, "?lang=en")


def test_an_unknown_path_gets_the_not_found_page_whatever_the_search():
    page, lang = route("/nowhere", {"lang": "ja"})
    assert lang == "en" and "nowhere" in str(page)
