// The query UI: YASGUI on this server's /sparql, example queries from queries/ one click
// away, and result links to Marsad IRIs pointing at this server's /id/ pages.
(function () {
  "use strict";
  var ID_SPACE = "https://w3id.org/marsad/id/";
  var examples = JSON.parse(document.getElementById("example-queries").textContent);
  var endpoint = new URL("/sparql", window.location.href).href;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // offline: prefixes from this server, no class/property lookups on the web (LOV)
    yasqe: {
      prefixCcApi: new URL("/api/prefixes", window.location.href).href,
      autocompleters: ["prefixes", "variables"],
    },
  });
  window.marsadYasgui = yasgui;

  function openExample(i, run) {
    var ex = examples[i];
    var tab = yasgui.addTab(true, { name: ex.title.slice(0, 40) || ex.name });
    var yasqe = tab.getYasqe();
    yasqe.setValue(ex.query);
    if (run) { yasqe.query(); }
    return tab;
  }
  window.marsadOpenExample = openExample;

  document.querySelectorAll("button.example").forEach(function (b) {
    b.addEventListener("click", function () { openExample(Number(b.dataset.index), true); });
  });
  if (examples.length && !window.location.search) {
    var first = yasgui.getTab();
    if (first && !first.getYasqe().getValue().trim().length) {
      first.getYasqe().setValue(examples[0].query);
    } else if (first) {
      first.getYasqe().setValue(examples[0].query);
    }
  }

  // Result links: Marsad IRIs open their page on this server, not at w3id.org.
  function localise(root) {
    root.querySelectorAll('a[href^="' + ID_SPACE + '"]').forEach(function (a) {
      a.setAttribute("href", "/id/" + a.getAttribute("href").slice(ID_SPACE.length));
    });
  }
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      r.addedNodes.forEach(function (n) { if (n.querySelectorAll) { localise(n); } });
    });
  }).observe(document.body, { childList: true, subtree: true });
})();
