// Dash 4's RangeSlider names its two handles "Minimum" and "Maximum", in
// English, and has no property to change that. A wrapper that carries
// data-thumb-labels='["x min", "x max"]' gives them the page's own names.
(function () {
    function label(root) {
        var holders = root.querySelectorAll ? root.querySelectorAll("[data-thumb-labels]") : [];
        Array.prototype.forEach.call(holders, function (holder) {
            var names;
            try { names = JSON.parse(holder.getAttribute("data-thumb-labels")); } catch (e) { return; }
            var thumbs = holder.querySelectorAll("[role='slider']");
            Array.prototype.forEach.call(thumbs, function (thumb, i) {
                if (names[i] && thumb.getAttribute("aria-label") !== names[i]) {
                    thumb.setAttribute("aria-label", names[i]);
                }
            });
        });
    }
    new MutationObserver(function () { label(document); })
        .observe(document.documentElement, { childList: true, subtree: true });
})();
