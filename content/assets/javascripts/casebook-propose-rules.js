/* The cross-field rules of src/casebook/rules.py, for the "Propose a case study" form.
 *
 * One source of truth: the wording (message templates), the constants (evidence order,
 * editing-note phrases) and the regular expressions come from rules.form_rules() as inline
 * JSON; only the logic is repeated here, rule for rule in the order of rules.py.
 * tests/test_propose_messages.py runs one invalid record per rule through both and compares
 * path and message. casebook-propose.js calls CasebookProposeRules(record, data.rules, help).
 */
(function () {
  "use strict";

  function isInt(value) { return typeof value === "number" && Number.isInteger(value); }
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function get(data, path) {
    return path.reduce(function (node, key) { return isObject(node) ? node[key] : undefined; }, data);
  }
  // Python's \w is Unicode-aware; JavaScript's is not (the patterns use \w inside classes).
  function compile(pattern, flags) {
    return new RegExp(pattern.replace(/\\w/g, "\\p{L}\\p{N}_"), "u" + (flags || ""));
  }
  var PY_DIGITS = /^[\p{Nd}\u00B2\u00B3\u00B9\u2070\u2074-\u2079\u2080-\u2089]+$/u;  // str.isdigit

  function check(record, R, help) {
    if (!isObject(record)) return [];
    var brackets = compile(R.patterns.brackets, "g"), definition = compile(R.patterns.definition);
    var email = compile(R.patterns.email), phone = compile(R.patterns.phone, "g");
    var yearRange = compile("^(?:" + R.patterns.yearRange + ")$");
    var out = [];
    function say(key, values) {  // str.format over the templates rules.py prints
      return R.messages[key].replace(/\{(\w+)(!r)?\}/g, function (_, name, repr) {
        return repr ? help.repr(values[name]) : String(values[name]);
      });
    }
    function problem(path, key, values) { out.push({path: path, message: say(key, values || {})}); }

    function markers(text) {  // rules.marker_spans
      var found = [], afterLabel = -1, match;
      brackets.lastIndex = 0;
      while ((match = brackets.exec(text))) {
        var body = match[1], end = match.index + match[0].length;
        if (text.charAt(end) === ":" && definition.test(text.slice(0, match.index))) continue;
        if (/^[0-9]{1,3}$/.test(body) && match.index !== afterLabel) found.push(parseInt(body, 10));
        else if (!PY_DIGITS.test(body)) afterLabel = end;
      }
      return found;
    }
    function citedTexts() {
      var texts = [];
      if (isObject(record.narrative)) {
        Object.keys(record.narrative).forEach(function (key) {
          if (typeof record.narrative[key] === "string") {
            texts.push({path: ["narrative", key], text: record.narrative[key]});
          }
        });
      }
      R.citedFields.forEach(function (path) {
        var text = get(record, path);
        if (typeof text === "string") texts.push({path: path, text: text});
      });
      return texts;
    }
    function numberedReferences() {
      var refs = [];
      (Array.isArray(record.quotes) ? record.quotes : []).forEach(function (quote, i) {
        if (isObject(quote)) refs.push({path: ["quotes", i, "source"], number: quote.source});
      });
      R.sourceNumbers.forEach(function (path) { refs.push({path: path, number: get(record, path)}); });
      return refs;
    }
    function hasPlaceholder(node) {
      if (Array.isArray(node)) return node.some(hasPlaceholder);
      if (isObject(node)) return Object.keys(node).some(function (k) { return hasPlaceholder(node[k]); });
      return help.isPlaceholder(node);
    }
    var sources = Array.isArray(record.sources) ? record.sources : [];
    var count = sources.length, range = say("range", {count: count});

    // _case_substance
    if (record.kind === "case") {
      if (Array.isArray(record.sources) && count === 1) problem(["sources"], "one-source");
      var narrative = record.narrative;
      if (isObject(narrative)) {
        ["context", "actions", "outcomes"].forEach(function (key) {
          var text = narrative[key];
          if (key === "outcomes" && (text === undefined || text === null)) {
            problem(["narrative"], "no-outcomes");
          } else if (typeof text === "string" && !text.trim()) {
            problem(["narrative", key], "blank-section", {key: key});
          }
        });
      }
    }
    // _evaluation_needed
    var evaluation = record.evaluation;
    if (R.evaluated.indexOf(record.evidence) >= 0 && !has(record, "evaluation")) {
      problem(["evidence"], "evaluation-missing", {evidence: record.evidence});
    }
    // _independent_evaluator
    if (record.evidence === R.evaluated[1] && isObject(evaluation) &&
        evaluation.independent_of_programme === false) {
      problem(["evidence"], "independent-but-not");
    }
    // _independence_note
    if (isObject(evaluation) && !has(evaluation, "independence_note")) {
      var flags = ["independent_of_programme", "independent_of_publisher"].filter(function (key) {
        return evaluation[key] === false;
      });
      if (flags.length) problem(["evaluation", flags[0]], "independence-note", {flag: flags[0]});
    }
    // _marker_range
    var texts = citedTexts();
    texts.forEach(function (entry) {
      markers(entry.text).filter(function (n, i, all) { return all.indexOf(n) === i; })
        .sort(function (a, b) { return a - b; }).forEach(function (number) {
          if (!(number >= 1 && number <= count)) {
            problem(entry.path, "marker-unknown", {number: number, range: range});
          }
        });
    });
    // _source_numbers
    var refs = numberedReferences();
    if (Array.isArray(record.sources)) {
      refs.forEach(function (ref) {
        if (isInt(ref.number) && !(ref.number >= 1 && ref.number <= count)) {
          problem(ref.path, "source-unknown", {number: ref.number, range: range});
        }
      });
    }
    // _sources_cited (True counts as 1 in Python's set of numbers)
    if (count && !hasPlaceholder(record)) {
      var cited = {};
      texts.forEach(function (entry) { markers(entry.text).forEach(function (n) { cited[n] = 1; }); });
      refs.forEach(function (ref) {
        if (isInt(ref.number) || typeof ref.number === "boolean") cited[Number(ref.number)] = 1;
      });
      sources.forEach(function (_, i) {
        if (!cited[i + 1]) problem(["sources", i], "never-cited", {number: i + 1});
      });
    }
    // _owner_is_an_office
    var owner = record.owner;
    if (isObject(owner)) {
      [["name", [hasEmail, hasPhone]], ["url", [hasEmail]]].forEach(function (rule) {
        var value = owner[rule[0]], found = null;
        if (typeof value === "string") {
          rule[1].some(function (test) { found = test(value); return found; });
        }
        if (found) problem(["owner", rule[0]], "owner-contact", {found: found});
      });
    }
    // _summary_markers
    var inSummary = typeof record.summary === "string" ? markers(record.summary) : [];
    if (inSummary.length) problem(["summary"], "summary-marker", {number: inSummary[0]});
    // _source_machinery
    sources.forEach(function (source, i) {
      ["title", "locator"].forEach(function (key) {
        var text = isObject(source) ? source[key] : undefined;
        if (typeof text !== "string") return;
        var folded = text.toLowerCase();
        var phrase = R.machinery.filter(function (p) { return folded.indexOf(p) >= 0; })[0];
        if (phrase) problem(["sources", i, key], "machinery", {phrase: phrase});
      });
    });
    // _years
    var years = record.years;
    if (isObject(years) && isInt(years.end)) {
      if (isInt(years.start) && years.end < years.start) {
        problem(["years", "end"], "end-before-start", {end: years.end, start: years.start});
      } else if (years.ongoing === true && years.end < help.year) {
        problem(["years", "ongoing"], "ongoing-ended", {end: years.end});
      }
    }
    // _mention_evidence
    var order = R.evidenceOrder, ceiling = order.indexOf(R.mentionCeiling);
    if (record.kind === "mention" && ceiling >= 0 && order.indexOf(record.evidence) >= 0 &&
        order.indexOf(record.evidence) < ceiling) {
      problem(["evidence"], "mention-overclaims",
        {evidence: record.evidence, allowed: order.slice(ceiling).join(" or ")});
    }
    return out;

    function hasEmail(text) { return email.test(text) ? say("email") : null; }
    function hasPhone(text) {
      phone.lastIndex = 0;
      var match;
      while ((match = phone.exec(text))) {
        var digits = match[0].replace(/[^0-9]/g, "");
        if (digits.length >= 7 && !yearRange.test(match[0].trim())) return say("phone");
      }
      return null;
    }
  }

  window.CasebookProposeRules = check;
})();
