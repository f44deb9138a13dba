/*
 * The filterable index of case studies (case-studies/index.html).
 *
 * Data comes from assets/casebook-data.js (a classic script: fetch() is blocked on
 * file://). Only the visible results are rendered, which keeps a filter step fast with
 * thousands of cases. Every value from a case study is put on the page with textContent,
 * never as HTML. The whole state lives in the URL query so a view can be bookmarked.
 * Its words come from the page, in the edition's language (see text() below).
 */
(function () {
  "use strict";
  var PAGE_SIZE = 50;  // the page says its own (data-page-size, casebook/render.py)
  var STRINGS = {};  // catalogue key -> text or plural forms; read by init()
  var plurals = null;

  /* The catalogue's text for `key` ("finder.none" is ui.finder.none), written into the page
     by the build (script#casebook-strings), with {name} placeholders filled from `params`.
     Plural entries pick their form for params.count by the page's language, as the build
     does with Babel. */
  function text(key, params) {
    var entry = STRINGS["ui." + key];
    if (entry == null) return key;
    if (typeof entry === "object") {
      var n = params && params.count != null ? params.count : 0;
      entry = entry[plurals ? plurals.select(n) : (n === 1 ? "one" : "other")] || entry.other;
    }
    return String(entry).replace(/\{(\w+)\}/g, function (match, name) {
      return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name])
        : match;
    });
  }

  function readStrings() {
    var node = document.getElementById("casebook-strings");
    try {
      STRINGS = node ? JSON.parse(node.textContent) : {};
    } catch (error) {
      STRINGS = {};
    }
    var lang = document.documentElement.lang || "en";
    try {
      plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
    } catch (error) {
      plurals = null;  // a language tag the browser does not know
    }
  }

  function normalise(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function Finder(root, data) {
    this.root = root;
    this.data = data;
    this.base = root.getAttribute("data-base") || "";
    this.form = root.querySelector("#cb-filters");
    this.results = document.getElementById("cb-results");
    this.status = document.getElementById("cb-status");
    this.active = document.getElementById("cb-active");
    this.head = document.querySelector(".cb-results-head");
    this.more = document.querySelector(".cb-more");
    this.download = document.getElementById("cb-download");
    this.clear = document.getElementById("cb-clear");
    this.toggle = root.querySelector(".cb-filters__toggle");
    this.done = root.querySelector(".cb-facets__done");
    this.chosen = 0;
    this.pageSize = +root.getAttribute("data-page-size") || PAGE_SIZE;
    this.shown = this.pageSize;
    this.labels = {};
    var labels = this.labels;
    data.facets.forEach(function (facet) { labels[facet.key] = facet.values; });
    data.cases.forEach(function (record) {
      expand(record, data.facets);
      var words = [record.title, record.place, record.countryName];
      data.facets.forEach(function (facet) {
        (record.f[facet.key] || []).forEach(function (value) {
          words.push(labels[facet.key][value] || value);
        });
      });
      record._text = normalise(words.join(" "));
      record._values = data.facets.map(function (facet) { return record.f[facet.key] || []; });
    });
    this.keys = data.facets.map(function (facet) { return facet.key; });
    // The cards' first sentences are in the list the page was built with: read once here,
    // so the data script does not carry them a second time.
    this.sentences = {};
    var sentences = this.sentences;
    Array.prototype.forEach.call(this.results.querySelectorAll("[data-id]"), function (item) {
      var text = item.querySelector(".cb-result__summary");
      if (text) sentences[item.getAttribute("data-id")] = text.textContent;
    });
    // Evidence levels in the vocabulary's order, strongest first, for "sort by evidence".
    var evidence = data.facets.filter(function (f) { return f.key === "evidence"; })[0];
    this.evidenceRank = {};
    var rank = this.evidenceRank;
    if (evidence) Object.keys(evidence.values).forEach(function (key, i) { rank[key] = i; });
    this.mentions = data.cases.some(function (record) { return record.m; });
  }

  Finder.prototype.state = function () {
    var state = { q: "", sort: "relevance", facets: {} };
    var params = readParams();
    // "words", not "q": Material's search opens itself for a ?q= in the URL.
    state.q = params.get("words") || "";
    var sort = params.get("sort");
    if (sort === "year" || sort === "reviewed" || sort === "title" || sort === "evidence") {
      state.sort = sort;
    }
    this.data.facets.forEach(function (facet) {
      var values = params.getAll(facet.key).filter(function (v) {
        return Object.prototype.hasOwnProperty.call(facet.values, v);
      });
      if (values.length) state.facets[facet.key] = values;
    });
    return state;
  };

  Finder.prototype.readForm = function () {
    var state = { q: this.form.elements.words.value.trim(), sort: this.form.elements.sort.value,
                  facets: {} };
    Array.prototype.forEach.call(this.form.querySelectorAll("input[type=checkbox]:checked"),
      function (box) { (state.facets[box.name] = state.facets[box.name] || []).push(box.value); });
    return state;
  };

  Finder.prototype.writeForm = function (state) {
    this.form.elements.words.value = state.q;
    this.form.elements.sort.value = state.sort;
    Array.prototype.forEach.call(this.form.querySelectorAll("input[type=checkbox]"),
      function (box) { box.checked = (state.facets[box.name] || []).indexOf(box.value) >= 0; });
  };

  /* Filter and count; returns the matching records in the state's sort order. Kept to plain
     loops over precomputed arrays: this runs on every keystroke over every case. */
  Finder.prototype.compute = function (state) {
    var keys = this.keys, nFacets = keys.length;
    var chosen = keys.map(function (key) { return lookup(state.facets[key]); });
    var words = normalise(state.q).split(/\s+/).filter(Boolean), nWords = words.length;
    var hits = this.fullText(state.q);  // id -> score once the full-text index is loaded
    if (hits) nWords = 0;
    var counts = keys.map(function () { return Object.create(null); });
    // Values some record (a mention too) would still match: the others cannot be chosen.
    var reach = keys.map(function () { return Object.create(null); });
    var matches = [];
    var cases = this.ordered(state.sort);  // already sorted: matches come out in order
    for (var i = 0; i < cases.length; i++) {
      var record = cases[i], text = record._text, w = 0;
      while (w < nWords && text.indexOf(words[w]) >= 0) w++;
      if (w < nWords || (hits && !hits[record.id])) continue;
      var failed = -1, failures = 0, values = record._values;
      for (var j = 0; j < nFacets && failures < 2; j++) {
        if (chosen[j] && !intersects(values[j], chosen[j])) { failed = j; failures++; }
      }
      if (failures > 1) continue;
      if (failures === 0) matches.push(record);
      // A value's count: cases that would match if that facet alone were left unconstrained.
      // Mentions are counted only under "Record type": they are not case studies.
      for (var k = failures ? failed : 0; k < (failures ? failed + 1 : nFacets); k++) {
        var own = values[k], tally = counts[k];
        for (var r = 0; r < own.length; r++) reach[k][own[r]] = true;
        if (record.m && keys[k] !== "kind") continue;
        for (var v = 0; v < own.length; v++) tally[own[v]] = (tally[own[v]] || 0) + 1;
      }
    }
    var byKey = {}, reachable = {};
    keys.forEach(function (key, index) {
      byKey[key] = counts[index];
      reachable[key] = reach[index];
    });
    if (hits && state.sort === "relevance") {
      matches.sort(function (a, b) { return hits[b.id] - hits[a.id]; });  // stable: ties by title
    }
    return { matches: matches, counts: byKey, reach: reachable };
  };

  /* Words -> {case id: score} for the cases whose full text has every word (search via
     casebook-search.js). Until the index has loaded: null, the words are matched against
     the titles, places and labels here, and the view is redone once it is there. */
  Finder.prototype.fullText = function (q) {
    var engine = window.CasebookSearch, finder = this;
    this.marks = null;
    if (!q || !engine) return null;
    var result = engine.search(q), hits = Object.create(null);
    if (!result) {  // index or a shard still loading: redo this view when it is there
      engine.prepareFor(q, function () { finder.update(false); });
      return null;
    }
    result.hits.forEach(function (hit) { if (hit.all) hits[hit.id] = hit.score; });
    this.marks = result.marks;
    return hits;
  };

  /* The cases in one sort order, computed once per order: sorting 5,000 records with
     localeCompare on every keystroke would cost more than the filtering itself. */
  Finder.prototype.ordered = function (sort) {
    this.orders = this.orders || {};
    if (sort === "relevance") sort = "title";  // without words; with words, by score
    if (!this.orders[sort]) {
      this.orders[sort] = this.data.cases.slice().sort(comparator(sort, this.evidenceRank));
    }
    return this.orders[sort];
  };

  Finder.prototype.apply = function (state, resetPaging, push) {
    if (resetPaging) this.shown = this.pageSize;
    var result = this.compute(state);
    this.matches = result.matches;
    // For "Print these N results" (casebook-print-results.js), which may start after this.
    var ids = result.matches.map(function (r) { return r.id; });
    window.casebookResults = ids;
    this.root.dispatchEvent(new CustomEvent("cb-results", {bubbles: true, detail: {ids: ids}}));
    this.renderCounts(result.counts, result.reach);
    this.renderResults();
    this.renderChips(state);
    var n = result.matches.length, total = this.data.cases.length;
    var mentions = result.matches.filter(function (r) { return r.m; }).length;
    // The polite live region: screen readers announce the new count after each change.
    // With mentions in the data, the total counts records, and the mentions are named.
    var status = n === total
      ? text(this.mentions ? "common.records" : "common.studies", { count: total })
      : text(this.mentions ? "finder.status_some_records" : "finder.status_some_studies",
        { count: total, shown: n });
    if (mentions) {
      status = text("finder.status_mentions",
        { status: status, mentions: text("common.mentions", { count: mentions }) });
    }
    this.status.textContent = status;
    this.download.textContent = text("finder.download", { count: n });
    this.download.disabled = n === 0;
    this.done.textContent = text("finder.show_results", { count: n });
    writeParams(state, push);
    return n;
  };

  Finder.prototype.renderCounts = function (counts, reach) {
    Array.prototype.forEach.call(this.form.querySelectorAll("[data-count-for]"), function (el) {
      var parts = el.getAttribute("data-count-for").split("=");
      var n = counts[parts[0]][parts[1]] || 0;
      el.textContent = "(" + n + ")";
      el.parentNode.classList.toggle("cb-option--empty", n === 0);
      var box = el.parentNode.querySelector("input");
      if (box) box.disabled = !reach[parts[0]][parts[1]] && !box.checked;
    });
  };

  Finder.prototype.renderResults = function () {
    var list = document.createDocumentFragment();
    var finder = this;
    if (this.reuse(this.matches.slice(0, this.shown))) return this.renderMore();
    this.matches.slice(0, this.shown).forEach(function (record) {
      list.appendChild(finder.card(record));
    });
    this.results.textContent = "";
    this.results.appendChild(list);
    if (!this.matches.length) {
      var none = document.createElement("li");
      none.className = "cb-result cb-result--none";
      none.textContent = text("finder.none");
      this.results.appendChild(none);
    }
    this.renderMore();
  };

  /* The page arrives with the unfiltered list written out (templates/index.html). Where it
     starts with the same cases in the same order, keep its nodes instead of replacing them:
     replaced, they were laid out again and moved under the reader (Lighthouse measured a
     layout shift of 0.27 on phones). Only on the first render. */
  Finder.prototype.reuse = function (records) {
    var items = this.prerendered, base = this.base;
    this.prerendered = null;
    if (!items || !records.length || items.length < records.length) return false;
    for (var i = 0; i < records.length; i++) {
      var link = items[i].querySelector("a");
      if (!link || link.getAttribute("href") !== base + records[i].url) return false;
    }
    for (var j = items.length - 1; j >= records.length; j--) items[j].remove();
    return true;
  };

  Finder.prototype.renderMore = function () {
    var rest = this.matches.length - this.shown;
    this.more.hidden = rest <= 0;
    if (rest > 0) {
      this.more.querySelector("button").textContent =
        text("finder.show_more", { count: Math.min(rest, this.pageSize), rest: rest });
    }
  };

  /* One result as a card; every value goes in as text. */
  Finder.prototype.card = function (record) {
    var labels = this.labels;
    var item = element("li", "cb-result");
    var body = item.appendChild(element("div", "cb-result__body"));
    var link = body.appendChild(element("a", "cb-result__title", record.title));
    link.href = this.base + record.url;
    if (record.m) {
      body.appendChild(document.createTextNode(" "));
      body.appendChild(element("span", "cb-kind", text("common.mention")));
    }
    body.appendChild(element("span", "cb-result__meta",
      text("common.place_country", { place: record.place, country: record.countryName }) +
      (record.years ? " · " + record.years : "")));
    var evidence = (record.f.evidence || [])[0];
    if (evidence) {
      var badge = body.appendChild(element("span", "cb-result__evidence"));
      badge.appendChild(element("span", "cb-badge cb-evidence--" + evidence,
        text("common.evidence_badge", { label: labels.evidence[evidence] || evidence })));
    }
    var themes = (record.f.themes || []).map(function (v) { return labels.themes[v] || v; });
    if (themes.length) {
      var practices = body.appendChild(element("span", "cb-result__practices"));
      practices.appendChild(element("span", "cb-visually-hidden", text("common.practice_prefix")));
      practices.appendChild(document.createTextNode(themes.join(" · ")));
    }
    // The summary's first sentence: from the written list, else from the case's text file
    // (search/text/ID.js, loaded for the results on screen only).
    var engine = window.CasebookSearch;
    if (this.sentences[record.id]) {
      body.appendChild(element("span", "cb-result__summary", this.sentences[record.id]));
    } else if (engine && engine.text) {
      var summary = body.appendChild(element("span", "cb-result__summary"));
      engine.text(record.id, function (sections) {
        var first = engine.summary(sections);  // its heading is in the edition's language
        if (first) summary.textContent = firstSentence(first);
      });
    }
    if (this.marks) body.appendChild(this.excerpt(record));
    return item;
  };

  /* Where the words occur in the case's text, marked (filled in when its text arrives). */
  Finder.prototype.excerpt = function (record) {
    var excerpt = document.createElement("span");
    excerpt.className = "cb-result__excerpt";
    var engine = window.CasebookSearch;
    engine.excerpt(record.id, this.marks, function (found) {
      engine.renderExcerpt(excerpt, found);
    });
    return excerpt;
  };

  Finder.prototype.renderChips = function (state) {
    var finder = this;
    this.active.textContent = "";
    var add = function (label, remove) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cb-chip cb-chip--active";
      button.textContent = label + " ×";
      button.setAttribute("aria-label", text("finder.remove_filter", { filter: label }));
      button.addEventListener("click", function () {
        var index = Array.prototype.indexOf.call(finder.active.children, item);
        remove();
        finder.update(true, true);
        // Keep keyboard users in place: focus the chip that took this one's place.
        var next = finder.active.children[index] || finder.active.lastElementChild;
        (next ? next.querySelector("button") : finder.form.elements.words).focus();
      });
      item.appendChild(button);
      finder.active.appendChild(item);
    };
    if (state.q) {
      add(text("finder.words_chip", { words: state.q }),
        function () { finder.form.elements.words.value = ""; });
    }
    this.data.facets.forEach(function (facet) {
      (state.facets[facet.key] || []).forEach(function (value) {
        var chip = text("finder.chip", { facet: facet.label, value: facet.values[value] || value });
        add(chip, function () {
          var box = finder.form.querySelector("input[name='" + facet.key + "'][value='" +
            cssEscape(value) + "']");
          if (box) box.checked = false;
        });
      });
    });
    this.clear.hidden = !this.active.children.length;
    this.chosen = this.active.children.length - (state.q ? 1 : 0);
    this.renderToggle();
  };

  Finder.prototype.openPanel = function (open) {
    this.toggle.setAttribute("aria-expanded", String(open));
    this.root.classList.toggle("cb-finder--open", open);
    this.renderToggle();
  };

  /* Phones: the folded facet panel still says how many of its boxes are ticked. */
  Finder.prototype.renderToggle = function () {
    var open = this.toggle.getAttribute("aria-expanded") === "true";
    var label = text(open ? "finder.hide_filters" : "finder.show_filters");
    this.toggle.textContent = this.chosen ? text("finder.chosen", { toggle: label, count: this.chosen })
      : label;
  };

  // push: make this view a history entry (a filter changed), so Back undoes the change.
  Finder.prototype.update = function (resetPaging, push) {
    this.apply(this.readForm(), resetPaging, push);
  };

  Finder.prototype.csv = function () {
    var quote = function (value) {
      var text = String(value == null ? "" : value);
      // Spreadsheet formula injection; plain numbers such as a negative longitude stay data.
      if (/^[=+\-@\t\r]/.test(text) && !/^-?[0-9]+(\.[0-9]+)?$/.test(text)) text = "'" + text;
      return '"' + text.replace(/"/g, '""') + '"';
    };
    var csv = window.CASEBOOK_CSV;
    var lines = [csv.columns.map(quote).join(",")];
    this.matches.forEach(function (record) { lines.push(csv.rows[record.id].map(quote).join(",")); });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  };

  /* The CSV rows load with the first download (assets/casebook-csv.js), not with the page. */
  Finder.prototype.saveCsv = function () {
    var finder = this;
    if (!window.CASEBOOK_CSV) {
      var script = document.createElement("script");
      script.src = this.base + "assets/casebook-csv.js";
      script.onload = function () { finder.saveCsv(); };
      document.head.appendChild(script);
      return;
    }
    var blob = new Blob([this.csv()], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = text("finder.csv_name", { count: this.matches.length });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  };

  Finder.prototype.start = function () {
    var finder = this;
    this.prerendered = Array.prototype.slice.call(this.results.children);
    this.root.hidden = false;
    this.head.hidden = false;
    this.root.parentNode.classList.add("cb-index--live");
    var state = this.state();
    this.writeForm(state);
    this.form.addEventListener("change", function (event) {
      finder.update(true, event.target !== finder.form.elements.words);
    });
    window.addEventListener("popstate", function () {
      var state = finder.state();
      finder.writeForm(state);
      finder.apply(state, true, false);
    });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    var timer = null;
    this.form.elements.words.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { finder.update(true); }, 120);
    });
    this.clear.addEventListener("click", function () {
      finder.writeForm({ q: "", sort: finder.form.elements.sort.value, facets: {} });
      finder.update(true, true);
      finder.form.elements.words.focus();
    });
    this.download.addEventListener("click", function () { finder.saveCsv(); });
    this.more.querySelector("button").addEventListener("click", function () {
      var first = finder.shown;
      finder.shown += finder.pageSize;
      finder.renderResults();
      // Keyboard users carry on from the first result that was not shown before.
      var next = finder.results.children[first];
      if (next) next.querySelector("a").focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && finder.root.classList.contains("cb-finder--open")) {
        finder.openPanel(false);
        finder.toggle.focus();
      }
    });
    this.toggle.addEventListener("click", function () {
      finder.openPanel(finder.toggle.getAttribute("aria-expanded") !== "true");
    });
    // Phones: below a long panel, a way back up to the results it has narrowed.
    this.done.addEventListener("click", function () {
      finder.openPanel(false);
      finder.toggle.focus();
      finder.status.scrollIntoView({ block: "start" });
    });
    this.apply(state, true);
  };

  /* The data script's compact record -> what the rest of this file reads: `f` by facet key,
     the country's name and the page's URL. */
  function expand(record, facets) {
    var f = {};
    facets.forEach(function (facet, i) {
      f[facet.key] = (record.f[i] || []).map(function (n) { return facet.keys[n]; });
    });
    record.f = f;
    record.countryName = (facets.filter(function (x) { return x.key === "country"; })[0] || {values: {}})
      .values[f.country && f.country[0]] || "";
    record.url = "case-studies/" + record.id + ".html";
  }

  function intersects(values, chosen) {
    for (var i = 0; i < values.length; i++) if (chosen[values[i]] === true) return true;
    return false;
  }

  /* ["a", "b"] -> {a: true, b: true}; null when nothing is chosen. */
  function lookup(values) {
    if (!values || !values.length) return null;
    var set = Object.create(null);
    values.forEach(function (value) { set[value] = true; });
    return set;
  }

  /* Up to the first full stop that ends a sentence of at least 40 characters (the build's
     casebook.sentences.first_sentence, in short: short words and initials do not end one). */
  function firstSentence(text) {
    var pattern = /[.!?\u061f]["”’»)]?\s+(?=[A-Z0-9"“‘«(¿¡À-Ý\u0621-\u064a])/g, match;
    while ((match = pattern.exec(text))) {
      var candidate = text.slice(0, match.index + 1);
      if (candidate.length >= 40 && !/(\b\w{1,2}|\b(\w\.)+\w?)\.$/.test(candidate)) {
        return candidate;
      }
    }
    return text;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function comparator(sort, evidenceRank) {
    var collator = window.Intl ? new Intl.Collator(undefined, { numeric: true }) : null;
    var byTitle = function (a, b) {
      return collator ? collator.compare(a.title, b.title) : a.title.localeCompare(b.title);
    };
    if (sort === "year") {
      return function (a, b) { return (b.year || 0) - (a.year || 0) || byTitle(a, b); };
    }
    if (sort === "evidence") {  // strongest first: the vocabulary lists levels that way
      var rank = function (r) {
        var key = (r.f.evidence || [])[0];
        return key in evidenceRank ? evidenceRank[key] : 99;
      };
      return function (a, b) { return rank(a) - rank(b) || byTitle(a, b); };
    }
    if (sort === "reviewed") {
      return function (a, b) {
        return a.reviewed < b.reviewed ? 1 : a.reviewed > b.reviewed ? -1 : byTitle(a, b);
      };
    }
    return byTitle;
  }

  function cssEscape(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : value.replace(/['\\]/g, "\\$&");
  }

  /* State lives in the query; where a browser refuses to rewrite a file:// URL, in the hash. */
  function readParams() {
    var hash = location.hash.charAt(1) === "?" ? location.hash.slice(2) : "";
    return new URLSearchParams(location.search.slice(1) || hash);
  }

  function writeParams(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.set("words", state.q);
    if (state.sort !== "relevance") params.set("sort", state.sort);
    Object.keys(state.facets).forEach(function (key) {
      state.facets[key].forEach(function (value) { params.append(key, value); });
    });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "");
    var current = location.search.slice(1) ||
      (location.hash.charAt(1) === "?" ? location.hash.slice(2) : "");
    var record = push && query !== current ? "pushState" : "replaceState";
    try {
      history[record](null, "", url);
    } catch (error) {
      history[record](null, "", location.pathname + location.search +
        (query ? "#?" + query : "#"));
    }
  }

  function init() {
    var root = document.querySelector(".cb-finder");
    if (!root || !window.CASEBOOK_DATA) return;
    readStrings();
    window.casebookFinder = new Finder(root, window.CASEBOOK_DATA);
    window.casebookFinder.start();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
