/* "Print these N results" on the finder (issue 15). The finder announces its results with a
   "cb-results" event; this script keeps a button beside "Download these N results" and, when
   it is pressed, loads each result's printable HTML (assets/print/<id>.js, written by
   casebook/print_results.py: scripts load from file:// where fetch() cannot), puts the case
   studies in one document after the finder and prints it. Without scripts there is no
   button: a case study prints from its own page. */
(function () {
  "use strict";
  var finder = document.querySelector(".cb-finder[data-base]");
  if (!finder) return;
  var base = finder.getAttribute("data-base") || "";
  var strings = {};
  var stringsElement = document.getElementById("casebook-strings");
  if (stringsElement) strings = JSON.parse(stringsElement.textContent);
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");

  // Catalogue text (casebook/i18n/strings/<lang>.yml), plural maps by CLDR category.
  function text(key, count, params) {
    var entry = strings["ui." + key];
    if (entry && typeof entry === "object") entry = entry[plural.select(count)] || entry.other;
    var values = params || {};
    values.count = count;
    return String(entry || key).replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  // Written by the build (templates/index.html) so that nothing moves when this starts; the
  // whole row is hidden without scripts (casebook.css).
  var button = document.getElementById("cb-print-results");
  var status = document.getElementById("cb-print-status");
  if (!button || !status) return;

  var ids = [];
  function label() {
    button.textContent = text("finder.print_results", ids.length);
    button.disabled = ids.length === 0;
  }
  // The finder's results so far (it may have run before this script), else the list on the
  // page (the first page of the whole collection: the finder corrects it when it runs).
  if (window.casebookResults) ids = window.casebookResults.slice();
  else Array.prototype.forEach.call(document.querySelectorAll("#cb-results [data-id]"), function (item) {
    ids.push(item.getAttribute("data-id"));
  });
  label();
  document.addEventListener("cb-results", function (event) {
    ids = event.detail.ids.slice();
    label();
  });

  var loaded = {};
  window.casebookPrintCase = function (id, html) { loaded[id] = html; };

  function load(id, done) {
    if (loaded[id]) { done(); return; }
    var script = document.createElement("script");
    script.src = base + "assets/print/" + encodeURIComponent(id) + ".js";
    script.onload = script.onerror = function () { script.remove(); done(); };
    document.head.appendChild(script);
  }

  function loadAll(wanted, done) {
    var next = 0, running = 0, finished = 0;
    function pump() {
      while (running < 6 && next < wanted.length) {
        running++;
        load(wanted[next++], function () {
          running--; finished++;
          if (finished === wanted.length) done(); else pump();
        });
      }
    }
    if (!wanted.length) done(); else pump();
  }

  var printout = null;
  function clear() {
    document.documentElement.classList.remove("cb-printing-results");
    if (printout) { printout.remove(); printout = null; }
  }
  window.addEventListener("afterprint", clear);

  button.addEventListener("click", function () {
    var wanted = ids.slice();
    button.disabled = true;
    status.textContent = text("finder.print_preparing", wanted.length);
    loadAll(wanted, function () {
      clear();
      printout = document.createElement("div");
      printout.className = "cb-print-results";
      var missing = [];
      wanted.forEach(function (id) {
        if (loaded[id]) printout.insertAdjacentHTML("beforeend", loaded[id]);
        else missing.push(id);
      });
      var content = document.querySelector(".md-content__inner") || document.body;
      content.appendChild(printout);
      document.documentElement.classList.add("cb-printing-results");
      status.textContent = missing.length
        ? text("finder.print_missing", missing.length, {ids: missing.join(", ")}) : "";
      label();
      window.print();
    });
  });
})();
