// Formulas: <div class="formula" data-mathml="<math>…</math>"> shows that
// MathML. The server turns the catalogue's LaTeX into MathML
// (components/panels.py) and the browser lays it out natively, with no
// MathJax; Dash's html components have no MathML elements, hence this step.
// React never gives these holders children, so it leaves the markup alone;
// a new formula in the same holder arrives as a changed attribute.
(function () {
    var SELECTOR = "[data-mathml]";

    function show(holder) {
        var markup = holder.getAttribute("data-mathml");
        if (holder.mathmlShown !== markup) {
            holder.innerHTML = markup;
            holder.mathmlShown = markup;
        }
    }
    function showWithin(node) {
        if (node.nodeType !== 1) { return; }
        if (node.matches(SELECTOR)) { show(node); }
        Array.prototype.forEach.call(node.querySelectorAll(SELECTOR), show);
    }
    new MutationObserver(function (records) {
        records.forEach(function (record) {
            if (record.type === "attributes") { show(record.target); }
            else { Array.prototype.forEach.call(record.addedNodes, showWithin); }
        });
    }).observe(document.documentElement, {
        childList: true, subtree: true, attributes: true, attributeFilter: ["data-mathml"]
    });
    showWithin(document.documentElement);
})();
