"""Japanese and English in the browser: the switch keeps the view."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from app import create_app
from components.i18n import translator
from tests.browser.test_explorer import no_console_errors, plot_state, query, wait_for


def heading(dash_duo) -> str:
    return dash_duo.find_element("h1").text


def test_switching_language_keeps_the_view_and_translates_the_page(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?fn=relu,gelu&xmin=-3&xmax=3&n=31&lang=ja")
    wait_for(dash_duo, lambda: plot_state(dash_duo)["points"] == 31, "view not drawn")
    ja, en = translator("ja"), translator("en")
    assert heading(dash_duo) == ja("app.title")
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "ja"
    dash_duo.wait_for_contains_text("#properties", ja("prop.range"))
    axis = dash_duo.driver.execute_script(
        "return document.querySelector('#graph .js-plotly-plot')._fullLayout.yaxis.title.text"
    )
    assert axis == ja("axis.f")

    # The switch and the navigation are buttons of the visual system, not bare links.
    border = dash_duo.driver.execute_script(
        "return getComputedStyle(document.querySelector(\"a[data-lang='en']\")).borderTopStyle"
    )
    assert border == "solid"
    dash_duo.driver.find_element(By.CSS_SELECTOR, "a[data-lang='en']").click()
    wait_for(dash_duo, lambda: heading(dash_duo) == en("app.title"), "page not in English")
    wait_for(dash_duo, lambda: plot_state(dash_duo)["points"] == 31, "view not kept")
    assert query(dash_duo)["lang"] == ["en"] and query(dash_duo)["fn"] == ["relu,gelu"]
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "en"
    dash_duo.wait_for_contains_text("#properties", en("prop.range"))
    no_console_errors(dash_duo)


def test_an_unknown_page_says_so_and_links_back(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/no-such-page?lang=ja")
    dash_duo.wait_for_contains_text("main", translator("ja")("notfound.title"))
    dash_duo.find_element("main a").click()
    wait_for(dash_duo, lambda: plot_state(dash_duo)["names"], "explorer not shown")
    no_console_errors(dash_duo)


def test_the_share_button_copies_the_address_of_this_view(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?fn=tanh&xmin=-2&xmax=2&n=21&lang=ja")
    wait_for(dash_duo, lambda: plot_state(dash_duo)["points"] == 21, "view not drawn")
    dash_duo.driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": dash_duo.server_url,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    dash_duo.find_element("#share-link").click()

    def clipboard():
        return dash_duo.driver.execute_async_script(
            "const done = arguments[0];"
            "navigator.clipboard.readText().then(done).catch(e => done('failed: ' + e));"
        )

    wait_for(dash_duo, lambda: clipboard() == dash_duo.driver.current_url, "link not copied")
    assert "fn=tanh" in clipboard() and "lang=ja" in clipboard()
    no_console_errors(dash_duo)
