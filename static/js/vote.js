// The vote card's QR code carries its code after "#": fragments never reach the server's logs.
// Move it into the form's POSTed field and wipe it from the address bar.
(function () {
  "use strict";
  var field = document.getElementById("id_token");
  if (!field) { return; }
  var code = window.location.hash.replace(/^#/, "");
  if (code) {
    field.value = decodeURIComponent(code);
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
  }
})();
