/*
 * The header search box: Material's own box and dialog, our results. Material's search
 * index is left empty (casebook.search.pages); the dialog shows instead, from
 * casebook-search.js, the pages and case studies whose full text matches, best first, and on
 * every query one link that opens the finder with the words filled in. The index loads
 * when the box is first focused, not before. Its text is the edition's: the catalogue's
 * search.* strings travel inside the edition's index (CasebookSearch.string).
 */
(function () {
  "use strict";
  var SHOWN = 8;

  function start() {
    var input = document.querySelector(".md-search__input");
    var wrap = document.querySelector(".md-search__scrollwrap");
    var engine = window.CasebookSearch;
    if (!input || !wrap || !engine) return;
    var dialog = document.querySelector(".md-search[role=dialog]");
    // Material's placeholder is in the edition's language (theme.language): "Rechercher".
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("placeholder") || "Search");
    }

    var section = document.createElement("section");
    section.className = "cb-search";
    section.setAttribute("aria-label", input.getAttribute("placeholder") || "Search");
    section.hidden = true;
    var all = document.createElement("a");
    all.className = "cb-search__all";
    all.href = engine.base + "case-studies/index.html";  // a real link even before any query
    var list = document.createElement("ol");
    list.className = "cb-search__list";
    var none = document.createElement("p");  // when nothing matches (Material's list is hidden)
    none.className = "cb-search__none";
    none.hidden = true;
    section.appendChild(all);
    section.appendChild(none);
    section.appendChild(list);
    wrap.insertBefore(section, wrap.firstChild);

    var pending = 0;
    function update() {
      pending = 0;
      var query = input.value.trim();
      section.hidden = !query;
      // Late arrivals (a shard for an earlier query) ask again: the results stay as they are.
      if (!query || section.getAttribute("data-query") === query) return;
      if (!engine.ready()) { engine.load(schedule); return; }  // its words come with the index
      section.setAttribute("aria-label", engine.string("results", {}));
      all.href = engine.base + "case-studies/index.html?words=" + encodeURIComponent(query);
      all.textContent = engine.string("full_text", { count: engine.size(), query: query });
      var result = engine.search(query);
      if (!result) { engine.prepareFor(query, schedule); return; }
      list.textContent = "";
      none.hidden = result.hits.length > 0;
      none.textContent = result.hits.length ? "" : engine.string("none", { query: query });
      render(result);
      section.setAttribute("data-query", query);  // results for this query are on screen
    }

    function render(result) {
      result.hits.slice(0, SHOWN).forEach(function (hit) {
        var item = document.createElement("li");
        item.className = "cb-search__item";
        var link = document.createElement("a");
        link.className = "cb-search__link";
        link.href = engine.base + hit.url;
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
    input.addEventListener("input", schedule);
    // Enter opens the best result (or the finder when nothing matched yet).
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || !input.value.trim()) return;
      var first = list.querySelector("a") || all;
      event.preventDefault();
      event.stopPropagation();
      location.href = first.href;
    }, true);
    // Material keeps the dialog's text when it reopens; so do we.
    if (input.value) engine.load(schedule);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
