// Pioneer Post: small progressive enhancements. No inline scripts (CSP).
(function () {
  "use strict";
  // Forms that submit as soon as a select changes (the language switcher).
  document.querySelectorAll("form.js-autosubmit select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Buttons that ask before acting: data-confirm="question".
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    // Protect against double submission of the same form.
    if (event.target.dataset.submitted === "1") { event.preventDefault(); return; }
    event.target.dataset.submitted = "1";
  });
  // Print buttons.
  document.querySelectorAll("[data-print]").forEach(function (el) {
    el.addEventListener("click", function () { window.print(); });
  });
  // Wide tables scroll inside their own box rather than widening the page (and squeezing one character per line).
  document.querySelectorAll("main table").forEach(function (table) {
    if (table.closest(".table-responsive")) { return; }
    var box = document.createElement("div");
    box.className = "table-responsive";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  });
  // A box that scrolls sideways (a wide table or chart on a phone) must be reachable by keyboard to be scrolled.
  function focusableScrollers() {
    document.querySelectorAll("main .table-responsive, .chart-wrap").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "0"); el.dataset.scrollTab = "1"; }
      } else if (el.dataset.scrollTab === "1") {
        el.removeAttribute("tabindex"); delete el.dataset.scrollTab;
      }
    });
  }
  focusableScrollers();
  window.addEventListener("resize", focusableScrollers);
  // A form sent back with errors: take the reader (and a screen reader) to the first problem.
  var problem = document.querySelector("main .is-invalid, main [aria-invalid=true]") ||
    document.querySelector("main form .alert-danger, main .errorlist, main .invalid-feedback");
  if (problem) {
    if (!problem.matches("input, select, textarea, button, a, [tabindex]")) { problem.setAttribute("tabindex", "-1"); }
    problem.focus();
  }
})();
