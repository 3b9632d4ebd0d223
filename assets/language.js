// The language links keep the rest of the address: switching language shows
// the same view (every function, range and parameter) in the other language.
document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-lang]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
    }
    event.preventDefault();
    var params = new URLSearchParams(window.location.search);
    params.set("lang", link.getAttribute("data-lang"));
    window.location.search = params.toString();
});
