// How the pages are shown: light or dark theme, and presentation mode.
//
// The theme follows the system (prefers-color-scheme) until the visitor picks
// one with the switch; the choice is kept in localStorage. Presentation mode
// (large text, controls folded away) lasts for the tab (sessionStorage) and
// Esc leaves it. The document's data-theme / data-present attributes drive
// the CSS; the display store ({theme, large}) drives the figures.
(function () {
    var THEME_KEY = "activation-explorer.theme";
    var PRESENT_KEY = "activation-explorer.present";
    var STORE = "display-store";
    var THEME_TOGGLE = "theme-toggle";
    var PRESENT_TOGGLE = "present-toggle";
    var root = document.documentElement;
    var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

    function read(storage, key) {
        try { return window[storage].getItem(key); } catch (e) { return null; }
    }
    function write(storage, key, value) {
        try { window[storage].setItem(key, value); } catch (e) { /* private mode */ }
    }
    function chosenTheme() {
        var stored = read("localStorage", THEME_KEY);
        if (stored === "light" || stored === "dark") { return stored; }
        return media && media.matches ? "dark" : "light";
    }
    function current() {
        return { theme: chosenTheme(), large: read("sessionStorage", PRESENT_KEY) === "on" };
    }
    function apply(display) {
        root.setAttribute("data-theme", display.theme);
        if (display.large) { root.setAttribute("data-present", "on"); }
        else { root.removeAttribute("data-present"); }
    }
    function same(a, b) {
        return !!a && !!b && a.theme === b.theme && a.large === b.large;
    }
    function pressed(display) {
        return [display.theme === "dark" ? "true" : "false", display.large ? "true" : "false"];
    }
    // Outside a callback (system theme changed, Esc): tell Dash directly.
    function publish(display) {
        apply(display);
        var dc = window.dash_clientside;
        if (dc && dc.set_props) {
            var p = pressed(display);
            dc.set_props(STORE, { data: display });
            dc.set_props(THEME_TOGGLE, { "aria-pressed": p[0] });
            dc.set_props(PRESENT_TOGGLE, { "aria-pressed": p[1] });
        }
    }

    apply(current());  // before the first paint: no flash of the wrong theme

    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.display = {
            // The clientside callback behind both toggles (components/frame.py).
            // A page change rebuilds the buttons (n_clicks 0) and calls this
            // with no click: the display is then only re-read, never flipped.
            update: function (themeClicks, presentClicks, stored) {
                var dc = window.dash_clientside;
                var trigger = dc.callback_context.triggered_id;
                var display = current();
                if (trigger === THEME_TOGGLE && themeClicks > 0) {
                    display.theme = display.theme === "dark" ? "light" : "dark";
                    write("localStorage", THEME_KEY, display.theme);
                } else if (trigger === PRESENT_TOGGLE && presentClicks > 0) {
                    display.large = !display.large;
                    write("sessionStorage", PRESENT_KEY, display.large ? "on" : "off");
                }
                apply(display);
                var p = pressed(display);
                // Unchanged (a page change rebuilt the buttons): redraw nothing.
                return [same(stored, display) ? dc.no_update : display, p[0], p[1]];
            }
    };

    if (media && media.addEventListener) {
        media.addEventListener("change", function () {
            if (read("localStorage", THEME_KEY) === null) { publish(current()); }
        });
    }
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && root.getAttribute("data-present") === "on") {
            write("sessionStorage", PRESENT_KEY, "off");
            publish(current());
        }
    });
})();
