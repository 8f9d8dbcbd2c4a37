/* Search results: a page that has the query as one of its names comes first.
 *
 * Material's search adds a wildcard to every query word ("open weights" is searched as
 * "open* weights*"), and lunr scores every word a wildcard reaches. A rare word that merely
 * starts like a query word ("openwashing", "openai") then outscores the page named by the
 * query, whose words are common ones; Zensical's search, likewise, can rank a page that
 * uses the words above the page they name. Term pages list their names (term, aliases,
 * abbreviation) as the search index's tags, so the results can be put right here: this
 * script wraps the browser's Worker (or the iframe-worker shim that stands in for it under
 * file://, which must load first) and, when the search worker answers a query, moves the
 * results whose tags equal the query to the front, keeping the order of the rest. Names
 * compare as the search compares words: case-insensitively, with runs of spaces and
 * hyphens alike ("open weight model" finds "open-weight model"; "MoE" finds "MoE").
 *
 * Both workers speak in numbered messages (0 sets up the index, 2 is a query, 3 its
 * results). Material's query is the text and each result is a list of documents with their
 * tags; Zensical's query is {input: text} and each result names a document of the index
 * by its place ({id}), so the documents sent in the set-up message are kept to read tags.
 *
 * It must load before the theme's bundle creates the worker: the termbook plugin lists it
 * among Material's early scripts (extra.polyfills), after any shim already listed there;
 * zensical.yml lists it there for Zensical.
 */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3; // the search workers' message types
  var BaseWorker = window.Worker;
  if (typeof BaseWorker !== "function") return;

  function normalise(text) {
    return String(text).toLowerCase().split(/[\s\-]+/).filter(Boolean).join(" ");
  }

  // Result tags come highlighted ("<mark>open</mark> weights") and HTML-escaped. DOMParser
  // reads them without running or loading anything.
  var parser = new DOMParser();
  function tagText(tag) {
    return parser.parseFromString(String(tag), "text/html").body.textContent;
  }

  function hasName(doc, query) {
    return (doc && doc.tags || []).some(function (tag) { return normalise(tagText(tag)) === query; });
  }

  function namesQuery(result, query, docs) {
    if (Array.isArray(result)) return result.some(function (doc) { return hasName(doc, query); });
    return typeof result.id === "number" && hasName(docs[result.id], query);
  }

  function namedFirst(items, query, docs) {
    var named = items.filter(function (result) { return namesQuery(result, query, docs); });
    if (!named.length) return;
    var rest = items.filter(function (result) { return named.indexOf(result) < 0; });
    items.splice.apply(items, [0, items.length].concat(named, rest));
  }

  function SearchWorker(url, options) {
    var worker = new BaseWorker(url, options);
    var queries = [];
    var docs = [];  // Zensical's index documents, by place
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      if (message && message.type === SETUP && message.data && Array.isArray(message.data.items)) {
        docs = message.data.items;
      }
      if (message && message.type === QUERY) {
        var text = message.data && typeof message.data === "object" ? message.data.input : message.data;
        queries.push(normalise(text || ""));
      }
      return post.apply(worker, arguments);
    };
    // Registered before the theme's own listener, so it sees the results already reordered:
    // all listeners of one message share its data object.
    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (!message || message.type !== RESULT) return;
      var query = queries.shift();
      if (query && message.data && Array.isArray(message.data.items)) {
        namedFirst(message.data.items, query, docs);
      }
    });
    return worker;
  }
  SearchWorker.prototype = BaseWorker.prototype;
  window.Worker = SearchWorker;
})();
