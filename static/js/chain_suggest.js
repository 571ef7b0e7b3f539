// Post forms: suggest the chains a post probably belongs to, from what has been typed so far.
// The user decides: a suggestion only fills the chain select when clicked.
(function () {
  "use strict";

  var form = document.querySelector("form[data-suggest-url]");
  var select = form && form.querySelector("#chain");
  if (!select) return;
  var sources = ["#title", "#problem", "#indicators", "#description", "#keywords"]
    .map(function (sel) { return form.querySelector(sel); })
    .filter(Boolean);
  var box = document.createElement("div");
  box.className = "chain-suggestions small mt-1";
  box.setAttribute("aria-live", "polite");
  select.insertAdjacentElement("afterend", box);
  var timer = null;

  function show(suggestions) {
    box.textContent = "";
    if (!suggestions.length) return;
    box.appendChild(document.createTextNode(form.dataset.suggestLabel));
    suggestions.forEach(function (s) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-primary me-1";
      button.textContent = s.name;
      // The select's values are chain ids, the suggestions name chains: choose the option by its name.
      button.addEventListener("click", function () {
        var option = Array.prototype.find.call(select.options, function (o) { return o.text.trim() === s.name; });
        if (option) select.value = option.value;
      });
      box.appendChild(button);
    });
  }

  function ask() {
    var text = sources.map(function (el) { return el.value; }).join("\n");
    var url = form.dataset.suggestUrl + "?text=" + encodeURIComponent(text.slice(0, 3000));
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { show(data.suggestions || []); })
      .catch(function () { /* suggestions are a convenience; typing goes on */ });
  }

  sources.forEach(function (el) {
    el.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 800);
    });
  });
  if (sources.some(function (el) { return el.value.trim(); })) ask();
})();
