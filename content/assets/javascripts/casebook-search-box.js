/*
 * The header search box: Material's own box and dialog search the guide and browse pages;
 * this adds, above Material's results, the case studies whose full text matches (from
 * casebook-search.js) and, on every query, one link that opens the finder with the words
 * filled in. The index loads when the box is first focused, not before.
 */
(function () {
  "use strict";
  var SHOWN = 5;

  function start() {
    var input = document.querySelector(".md-search__input");
    var wrap = document.querySelector(".md-search__scrollwrap");
    var engine = window.CasebookSearch;
    if (!input || !wrap || !engine) return;
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");

    var section = document.createElement("section");
    section.className = "cb-search";
    section.setAttribute("aria-label", "Case studies");
    section.hidden = true;
    var all = document.createElement("a");
    all.className = "cb-search__all";
    var list = document.createElement("ol");
    list.className = "cb-search__list";
    section.appendChild(all);
    section.appendChild(list);
    wrap.insertBefore(section, wrap.firstChild);

    var pending = 0;
    function update() {
      pending = 0;
      var query = input.value.trim();
      section.hidden = !query;
      if (!query) return;
      var size = engine.size();
      all.href = engine.base + "case-studies/index.html?words=" + encodeURIComponent(query);
      all.textContent = "Search the full text of " + (size === null ? "all" : size) +
        " case stud" + (size === 1 ? "y" : "ies") + " for “" + query + "”";
      list.textContent = "";
      var result = engine.search(query);
      if (result) render(result);
    }

    function render(result) {
      result.hits.slice(0, SHOWN).forEach(function (hit) {
        var item = document.createElement("li");
        item.className = "cb-search__item";
        var link = document.createElement("a");
        link.className = "cb-search__link";
        link.href = engine.base + "case-studies/" + encodeURIComponent(hit.id) + ".html";
        var title = document.createElement("span");
        title.className = "cb-search__title";
        title.textContent = hit.title;
        var place = document.createElement("span");
        place.className = "cb-search__place";
        place.textContent = hit.place;
        var text = document.createElement("span");
        text.className = "cb-search__excerpt";
        link.appendChild(title);
        link.appendChild(place);
        link.appendChild(text);
        item.appendChild(link);
        list.appendChild(item);
        engine.excerpt(hit.id, result.marks, function (found) {
          engine.renderExcerpt(text, found);
        }, 24);
      });
    }

    function schedule() {
      if (!pending) pending = requestAnimationFrame(update);
    }
    input.addEventListener("focus", function () { engine.load(schedule); });
    input.addEventListener("input", function () {
      if (engine.ready()) schedule(); else { update(); engine.load(schedule); }
    });
    // Material keeps the dialog's text when it reopens; so do we.
    if (input.value) engine.load(schedule);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
