/*
 * Full-text search over every case study: the browser half of casebook.search.
 *
 * Nothing is loaded until a reader starts searching: then classic scripts are injected
 * (fetch() is blocked on file://): search/casebook-stemmer.js (the edition's vendored
 * stemmer), search/casebook-index.js (the documents and rules) and, for each first letter
 * of the words typed, search/casebook-index-<letter>.js (terms and postings; the format is
 * described in src/casebook/search/index.py). Queries go through the same steps as the index did at
 * build time, in the edition's language (index.language.code): English folds case and
 * accents, spells British -> American and Porter2-stems; French, Spanish and Arabic fold
 * (accents; Arabic diacritics, tatweel, alef and hamza forms) and give each word two terms,
 * the folded stem of the word as written and the stem of the folded word (normalise.py
 * says why). The rules (language*.yml) and the UI strings are shipped inside the index; the
 * stemmer file is the edition's own. Excerpts come from search/text/<id>.js,
 * one small script per case study, loaded only for the results on screen. Nothing here
 * builds HTML from data: callers get plain strings and build DOM text nodes.
 */
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}]+/gu;
  // A word in a case's text for excerpts, other than English: marks kept inside the word
  // (Arabic harakat), so that a vowelled word is one word.
  var MARKED_WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var TIER_WEIGHT = [0, 1, 3, 6];   // narrative, summary and labels, title and place
  var PREFIX_WEIGHT = 0.8;          // a word only begun counts a little less
  var MAX_PREFIX_WORDS = 60;
  var MIN_PREFIX = 2;               // one letter says too little to expand
  var ALL_WORDS = 1000;             // each query word matched outranks any weighting
  var PHRASE = 500;                 // the exact phrase in the title or place
  var script = document.currentScript;
  var BASE = script ? script.src.replace(/assets\/javascripts\/casebook-search\.js.*$/, "") : "";

  var state = { loading: false, ready: false, waiting: [], texts: {}, textWaiting: {},
                shards: {}, shardWaiting: {} };
  var index = null, lang = null, stemmer = null;
  var postingCache = Object.create(null), termCache = Object.create(null);
  var keyCache = Object.create(null);

  function fold(text) {
    return String(text || "").normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  }

  /* fold(), then the language's letters (Arabic ٱ ى ة ـ and digits; French œ æ). */
  function foldLetters(text) {
    var folded = fold(text);
    return lang.letterPattern ? folded.replace(lang.letterPattern, function (letter) {
      return lang.letters[letter];
    }) : folded;
  }

  /* Text as the non-English stemmers read it (normalise.written). */
  function written(text) {
    return String(text || "").toLowerCase().normalize("NFC").replace(/\p{Mn}/gu, "");
  }

  /* The folded words of a text, in order (normalise.Language.words). */
  function words(text) {
    if (!lang || !lang.two) return fold(text).match(WORD) || [];
    return (written(text).match(WORD) || []).map(foldLetters);
  }

  function spell(word) {
    if (Object.prototype.hasOwnProperty.call(lang.exact, word)) return lang.exact[word];
    for (var i = 0; i < lang.startKeys.length; i++) {
      var british = lang.startKeys[i];
      if (word.indexOf(british) === 0) return lang.starts[british] + word.slice(british.length);
    }
    var match = lang.ise && lang.ise.exec(word);
    if (match && !lang.iseExceptions[match[1]]) return match[1] + match[2] + "z" + match[3];
    return word;
  }

  function term(word) {
    var cached = termCache[word];
    // Words with a digit stay whole (the stemmer mistakes a final 3 for a y), as in Python.
    if (cached === undefined) cached = termCache[word] = /[0-9]/.test(word) ? word : stemmer(spell(word));
    return cached;
  }

  /* The index terms of one word (normalise.Language.keys): English, of a folded word, its
     one term; the other languages, of a word as written, the folded stem of the word and
     the stem of the folded word (one when equal). */
  function keys(word) {
    if (!lang.two) return [term(word)];
    var cached = keyCache[word];
    if (cached) return cached;
    var folded = foldLetters(word);
    if (/[0-9]/.test(folded)) return (keyCache[word] = [folded]);
    var first = foldLetters(stemmer(word)), second = stemmer(folded);
    return (keyCache[word] = first === second ? [first] : [first, second]);
  }

  /* [word, keys] for each word of a text, stopwords left out (Language.entries): the word
     folded (English: and spelled), as the shards' word lists hold it. */
  function entries(text) {
    var found = [];
    if (!lang.two) {
      words(text).forEach(function (w) { if (!lang.stopwords[w]) found.push([spell(w), [term(w)]]); });
      return found;
    }
    (written(text).match(WORD) || []).forEach(function (w) {
      var folded = foldLetters(w);
      if (!lang.stopwords[folded]) found.push([folded, keys(w)]);
    });
    return found;
  }

  function inject(src, onload) {
    var element = document.createElement("script");
    element.src = src;
    element.async = false;  // keep the stemmer before the index
    if (onload) element.onload = onload;
    element.onerror = function () { element.remove(); };
    document.head.appendChild(element);
  }

  /* Load the stemmer and the index once; call back when both are there. */
  function load(callback) {
    if (state.ready) { if (callback) callback(); return; }
    if (callback) state.waiting.push(callback);
    if (state.loading) return;
    state.loading = true;
    inject(BASE + "search/casebook-stemmer.js");
    inject(BASE + "search/casebook-index.js", prepare);
  }

  function prepare() {
    index = window.CASEBOOK_SEARCH_INDEX;
    stemmer = window.CASEBOOK_STEM;
    if (!index || !stemmer) return;
    var rules = index.language, letters = Object.keys(rules.letters || {});
    lang = { code: rules.code || "en", two: (rules.code || "en") !== "en",
             exact: rules.exact, starts: rules.starts, startKeys: Object.keys(rules.starts).sort(),
             ise: rules.iseEndings.length ?
               new RegExp("^(.{3,}?)([iy])s(" + rules.iseEndings.join("|") + ")$", "u") : null,
             iseExceptions: toSet(rules.iseExceptions), stopwords: toSet(rules.stopwords),
             synonyms: rules.synonyms, letters: rules.letters || {},
             letterPattern: letters.length ? new RegExp("[" + letters.map(function (l) {
               return l.replace(/[\\\]^-]/g, "\\$&");
             }).join("") + "]", "gu") : null };
    index.hasShard = toSet(index.shards);
    state.ready = true;
    var waiting = state.waiting;
    state.waiting = [];
    waiting.forEach(function (callback) { callback(); });
  }

  function toSet(list) {
    var set = Object.create(null);
    list.forEach(function (item) { set[item] = true; });
    return set;
  }

  /* First position in a sorted list whose item is >= key. */
  function lowerBound(list, key) {
    var low = 0, high = list.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (list[middle] < key) low = middle + 1; else high = middle;
    }
    return low;
  }

  /* -- shards: the terms, postings and words that begin with one letter */

  function shardKey(text) {
    var first = text.charAt(0);
    if (first >= "a" && first <= "z") return first;
    if (first >= "0" && first <= "9") return "0";
    // An Arabic letter: "u" and its code point in hex (index.shard_key).
    return first >= "\u0600" && first <= "\u06ff" ? "u" + first.charCodeAt(0).toString(16).padStart(4, "0") : "_";
  }

  function receiveShard(key, shard) {
    state.shards[key] = { terms: shard.terms.split(" "), postings: shard.postings.split(" "),
                          words: shard.words ? shard.words.split(" ") : [] };
    var waiting = state.shardWaiting[key] || [];
    delete state.shardWaiting[key];
    waiting.forEach(function (callback) { callback(); });
  }

  /* Call back once the shards that these texts' first letters need are all there. */
  function withShards(texts, callback) {
    var missing = [];
    texts.forEach(function (text) {
      var key = shardKey(text);
      if (index.hasShard[key] && !state.shards[key] && missing.indexOf(key) < 0) missing.push(key);
    });
    var left = missing.length;
    if (!left) { callback(); return; }
    missing.forEach(function (key) {
      var first = !state.shardWaiting[key];
      (state.shardWaiting[key] = state.shardWaiting[key] || []).push(function () {
        if (--left === 0) callback();
      });
      if (first) inject(BASE + "search/casebook-index-" + key + ".js");
    });
  }

  var EMPTY = { terms: [], postings: [], words: [] };
  function shardOf(text) { return state.shards[shardKey(text)] || EMPTY; }

  /* [document numbers, tiers] of one index term (decoded once, then cached). A term whose
     shard has not arrived yet (a prefix's completions can reach into one) reads as empty
     for now and is not cached: cached, it stayed empty after its shard came (an Arabic word
     typed letter by letter was not found). */
  function posting(t) {
    var cached = postingCache[t];
    if (cached) return cached;
    var shard = shardOf(t), position = lowerBound(shard.terms, t);
    if (shard === EMPTY) return { docs: [], tiers: [] };
    var docs = [], tiers = [];
    if (shard.terms[position] === t) {
      var entries = shard.postings[position].split(","), number = -1;
      for (var i = 0; i < entries.length; i++) {
        var value = parseInt(entries[i], 36);
        number += value >> 2;
        docs.push(number);
        tiers.push(value & 3);
      }
    }
    return (postingCache[t] = { docs: docs, tiers: tiers });
  }

  /* Index terms of the words that begin with `prefix` (shortest words first). */
  function prefixTerms(prefix) {
    var list = shardOf(prefix).words, found = [];
    for (var i = lowerBound(list, prefix); i < list.length && found.length < MAX_PREFIX_WORDS; i++) {
      if (list[i].indexOf(prefix) !== 0) break;
      found.push(list[i]);
    }
    var terms = Object.create(null);
    found.forEach(function (word) {
      keys(word).forEach(function (t) { terms[t] = true; });
    });
    return Object.keys(terms);
  }

  /* The query as clauses: each is one word (or a synonym group) every result should have.
     A clause has alternatives; an alternative is a list of terms that must all occur. */
  function parse(query) {
    var found = entries(query);
    var open = found.length && !/\s$/.test(query);  // the last word is still being typed
    var terms = found.map(function (e) { return e[1][0]; }), clauses = [];
    for (var i = 0; i < terms.length;) {
      var group = synonymAt(terms, i);
      if (group) {
        clauses.push({ alternatives: group.members, prefix: null });
        i += group.length;
        continue;
      }
      var last = i === terms.length - 1;
      var prefix = open && last && found[i][0].length >= MIN_PREFIX ? found[i][0] : null;
      // Each of the word's terms is an alternative (other languages: as written, folded).
      clauses.push({ alternatives: found[i][1].map(function (t) { return [t]; }), prefix: prefix });
      i++;
    }
    return clauses;
  }

  function synonymAt(terms, start) {
    for (var g = 0; g < lang.synonyms.length; g++) {
      var members = lang.synonyms[g];
      for (var m = 0; m < members.length; m++) {
        var member = members[m], k = 0;
        while (k < member.length && terms[start + k] === member[k]) k++;
        if (k === member.length) return { members: members, length: k };
      }
    }
    return null;
  }

  /* Score of one clause for every document (0: not matched); adds matched terms to `seen`. */
  function scoreClause(clause, n, seen) {
    var scores = new Float32Array(n);
    clause.alternatives.forEach(function (alternative) {
      var all = null;
      alternative.forEach(function (t) {
        var list = posting(t), own = new Float32Array(n);
        var idf = 1 + Math.log(n / (list.docs.length || 1));
        for (var i = 0; i < list.docs.length; i++) own[list.docs[i]] = TIER_WEIGHT[list.tiers[i]] * idf;
        if (list.docs.length) seen[t] = true;
        if (!all) { all = own; return; }
        for (var d = 0; d < n; d++) all[d] = all[d] && own[d] ? all[d] + own[d] : 0;
      });
      for (var d = 0; d < n; d++) if (all[d] > scores[d]) scores[d] = all[d];
    });
    if (clause.prefix) {
      prefixTerms(clause.prefix).forEach(function (t) {
        var list = posting(t), idf = 1 + Math.log(n / (list.docs.length || 1));
        if (list.docs.length) seen[t] = true;
        for (var i = 0; i < list.docs.length; i++) {
          var d = list.docs[i], value = TIER_WEIGHT[list.tiers[i]] * idf * PREFIX_WEIGHT;
          if (value > scores[d]) scores[d] = value;
        }
      });
    }
    return scores;
  }

  /* Every term and prefix a parsed query looks up. */
  function lookups(clauses) {
    var texts = [];
    clauses.forEach(function (clause) {
      clause.alternatives.forEach(function (alternative) { texts = texts.concat(alternative); });
      if (clause.prefix) texts.push(clause.prefix);
    });
    return texts;
  }

  /* Call back when search(query) can answer: index and the shards its words need loaded. */
  function prepareFor(query, callback) {
    load(function () { withShards(lookups(parse(query)), callback); });
  }

  /* Ranked results: {hits: [{id, title, place, score, all}], marks} for what excerpts mark;
     null while the index or a shard the query needs is still loading (see prepareFor). */
  function search(query) {
    if (!state.ready) return null;
    var clauses = parse(query), n = index.docs.length;
    var needed = lookups(clauses);
    for (var i = 0; i < needed.length; i++) {
      var key = shardKey(needed[i]);
      if (index.hasShard[key] && !state.shards[key]) return null;
    }
    var total = new Float32Array(n), matched = new Uint8Array(n), seen = Object.create(null);
    clauses.forEach(function (clause) {
      var scores = scoreClause(clause, n, seen);
      for (var d = 0; d < n; d++) if (scores[d]) { total[d] += scores[d]; matched[d]++; }
    });
    var phrase = words(query).join(" "), hits = [];
    for (var d = 0; d < n; d++) {
      if (!matched[d]) continue;
      var doc = index.docs[d], all = matched[d] === clauses.length;
      var score = matched[d] * ALL_WORDS + total[d];
      if (all && clauses.length > 1 && foldedTitle(d).indexOf(phrase) >= 0) {
        score += PHRASE;
      }
      // Pages carry a URL and a boost (below 1: the schema reference, contributor pages).
      var page = doc.length > 3;
      hits.push({ id: doc[0], title: doc[1], place: doc[2], score: score * (page ? doc[4] : 1),
                  all: all, kind: page ? "page" : "case",
                  url: page ? doc[3] : "case-studies/" + doc[0] + ".html" });
    }
    hits.sort(function (a, b) { return b.score - a.score; });
    var prefixes = clauses.filter(function (c) { return c.prefix; })
      .map(function (c) { return c.prefix; });
    return { hits: hits, clauses: clauses.length,
             marks: { terms: seen, prefixes: prefixes } };
  }

  /* Title and place of a document as folded words, for the phrase bonus (computed once). */
  function foldedTitle(d) {
    var cache = index.folded || (index.folded = []);
    if (cache[d] === undefined) cache[d] = words(index.docs[d][1] + " " + index.docs[d][2]).join(" ");
    return cache[d];
  }

  /* -- excerpts */

  function receiveText(id, sections) {
    state.texts[id] = sections;
    var waiting = state.textWaiting[id] || [];
    delete state.textWaiting[id];
    waiting.forEach(function (callback) { callback(sections); });
  }

  function withText(id, callback) {
    if (state.texts[id]) {  // later: the results on screen first, then their excerpts
      setTimeout(function () { callback(state.texts[id]); }, 0);
      return;
    }
    if (state.textWaiting[id]) { state.textWaiting[id].push(callback); return; }
    state.textWaiting[id] = [callback];
    inject(BASE + "search/text/" + encodeURIComponent(id) + ".js");
  }

  /* Whether a word of a case's text is one the search matched (remembered per search). */
  function isMarked(word, marks) {
    var seen = marks.seen || (marks.seen = Object.create(null));
    if (seen[word] === undefined) seen[word] = matches(word, marks);
    return seen[word];
  }

  function matches(word, marks) {
    if (!lang.two) {  // English, as since issue #11
      var folded = fold(word);
      if (lang.stopwords[folded]) return false;
      if (marks.terms[term(folded)]) return true;
      var spelled = spell(folded);
      return marks.prefixes.some(function (p) { return spelled.indexOf(p) === 0; });
    }
    var found = entries(word)[0];  // a word of the text: one entry, none for a stopword
    if (!found) return false;
    if (found[1].some(function (t) { return marks.terms[t]; })) return true;
    return marks.prefixes.some(function (p) { return found[0].indexOf(p) === 0; });
  }

  function textWords() { return lang.two ? MARKED_WORD : WORD; }

  /* The sentence that holds the most marked words, as [{text, mark}] parts (at most about
     `size` words, cut around the first mark), with the heading of its section. */
  function cut(sections, marks, size) {
    var best = null;
    sections.forEach(function (section) {
      section[1].split(/\n|(?<=[.!?])\s+/).forEach(function (sentence) {
        var distinct = Object.create(null), count = 0;
        (sentence.match(textWords()) || []).forEach(function (w) {
          if (isMarked(w, marks) && !distinct[w]) { distinct[w] = true; count++; }
        });
        if (count && (!best || count > best.count)) {
          best = { heading: section[0], sentence: sentence, count: count };
        }
      });
    });
    if (!best) return null;
    return { heading: best.heading, parts: parts(best.sentence, marks, size || 36) };
  }

  function parts(sentence, marks, size) {
    var tokens = [], last = 0, match, first = -1, pattern = textWords();
    pattern.lastIndex = 0;
    while ((match = pattern.exec(sentence))) {
      var marked = isMarked(match[0], marks);
      tokens.push({ start: match.index, end: match.index + match[0].length, mark: marked });
      if (marked && first < 0) first = tokens.length - 1;
    }
    var from = Math.max(0, Math.min(first - Math.floor(size / 3), tokens.length - size));
    var to = Math.min(tokens.length, from + size);
    var start = from ? tokens[from].start : 0, end = to < tokens.length ? tokens[to - 1].end : sentence.length;
    var out = [];
    if (from) out.push({ text: "… ", mark: false });
    last = start;
    for (var i = from; i < to; i++) {
      if (!tokens[i].mark) continue;
      if (tokens[i].start > last) out.push({ text: sentence.slice(last, tokens[i].start), mark: false });
      out.push({ text: sentence.slice(tokens[i].start, tokens[i].end), mark: true });
      last = tokens[i].end;
    }
    if (end > last) out.push({ text: sentence.slice(last, end), mark: false });
    if (to < tokens.length) out.push({ text: " …", mark: false });
    return out;
  }

  /* callback({heading, parts}) with the excerpt of one case for a search's marks. */
  function excerpt(id, marks, callback, size) {
    withText(id, function (sections) { callback(cut(sections, marks, size)); });
  }

  /* Append an excerpt's parts to an element as text nodes and <mark> elements. */
  function renderExcerpt(element, found) {
    element.textContent = "";
    if (!found) return;
    var label = document.createElement("span");
    label.className = "cb-excerpt__where";
    label.textContent = found.heading + ": ";
    element.appendChild(label);
    found.parts.forEach(function (part) {
      if (!part.mark) { element.appendChild(document.createTextNode(part.text)); return; }
      var mark = document.createElement("mark");
      mark.textContent = part.text;
      element.appendChild(mark);
    });
  }

  window.CasebookSearch = {
    base: BASE,
    load: load,
    ready: function () { return state.ready; },
    // How many case studies the index holds (pages not counted).
    size: function () {
      return state.ready ? index.docs.filter(function (d) { return d.length === 3; }).length : null;
    },
    search: search,
    prepareFor: prepareFor,
    receiveShard: receiveShard,
    excerpt: excerpt,
    renderExcerpt: renderExcerpt,
    text: withText,  // callback(sections) with a case's text: the finder's cards read its summary
    receiveText: receiveText,
    // For tests that compare the two halves: the index terms of a text, as the browser
    // makes them (Python: casebook.search.normalise.Language.terms: the first of each
    // word's; .all_terms: all of them).
    terms: function (text) {
      return state.ready ? entries(text).map(function (e) { return e[1][0]; }) : null;
    },
    keys: function (text) {
      return state.ready ? entries(text).map(function (e) { return e[1]; }) : null;
    },
    // The edition's language code, once the index is there.
    language: function () { return state.ready ? lang.code : null; },
    // The summary of a case's text (the first section; documents.document).
    summary: function (sections) { return sections && sections[0] ? sections[0][1] : null; },
    // One UI string of the index's catalogue section (search.*), {name} filled in; plural
    // forms chosen with Intl.PluralRules in the edition's language. null before the index.
    string: function (key, params) {
      if (!state.ready) return null;
      var entry = (index.strings || {})["search." + key];
      if (entry && typeof entry === "object") {
        var category = new Intl.PluralRules(lang.code).select(params.count);
        entry = entry[category] || entry.other;
      }
      return String(entry || "").replace(/\{(\w+)\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(params || {}, name) ? params[name] : all;
      });
    }
  };
})();
