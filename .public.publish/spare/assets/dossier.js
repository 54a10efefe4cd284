/* dossier.js: search as you type, and citation previews that work with
   keyboard and touch. The site works without it: the search form leads to an
   A–Z list and citations are plain links to their source lines. */
(function () {
  "use strict";

  // The site root, from this script's own address (…/assets/dossier.js), so
  // links work at a domain root, under a project path and from file://.
  var script = document.currentScript;
  var root = script ? new URL("..", script.src).href : "";

  var KINDS = { actor: 6, topic: 5, event: 4, figure: 3, page: 2, source: 0 };
  var LABELS = { actor: "Actor", topic: "Topic", event: "Event", figure: "Figure", page: "Page", source: "Source" };
  var MARKS = /[\u0300-\u036f]/g;

  // fold lowercases and strips accents so "mujahid" finds "Mujāhid".
  function fold(s) {
    return s.normalize("NFD").replace(MARKS, "").toLowerCase();
  }

  // foldMap folds s and records, for each folded character, the index of the
  // original character it came from, so matches can be highlighted in place.
  function foldMap(s) {
    var out = "", map = [];
    for (var i = 0; i < s.length; i++) {
      var f = fold(s[i]);
      for (var j = 0; j < f.length; j++) { out += f[j]; map.push(i); }
    }
    map.push(s.length);
    return { text: out, map: map };
  }

  // ---- index loading -------------------------------------------------------

  var entries = null, loading = null;

  function loadIndex() {
    if (entries) return Promise.resolve(entries);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = root + "assets/search-index.js";
      s.onload = function () {
        var data = window.DOSSIER_SEARCH || { entries: [] };
        entries = data.entries.map(function (e) {
          return { kind: e[0], title: e[1], url: e[2], keys: e[3], text: e[4],
            ft: fold(e[1]), fk: fold(e[3]), fx: fold(e[4]) };
        });
        resolve(entries);
      };
      s.onerror = function () { loading = null; reject(new Error("search index did not load")); };
      document.head.appendChild(s);
    });
    return loading;
  }

  // ---- matching ------------------------------------------------------------

  function terms(q) {
    return fold(q).split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function wordStart(hay, at) {
    return at === 0 || /[^a-z0-9]/.test(hay[at - 1]);
  }

  // score is 0 when some term is missing, otherwise higher for matches in
  // titles and at word starts.
  function score(e, ts) {
    var total = 0;
    for (var i = 0; i < ts.length; i++) {
      var t = ts[i], best = 0, at;
      if ((at = e.ft.indexOf(t)) >= 0) best = at === 0 ? 100 : wordStart(e.ft, at) ? 60 : 30;
      if (best < 25 && (at = e.fk.indexOf(t)) >= 0) best = Math.max(best, wordStart(e.fk, at) ? 25 : 15);
      if (best < 8 && (at = e.fx.indexOf(t)) >= 0) best = Math.max(best, wordStart(e.fx, at) ? 8 : 4);
      if (best === 0) return 0;
      total += best;
    }
    return total + (KINDS[e.kind] || 0);
  }

  function search(q, limit) {
    var ts = terms(q);
    if (!ts.length || !entries) return { hits: [], total: 0, terms: ts };
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(entries[i], ts);
      if (s > 0) hits.push({ e: entries[i], s: s });
    }
    hits.sort(function (a, b) { return b.s - a.s || (a.e.title < b.e.title ? -1 : a.e.title > b.e.title ? 1 : 0); });
    return { hits: hits.slice(0, limit), total: hits.length, terms: ts };
  }

  // ---- display -------------------------------------------------------------

  // highlight appends text to el with every occurrence of the terms in <mark>.
  function highlight(el, text, ts) {
    var fm = foldMap(text), marked = new Array(text.length + 1).join("0").split("");
    ts.forEach(function (t) {
      var from = 0, at;
      while ((at = fm.text.indexOf(t, from)) >= 0) {
        for (var k = fm.map[at]; k < fm.map[at + t.length]; k++) marked[k] = "1";
        from = at + t.length;
      }
    });
    var i = 0;
    while (i < text.length) {
      var j = i;
      while (j < text.length && marked[j] === marked[i]) j++;
      var part = document.createTextNode(text.slice(i, j));
      if (marked[i] === "1") {
        var m = document.createElement("mark");
        m.appendChild(part);
        el.appendChild(m);
      } else {
        el.appendChild(part);
      }
      i = j;
    }
  }

  // snippet returns about 160 characters of text around the first match.
  function snippet(text, ts) {
    var f = fold(text), at = -1;
    ts.forEach(function (t) { var k = f.indexOf(t); if (k >= 0 && (at < 0 || k < at)) at = k; });
    if (at < 0) return text.length > 160 ? text.slice(0, 160) + "…" : text;
    var start = Math.max(0, at - 60), end = Math.min(text.length, start + 160);
    // Start and end at word boundaries where one is near.
    var sp = text.indexOf(" ", start);
    if (start > 0 && sp >= 0 && sp < at) start = sp + 1;
    sp = text.lastIndexOf(" ", end);
    if (end < text.length && sp > at + 20) end = sp;
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function show(list, status, result) {
    list.textContent = "";
    result.hits.forEach(function (h) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + h.e.url;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = LABELS[h.e.kind] || h.e.kind;
      var title = document.createElement("span");
      title.className = "title";
      highlight(title, h.e.title, result.terms);
      a.appendChild(title);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(kind);
      li.appendChild(a);
      var extra = h.e.kind === "source" ? h.e.text : (fold(h.e.title).indexOf(result.terms[0]) >= 0 ? h.e.keys : h.e.text || h.e.keys);
      if (extra) {
        var p = document.createElement("p");
        p.className = "snippet";
        highlight(p, snippet(extra, result.terms), result.terms);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    var n = result.total;
    status.textContent = n === 0 ? "No matches." :
      n === 1 ? "1 match." : n > result.hits.length ? n + " matches; the first " + result.hits.length + " are shown." : n + " matches.";
  }

  function setUpSearch() {
    var input = document.getElementById("search");
    var panel = document.getElementById("search-panel");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!input || !panel || !list || !status) return;
    var form = input.form;

    function run() {
      var q = input.value;
      if (!terms(q).length) { panel.hidden = true; return; }
      loadIndex().then(function () {
        if (input.value !== q) return; // a newer keystroke will render
        show(list, status, search(q, 12));
        panel.hidden = false;
      }, function (err) {
        status.textContent = "Search is unavailable: " + err.message + ".";
        panel.hidden = false;
      });
    }

    input.addEventListener("input", run);
    input.addEventListener("focus", function () { loadIndex().catch(function () {}); if (input.value) run(); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { panel.hidden = true; input.blur(); }
      if (ev.key === "ArrowDown") {
        var first = list.querySelector("a");
        if (first) { ev.preventDefault(); first.focus(); }
      }
    });
    list.addEventListener("keydown", function (ev) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (ev.key === "ArrowDown" && i + 1 < links.length) { ev.preventDefault(); links[i + 1].focus(); }
      if (ev.key === "ArrowUp") { ev.preventDefault(); (i > 0 ? links[i - 1] : input).focus(); }
      if (ev.key === "Escape") { panel.hidden = true; input.focus(); }
    });
    // Close the panel when focus or a click leaves the form.
    document.addEventListener("click", function (ev) {
      if (form && !form.contains(ev.target)) panel.hidden = true;
    });
    form.addEventListener("focusout", function (ev) {
      if (!ev.relatedTarget || !form.contains(ev.relatedTarget)) panel.hidden = true;
    });

    // "/" focuses the box from anywhere but a text field.
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      ev.preventDefault();
      input.focus();
      input.select();
    });

    // The results page runs the query it was given.
    var page = document.getElementById("search-page-results");
    if (page) {
      var q = new URLSearchParams(location.search).get("q") || "";
      var section = page.closest("section");
      var pageStatus = document.getElementById("search-page-status");
      if (q) {
        input.value = q;
        loadIndex().then(function () {
          show(page, pageStatus, search(q, 200));
          section.hidden = false;
        }, function (err) {
          pageStatus.textContent = "Search is unavailable: " + err.message + ".";
          section.hidden = false;
        });
      }
    }
  }

  // ---- citation previews ---------------------------------------------------
  // CSS shows a citation's preview on hover and keyboard focus. Here: a first
  // tap on a touch screen opens the preview instead of leaving the page (a
  // second tap follows the link), Escape closes it, and a preview that would
  // run off the right edge is moved back into view.

  function setUpCitations() {
    var lastPointer = "mouse";
    document.addEventListener("pointerdown", function (ev) { lastPointer = ev.pointerType; }, true);

    function closeAll(except) {
      document.querySelectorAll(".cite.open").forEach(function (c) { if (c !== except) c.classList.remove("open"); });
    }

    function place(cite) {
      var tip = cite.querySelector(".tip");
      if (!tip) return;
      tip.style.marginLeft = "";
      var r = tip.getBoundingClientRect(), room = document.documentElement.clientWidth - 8;
      if (r.width > 0 && r.right > room) tip.style.marginLeft = Math.max(room - r.right, 8 - r.left) + "px";
    }

    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest(".cite sup a");
      if (!a) { if (!ev.target.closest || !ev.target.closest(".cite .tip")) closeAll(null); return; }
      var cite = a.closest(".cite");
      if (lastPointer === "touch" && !cite.classList.contains("open")) {
        ev.preventDefault();
        closeAll(cite);
        cite.classList.remove("dismissed");
        cite.classList.add("open");
        place(cite);
      }
    });
    document.addEventListener("mouseover", function (ev) {
      var cite = ev.target.closest && ev.target.closest(".cite");
      if (cite) place(cite);
    });
    document.addEventListener("focusin", function (ev) {
      var cite = ev.target.closest && ev.target.closest(".cite");
      if (cite) { cite.classList.remove("dismissed"); place(cite); }
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape") return;
      closeAll(null);
      var cite = document.activeElement && document.activeElement.closest && document.activeElement.closest(".cite");
      if (cite) cite.classList.add("dismissed");
    });
    document.addEventListener("mouseout", function (ev) {
      var cite = ev.target.closest && ev.target.closest(".cite");
      if (cite && !cite.contains(ev.relatedTarget)) cite.classList.remove("dismissed");
    });
  }

  function start() {
    document.documentElement.classList.add("js");
    setUpSearch();
    setUpCitations();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
