/* "Propose a case study": a form built from the case-study schema that writes a valid
 * <id>.yml without git, offline and from file://.
 *
 * One source of truth: the schema, vocabularies, countries and ids come from the build as
 * inline JSON (src/casebook/pages/propose.py). The checks below mirror jsonschema for the
 * keywords our schema uses and word every problem exactly as src/casebook/messages.py does;
 * tests/test_propose_messages.py runs both over the same invalid records and compares.
 * YAML is read with the vendored js-yaml event parser and values are built the way
 * src/casebook/loader.py builds them (YAML 1.2 core scalars, no anchors or tags); YAML is
 * written so that loader reads back the same data (tests/test_propose_browser.py).
 */
(function () {
  "use strict";

  var dataElement = document.getElementById("cb-propose-data");
  if (!dataElement) return;
  var DATA = JSON.parse(dataElement.textContent);
  var SCHEMA = DATA.schema;
  var STORAGE_KEY = "casebook-propose-draft";

  // ------------------------------------------------------------ Python-compatible wording

  var NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;

  function chars(text) { return Array.from(text); }

  function hex(code, width) {
    var text = code.toString(16);
    while (text.length < width) text = "0" + text;
    return text;
  }

  // Python's repr(): how messages quote a value.
  function pyRepr(value) {
    if (value === null || value === undefined) return "None";
    if (value === true) return "True";
    if (value === false) return "False";
    if (typeof value === "number") return String(value);
    if (Array.isArray(value)) return "[" + value.map(pyRepr).join(", ") + "]";
    if (typeof value === "object") {
      return "{" + Object.keys(value).map(function (k) {
        return pyRepr(k) + ": " + pyRepr(value[k]);
      }).join(", ") + "}";
    }
    var quote = value.indexOf("'") >= 0 && value.indexOf('"') < 0 ? '"' : "'";
    var out = chars(value).map(function (ch) {
      var code = ch.codePointAt(0);
      if (ch === "\\") return "\\\\";
      if (ch === quote) return "\\" + quote;
      if (ch === "\t") return "\\t";
      if (ch === "\n") return "\\n";
      if (ch === "\r") return "\\r";
      if (code < 0x20 || code === 0x7f || NON_PRINTABLE.test(ch)) {
        if (code < 0x100) return "\\x" + hex(code, 2);
        if (code < 0x10000) return "\\u" + hex(code, 4);
        return "\\U" + hex(code, 8);
      }
      return ch;
    });
    return quote + out.join("") + quote;
  }

  function short(value, limit) {
    limit = limit || 60;
    var text = chars(pyRepr(value));
    return text.length <= limit ? text.join("") : text.slice(0, limit - 1).join("") + "…'";
  }

  function describeValue(value) {
    if (value === null || value === undefined) return "nothing (an empty value)";
    if (typeof value === "boolean") return "the boolean " + String(value);
    if (typeof value === "number") return "the number " + String(value);
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "a mapping";
    var text = chars(pyRepr(value));
    return "the text " + (text.length <= 60 ? text.join("")
      : text.slice(0, 59).join("") + "\u2026" + text[0]);
  }

  // difflib.get_close_matches(word, options, n=1, cutoff=0.6), ported from CPython.
  function matchingCharacters(a, b) {
    var b2j = {};
    b.forEach(function (ch, j) { (b2j[ch] = b2j[ch] || []).push(j); });
    if (b.length >= 200) {  // difflib's autojunk: drop very common characters
      var ntest = Math.floor(b.length / 100) + 1;
      Object.keys(b2j).forEach(function (ch) { if (b2j[ch].length > ntest) delete b2j[ch]; });
    }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = {};
      for (var i = alo; i < ahi; i++) {
        var next = {}, js = b2j[a[i]] || [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = next[j] = (j2len[j - 1] || 0) + 1;
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
        besti--; bestj--; bestsize++;
      }
      while (besti + bestsize < ahi && bestj + bestsize < bhi &&
             a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    var total = 0, queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        total += m[2];
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    return total;
  }

  function closeMatch(word, options) {
    var b = chars(word), best = null;
    options.forEach(function (option) {
      var a = chars(option);
      var ratio = a.length + b.length ? 2 * matchingCharacters(a, b) / (a.length + b.length) : 1;
      if (ratio >= 0.6 && (!best || ratio > best[0] || (ratio === best[0] && option > best[1]))) {
        best = [ratio, option];
      }
    });
    return best && best[1];
  }

  function didYouMean(value, options) {
    var close = closeMatch(value.toLowerCase(), options);
    return close ? " Did you mean '" + close + "'?" : "";
  }

  // messages.slugify
  var LETTERS = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H"};
  function slugify(text) {
    var ascii = chars(text).map(function (c) { return LETTERS[c] || c; }).join("")
      .normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    var words = ascii.toLowerCase().match(/[a-z0-9]+/g) || [];
    return words.join("-").slice(0, 80).replace(/^-+|-+$/g, "");
  }

  // ------------------------------------------------------------ countries

  var COUNTRIES = DATA.countries;
  function countryCode(text) {  // pycountry.countries.lookup(text).alpha_2, or null
    return COUNTRIES.lookup[String(text).toLowerCase()] || null;
  }
  function isAlpha2(value) {  // pycountry.countries.get(alpha_2=value) is not None
    return Object.prototype.hasOwnProperty.call(COUNTRIES.names, String(value).toUpperCase()) &&
      String(value).length === 2;
  }
  function countryHint(value) {
    if (typeof value !== "string") return "; use two capital letters, e.g. NO for Norway";
    var code = COUNTRIES.aliases[value.trim().toUpperCase()] || countryCode(value) ||
      (chars(value).length === 2 && isAlpha2(value) ? value.toUpperCase() : null);
    if (code) return "; did you mean " + code + " (" + COUNTRIES.names[code] + ")?";
    return "; use two capital letters, e.g. NO for Norway, KE for Kenya";
  }

  // ------------------------------------------------------------ formats (schema.py)

  function isRealDate(y, m, d) {
    var date = new Date(Date.UTC(y, m - 1, d));
    return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 &&
      date.getUTCDate() === d;
  }
  function isDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return !!m && isRealDate(+m[1], +m[2], +m[3]);
  }
  function isPartialDate(value) {
    var padded = {4: "-01-01", 7: "-01", 10: ""}[value.length];
    if (padded === undefined) return false;
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value + padded);
    return !!m && isRealDate(+m[1], +m[2], +m[3]);
  }
  function isHttpUrl(value) {  // schema.is_http_url, after urllib.parse.urlsplit
    if (/[\s\x00-\x1f]/.test(value)) return false;
    var m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(value);
    if (!m || ["http", "https"].indexOf(m[1].toLowerCase()) < 0) return false;
    if (m[2].slice(0, 2) !== "//") return false;
    var netloc = m[2].slice(2).split(/[/?#]/)[0];
    var host = netloc.slice(netloc.lastIndexOf("@") + 1);
    if (host.charAt(0) === "[") {
      return host.indexOf("]") > 1;
    }
    return host.split(":")[0].length > 0;
  }
  var FORMATS = {
    "date": isDate,
    "partial-date": isPartialDate,
    "http-url": isHttpUrl,
    "iso3166-alpha2": isAlpha2,
    "casebook-id": function (v) { return DATA.reserved.indexOf(v) < 0; }
  };

  // ------------------------------------------------------------ the checks (jsonschema)

  function kind(value) {
    if (value === null || value === undefined) return "null";
    if (Array.isArray(value)) return "array";
    return typeof value;
  }
  function isType(value, type) {
    switch (type) {
      case "string": return typeof value === "string";
      case "integer": return typeof value === "number" && Number.isInteger(value);
      case "number": return typeof value === "number";
      case "boolean": return typeof value === "boolean";
      case "array": return Array.isArray(value);
      case "object": return kind(value) === "object";
      case "null": return value === null;
    }
    return true;
  }
  function sameValue(a, b) { return canonical(a) === canonical(b); }
  function canonical(value) {  // json.dumps(value, sort_keys=True)
    if (kind(value) !== "object") return JSON.stringify(Array.isArray(value) ? value.map(function (v) {
      return JSON.parse(canonical(v));
    }) : value);
    var keys = Object.keys(value).sort();
    return "{" + keys.map(function (k) { return JSON.stringify(k) + ":" + canonical(value[k]); })
      .join(",") + "}";
  }

  // Each error: {keyword, node (the schema), value, path, limit}; explained afterwards.
  function checkNode(node, value, path, out) {
    function fail(keyword, limit) {
      out.push({keyword: keyword, node: node, value: value, path: path, limit: limit});
    }
    if (node.type && !isType(value, node.type)) fail("type", node.type);
    if (node.enum && !node.enum.some(function (e) { return sameValue(e, value); })) {
      fail("enum", node.enum);
    }
    if (typeof value === "string") {
      var length = chars(value).length;
      if (node.minLength !== undefined && length < node.minLength) fail("minLength", node.minLength);
      if (node.maxLength !== undefined && length > node.maxLength) fail("maxLength", node.maxLength);
      if (node.pattern && !new RegExp(node.pattern, "u").test(value)) fail("pattern", node.pattern);
      if (node.format && FORMATS[node.format] && !FORMATS[node.format](value)) fail("format", node.format);
    }
    if (typeof value === "number") {
      if (node.minimum !== undefined && value < node.minimum) fail("minimum", node.minimum);
      if (node.maximum !== undefined && value > node.maximum) fail("maximum", node.maximum);
    }
    if (Array.isArray(value)) {
      if (node.minItems !== undefined && value.length < node.minItems) fail("minItems", node.minItems);
      if (node.maxItems !== undefined && value.length > node.maxItems) fail("maxItems", node.maxItems);
      if (node.uniqueItems) {
        var seen = {};
        if (value.some(function (v) { var k = canonical(v); var dup = seen[k]; seen[k] = 1; return dup; })) {
          fail("uniqueItems", true);
        }
      }
      if (node.items) value.forEach(function (item, i) { checkNode(node.items, item, path.concat([i]), out); });
    }
    if (kind(value) === "object") {
      (node.required || []).forEach(function (name) {
        if (!Object.prototype.hasOwnProperty.call(value, name)) {
          out.push({keyword: "required", node: node, value: value, path: path, limit: name});
        }
      });
      var properties = node.properties || {};
      Object.keys(value).forEach(function (key) {
        if (Object.prototype.hasOwnProperty.call(properties, key)) {
          checkNode(properties[key], value[key], path.concat([key]), out);
        }
      });
      if (node.additionalProperties === false) {
        var extras = Object.keys(value).filter(function (k) {
          return !Object.prototype.hasOwnProperty.call(properties, k);
        });
        if (extras.length) out.push({keyword: "additionalProperties", node: node, value: value,
                                     path: path, limit: extras[0]});
      }
    }
  }

  // ------------------------------------------------------------ wording (messages.py)

  var TYPE_NAMES = {string: "text", integer: "a whole number", number: "a number",
    boolean: "true or false", array: "a list", object: "a mapping of fields"};

  function explainEmpty(node) {
    var options = node.enum || (node.items || {}).enum;
    var choose = options ? "; choose one of: " + options.map(String).join(", ") : "; fill it in";
    return "the value is empty" + choose + " (or delete the field if it is optional)";
  }

  var EXPLAIN = {
    required: function (e) {
      var name = e.limit, path = e.path;
      var description = ((e.node.properties || {})[name] || {}).description || "";
      var last = path[path.length - 1];
      var where = !path.length ? "at the top level of the file" : typeof last === "string"
        ? "inside '" + last + "'" : "to entry " + (last + 1) + " of '" + path[path.length - 2] + "'";
      return {target: path.concat([name]), message: description
        ? "missing required field '" + name + "' (" + description.replace(/\.+$/, "") +
          "); add '" + name + ":' " + where
        : "missing required field '" + name + "'; add '" + name + ":' " + where};
    },
    additionalProperties: function (e) {
      var allowed = Object.keys(e.node.properties || {});
      var hint = didYouMean(e.limit, allowed) || " Allowed here: " + allowed.join(", ") + ".";
      return {path: e.path.concat([e.limit]), message: "unknown field '" + e.limit + "'." + hint};
    },
    enum: function (e) {
      if (e.value === null) return explainEmpty(e.node);
      var name = e.node["x-vocabulary"], options = e.limit.map(String);
      var where = name ? "the " + name + " vocabulary (schema/vocabularies/" + name + ".yml)"
        : "the allowed values";
      var hint = (typeof e.value === "string" ? didYouMean(e.value, options) : "") ||
        " Choose one of: " + options.join(", ") + ".";
      return short(e.value) + " is not a term in " + where + "." + hint;
    },
    type: function (e) {
      var expected = e.limit, got = e.value, hint = "";
      var wanted = [].concat(expected).map(function (t) { return TYPE_NAMES[t] || t; }).join(" or ");
      if (expected === "string" && got !== null && kind(got) !== "array" && kind(got) !== "object") {
        hint = "; put the value in quotes so it is read as text";
      } else if (expected === "array" && typeof got === "string") {
        hint = "; write it as a list: [" + got + "] or one '- " + got + "' per line";
      } else if ((expected === "integer" || expected === "number") && typeof got === "string" &&
                 /^[0-9][0-9,. _']*$/.test(got.trim())) {
        hint = "; write the digits only, without quotes or separators, e.g. " + got.replace(/[^0-9]/g, "");
      } else if (got === null) {
        return explainEmpty(e.node);
      }
      return "expected " + wanted + ", got " + describeValue(got) + hint;
    },
    format: function (e) {  // templates from casebook/formats.py
      var value = e.value;
      var template = DATA.formats[e.limit];
      if (!template) return short(value) + " is not a valid " + e.limit;
      var hint = e.limit === "iso3166-alpha2" ? countryHint(value) : "";
      return template.replace(/\{(value|raw|hint)\}/g, function (_, name) {
        return {value: short(value), raw: value, hint: hint}[name];
      });
    },
    pattern: function (e) {
      var value = e.value, path = e.path, leaf = path.length ? path[path.length - 1] : "";
      if (/[\n\r]/.test(value)) {
        return short(value) + " runs over several lines; this field is one line of text: " +
          "write it on the same line as the field name, without | or >";
      }
      if (leaf === "id" || (path.length >= 2 && path[0] === "related")) {
        var fixed = slugify(value);
        return short(value) + " is not a valid id: use lowercase letters a-z, digits and " +
          "single hyphens" + (fixed ? ", e.g. '" + fixed + "'" : "");
      }
      if (leaf === "country") return short(value) + " is not a country code" + countryHint(value);
      if (["accessed", "last_reviewed", "date"].indexOf(leaf) >= 0) {
        return short(value) + " is not a date in the form YYYY-MM-DD (quotes are fine)";
      }
      return short(value) + " does not have the expected form";
    },
    minLength: explainLength, maxLength: explainLength,
    minItems: explainLength, maxItems: explainLength,
    minimum: explainRange, maximum: explainRange,
    uniqueItems: function (e) {
      var seen = {}, dupes = [];
      e.value.forEach(function (item) {
        var k = canonical(item);
        if (seen[k]) dupes.push(item);
        seen[k] = 1;
      });
      return "lists " + (dupes.length ? short(dupes[0]) : "an item") + " twice; keep it once";
    }
  };

  function explainLength(e) {
    var value = e.value, limit = e.limit, isText = typeof value === "string";
    var size = isText ? chars(value).length : value.length;
    var unit = (isText ? "character" : "item") + (size !== 1 ? "s" : "");
    var shown = isText ? short(value) + " has" : "has";
    if (e.keyword === "minLength" || e.keyword === "minItems") {
      if (size === 0) {
        if (isText) return explainEmpty(e.node);
        var options = (e.node.items || {}).enum;
        return "is an empty list; add at least one item" +
          (options ? ", one of: " + options.map(String).join(", ") : "");
      }
      return shown + " " + size + " " + unit + "; at least " + limit + " are needed — write more";
    }
    return shown + " " + size + " " + unit + "; at most " + limit + " are allowed — shorten it";
  }

  function explainRange(e) {
    var texts = e.node["x-text"] || {};  // limits Python prints as floats (propose.py)
    var low = texts.minimum || e.node.minimum, high = texts.maximum || e.node.maximum;
    var allowed = low !== undefined && high !== undefined
      ? "use a number from " + low + " to " + high : "the " + e.keyword + " is " + (texts[e.keyword] || e.limit);
    return e.value + " is too " + (e.keyword === "minimum" ? "small" : "large") + "; " + allowed;
  }

  function formatPath(path) {
    return "$" + path.map(function (p) { return typeof p === "number" ? "[" + p + "]" : "." + p; })
      .join("");
  }

  function isPlaceholder(value) {
    return typeof value === "string" && value.replace(/^\s+/, "").indexOf(DATA.placeholder) === 0;
  }

  function placeholders(value, path, out) {
    if (Array.isArray(value)) {
      value.forEach(function (v, i) { placeholders(v, path.concat([i]), out); });
    } else if (kind(value) === "object") {
      Object.keys(value).forEach(function (k) { placeholders(value[k], path.concat([k]), out); });
    } else if (isPlaceholder(value)) {
      out.push({path: path, message: "placeholder " + short(value.trim()) + " is still here; " +
        (isRequired(path) ? "replace it with the real value (this field is required)"
          : "replace it with the real value, or delete the field if it is optional")});
    }
  }

  // limits.check_text's blank test: whitespace and characters that show nothing only.
  var BLANK = new RegExp("^[\\s\\p{Cf}\\p{Cc}\\p{Zs}\\p{Zl}\\p{Zp}\\p{Mn}\\p{Cn}" +
    DATA.blank.letters + "]+$", "u");
  function blanks(value, path, out) {
    if (Array.isArray(value)) {
      value.forEach(function (v, i) { blanks(v, path.concat([i]), out); });
    } else if (kind(value) === "object") {
      Object.keys(value).forEach(function (k) { blanks(value[k], path.concat([k]), out); });
    } else if (typeof value === "string" && BLANK.test(value)) {
      out.push({path: path, message: DATA.blank.message});
    }
  }

  function isRequired(path) {  // messages.is_required
    var node = SCHEMA, required = true;
    path.forEach(function (part) {
      if (typeof part === "number") { node = node.items || {}; return; }
      required = (node.required || []).indexOf(part) >= 0;
      node = (node.properties || {})[part] || {};
    });
    return required;
  }

  // validate.validate_document + the cross-file rules the browser can know (ids).
  function validate(record) {
    var errors = [];
    checkNode(SCHEMA, record, [], errors);
    var formatted = {};
    errors.forEach(function (e) { if (e.keyword === "format") formatted[JSON.stringify(e.path)] = 1; });
    var problems = [];
    errors.forEach(function (e) {
      if (e.keyword === "pattern" && formatted[JSON.stringify(e.path)]) return;
      if (isPlaceholder(e.value)) return;
      var result = EXPLAIN[e.keyword](e);
      if (typeof result === "string") result = {message: result};
      var path = result.path || e.path;
      problems.push({path: path, target: result.target || path, message: result.message});
    });
    placeholders(record, [], problems);
    if (kind(record) === "object") crossField(record, problems);
    blanks(record, [], problems);
    var seen = {};
    return problems.filter(function (p) {
      p.where = formatPath(p.path);
      p.target = p.target || p.path;
      var key = p.where + "\n" + p.message;
      if (seen[key]) return false;
      seen[key] = 1;
      return true;
    });
  }

  function crossField(record, problems) {
    // casebook.rules (casebook-propose-rules.js, wording from rules.form_rules()).
    [].push.apply(problems, window.CasebookProposeRules(record, DATA.rules, {
      repr: pyRepr, isPlaceholder: isPlaceholder, year: parseInt(DATA.today, 10)}));
    var related = Array.isArray(record.related) ? record.related : [];
    var ids = DATA.ids.slice();
    if (typeof record.id === "string" && ids.indexOf(record.id) < 0) ids.push(record.id);
    ids.sort();
    related.forEach(function (other, i) {
      if (other === record.id) {
        problems.push({path: ["related", i], message: "a case study cannot be related to " +
          "itself; remove this entry"});
      } else if (typeof other === "string" && ids.indexOf(other) < 0) {
        problems.push({path: ["related", i], message: "no case study has id " + pyRepr(other) +
          "." + (didYouMean(other, ids) || " Check case_studies/ for its id.")});
      }
    });
  }

  // ------------------------------------------------------------ YAML in (loader.py)

  var NULLS = ["", "~", "null", "Null", "NULL"], TRUES = ["true", "True", "TRUE"],
    FALSES = ["false", "False", "FALSE"];
  function resolvePlain(value) {
    if (NULLS.indexOf(value) >= 0) return null;
    if (TRUES.indexOf(value) >= 0) return true;
    if (FALSES.indexOf(value) >= 0) return false;
    if (value.length > 40) return value;
    if (/^[-+]?(?:0|[1-9][0-9]*)$/.test(value)) return parseInt(value, 10);
    if (/^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(value) &&
        !/^[-+]?0[0-9]/.test(value)) {
      var number = parseFloat(value);
      return isFinite(number) ? number : value;
    }
    return value;
  }

  function fromYaml(text) {
    var Y = window.jsyaml, ID = Y.EVENT_ID;
    var events = Y.parseEvents(text.replace(/^\ufeff/, ""), {maxDepth: 12});
    var at = 0, documents = 0, root;
    function scalar(e) {
      if (e.anchorStart >= 0 || e.tagStart >= 0) {
        throw new Error("anchors and tags are not allowed in a case study");
      }
      var value = Y.getScalarValue(text, e);
      return e.style === Y.SCALAR_STYLE.PLAIN ? resolvePlain(value) : value;
    }
    function node() {
      var e = events[at++];
      if (e.type === ID.ALIAS) throw new Error("aliases are not allowed in a case study");
      if (e.type === ID.SCALAR) return scalar(e);
      if (e.anchorStart >= 0 || e.tagStart >= 0) {
        throw new Error("anchors and tags are not allowed in a case study");
      }
      if (e.type === ID.SEQUENCE) {
        var list = [];
        while (events[at].type !== ID.POP) list.push(node());
        at++;
        return list;
      }
      var map = {};
      while (events[at].type !== ID.POP) {
        var keyEvent = events[at];
        var key = keyEvent.type === ID.SCALAR ? Y.getScalarValue(text, keyEvent) : null;
        at++;
        if (key === null) throw new Error("keys must be plain words such as 'title'");
        if (Object.prototype.hasOwnProperty.call(map, key)) {
          throw new Error("duplicate key '" + key + "'; keep one of them");
        }
        map[key] = node();
      }
      at++;
      return map;
    }
    while (at < events.length) {
      var e = events[at++];
      if (e.type === ID.DOCUMENT) {
        if (++documents > 1) throw new Error("a file holds one case study; remove the second document");
        root = node();
        at++;  // the document's end
      }
    }
    if (kind(root) !== "object") throw new Error("the top level must be a mapping of fields");
    return root;
  }

  // ------------------------------------------------------------ YAML out

  var PLAIN_SAFE = /^[\p{L}\p{N}][\p{L}\p{N} ,.()'’/_-]*$/u;
  var ESCAPE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/g;

  function quoted(text) {
    return JSON.stringify(text).replace(ESCAPE, function (ch) {
      return "\\u" + hex(ch.charCodeAt(0), 4);
    });
  }

  function yamlString(text, indent) {
    if (PLAIN_SAFE.test(text) && typeof resolvePlain(text) === "string" && text.trim() === text &&
        !/[:#]/.test(text)) return text;
    // A literal block (|) keeps Markdown readable; anything it could not carry exactly is
    // written double-quoted instead.
    var blockable = text.indexOf("\n") >= 0 && /\S/.test(text) &&
      !/[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(text) &&
      !/(^|\n)[ ]+(\n|$)/.test(text);
    if (!blockable) return quoted(text);
    var lines = text.split("\n");
    var trailing = /\n+$/.exec(text);
    var chomp = !trailing ? "-" : trailing[0].length === 1 ? "" : "+";
    if (trailing) lines = lines.slice(0, lines.length - trailing[0].length);
    var pad = new Array(indent + 3).join(" ");
    // An explicit indentation indicator when the text starts with a space or a blank line.
    var indicator = /^[ \n]/.test(text) ? "2" : "";
    var body = lines.map(function (line) { return line ? pad + line : ""; });
    if (chomp === "+") for (var i = 1; i < trailing[0].length; i++) body.push("");
    return "|" + indicator + chomp + "\n" + body.join("\n");
  }

  function yamlKey(key) {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && typeof resolvePlain(key) === "string"
      ? key : quoted(key);
  }

  function orderedKeys(value, node) {
    var known = Object.keys((node && node.properties) || {});
    return known.filter(function (k) { return Object.prototype.hasOwnProperty.call(value, k); })
      .concat(Object.keys(value).filter(function (k) { return known.indexOf(k) < 0; }));
  }

  function yamlScalar(value, indent) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    return yamlString(value, indent);
  }

  function writeValue(value, node, indent, lines, prefix) {
    var pad = new Array(indent + 1).join(" ");
    if (Array.isArray(value)) {
      if (!value.length) { lines.push(prefix + " []"); return; }
      lines.push(prefix);
      var items = (node && node.items) || {};
      value.forEach(function (item) {
        if (kind(item) === "object" && Object.keys(item).length) {
          var sub = [];
          writeMapping(item, items, indent + 4, sub);
          sub[0] = pad + "  - " + sub[0].slice(indent + 4);
          lines.push.apply(lines, sub);
        } else if (Array.isArray(item) && item.length) {
          lines.push(pad + "  - " + quoted(JSON.stringify(item)));  // never in a case study
        } else {
          lines.push(pad + "  - " + (kind(item) === "object" ? "{}" : Array.isArray(item) ? "[]"
            : yamlScalar(item, indent + 2)));
        }
      });
    } else if (kind(value) === "object") {
      if (!Object.keys(value).length) { lines.push(prefix + " {}"); return; }
      lines.push(prefix);
      writeMapping(value, node, indent + 2, lines);
    } else {
      lines.push(prefix + " " + yamlScalar(value, indent));
    }
  }

  function writeMapping(value, node, indent, lines) {
    var pad = new Array(indent + 1).join(" ");
    orderedKeys(value, node).forEach(function (key) {
      var sub = ((node && node.properties) || {})[key];
      writeValue(value[key], sub, indent, lines, pad + yamlKey(key) + ":");
    });
  }

  function toYaml(record) {
    var lines = [DATA.modeline];
    writeMapping(record, SCHEMA, 0, lines);
    return lines.join("\n") + "\n";
  }

  // Exposed for the tests and for anyone scripting the page.
  window.CasebookPropose = {validate: validate, toYaml: toYaml, fromYaml: fromYaml,
    slugify: slugify, prUrl: prUrl};

  // ------------------------------------------------------------ the form

  var root = document.getElementById("cb-propose");
  var fieldsBox = document.getElementById("cb-propose-fields");
  var statusBox = document.getElementById("cb-propose-status");
  var summaryBox = document.getElementById("cb-propose-summary");
  var yamlBox = document.getElementById("cb-propose-yaml");
  var state = {}, shown = {}, showAll = false, undo = null, idFromTitle = true;

  function humanize(key) {
    var text = key.replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  var LABELS = {id: "Id (becomes the file name)", lat: "Latitude", lon: "Longitude",
    url: "Web address", count: "Population"};

  function domId(prefix, path) { return prefix + "-" + path.join("-"); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function getAt(path) {
    var value = state;
    for (var i = 0; i < path.length; i++) {
      if (value === null || typeof value !== "object") return undefined;
      value = value[path[i]];
    }
    return value;
  }

  // Set a value, creating mappings on the way; `undefined` deletes it and prunes mappings
  // left empty, so an untouched optional group never reaches the file.
  function setAt(path, value) {
    var parents = [state];
    var target = state;
    for (var i = 0; i < path.length - 1; i++) {
      if (target[path[i]] === null || typeof target[path[i]] !== "object") {
        if (value === undefined) return;
        target[path[i]] = typeof path[i + 1] === "number" ? [] : {};
      }
      target = target[path[i]];
      parents.push(target);
    }
    var last = path[path.length - 1];
    if (value === undefined) delete target[last];
    else target[last] = value;
    for (var j = path.length - 1; j > 0; j--) {
      var holder = parents[j];
      if (kind(holder) === "object" && !Object.keys(holder).length && typeof path[j - 1] === "string") {
        delete parents[j - 1][path[j - 1]];
      } else break;
    }
  }

  function describedBy(path) { return domId("h", path) + " " + domId("e", path); }

  function hintAndError(node, path, extra) {
    return [el("p", {class: "cb-propose__hint", id: domId("h", path),
                     text: (node.description || "") + (extra ? " " + extra : "")}),
            el("p", {class: "cb-propose__error", id: domId("e", path)})];
  }

  function labelText(key, required) {
    return (LABELS[key] || humanize(key)) + (required ? " (required)" : " (optional)");
  }

  function shownValue(value) {
    if (value === undefined || value === null) return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  function textField(node, path, required) {
    var key = path[path.length - 1], value = getAt(path), long = isLongText(node);
    var isCountry = node.format === "iso3166-alpha2";
    var isNumber = node.type === "integer" || node.type === "number";
    var attrs = {id: domId("f", path), "data-path": JSON.stringify(path), "data-kind":
      isCountry ? "country" : isNumber ? "number" : "text", "aria-describedby": describedBy(path),
      "aria-required": required ? "true" : null, spellcheck: isNumber || isCountry ? "false" : null,
      autocomplete: "off"};
    var input;
    if (long) {
      input = el("textarea", Object.assign(attrs, {rows: node.maxLength > 5000 ? 6 : 3}));
      input.value = shownValue(value);
    } else {
      attrs.type = "text";
      if (isNumber) attrs.inputmode = node.type === "integer" ? "numeric" : "decimal";
      if (node.format === "http-url") attrs.inputmode = "url";
      if (isCountry) attrs.list = "cb-propose-countries";
      input = el("input", attrs);
      input.value = isCountry && typeof value === "string" && isAlpha2(value) &&
        value === value.toUpperCase() ? COUNTRIES.names[value] : shownValue(value);
    }
    var extra = isCountry ? "Type the country's name; its code is stored." : "";
    var box = el("div", {class: "cb-propose__field", id: domId("w", path)},
      [el("label", {for: attrs.id, text: labelText(key, required)}), input]
        .concat(hintAndError(node, path, extra)));
    if (isCountry) box.appendChild(el("p", {class: "cb-propose__country", id: domId("c", path)}));
    return box;
  }

  function isLongText(node) {
    return node.type === "string" && !node.format &&
      !(node.pattern || "").startsWith("^[^\\n\\r]*") && (node.maxLength || 0) >= 600;
  }

  function choiceField(node, path, required, multiple) {
    var key = path[path.length - 1], name = node["x-vocabulary"] || (node.items || {})["x-vocabulary"];
    var vocabulary = DATA.vocabularies[name];
    var value = getAt(path);
    var terms = vocabulary ? vocabulary.terms : [{key: true, label: "Yes", description: ""},
                                                  {key: false, label: "No", description: ""}];
    var legend = el("legend", {text: labelText(key, required)});
    var options = [];
    if (!multiple && !required) {
      options.push({key: "", label: "Not stated", description: "Leave this out of the file."});
    }
    options = options.concat(terms);
    var box = el("fieldset", {class: "cb-propose__field cb-propose__choices", id: domId("w", path),
                              "aria-describedby": describedBy(path)}, [legend]);
    hintAndError(node, path).forEach(function (n) { box.appendChild(n); });
    options.forEach(function (term, i) {
      var id = domId("f", path) + (i ? "-" + i : "");
      var checked = multiple ? Array.isArray(value) && value.indexOf(term.key) >= 0
        : term.key === "" ? value === undefined : value === term.key;
      var input = el("input", {type: multiple ? "checkbox" : "radio", id: id,
        name: domId("n", path), value: String(term.key), checked: checked,
        "data-path": JSON.stringify(path), "data-kind": multiple ? "many" : vocabulary ? "one" : "bool",
        "aria-describedby": term.description ? id + "-d" : null});
      box.appendChild(el("div", {class: "cb-propose__choice"}, [input,
        el("label", {for: id}, [el("span", {class: "cb-propose__term", text: term.label})]),
        term.description ? el("p", {class: "cb-propose__hint", id: id + "-d", text: term.description}) : null]));
    });
    return box;
  }

  function linesField(node, path, required) {
    var key = path[path.length - 1], value = getAt(path);
    var input = el("textarea", {id: domId("f", path), rows: 3, "data-path": JSON.stringify(path),
      "data-kind": "lines", "aria-describedby": describedBy(path), spellcheck: "false",
      list: null});
    input.value = Array.isArray(value) ? value.map(shownValue).join("\n") : shownValue(value);
    return el("div", {class: "cb-propose__field", id: domId("w", path)},
      [el("label", {for: input.id, text: labelText(key, required)}), input]
        .concat(hintAndError(node, path, "One per line.")));
  }

  function entriesField(node, path, required) {
    var key = path[path.length - 1], value = getAt(path);
    var list = Array.isArray(value) ? value : [];
    var noun = humanize(key).replace(/s$/, "").toLowerCase();
    var box = el("fieldset", {class: "cb-propose__field cb-propose__entries", id: domId("w", path),
                              "aria-describedby": describedBy(path)},
      [el("legend", {text: labelText(key, required)})].concat(hintAndError(node, path)));
    list.forEach(function (item, i) {
      var entryPath = path.concat([i]);
      var entry = el("fieldset", {class: "cb-propose__entry", id: domId("w", entryPath)},
        [el("legend", {text: humanize(noun) + " " + (i + 1)})]);
      if (kind(item) === "object") renderProperties(node.items, entryPath, entry);
      entry.appendChild(el("button", {type: "button", class: "md-button cb-propose__remove",
        "data-remove": JSON.stringify(entryPath), text: "Remove " + noun + " " + (i + 1)}));
      box.appendChild(entry);
    });
    var full = node.maxItems !== undefined && list.length >= node.maxItems;
    box.appendChild(el("button", {type: "button", class: "md-button cb-propose__add",
      id: domId("add", path), "data-add": JSON.stringify(path), disabled: full,
      text: "Add " + (list.length ? "another " : "a ") + noun}));
    return box;
  }

  function groupField(node, path, required) {
    var key = path[path.length - 1];
    var box = el("fieldset", {class: "cb-propose__field cb-propose__group", id: domId("w", path),
                              "aria-describedby": describedBy(path)},
      [el("legend", {text: labelText(key, required) + (required ? "" : ": fill in to include")})]
        .concat(hintAndError(node, path)));
    renderProperties(node, path, box);
    return box;
  }

  function renderProperties(node, path, into) {
    var required = node.required || [];
    Object.keys(node.properties || {}).forEach(function (key) {
      if (!path.length && DATA.leftOut.indexOf(key) >= 0) return;
      into.appendChild(renderField(node.properties[key], path.concat([key]), required.indexOf(key) >= 0));
    });
  }

  function renderField(node, path, required) {
    if (node.type === "object") return groupField(node, path, required);
    if (node.type === "array" && node.items && node.items.type === "object") {
      return entriesField(node, path, required);
    }
    if (node.type === "array" && node.items && node.items.enum) return choiceField(node, path, required, true);
    if (node.type === "array") return linesField(node, path, required);
    if (node.enum || node.type === "boolean") return choiceField(node, path, required, false);
    return textField(node, path, required);
  }

  function renderForm(focusId) {
    fieldsBox.textContent = "";
    renderProperties(SCHEMA, [], fieldsBox);
    refresh();
    if (focusId && document.getElementById(focusId)) document.getElementById(focusId).focus();
  }

  // ------------------------------------------------------------ reading the controls

  function readControl(input) {
    var path = JSON.parse(input.getAttribute("data-path"));
    var text = input.value, mode = input.getAttribute("data-kind");
    if (mode === "many") {
      var list = Array.isArray(getAt(path)) ? getAt(path).slice() : [];
      var at = list.indexOf(input.value);
      if (input.checked && at < 0) list.push(input.value);
      if (!input.checked && at >= 0) list.splice(at, 1);
      return [path, list.length ? list : undefined];
    }
    if (mode === "one") return [path, text === "" ? undefined : text];
    if (mode === "bool") return [path, text === "" ? undefined : text === "true"];
    if (mode === "lines") {
      var items = text.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
      return [path, items.length ? items : undefined];
    }
    if (text.trim() === "") return [path, undefined];
    if (mode === "number") return [path, resolvePlain(text.trim())];
    if (mode === "country") return [path, countryCode(text.trim()) || text.trim()];
    return [path, input.tagName === "TEXTAREA" ? text : text.trim()];
  }

  function onInput(event) {
    var input = event.target;
    if (!input.hasAttribute || !input.hasAttribute("data-path")) return;
    var read = readControl(input), path = read[0];
    var before = path.length === 1 && path[0] === "title" ? state.title : undefined;
    setAt(path, read[1]);
    shown[JSON.stringify(path)] = true;
    if (path.length === 1 && path[0] === "id") idFromTitle = read[1] === undefined;
    if (path.length === 1 && path[0] === "title" && idFromTitle &&
        (state.id === undefined || state.id === slugify(before || ""))) {
      var id = slugify(state.title || "");
      setAt(["id"], id || undefined);
      var idInput = document.getElementById("f-id");
      if (idInput) idInput.value = id;
    }
    refresh();
  }

  function onClick(event) {
    var button = event.target.closest("button[data-add], button[data-remove]");
    if (!button) return;
    if (button.hasAttribute("data-add")) {
      var path = JSON.parse(button.getAttribute("data-add"));
      var list = Array.isArray(getAt(path)) ? getAt(path) : [];
      list.push({});
      setAt(path, list);
      renderForm(null);
      var entry = document.getElementById(domId("w", path.concat([list.length - 1])));
      var first = entry && entry.querySelector("input, textarea");
      if (first) first.focus();
      say("Added " + button.textContent.replace(/^Add (another|a) /, "") + " " + list.length + ".");
    } else {
      var where = JSON.parse(button.getAttribute("data-remove"));
      var holder = where.slice(0, -1);
      var items = getAt(holder);
      items.splice(where[where.length - 1], 1);
      setAt(holder, items.length ? items : undefined);
      renderForm(domId("add", holder));
      say("Removed " + button.textContent.replace(/^Remove /, "") + ".");
    }
  }

  // ------------------------------------------------------------ problems, file, outputs

  var problems = [];

  function refresh() {
    problems = validate(state);
    showProblems();
    var text = toYaml(state);
    yamlBox.value = text;
    updatePullRequest(text);
    save();
  }

  // The deepest rendered field on a problem's path shows it.
  function slotFor(path) {
    for (var n = path.length; n > 0; n--) {
      var slot = document.getElementById(domId("e", path.slice(0, n)));
      if (slot) return [slot, path.slice(0, n)];
    }
    return null;
  }

  function showProblems() {
    var messages = {};
    problems.forEach(function (p) {
      var slot = slotFor(p.target);
      if (!slot) return;
      var key = slot[0].id;
      var visible = showAll || Object.keys(shown).some(function (s) {
        var seenPath = JSON.parse(s);
        return JSON.stringify(slot[1].slice(0, seenPath.length)) === s ||
          JSON.stringify(seenPath.slice(0, slot[1].length)) === JSON.stringify(slot[1]);
      });
      if (visible) (messages[key] = messages[key] || []).push(p.message);
      p.anchor = document.getElementById(domId("f", slot[1])) ? domId("f", slot[1])
        : domId("w", slot[1]);
    });
    Array.prototype.forEach.call(root.querySelectorAll(".cb-propose__error"), function (slot) {
      var text = (messages[slot.id] || []).join(" ");
      if (slot.textContent !== text) slot.textContent = text;
      var field = document.getElementById("f" + slot.id.slice(1));
      if (field) field.setAttribute("aria-invalid", text ? "true" : "false");
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-kind=country]"), function (input) {
      var path = JSON.parse(input.getAttribute("data-path")), code = getAt(path);
      var note = document.getElementById(domId("c", path));
      note.textContent = typeof code === "string" && isAlpha2(code) && code === code.toUpperCase()
        ? "Stored as " + code + " (" + COUNTRIES.names[code] + ")." : "";
    });
    summaryBox.textContent = "";
    if (!problems.length) {
      summaryBox.appendChild(el("p", {class: "cb-propose__ok", text:
        "No problems: this case study is valid. Download it or open a pull request below."}));
      return;
    }
    summaryBox.appendChild(el("p", {text: problems.length + (problems.length === 1
      ? " thing to fix" : " things to fix") + " before this case study is valid:"}));
    var list = el("ul", {class: "cb-propose__problems"});
    problems.forEach(function (p) {
      list.appendChild(el("li", {}, [el("a", {href: "#" + p.anchor, "data-focus": p.anchor},
        [document.createTextNode(p.where + ": " + p.message)])]));
    });
    summaryBox.appendChild(list);
  }

  var sayTimer = null;
  function say(text) {
    clearTimeout(sayTimer);
    statusBox.textContent = "";
    sayTimer = setTimeout(function () { statusBox.textContent = text; }, 50);
  }

  function fileName() {
    return (typeof state.id === "string" && /^[a-z0-9-]+$/.test(state.id) ? state.id
      : "case-study") + ".yml";
  }

  function utf8Length(text) { return new TextEncoder().encode(text).length; }

  function prUrl(text, id) {
    if (!DATA.repository) return null;
    var url = DATA.repository + "/new/" + encodeURIComponent(DATA.branch) + "?filename=" +
      encodeURIComponent("case_studies/" + id) + "&value=" + encodeURIComponent(text);
    return utf8Length(url) <= DATA.urlLimit ? url : null;
  }

  function updatePullRequest(text) {
    var link = document.getElementById("cb-propose-pr");
    var upload = document.getElementById("cb-propose-upload");
    if (!link) return;
    var url = prUrl(text, fileName());
    link.hidden = !url;
    if (url) link.href = url;
    else link.removeAttribute("href");
    upload.hidden = !!url;
    document.getElementById("cb-propose-upload-link").href =
      DATA.repository + "/upload/" + encodeURIComponent(DATA.branch) + "/case_studies";
  }

  function revealAll() {
    showAll = true;
    showProblems();
  }

  function download() {
    revealAll();
    var blob = new Blob([toYaml(state)], {type: "text/yaml;charset=utf-8"});
    var link = el("a", {href: URL.createObjectURL(blob), download: fileName()});
    document.body.appendChild(link);
    link.click();
    link.remove();
    say("Downloaded " + fileName() + (problems.length ? "; it still has " + problems.length +
      " problem" + (problems.length === 1 ? "" : "s") + " to fix." : "."));
  }

  function copy() {
    revealAll();
    var text = toYaml(state);
    function fallback() {
      yamlBox.closest("details").open = true;
      yamlBox.focus();
      yamlBox.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      say(done ? "Copied the file to the clipboard." : "Select the text under Show the file and copy it.");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        say("Copied the file to the clipboard.");
      }, fallback);
    } else fallback();
  }

  // ------------------------------------------------------------ draft, load, start over

  function save() {
    try { localStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function restore() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
      if (kind(saved) === "object" && Object.keys(saved).length) {
        state = saved;
        idFromTitle = false;
        return true;
      }
    } catch (e) { /* unreadable draft: start empty */ }
    return false;
  }

  function fresh() { return {last_reviewed: DATA.today}; }

  function load(file) {
    var reader = new FileReader();
    reader.onload = function () {
      try {
        var data = fromYaml(String(reader.result));
        undo = state;
        state = data;
        shown = {};
        showAll = true;
        idFromTitle = false;
        renderForm("f-title");
        say("Loaded " + file.name + ". Change what you want to propose, then download it or " +
          "open a pull request.");
      } catch (error) {
        say("Could not read " + file.name + ": " + error.message + ". `casebook validate` gives " +
          "the line and column.");
      }
    };
    reader.readAsText(file);
  }

  function startOver() {
    undo = state;
    state = fresh();
    shown = {};
    showAll = false;
    idFromTitle = true;
    renderForm("f-title");
    statusBox.textContent = "";
    var again = el("button", {type: "button", class: "md-button", text: "Undo start over"});
    again.addEventListener("click", function () {
      state = undo;
      renderForm("f-title");
      say("Your draft is back.");
    });
    setTimeout(function () {
      statusBox.appendChild(document.createTextNode("Started over with an empty form. "));
      statusBox.appendChild(again);
    }, 50);
  }

  function countryList() {
    var list = el("datalist", {id: "cb-propose-countries"});
    Object.keys(COUNTRIES.names).forEach(function (code) {
      list.appendChild(el("option", {value: COUNTRIES.names[code]}));
    });
    return list;
  }

  function start() {
    root.hidden = false;
    root.appendChild(countryList());
    var restored = restore();
    if (!restored) state = fresh();
    fieldsBox.addEventListener("input", onInput);
    fieldsBox.addEventListener("change", function (e) {
      if (e.target.type === "radio" || e.target.type === "checkbox") onInput(e);
    });
    fieldsBox.addEventListener("click", onClick);
    summaryBox.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-focus]");
      var target = link && document.getElementById(link.getAttribute("data-focus"));
      if (!target) return;
      event.preventDefault();
      if (!target.matches("input, textarea, button")) {
        target = target.querySelector("input, textarea, button") || target;
      }
      target.focus();
    });
    document.getElementById("cb-propose-download").addEventListener("click", download);
    document.getElementById("cb-propose-copy").addEventListener("click", copy);
    document.getElementById("cb-propose-reset").addEventListener("click", startOver);
    document.getElementById("cb-propose-load").addEventListener("change", function (e) {
      if (e.target.files && e.target.files[0]) load(e.target.files[0]);
      e.target.value = "";
    });
    renderForm(null);
    if (restored) say("Your draft was restored from this browser. Press Start over to begin again.");
  }

  start();
})();
