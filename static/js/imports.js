// Import pages: refuse an over-size file before the upload starts, and stop double submits.
(function () {
  "use strict";
  var upload = document.getElementById("import-upload");
  if (upload) {
    var input = upload.querySelector("input[type=file]");
    var limit = parseInt(upload.dataset.maxBytes, 10);
    upload.addEventListener("submit", function (event) {
      var file = input && input.files && input.files[0];
      if (file && limit && file.size > limit) {
        event.preventDefault();
        window.alert(upload.dataset.tooLarge);
      }
    });
  }
  // "Also import duplicates" changes what the confirm button would import (and may enable it).
  var confirmForm = document.getElementById("import-confirm");
  var withDuplicates = confirmForm && confirmForm.querySelector("input[type=checkbox]");
  if (withDuplicates) {
    var button = confirmForm.querySelector("button[type=submit]");
    var update = function () {
      button.textContent = withDuplicates.checked ? button.dataset.labelDuplicates : button.dataset.label;
      button.disabled = !withDuplicates.checked && button.dataset.enabled !== "1";
    };
    withDuplicates.addEventListener("change", update);
    update();
  }
  document.querySelectorAll("#import-confirm, #import-upload").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) { return; }
      form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
    });
  });
})();
