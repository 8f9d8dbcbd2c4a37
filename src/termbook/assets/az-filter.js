/* termbook: narrow the glossary's A–Z index to the terms of one category.

   The index lists every term without this script; each row carries its categories
   (<li data-tb-categories="id id">, names of other forms also class "tb-see"). The script
   shows the choice termbook wrote hidden above the index (its labels are in the site's
   language, in its data-label-* attributes), hides the rows and groups the chosen category
   leaves empty (and their entries in the table of contents), dims their letters, and keeps the choice in the page address (?category=id), so
   a narrowed list can be shared. A value in the address counts only when it is one of the
   choice's own options. Nothing is fetched: it works from file:// as well. */
(function () {
  "use strict";

  function start() {
    var form = document.querySelector(".tb-az-filter");
    if (!form || form.hasAttribute("data-ready")) return;
    form.setAttribute("data-ready", "");
    var select = form.querySelector("select");
    var status = form.querySelector(".tb-az-status");
    var known = Array.prototype.map.call(select.options, function (option) { return option.value; });
    var article = form.closest("article") || document;
    var rows = Array.prototype.slice.call(article.querySelectorAll("li[data-tb-categories]"));
    var lists = [];
    rows.forEach(function (row) {
      if (lists.indexOf(row.parentElement) < 0) lists.push(row.parentElement);
    });
    var terms = rows.filter(function (row) { return !row.classList.contains("tb-see"); });

    function inCategory(row, category) {
      return (row.getAttribute("data-tb-categories") || "").split(" ").indexOf(category) >= 0;
    }

    function fromAddress() {
      var wanted = new URLSearchParams(window.location.search).get("category") || "";
      return known.indexOf(wanted) >= 0 ? wanted : "";
    }

    function keep(category) {
      var url = new URL(window.location.href);
      if (category) url.searchParams.set("category", category);
      else url.searchParams.delete("category");
      try {
        window.history.replaceState(window.history.state, "", url.href);
      } catch (error) {
        // Some browsers refuse to change the address of a page read from file://; the
        // list is narrowed all the same.
      }
    }

    function show(category) {
      select.value = category;
      rows.forEach(function (row) { row.hidden = Boolean(category) && !inCategory(row, category); });
      lists.forEach(function (list) {
        var empty = !Array.prototype.some.call(list.children, function (item) { return !item.hidden; });
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && /^H[2-6]$/.test(heading.tagName)) {
          heading.hidden = empty;
          var letter = heading.id && document.querySelector('.tb-az-nav a[href="#' + heading.id + '"]');
          if (letter) letter.classList.toggle("tb-az-dimmed", empty);
          // The theme's table of contents lists the groups too.
          Array.prototype.forEach.call(document.querySelectorAll('nav a[href="#' + heading.id + '"]'),
            function (link) { var item = link.closest("li"); if (item) item.hidden = empty; });
        }
      });
      var shown = terms.filter(function (row) { return !row.hidden; }).length;
      status.textContent = form.getAttribute("data-label-status")
        .split("{shown}").join(String(shown)).split("{total}").join(String(terms.length));
    }

    select.addEventListener("change", function () {
      keep(select.value);
      show(select.value);
    });
    form.hidden = false;
    show(fromAddress());
  }

  // Material's instant navigation swaps pages without loading scripts again.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
