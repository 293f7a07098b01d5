/* Suggestions while typing in a procedure search box (POR-k): any input with data-suggest-url. */
(function () {
  "use strict";
  var DELAY_MS = 150;

  function attach(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function hide() {
      list.hidden = true;
      list.innerHTML = "";
      input.removeAttribute("aria-activedescendant");
    }

    function render(suggestions) {
      list.innerHTML = "";
      suggestions.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        var link = document.createElement("a");
        link.href = item.url;
        link.innerHTML = item.highlight; /* escaped by the server; only <mark> is markup */
        var code = document.createElement("span");
        code.className = "code";
        code.textContent = item.code;
        li.appendChild(link);
        li.appendChild(code);
        list.appendChild(li);
      });
      list.hidden = suggestions.length === 0;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 2) return hide();
      if (controller) controller.abort();
      controller = new AbortController();
      var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (data.query === input.value.trim()) render(data.suggestions); })
        .catch(function () {});
    }

    function move(step) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      var current = list.querySelector("[aria-selected=true]");
      var index = Array.prototype.indexOf.call(items, current) + step;
      if (current) current.removeAttribute("aria-selected");
      index = (index + items.length) % items.length;
      items[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[index].id);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape") { hide(); }
      else if (event.key === "Enter") {
        var selected = list.querySelector("[aria-selected=true] a");
        if (selected) { event.preventDefault(); window.location.href = selected.href; }
      }
    });
    input.addEventListener("blur", function () { setTimeout(hide, 200); });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(attach);
})();
