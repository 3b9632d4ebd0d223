// Copy buttons: <button data-copy="address"> copies this view's address,
// <button data-copy-target="ID"> copies the text of element ID. The button's
// data-copied text is announced in its status region (role=status) and the
// label comes back after a moment. Real buttons: Tab, Enter and Space work.
document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy], button[data-copy-target]");
    if (!button) { return; }
    var text = button.hasAttribute("data-copy-target")
        ? (document.getElementById(button.getAttribute("data-copy-target")) || {}).textContent
        : window.location.href;
    if (typeof text !== "string" || !navigator.clipboard) { return; }
    var status = document.getElementById(button.id + "-status");
    navigator.clipboard.writeText(text).then(function () {
        if (status) {
            status.textContent = button.getAttribute("data-copied") || "";
            window.setTimeout(function () { status.textContent = ""; }, 3000);
        }
    }, function () {
        if (status) { status.textContent = button.getAttribute("data-copy-failed") || ""; }
    });
});
