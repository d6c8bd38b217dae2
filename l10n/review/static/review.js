/* l10n review site: sortable overview, filters kept in the address, j/k between findings.
   The pages are complete without this script; it only adds these conveniences. */
(function () {
  "use strict";

  function sortable(table) {
    var heads = table.querySelectorAll("th[data-sort]");
    heads.forEach(function (th, col) {
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      th.querySelector("button").addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = th.getAttribute("data-sort") === "number";
        rows.sort(function (a, b) {
          var x = a.cells[index].getAttribute("data-value"), y = b.cells[index].getAttribute("data-value");
          var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return up ? d : -d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  var FIELDS = ["check", "severity", "status", "q", "findings"];

  function readHash() {
    var raw = location.hash.slice(1), state = {};
    if (raw.indexOf("=") < 0) { return state; }  // a plain anchor (#e42), not filters
    new URLSearchParams(raw).forEach(function (v, k) { if (FIELDS.indexOf(k) >= 0) { state[k] = v; } });
    return state;
  }

  function filters(form) {
    var entries = document.querySelectorAll("ol.entries > li.entry");
    var counter = document.getElementById("filter-count");

    function state() {
      var s = {};
      FIELDS.forEach(function (name) {
        var el = form.elements[name];
        var v = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value.trim();
        if (v) { s[name] = v; }
      });
      return s;
    }

    function apply(s) {
      var shown = 0, q = (s.q || "").toLowerCase();
      entries.forEach(function (li) {
        var ok = (!s.check || li.dataset.checks.split(" ").indexOf(s.check) >= 0) &&
          (!s.severity || li.dataset.severities.split(" ").indexOf(s.severity) >= 0) &&
          (!s.status || li.dataset.status === s.status) &&
          (!s.findings || li.classList.contains("has-finding")) &&
          (!q || li.textContent.toLowerCase().indexOf(q) >= 0);
        li.hidden = !ok;
        if (ok) { shown += 1; }
      });
      counter.textContent = shown + " of " + entries.length + " entries shown";
    }

    function load() {
      var s = readHash();
      FIELDS.forEach(function (name) {
        var el = form.elements[name];
        if (el.type === "checkbox") { el.checked = s[name] === "1"; } else { el.value = s[name] || ""; }
      });
      apply(s);
    }

    function save() {
      var s = state(), text = new URLSearchParams(s).toString();
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
      apply(s);
    }

    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function (e) { e.preventDefault(); save(); });
    window.addEventListener("hashchange", load);
    load();
  }

  function keys() {
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== "j" && e.key !== "k")) { return; }
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) { return; }
      var found = Array.prototype.filter.call(document.querySelectorAll("li.entry.has-finding"),
        function (li) { return !li.hidden; });
      if (!found.length) { return; }
      var current = document.activeElement && document.activeElement.closest ?
        document.activeElement.closest("li.entry.has-finding") : null;
      var at = found.indexOf(current), next;
      if (e.key === "j") { next = at < 0 ? found[0] : found[Math.min(at + 1, found.length - 1)]; }
      else { next = at < 0 ? found[found.length - 1] : found[Math.max(at - 1, 0)]; }
      e.preventDefault();
      next.focus();
      next.scrollIntoView({ block: "center" });
    });
  }

  var table = document.getElementById("overview");
  if (table) { sortable(table); }
  var form = document.getElementById("filters");
  if (form) {
    document.getElementById("filter-section").hidden = false;  // the filters need this script
    filters(form);
    keys();
  }
}());
