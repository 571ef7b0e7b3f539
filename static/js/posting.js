// Posting forms: live character and keyword counts; confirmation before withdrawing.
(function () {
  "use strict";

  function counter(input, text) {
    var note = document.createElement("div");
    note.className = "char-count";
    input.insertAdjacentElement("afterend", note);
    function update() {
      var result = text(input.value);
      note.textContent = result.text;
      note.classList.toggle("over", result.over);
    }
    input.addEventListener("input", update);
    update();
  }

  var counted = ".posting-form textarea[maxlength], .posting-form input[data-counter][maxlength]";
  document.querySelectorAll(counted).forEach(function (area) {
    var max = parseInt(area.getAttribute("maxlength"), 10);
    counter(area, function (value) {
      return { text: value.length + " / " + max, over: value.length > max };
    });
  });

  var keywords = document.querySelector(".posting-form #keywords");
  if (keywords) {
    counter(keywords, function (value) {
      var n = value.split(/[,，、;；\s]+/).filter(Boolean).length;
      return { text: n + " / 5", over: n > 5 };
    });
  }

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
