/* termbook: sort, filter and compare the entries of a scorecard's table.

   The table is complete without this script (termbook.scorecard writes it). The script reads
   the page itself and knows no rating, type or component of its own: each row's data-entry,
   data-name, data-type and data-summary, each cell's data-component, data-rating and
   data-reason, each heading's data-sort, and the box's data-scorecard, which lists the
   ratings (best first) and the types, each with its title. It adds:
   - sort buttons in the column headings (aria-sort tells which column sorts the table, and
     which way) and the same choice in a form above the table, for narrow screens;
   - filters: the type of entry (when the scorecard has types) and the rating of each component;
   - a box in each row to pick two to four entries, and a side-by-side view of them with the
     reason and evidence for each rating.
   The view is kept in the page address (?sort=<component>&order=descending&type=<type>&
   <component>=<rating>&compare=a,b) and applied when the page loads, so a view can be shared.
   Nothing is fetched: it works from file:// as well. The address is the reader's to type: each
   of its values is looked up in a Map of the page's own columns, ratings, types and entries,
   never as a property of an object ("?sort=__proto__" names nothing), and anything unknown
   falls back to the default view. Its words are in the site's language, written by termbook
   into the box's data-label-* attributes; it shows them, and every title, as text. */
(function () {
  "use strict";

  var ENTRY = "entry";      // the sort key of the first column,
  var SUMMARY = "summary";  // and of the summary column (the others are components)
  var ORDERS = ["ascending", "descending"];
  var MIN_COMPARED = 2;
  var MAX_COMPARED = 4;

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function select(id, label, options) {
    var field = element("select", { id: id, name: id });
    options.forEach(function (option) {
      field.appendChild(element("option", { value: option[0], text: option[1] }));
    });
    return { field: field, box: element("div", { "class": "tb-control" },
      [element("label", { "for": id, text: label }), field]) };
  }

  // The pairs [id, title] of a list in the box's data-scorecard, as a Map; a list that is
  // missing or not a list of pairs of texts gives an empty Map.
  function declared(data, name) {
    var pairs = data && Array.isArray(data[name]) ? data[name] : [];
    return new Map(pairs.filter(function (pair) {
      return Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string";
    }));
  }

  function start() {
    var box = document.querySelector(".tb-scorecard");
    var table = box && box.querySelector("table.tb-scorecard-table");
    if (!table || box.hasAttribute("data-ready")) return;
    box.setAttribute("data-ready", "");
    var data = null;
    try { data = JSON.parse(box.getAttribute("data-scorecard") || "null"); } catch (error) { data = null; }
    var RATINGS = declared(data, "ratings");  // rating id -> title, best first
    var TYPES = declared(data, "types");      // type id -> title
    var RANK = new Map();                     // rating id -> rank, the best highest
    Array.from(RATINGS.keys()).forEach(function (id, index) { RANK.set(id, RATINGS.size - index); });

    // A label of the page's language, its {placeholders} filled with ``values``.
    function say(name, values) {
      var text = box.getAttribute("data-label-" + name) || "";
      Object.keys(values || {}).forEach(function (key) {
        text = text.split("{" + key + "}").join(String(values[key]));
      });
      return text;
    }

    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = new Map();  // sort key -> full column name
    var components = [];    // component ids, in column order
    headings.forEach(function (th) {
      var key = th.getAttribute("data-sort");
      names.set(key, th.querySelector(".tb-col-full").textContent);
      if (key !== ENTRY && key !== SUMMARY) components.push(key);
    });
    var byId = new Map();
    rows.forEach(function (row) { byId.set(row.getAttribute("data-entry"), row); });
    var caption = table.caption;

    // Each row's rating cells by component.
    var cells = new Map();
    rows.forEach(function (row) {
      var byComponent = new Map();
      Array.prototype.forEach.call(row.querySelectorAll("td[data-component]"), function (cell) {
        byComponent.set(cell.getAttribute("data-component"), cell);
      });
      cells.set(row, byComponent);
    });
    function cellOf(row, component) { return cells.get(row).get(component) || null; }
    function ratingOf(row, component) {
      var cell = cellOf(row, component);
      return cell ? cell.getAttribute("data-rating") : "";
    }

    // --- the controls ---------------------------------------------------------------------
    var sortBy = select("tb-sort", say("sort-by"), headings.map(function (th) {
      var key = th.getAttribute("data-sort");
      return [key, names.get(key)];
    }));
    var order = select("tb-order", say("order"), [["ascending", say("ascending")],
                                                    ["descending", say("descending")]]);
    var type = TYPES.size ? select("tb-type", say("type"), [["", say("all-types")]].concat(
      Array.from(TYPES.entries()))) : null;
    var filters = new Map();  // component id -> its filter's select
    var filterBoxes = components.map(function (component) {
      var control = select("tb-filter-" + component, names.get(component), [["", say("any-rating")]].concat(
        Array.from(RATINGS.entries())));
      filters.set(component, control.field);
      return control.box;
    });
    var reset = element("button", { type: "button", "class": "tb-button", text: say("show-all") });
    var compareButton = element("button", { type: "button", "class": "md-button md-button--primary" });
    var status = element("p", { "class": "tb-status", role: "status", "aria-live": "polite" });
    var form = element("form", { "class": "tb-scorecard-controls", "aria-label": say("controls") }, [
      element("fieldset", {}, [element("legend", { text: say("sort") }), sortBy.box, order.box]),
      element("fieldset", {}, [element("legend", { text: say("filter") }), type && type.box].concat(filterBoxes)),
      element("div", { "class": "tb-actions" }, [compareButton, reset, status])
    ]);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var compareView = element("section", { "class": "tb-compare", id: "compare", hidden: "",
                                            "aria-labelledby": "compare-title" });
    box.insertBefore(form, box.firstChild);
    box.insertBefore(compareView, form);

    // Sort buttons in the headings; the full name of the column is the button's name.
    headings.forEach(function (th) {
      var button = element("button", { type: "button", "class": "tb-sort" });
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-sort");
        var state = read();
        state.order = state.sort === key ? (state.order === "ascending" ? "descending" : "ascending")
                                         : defaultOrder(key);
        state.sort = key;
        show(state, "replace");
      });
    });

    // A box in each row to pick the entry for the side-by-side view.
    rows.forEach(function (row) {
      var id = row.getAttribute("data-entry");
      var pick = element("input", { type: "checkbox", "class": "tb-pick", id: "tb-pick-" + id, value: id });
      var label = element("label", { "for": "tb-pick-" + id, "class": "tb-pick-label" }, [
        pick, element("span", { "class": "tb-visually-hidden", text: say("pick", { name: row.getAttribute("data-name") }) })]);
      row.cells[0].insertBefore(label, row.cells[0].firstChild);
      pick.addEventListener("change", function () { showPicked(); });
    });

    function picked() {
      return rows.filter(function (row) { return row.querySelector(".tb-pick").checked; })
        .map(function (row) { return row.getAttribute("data-entry"); });
    }

    function showPicked() {
      var ids = picked();
      compareButton.textContent = say("compare", { count: ids.length, max: MAX_COMPARED });
      compareButton.disabled = ids.length < MIN_COMPARED;
      rows.forEach(function (row) {
        var pick = row.querySelector(".tb-pick");
        pick.disabled = !pick.checked && ids.length >= MAX_COMPARED;
      });
    }

    function defaultOrder(key) { return key === ENTRY ? "ascending" : "descending"; }

    // --- the state of the view, kept in the address ----------------------------------------
    function fromAddress() {
      var params = new URLSearchParams(location.search);
      var sort = params.get("sort");
      var state = { sort: names.has(sort) ? sort : ENTRY,
                    type: TYPES.has(params.get("type")) ? params.get("type") : "",
                    filters: new Map(), compare: [] };
      state.order = ORDERS.indexOf(params.get("order")) >= 0 ? params.get("order") : defaultOrder(state.sort);
      components.forEach(function (c) {
        if (RANK.has(params.get(c))) state.filters.set(c, params.get(c));
      });
      (params.get("compare") || "").split(",").forEach(function (id) {
        if (byId.has(id) && state.compare.indexOf(id) < 0 && state.compare.length < MAX_COMPARED)
          state.compare.push(id);
      });
      return state;
    }

    function read() {
      var state = { sort: sortBy.field.value, order: order.field.value, type: type ? type.field.value : "",
                    filters: new Map(), compare: currentCompare };
      components.forEach(function (c) { if (filters.get(c).value) state.filters.set(c, filters.get(c).value); });
      return state;
    }

    function address(state) {
      var params = new URLSearchParams();
      if (state.sort !== ENTRY || state.order !== "ascending") {
        params.set("sort", state.sort);
        params.set("order", state.order);
      }
      if (state.type) params.set("type", state.type);
      state.filters.forEach(function (rating, c) { params.set(c, rating); });
      if (state.compare.length >= MIN_COMPARED) params.set("compare", state.compare.join(","));
      var query = params.toString().replace(/%2C/g, ",");
      return location.pathname + (query ? "?" + query : "") + location.hash;
    }

    var currentCompare = [];

    // Show ``state``; ``how`` is "replace" or "push" to record it in the address, or nothing.
    function show(state, how) {
      sortBy.field.value = state.sort;
      order.field.value = state.order;
      if (type) type.field.value = state.type;
      components.forEach(function (c) { filters.get(c).value = state.filters.get(c) || ""; });
      sortRows(state.sort, state.order);
      var shown = filterRows(state);
      status.textContent = say("showing", { shown: shown, total: rows.length });
      caption.textContent = say("caption", { total: rows.length, shown: shown, column: names.get(state.sort),
                                             order: say(state.order).toLowerCase() });
      currentCompare = state.compare;
      rows.forEach(function (row) {
        row.querySelector(".tb-pick").checked = state.compare.indexOf(row.getAttribute("data-entry")) >= 0;
      });
      showPicked();
      renderCompare(state.compare);
      if (how === "push") history.pushState(null, "", address(state));
      else if (how === "replace") history.replaceState(null, "", address(state));
    }

    function sortRows(key, direction) {
      var sign = direction === "ascending" ? 1 : -1;
      function value(row) {
        if (key === SUMMARY) return Number(row.getAttribute("data-summary"));
        return RANK.get(ratingOf(row, key)) || 0;
      }
      var sorted = rows.slice().sort(function (a, b) {
        var byName = a.getAttribute("data-name").localeCompare(b.getAttribute("data-name"));
        if (key === ENTRY) return sign * byName;
        return sign * (value(a) - value(b)) || byName;  // ties stay A-Z
      });
      sorted.forEach(function (row) { tbody.appendChild(row); });
      headings.forEach(function (th) {
        if (th.getAttribute("data-sort") === key) th.setAttribute("aria-sort", direction);
        else th.removeAttribute("aria-sort");
      });
    }

    function filterRows(state) {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!state.type || row.getAttribute("data-type") === state.type) &&
          components.every(function (c) { return !state.filters.has(c) || ratingOf(row, c) === state.filters.get(c); });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      return shown;
    }

    // --- the side-by-side view -------------------------------------------------------------
    function renderCompare(ids) {
      while (compareView.firstChild) compareView.removeChild(compareView.firstChild);
      if (ids.length < MIN_COMPARED) {
        compareView.hidden = true;
        return;
      }
      var chosen = ids.map(function (id) { return byId.get(id); });
      var title = element("h2", { id: "compare-title", tabindex: "-1",
        text: say("side-by-side", { names: chosen.map(function (row) { return row.getAttribute("data-name"); }).join(", ") }) });
      var back = read();
      back.compare = [];
      var close = element("a", { href: address(back), "class": "tb-button", text: say("back") });
      close.addEventListener("click", function (event) {
        event.preventDefault();
        var state = read();
        state.compare = [];
        show(state, "push");
        table.scrollIntoView();
      });
      var head = element("tr", {}, [element("th", { scope: "col", text: say("component") })].concat(chosen.map(function (row) {
        var link = row.cells[0].querySelector("a[href]");
        var kind = row.getAttribute("data-type");
        return element("th", { scope: "col", "data-entry": row.getAttribute("data-entry") }, [
          element("a", { href: link.getAttribute("href"), text: row.getAttribute("data-name") }),
          TYPES.has(kind) ? element("span", { "class": "tb-type tb-type--" + kind, text: TYPES.get(kind) }) : null,
          names.has(SUMMARY) ? element("span", { "class": "tb-compare-count", text: say("summary-count", {
            summary: names.get(SUMMARY), count: row.getAttribute("data-summary"), total: components.length }) }) : null]);
      })));
      var body = components.map(function (component) {
        return element("tr", {}, [element("th", { scope: "row", text: names.get(component) })].concat(chosen.map(function (row) {
          var cell = cellOf(row, component);
          if (!cell) return element("td", { "data-label": row.getAttribute("data-name") });
          var badge = cell.querySelector(".tb-rating");
          var evidence = cell.querySelector("a[href]");
          return element("td", { "data-label": row.getAttribute("data-name"), "data-rating": cell.getAttribute("data-rating") }, [
            badge ? badge.cloneNode(true) : null,
            element("span", { "class": "tb-reason", text: " " + cell.getAttribute("data-reason") + " " }),
            evidence ? element("a", { href: evidence.getAttribute("href"), text: say("evidence") }) : null]);
        })));
      });
      compareView.appendChild(title);
      compareView.appendChild(element("table", { "class": "tb-compare-table" }, [
        element("thead", {}, [head]), element("tbody", {}, body)]));
      compareView.appendChild(element("p", {}, [close]));
      compareView.hidden = false;
    }

    compareButton.addEventListener("click", function () {
      var state = read();
      state.compare = picked();
      show(state, "push");
      compareView.scrollIntoView();
      compareView.querySelector("h2").focus({ preventScroll: true });
    });
    reset.addEventListener("click", function () {
      show({ sort: ENTRY, order: "ascending", type: "", filters: new Map(), compare: currentCompare }, "replace");
    });
    form.addEventListener("change", function (event) {
      if (event.target.tagName !== "SELECT") return;
      var state = read();
      if (event.target === sortBy.field) state.order = defaultOrder(state.sort);
      show(state, "replace");
    });
    window.addEventListener("popstate", function () { show(fromAddress()); });

    var initial = fromAddress();
    show(initial);
    if (initial.compare.length >= MIN_COMPARED) compareView.scrollIntoView();
  }

  // Material's instant navigation swaps pages without loading them: it announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
