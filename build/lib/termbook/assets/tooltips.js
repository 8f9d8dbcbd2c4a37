/* termbook: show a glossary term's short definition next to each link to it.

   Term links are <a href="..." data-tb="id"> (written by termbook.linker). Hovering one,
   focusing it with the keyboard or tapping it once on a touch screen shows the definition in
   a tooltip below the link (above it when there is no room below), so the link itself stays
   visible. A second tap follows the link; Escape, or a tap elsewhere, closes the tooltip. The
   link is described by the tooltip (aria-describedby) while it shows.

   The definitions come from terms.js next to this file, loaded as a script (not fetched), so
   this also works from file://. Pages carry only the term ids. */
(function () {
  "use strict";

  var script = document.currentScript;
  var dataUrl = script ? script.src.replace(/tooltips\.js([?#].*)?$/, "terms.js") : null;
  var GAP = 6;       // px between the link and the tooltip
  var MARGIN = 8;    // px kept free at the edges of the window
  var HIDE_DELAY = 200;  // ms: time to move the pointer from the link onto the tooltip

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
      var text = window.termbookShorts[link.getAttribute("data-tb")];
      if (!text) return;
      if (current && current !== link) current.removeAttribute("aria-describedby");
      var box = tooltip();
      box.textContent = text;
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
