// Name search boxes: /api/search as you type (Arabic normalised, prefix matching).
// marsadAutocomplete(box, list, hrefOf) serves every box; hrefOf(hit) is where a hit leads.
(function () {
  "use strict";
  function autocomplete(box, list, hrefOf) {
    var timer = null;
    function show(hits) {
      list.textContent = "";
      hits.forEach(function (h) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = hrefOf(h);
        a.textContent = h.label_ar || h.label;
        li.appendChild(a);
        if (h.label_en && h.label_en !== a.textContent) {
          var en = document.createElement("span");
          en.className = "en"; en.lang = "en"; en.dir = "ltr";
          en.textContent = " " + h.label_en;
          li.appendChild(en);
        }
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
    }
    box.addEventListener("input", function () {
      clearTimeout(timer);
      var q = box.value.trim();
      if (!q) { show([]); return; }
      timer = setTimeout(function () {
        fetch("/api/search?limit=8&q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(show, function () { show([]); });
      }, 150);
    });
    box.form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    });
  }
  window.marsadAutocomplete = autocomplete;

  var box = document.getElementById("search-box");
  var list = document.getElementById("search-hits");
  if (box && list) {
    autocomplete(box, list, function (h) { return h.page || h.iri; });
  }
})();
