// Progress bars of long tasks (templates/background/_progress.html): poll /tasks/<id> every
// two seconds while the task is queued or running, then stop.
(function () {
  "use strict";
  var OPEN = ["queued", "running"];
  var PERIOD_MS = 2000;

  function show(box, task) {
    box.dataset.taskStatus = task.finished ? "done" : task.status;
    var bar = box.querySelector("progress");
    if (bar) {
      bar.value = task.progress;
      bar.textContent = task.progress + "%";
    }
    box.querySelectorAll("[data-task-field]").forEach(function (field) {
      field.textContent = task[field.dataset.taskField] || "";
    });
    var badge = box.querySelector(".badge");
    if (badge) {
      badge.className = "badge status-" + task.status;
    }
  }

  function poll(box) {
    if (OPEN.indexOf(box.dataset.taskStatus) === -1) {
      return;
    }
    fetch(box.dataset.taskUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (task) {
        show(box, task);
        setTimeout(function () { poll(box); }, PERIOD_MS);
      })
      .catch(function () {
        setTimeout(function () { poll(box); }, PERIOD_MS * 5);
      });
  }

  function start() {
    document.querySelectorAll(".task-progress[data-task-url]").forEach(function (box) {
      if (box.dataset.polling) {
        return;
      }
      box.dataset.polling = "1";
      setTimeout(function () { poll(box); }, PERIOD_MS);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
