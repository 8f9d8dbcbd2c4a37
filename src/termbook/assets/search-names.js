/* Search results: the term a query names comes first, whatever form the reader types it in.
 *
 * Material's search adds a wildcard to every query word ("open weights" is searched as
 * "open* weights*") and scores every word a wildcard reaches, so a rare word that merely
 * starts like a query word ("openwashing") outscores the page the query names, and a form
 * of a name the page does not contain ("tokens", "quantised", "distilled") does not reach
 * that page at all. Every term page lists the term's names as its tags (termbook/render.py),
 * and both Material's and Zensical's search index hold them. This script wraps the browser's
 * Worker (or the iframe-worker shim that stands in for it under file://, which must load
 * first), reads the tags from the index the page hands to the search worker and reduces each
 * name to its forms (its words, its stems, its stems run together), and when the worker
 * answers a query, puts the term the query names first (adding its page if the worker did
 * not find it), keeping the order of the rest. Names and queries are reduced by the same
 * rules as termbook/search.py's (written in below by the build).
 *
 * The term a query names, from the closest match to the loosest; where several terms match
 * alike, the one whose matching name is shortest:
 *   1. a name with the same words ("open-weight model" for "open weight model");
 *   2. while the reader types: a start of names of one term only ("mixt" for
 *      Mixture-of-Experts, "llama 4 s" for Llama 4 Scout, not Llama 4);
 *   3. a name with the same stems, in order or run together ("tokens" for Token, "quantised"
 *      for Quantization, "pretraining" for Pre-training), or in another order ("distilled
 *      model" for "model distillation");
 *   4. the same, once trailing version numbers or the word "model" are left out of the query
 *      ("claude opus 4" for "Claude Opus", "gpt-4 model" for GPT-4);
 *   5. words found in names of one term only ("scout" for Llama 4 Scout).
 *
 * Both workers speak in numbered messages (0 sets up the index, 2 is a query, 3 its
 * results). Material's index is {docs}, its query the text and each result a list of
 * documents with their scores; Zensical's index is {items}, its query {input: text} and each
 * result names a document of the index by its place ({id, matches}).
 *
 * It must load before the theme's bundle creates the worker: the termbook plugin lists it
 * among Material's early scripts (extra.polyfills), after any shim already listed there;
 * zensical.yml lists it there for Zensical.
 */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3; // the search workers' message types
  var RULES = /*RULES*/null;
  var BaseWorker = window.Worker;
  if (typeof BaseWorker !== "function" || !RULES) return;

  var rewrites = RULES.rewrites.map(function (rule) { return [new RegExp(rule[0]), rule[1]]; });
  var stopWords = new Set(RULES.stopWords);

  function words(text) {
    var bare = String(text).normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
    return bare.match(/[\p{L}\p{N}]+/gu) || [];
  }

  // The names of thousands of terms share their words: each word is reduced once.
  var stems = new Map();
  function stem(word) {
    var found = stems.get(word);
    if (found === undefined) {
      found = rewrites.reduce(function (form, rule) {
        return form.replace(rule[0], rule[1]);
      }, word);
      stems.set(word, found);
    }
    return found;
  }

  /* A text's forms, as termbook/search.py's label_forms gives them. */
  function forms(text) {
    var found = words(text);
    return [found.join(" "),
            found.filter(function (w) { return !stopWords.has(w); }).map(stem).join(" "),
            stem(found.join(""))];
  }
  // Read by the tests, which check that it reduces every name as the build does.
  window.termbookSearchForms = forms;

  /* What a name or a query is compared by, from its forms. */
  function shape(plain, stems, compound) {
    var stemList = stems ? stems.split(" ") : [];
    return {plain: plain, start: plain.replace(/ /g, ""), stems: stemList.join(""),
            compound: compound, bag: stemList.slice().sort().join(" "), stemList: stemList};
  }

  // Tags come HTML-escaped. DOMParser reads them without running or loading anything; a
  // tag without "&" holds no character reference and is read as it is.
  var parser = new DOMParser();
  function tagText(tag) {
    tag = String(tag);
    return tag.indexOf("&") < 0 ? tag : parser.parseFromString(tag, "text/html").body.textContent;
  }

  var index = {docs: [], zensical: false}; // as the page handed it to the worker
  var terms = null; // {doc, place, page, names: [shape]} of every term page, once needed
  // Zensical's results name documents by place: the page of each place, set with the terms.
  var pageAt = null;
  function readIndex(docs, zensical) {
    index = {docs: docs, zensical: zensical};
    terms = pageAt = null;
  }

  /* A name's shape, with its stems one by one and each run of them together ("gpt" "4"
   * "gpt4"). */
  function nameShape(found) {
    var named = shape(found[0], found[1], found[2]);
    named.runs = new Set();
    for (var i = 0; i < named.stemList.length; i++) {
      for (var j = i + 1; j <= named.stemList.length; j++) {
        named.runs.add(named.stemList.slice(i, j).join(""));
      }
    }
    return named;
  }

  /* The terms and the forms of their names. Reducing every name takes a moment on a large
   * glossary: it is done when the first answer comes, not as each page loads. */
  function termList() {
    if (terms) return terms;
    var pages = index.docs.map(function (doc, place) {
      return typeof doc.location === "string" ? doc.location.split("#")[0] : place;
    });
    pageAt = index.zensical ? pages : null;
    // Both indexes list each section of a page with the page's tags, after the page's own
    // entry: one term per page.
    var seen = new Set();
    terms = [];
    index.docs.forEach(function (doc, place) {
      if (seen.has(pages[place]) || !Array.isArray(doc.tags)) return;
      seen.add(pages[place]);
      terms.push({doc: doc, place: place, page: pages[place], names: doc.tags.map(function (tag) {
        return nameShape(forms(tagText(tag)));
      })});
    });
    return terms;
  }

  /* The term whose names best meet `matches`, the shortest matching name winning; if `only`,
   * none unless a single term meets it. */
  function best(matches, only) {
    var found = null, length = Infinity, count = 0;
    termList().forEach(function (term) {
      var hit = term.names.filter(matches);
      if (!hit.length) return;
      count++;
      hit.forEach(function (name) {
        if (name.plain.length < length) { found = term; length = name.plain.length; }
      });
    });
    return only && count > 1 ? null : found;
  }

  function sameStems(query) {
    return best(function (name) {
      return name.stems === query.stems || name.compound === query.compound;
    }) || best(function (name) {
      return name.bag === query.bag;
    });
  }

  function namedTerm(text) {
    var found = forms(text);
    var query = shape(found[0], found[1], found[2]);
    if (!query.start || /(^|\s)-\S/.test(text)) return null; // "-word": the reader excludes it
    var term = best(function (name) {
      return name.plain === query.plain;
    }) || best(function (name) {
      return name.start.indexOf(query.start) === 0;
    }, true) || (query.stems && sameStems(query));
    // Trailing version numbers and the word "model": "claude opus 4", "gpt-4 model".
    var modelStem = stem("model");
    for (var last = query.stemList.length - 1; !term && last > 0; last--) {
      var word = query.stemList[last];
      if (!/[0-9]/.test(word) && word !== modelStem) break;
      var shorter = query.stemList.slice(0, last);
      term = sameStems(shape("", shorter.join(" "), shorter.join("")));
    }
    return term || (query.stemList.length ? best(function (name) {
      return query.stemList.every(function (w) { return name.runs.has(w); }) ||
        name.runs.has(query.stems);
    }, true) : null);
  }

  /* Put the term's page (and its sections the worker found) first, scored above every other
   * result: Material's Enter key opens the best-scored result. */
  function namedFirst(items, term) {
    if (pageAt) { // the page and its sections, in the worker's order, before the rest
      var ownResults = items.filter(function (result) { return pageAt[result.id] === term.page; });
      var rest = items.filter(function (result) { return ownResults.indexOf(result) < 0; });
      // A page the worker did not find (it answers with ten results at most) is added,
      // with no words to highlight.
      if (!ownResults.length) ownResults = [{id: term.place, matches: []}];
      items.splice.apply(items, [0, items.length].concat(ownResults, rest));
      return;
    }
    var at = items.findIndex(function (result) {
      return result.some(function (doc) { return doc.location === term.doc.location; });
    });
    // A page the worker did not find shows, as Material's results do, at most two blocks of
    // its text: on a term page, its other names and its short definition.
    var teaser = (term.doc.text.match(/^(\s*<p>[\s\S]*?<\/p>){1,2}/) || [""])[0];
    var group = at < 0 ? [Object.assign({}, term.doc, {text: teaser, score: 0, terms: {}})]
      : items[at];
    if (at >= 0) items.splice(at, 1);
    var top = 0, own = 0;
    items.forEach(function (result) {
      result.forEach(function (doc) { top = Math.max(top, doc.score); });
    });
    group.forEach(function (doc) { own = Math.max(own, doc.score); });
    var lift = Math.max(0, top - own) + 1;
    group.forEach(function (doc) { doc.score += lift; });
    items.unshift(group);
  }

  function SearchWorker(url, options) {
    var worker = new BaseWorker(url, options);
    var queries = [];
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      if (message && message.type === SETUP && message.data) {
        // Material's index is {docs}; Zensical's is {items}, which results name by place.
        if (Array.isArray(message.data.items)) readIndex(message.data.items, true);
        else readIndex(message.data.docs || [], false);
      }
      if (message && message.type === QUERY) {
        var text = message.data && typeof message.data === "object" ? message.data.input : message.data;
        queries.push(String(text === undefined || text === null ? "" : text));
      }
      return post.apply(worker, arguments);
    };
    // Registered before the theme's own listener, so it sees the results already reordered:
    // all listeners of one message share its data object.
    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (!message || message.type !== RESULT) return;
      var query = queries.shift();
      if (query === undefined || !message.data || !Array.isArray(message.data.items)) return;
      var term = namedTerm(query);
      if (term) namedFirst(message.data.items, term);
    });
    return worker;
  }
  SearchWorker.prototype = BaseWorker.prototype;
  window.Worker = SearchWorker;
})();
