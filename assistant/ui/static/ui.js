// The page's one script: citation links scroll the source panel; copy copies what is shown.
function wufCopyText(button) {
  if (button.getAttribute("aria-label") === "Copy message") {
    var row = button.closest(".message-buttons");
    row = row && row.previousElementSibling;
    while (row && !row.classList.contains("message-row")) { row = row.previousElementSibling; }
    return row ? row.innerText.trim() : null;
  }
  var rows = document.querySelectorAll("#wuf-chat .message-row");
  return Array.prototype.map.call(rows, function (r) {
    return (r.classList.contains("user-row") ? "Q: " : "A: ") + r.innerText.trim();
  }).join("\n\n") || null;
}
document.addEventListener("click", function (event) {
  if (!event.target.closest) { return; }
  var copy = event.target.closest(
    '#wuf-chat button[aria-label="Copy message"], #wuf-chat button[aria-label="Copy conversation"]'
  );
  if (copy) {
    var text = wufCopyText(copy);
    if (text && navigator.clipboard) {
      event.preventDefault();
      event.stopPropagation();
      navigator.clipboard.writeText(text);
    }
    return;
  }
  var link = event.target.closest("a.wuf-cite");
  if (!link) { return; }
  event.preventDefault();
  event.stopPropagation();
  var id = (link.getAttribute("href") || "").slice(1);
  var row = document.getElementById(id);
  if (!row) { return; }
  document.querySelectorAll(".wuf-active").forEach(function (el) {
    el.classList.remove("wuf-active");
  });
  row.classList.add("wuf-active");
  row.scrollIntoView({behavior: "smooth", block: "center"});
}, true);
