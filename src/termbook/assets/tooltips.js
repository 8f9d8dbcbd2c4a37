/* termbook: show a glossary term's short definition next to each link to it.

   Term links are <a href="..." data-tb="id"> (written by termbook.linker). Hovering one,
   focusing it with the keyboard or tapping it once on a touch screen shows the definition in
   a tooltip below the link (above it when there is no room below), so the link itself stays
   visible. A second tap follows the link; Escape, or a tap elsewhere, closes the tooltip. The
   link is described by the tooltip (aria-describedby) while it shows.

   The definitions come from terms.js next to this file, loaded as a script (not fetched), so
   this also works from file://. Pages carry only the term ids. A definition is text, or, when
   it holds code or emphasis, a list of [kind, text] pieces: each becomes a text node or a
   <code>, <em> or <strong> element whose text is set as text, so nothing in the data is ever
   read as markup. */
(function () {
  "use strict";

  var script = document.currentScript;
  var dataUrl = script ? script.src.replace(/tooltips\.js([?#].*)?$/, "terms.js") : null;
  var GAP = 6;       // px between the link and the tooltip
  var MARGIN = 8;    // px kept free at the edges of the window
  var HIDE_DELAY = 200;  // ms: time to move the pointer from the link onto the tooltip
  var ELEMENTS = ["code", "em", "strong"];  // the kinds of piece that are shown as elements

  var tip = null;        // the tooltip element, made on first use
  var current = null;    // the link whose definition shows
  var hideTimer = null;
  var touch = null;      // {link, wasOpen} between a touch on a link and its click
  var waiting = [];      // what to do once the definitions have loaded
  var loading = false;

  function definitions(then) {
    if (window.termbookShorts) { then(); return; }
    waiting.push(then);
    if (loading || !dataUrl) return;
    loading = true;
    var data = document.createElement("script");
    data.src = dataUrl;
    data.onload = function () {
      var queue = waiting;
      waiting = [];
      queue.forEach(function (run) { run(); });
    };
    document.head.appendChild(data);
  }

  /* The definition's pieces as nodes of the tooltip, replacing what it showed before. */
  function fill(box, definition) {
    box.textContent = "";
    if (typeof definition === "string") { box.textContent = definition; return; }
    definition.forEach(function (piece) {
      var kind = ELEMENTS.indexOf(piece[0]) >= 0 ? piece[0] : null;
      var node = kind ? document.createElement(kind) : document.createTextNode("");
      node.textContent = String(piece[1]);
      box.appendChild(node);
    });
  }

  function termLink(node) {
    return node && node.closest ? node.closest("a[data-tb]") : null;
  }

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "tb-tooltip";
      tip.className = "tb-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", cancelHide);
      tip.addEventListener("mouseleave", scheduleHide);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function isOpen(link) {
    return current === link && tip && !tip.hidden;
  }

  function show(link) {
    cancelHide();
    definitions(function () {
      var shorts = window.termbookShorts;
      var id = link.getAttribute("data-tb");
      var definition = Object.prototype.hasOwnProperty.call(shorts, id) ? shorts[id] : null;
      if (!definition || !(typeof definition === "string" || Array.isArray(definition))) return;
      if (current && current !== link) current.removeAttribute("aria-describedby");
      var box = tooltip();
      fill(box, definition);
      box.hidden = false;
      current = link;
      link.setAttribute("aria-describedby", box.id);
      place(link, box);
    });
  }

  function hide() {
    cancelHide();
    if (tip) tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function cancelHide() {
    if (hideTimer) clearTimeout(hideTimer);
    hideTimer = null;
  }

  /* Below the link's first line box, or above it when the window has no room below. */
  function place(link, box) {
    var rect = link.getClientRects()[0] || link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    box.style.left = "0px";
    box.style.top = "0px";
    var tipWidth = box.offsetWidth, tipHeight = box.offsetHeight;
    var left = Math.max(MARGIN, Math.min(rect.left, width - tipWidth - MARGIN));
    var top = rect.bottom + GAP;
    if (top + tipHeight > window.innerHeight - MARGIN && rect.top - GAP - tipHeight >= MARGIN) {
      top = rect.top - GAP - tipHeight;
    }
    box.style.left = left + window.pageXOffset + "px";
    box.style.top = top + window.pageYOffset + "px";
  }

  document.addEventListener("mouseover", function (event) {
    var link = termLink(event.target);
    if (link && !link.contains(event.relatedTarget)) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = termLink(event.target);
    if (link && !link.contains(event.relatedTarget) && current === link) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link) show(link);
  });
  document.addEventListener("focusout", function (event) {
    if (termLink(event.target) === current) hide();
  });

  /* A touch screen has no hover: the first tap shows the definition, the second follows. */
  document.addEventListener("pointerdown", function (event) {
    var link = termLink(event.target);
    touch = link && event.pointerType === "touch" ? {link: link, wasOpen: isOpen(link)} : null;
    if (!link && tip && !tip.contains(event.target)) hide();
  });
  document.addEventListener("click", function (event) {
    var link = termLink(event.target);
    var tap = touch;
    touch = null;
    if (link && tap && tap.link === link && !tap.wasOpen) {
      event.preventDefault();
      show(link);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && tip && !tip.hidden) hide();
  });
  window.addEventListener("resize", function () { if (current) place(current, tip); });
})();
