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
})();
