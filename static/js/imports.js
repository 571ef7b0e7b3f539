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
  document.querySelectorAll("#import-confirm, #import-upload").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) { return; }
      form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
    });
  });
})();
