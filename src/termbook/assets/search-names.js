/* Search results: the term a query names comes first, whatever form the reader types it in,
 * and a question or a comparison is answered by the pages it asks about.
 *
 * Material's search adds a wildcard to every query word ("open weights" is searched as
 * "open* weights*") and scores every word a wildcard reaches, so a rare word that merely
 * starts like a query word ("openwashing") outscores the page the query names, and a form
 * of a name the page does not contain ("tokens", "quantised", "distilled") does not reach
 * that page at all. Every term page lists the term's names as its tags (termbook/render.py),
 * and both Material's and Zensical's search index hold them. This script wraps the browser's
 * Worker (or the iframe-worker shim that stands in for it under file://, which must load
 * first), reads the tags from the index the page hands to the search worker and reduces each
 * name to its forms (its words, its stems, its stems run together). When the page sends a
 * query, it works out the pages the query asks for; when the worker answers, it puts them
 * first (adding those the worker did not find), keeping the order of the rest. Names and
 * queries are reduced by the same rules as termbook/search.py's (written in below by the
 * build), in the site's language.
 *
 * A query is first read as the reader asks it: a comparison ("A vs B", "A or B", "difference
 * between A and B") is split into the two names it compares, and the words that name nothing
 * in the site's language (its stop words, which termbook check refuses as aliases: "what",
 * "are", "the", "of") are left out of each. The worker is sent the words the reader typed
 * less those, so that they do not match pages either (unless the query is a name as typed,
 * or is nothing else).
 *
 * The term a query names, from the closest match to the loosest; where several terms match
 * alike, the one whose matching name is shortest:
 *   1. a name with the same words ("open-weight model" for "open weight model"), the query
 *      as typed or without its stop words ("what are model weights"); else words, as typed,
 *      of names of one term only ("rolling" for Rolling update, not Role, whose stem
 *      "rolling" shares; "state" for Desired state, not StatefulSet);
 *   2. a name with the same stems, in order or run together ("pods" for Pod, though "Pod
 *      Security Policy" starts with it; "quantised" for Quantization, "pretraining" for
 *      Pre-training), or in another order ("distilled model" for "model distillation");
 *   3. while the reader types: a start of names of one term only ("mixt" for
 *      Mixture-of-Experts, "llama 4 s" for Llama 4 Scout, not Llama 4);
 *   4. the same stems, once trailing version numbers or words the site declares
 *      (termbook.yml's search.trailing_words) are left out of the query ("claude opus 4"
 *      for "Claude Opus"; "pod objects" for Pod, not Object, where "object" is declared);
 *   5. words found in names of one term only ("scout" for Llama 4 Scout);
 *   6. a whole name found in the query as typed, the longest winning ("eu ai act article
 *      53" for EU AI Act, "who makes muse spark" for Muse Spark).
 * A comparison puts first the terms its two sides name (by the same rules, or else by the
 * shortest name that starts with a side's words: "open source" for Open source AI), then
 * the pages whose titles name both sides ("Open weights is not open source").
 *
 * Both workers speak in numbered messages (0 sets up the index, 2 is a query, 3 its
 * results). Material's index is {docs}, its query the text and each result a list of
 * documents with their scores; Zensical's index is {items}, its query {input: text, ...}
 * and each result names a document of the index by its place ({id, matches}), ten at a
 * time (pagination.prev is set on the later ones).
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
  var filler = new Set(RULES.filler);
  // "d": with the places of the groups, which tell the words of each side of a comparison.
  var comparisons = RULES.comparisons.map(function (pattern) { return new RegExp(pattern, "d"); });

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
  // The stems of the words the site's readers type after a name (termbook.yml's search
  // section): "model" on a site about AI models, "object" on one about a software platform.
  var trailing = new Set(RULES.trailing.map(stem));

  /* The forms of a text's words, as termbook/search.py's label_forms gives them. */
  function formsOf(found) {
    var joined = found.join(""), compound = stem(joined);
    if (found.length && compound.length <= joined.length - found[found.length - 1].length) {
      compound = joined; // an ending is no word of its own: "llama 4 s" is no plural
    }
    return [found.join(" "),
            found.filter(function (w) { return !stopWords.has(w); }).map(stem).join(" "),
            compound];
  }

  /* What a query asks about, as termbook/search.py's query_parts reads it: its words, and its
   * sides, each the places in them of the words of one name: the whole query, or the two
   * names a comparison compares; and of each side, the places of its words that are not
   * filler (all, if it has nothing else). */
  function parse(text) {
    var found = words(text), joined = found.join(" ");
    var sides = [found.map(function (word, place) { return place; })];
    for (var i = 0; i < comparisons.length; i++) {
      var match = comparisons[i].exec(joined);
      if (!match) continue;
      sides = [1, 2].map(function (group) {
        var first = joined.slice(0, match.indices[group][0]).split(" ").length - 1;
        return sides[0].slice(first, first + match[group].split(" ").length);
      });
      break;
    }
    return {words: found, sides: sides, named: sides.map(function (side) {
      var kept = side.filter(function (place) { return !filler.has(found[place]); });
      return kept.length ? kept : side;
    })};
  }

  function wordsAt(parsed, places) {
    return places.map(function (place) { return parsed.words[place]; });
  }

  // Read by the tests, which check that the page reduces names and reads queries as the
  // build does.
  window.termbookSearch = {
    forms: function (text) { return formsOf(words(text)); },
    parts: function (text) {
      var parsed = parse(text);
      return parsed.named.map(function (side) { return wordsAt(parsed, side).join(" "); });
    }
  };

  /* Each run of consecutive stems, run together ("gpt" "4" "gpt4"). */
  function runsOf(stemList) {
    var runs = new Set();
    for (var i = 0; i < stemList.length; i++) {
      for (var j = i + 1; j <= stemList.length; j++) runs.add(stemList.slice(i, j).join(""));
    }
    return runs;
  }

  /* What a name or a query is compared by, from its forms. */
  function shape(forms) {
    var stemList = forms[1] ? forms[1].split(" ") : [];
    return {plain: forms[0], start: forms[0].replace(/ /g, ""), stems: stemList.join(""),
            compound: forms[2], bag: stemList.slice().sort().join(" "), stemList: stemList};
  }

  function nameShape(forms) {
    var named = shape(forms);
    named.runs = runsOf(named.stemList);
    named.words = new Set(forms[0].split(" "));
    return named;
  }

  // Tags and titles come HTML-escaped. DOMParser reads them without running or loading
  // anything; a text without "&" holds no character reference and is read as it is.
  var parser = new DOMParser();
  function htmlText(html) {
    html = String(html);
    return html.indexOf("&") < 0 ? html : parser.parseFromString(html, "text/html").body.textContent;
  }

  var index = {docs: [], zensical: false}; // as the page handed it to the worker
  // {doc, place, page, names: [shape]} of every page, once needed; term pages have names.
  var pages = null;
  // Zensical's results name documents by place: the page of each place, set with the pages.
  var pageAt = null;
  function readIndex(docs, zensical) {
    index = {docs: docs, zensical: zensical};
    pages = pageAt = null;
  }

  /* The pages and the forms of the names of terms. Reducing every name takes a moment on a
   * large glossary: it is done when the first query comes, not as each page loads. */
  function pageList() {
    if (pages) return pages;
    var paths = index.docs.map(function (doc, place) {
      return typeof doc.location === "string" ? doc.location.split("#")[0] : place;
    });
    pageAt = index.zensical ? paths : null;
    // Both indexes list a page's sections, with the page's tags, after the page's own entry.
    var seen = new Set();
    pages = [];
    index.docs.forEach(function (doc, place) {
      if (seen.has(paths[place])) return;
      seen.add(paths[place]);
      var tags = Array.isArray(doc.tags) ? doc.tags : [];
      pages.push({doc: doc, place: place, page: paths[place], names: tags.map(function (tag) {
        return nameShape(formsOf(words(htmlText(tag))));
      })});
    });
    return pages;
  }

  /* The term whose names best meet `matches`: the one whose matching name is shortest (with
   * `longest`, longest); with `only`, none unless a single term meets it. */
  function best(matches, options) {
    options = options || {};
    var found = null, length = options.longest ? -1 : Infinity, count = 0;
    // Each query runs several rules over every name: plain loops, which allocate nothing.
    var list = pageList();
    for (var p = 0; p < list.length; p++) {
      var names = list[p].names, hit = false;
      for (var n = 0; n < names.length; n++) {
        if (!matches(names[n])) continue;
        hit = true;
        var size = names[n].plain.length;
        if (options.longest ? size > length : size < length) { found = list[p]; length = size; }
      }
      if (hit) count++;
    }
    return options.only && count > 1 ? null : found;
  }

  function sameWords(query) {
    return best(function (name) { return name.plain === query.plain; });
  }

  function sameStems(query) {
    return best(function (name) {
      return name.stems === query.stems || name.compound === query.compound;
    }) || best(function (name) {
      return name.bag === query.bag;
    });
  }

  /* The term one side of a query names, by rules 1 to 6 (rule 1 as typed is the caller's):
   * the side is the shape of its words without filler (`named`) and of all its words
   * (`typed`), in which a whole name may stand among words that name nothing. */
  function namedTerm(side) {
    var query = side.named;
    if (!query.start) return null;
    var typed = query.plain.split(" ");
    var term = sameWords(query) || best(function (name) {
      return typed.every(function (w) { return name.words.has(w); });
    }, {only: true}) || (query.stems && sameStems(query)) || uniqueStart(query);
    // Trailing version numbers and words the site declares: "claude opus 4", "pod object".
    for (var last = query.stemList.length - 1; !term && last > 0; last--) {
      var word = query.stemList[last];
      if (!/[0-9]/.test(word) && !trailing.has(word)) break;
      var shorter = query.stemList.slice(0, last);
      term = sameStems(shape(["", shorter.join(" "), shorter.join("")]));
    }
    if (term || !query.stemList.length) return term;
    var runs = runsOf(side.typed.stemList);
    return best(function (name) {
      return query.stemList.every(function (w) { return name.runs.has(w); }) ||
        name.runs.has(query.stems);
    }, {only: true}) || best(function (name) {
      return name.stemList.length > 0 && (runs.has(name.stems) || runs.has(name.compound));
    }, {longest: true});
  }

  /* The term one side of a comparison names: by the rules above, or else by the shortest
   * name that starts with the side's words ("open source" for "Open source AI"). */
  function sideTerm(side) {
    var words = side.named.stemList;
    return namedTerm(side) || (words.length ? best(function (name) {
      return words.every(function (w, i) { return name.stemList[i] === w; });
    }) : null);
  }

  /* Whether consecutive stems of a list, run together, are `target` ("open" "weight" hold
   * "openweight"). */
  function holdsRun(stemList, target) {
    for (var i = 0; i < stemList.length; i++) {
      for (var j = i, run = ""; j < stemList.length && run.length < target.length; j++) {
        run += stemList[j];
        if (run === target) return true;
      }
    }
    return false;
  }

  /* Whether a page's title names one side of a comparison: its words, or a name of the term
   * it names. */
  function titleNames(page, side, term) {
    if (!page.titleStems) {
      page.titleStems = shape(formsOf(words(htmlText(page.doc.title || "")))).stemList;
    }
    return (side.stems !== "" && holdsRun(page.titleStems, side.stems)) || !!term && term.names.some(
      function (name) { return name.stemList.length > 0 && holdsRun(page.titleStems, name.stems); });
  }

  /* The term of the only names that start with what the reader typed, while typing. */
  function uniqueStart(query) {
    return best(function (name) { return name.start.indexOf(query.start) === 0; }, {only: true});
  }

  /* The pages a query asks for, first first, and whether they are a name as typed (which
   * may hold filler words: "the pi" for "The Pile", "or" in a name). */
  function firstPages(parsed) {
    var compared = parsed.sides.length > 1;
    if (compared || parsed.named[0].length < parsed.words.length) {
      var whole = shape(formsOf(parsed.words));
      var asTyped = sameWords(whole) || (compared && whole.stems && sameStems(whole)) ||
        uniqueStart(whole);
      if (asTyped) return {pages: [asTyped], asTyped: true};
    } // else the rules below see the same words
    var sides = parsed.sides.map(function (side, i) {
      return {typed: shape(formsOf(wordsAt(parsed, side))),
              named: shape(formsOf(wordsAt(parsed, parsed.named[i])))};
    });
    if (!compared) {
      var term = namedTerm(sides[0]);
      return {pages: term ? [term] : []};
    }
    var terms = sides.map(sideTerm);
    var titled = pageList().filter(function (page) {
      return terms.indexOf(page) < 0 && sides.every(function (side, i) {
        return titleNames(page, side.named, terms[i]);
      });
    });
    return {pages: terms.filter(function (term, i) {
      return term && terms.indexOf(term) === i;
    }).concat(titled)};
  }

  // A word the reader typed that the worker may be sent without: plain words and
  // punctuation, not the search syntax of either engine ("-word", "+word", "word*").
  var PLAIN = /^[\p{L}\p{N}'\u2019.,;!?\u00bf\u00a1]+$/u;

  /* The query as the worker gets it: what the reader typed, less the plain words that hold
   * none of the words that name something on either side. */
  function workerText(text, parsed) {
    var wanted = new Set([].concat.apply([], parsed.named));
    var place = 0;
    return text.split(/\s+/).filter(function (token) {
      var count = words(token).length, keep = !count || !PLAIN.test(token);
      for (var i = place; i < place + count; i++) keep = keep || wanted.has(i);
      place += count;
      return keep;
    }).join(" ");
  }

  /* What to do with a query: the pages to put first, and the text to send the worker. */
  function plan(text) {
    // "-word": the reader excludes pages that hold it, as both engines do.
    if (!words(text).length || /(^|\s)-\S/.test(text)) return {pages: [], input: text};
    var parsed = parse(text);
    var found = firstPages(parsed);
    return {pages: found.pages, input: found.asTyped ? text : workerText(text, parsed) || text};
  }

  /* Put the pages (and their sections the worker found) first, in order, scored above every
   * other result: Material's Enter key opens the best-scored result. A page the worker did
   * not find shows, as Material's results do, at most two blocks of its text: on a term
   * page, its other names and its short definition. */
  function materialFirst(items, first) {
    var groups = first.map(function (page) {
      var at = items.findIndex(function (result) {
        return result.some(function (doc) { return doc.location === page.doc.location; });
      });
      if (at >= 0) return items.splice(at, 1)[0];
      var teaser = (page.doc.text.match(/^(\s*<p>[\s\S]*?<\/p>){1,2}/) || [""])[0];
      return [Object.assign({}, page.doc, {text: teaser, score: 0, terms: {}})];
    });
    var top = 0;
    items.forEach(function (result) {
      result.forEach(function (doc) { top = Math.max(top, doc.score); });
    });
    for (var i = groups.length - 1; i >= 0; i--) {
      var own = 0;
      groups[i].forEach(function (doc) { own = Math.max(own, doc.score); });
      var lift = Math.max(0, top - own) + 1;
      groups[i].forEach(function (doc) { doc.score += lift; });
      top = own + lift;
    }
    items.unshift.apply(items, groups);
  }

  /* The same for Zensical: each page and its sections, in the worker's order, before the
   * rest; a page the worker did not find is added, with no words to highlight. The later
   * tens of results are left in the worker's order, less the pages' own entries, which the
   * first ten show already (their sections further down are shown where they come). */
  function zensicalFirst(items, first, later) {
    if (later) {
      var shown = new Set(first.map(function (page) { return page.place; }));
      var rest = items.filter(function (result) { return !shown.has(result.id); });
      items.splice.apply(items, [0, items.length].concat(rest));
      return;
    }
    var moved = new Set(first.map(function (page) { return page.page; }));
    var own = [].concat.apply([], first.map(function (page) {
      var found = items.filter(function (result) { return pageAt[result.id] === page.page; });
      return found.length ? found : [{id: page.place, matches: []}];
    }));
    items.splice.apply(items, [0, items.length].concat(own, items.filter(function (result) {
      return !moved.has(pageAt[result.id]);
    })));
  }

  function SearchWorker(url, options) {
    var worker = new BaseWorker(url, options);
    var plans = [];
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      var args = Array.prototype.slice.call(arguments);
      if (message && message.type === SETUP && message.data) {
        // Material's index is {docs}; Zensical's is {items}, which results name by place.
        if (Array.isArray(message.data.items)) readIndex(message.data.items, true);
        else readIndex(message.data.docs || [], false);
      }
      if (message && message.type === QUERY) {
        var zensical = !!message.data && typeof message.data === "object";
        var text = zensical ? message.data.input : message.data;
        // Zensical sends a structure instead of the text when tags filter the results.
        var found = typeof text === "string" ? plan(text) : {pages: [], input: text};
        plans.push(found);
        if (found.input !== text) {
          args[0] = Object.assign({}, message, {data: zensical
            ? Object.assign({}, message.data, {input: found.input}) : found.input});
        }
      }
      return post.apply(worker, args);
    };
    // Registered before the theme's own listener, so it sees the results already reordered:
    // all listeners of one message share its data object.
    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (!message || message.type !== RESULT) return;
      var found = plans.shift();
      if (!found || !found.pages.length || !message.data || !Array.isArray(message.data.items)) return;
      if (pageAt) {
        var pagination = message.data.pagination;
        zensicalFirst(message.data.items, found.pages, !!pagination && pagination.prev !== undefined);
      } else {
        materialFirst(message.data.items, found.pages);
      }
    });
    return worker;
  }
  SearchWorker.prototype = BaseWorker.prototype;
  window.Worker = SearchWorker;
})();
