// Asks before a form marked data-confirm is sent (revoke, reject, publish); the pages work without it.
document.addEventListener("submit", function (e) {
  var text = e.target.getAttribute("data-confirm");
  if (text && !window.confirm(text)) e.preventDefault();
});
// The reject reason is required only when "rejected" is chosen.
document.addEventListener("change", function (e) {
  if (e.target.name === "status" && e.target.form) {
    var reason = e.target.form.querySelector("[name=reason]");
    if (reason) reason.required = e.target.value === "rejected";
  }
});
