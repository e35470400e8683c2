// The job page: poll the job's status every 1.5 s and move the progress bar. No inline script (CSP).
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status]");
  if (!box || box.dataset.jobFinished === "1") { return; }
  var bar = box.querySelector("[data-job-progress]");
  var state = box.querySelector("[data-job-state]");
  var count = box.querySelector("[data-job-count]");
  var message = box.querySelector("[data-job-message]");

  function show(status) {
    state.textContent = status.state_label;
    if (status.total) {
      bar.max = status.total;
      bar.value = status.done;
      bar.textContent = status.percent + "%";
      count.textContent = status.done + " / " + status.total;
    }
    message.textContent = status.message || "";
  }

  function poll() {
    fetch(box.dataset.jobStatus, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (status) {
        show(status);
        // A finished job goes on to its next page (an import's preview) when it has one; otherwise
        // the finished page shows the outcome, the result data and the download link: load it once.
        if (status.finished && status.next_url) { window.location.assign(status.next_url); }
        else if (status.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
