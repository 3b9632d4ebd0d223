// "Download SVG" buttons: <button data-svg-for="GRAPH_ID"> saves that graph as
// vector graphics, named like its PNG (the toolbar's toImageButtonOptions).
document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-svg-for]");
    if (!button || !window.Plotly) { return; }
    var holder = document.getElementById(button.getAttribute("data-svg-for"));
    var graph = holder && holder.querySelector(".js-plotly-plot");
    if (!graph) { return; }
    var options = (graph._context && graph._context.toImageButtonOptions) || {};
    window.Plotly.downloadImage(graph, { format: "svg", filename: options.filename || "graph" });
});
