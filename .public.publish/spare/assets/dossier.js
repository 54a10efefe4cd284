/* dossier.js: search as you type (the engine is assets/search/engine.js),
   and citation previews that work with keyboard and touch. The site works
   without it: the search form leads to an A–Z list and citations are plain
   links to their source lines. */
(function () {
  "use strict";

  // The site root, from this script's own address (…/assets/dossier.js), so
  // links work at a domain root, under a project path and from file://.
  var script = document.currentScript;
  var root = script ? new URL("..", script.src).href : "";

  // ---- search ----------------------------------------------------------------
  // The index lives in assets/search/ (written by internal/search): engine.js,
  // loaded when the box is first used, then loads the manifest and the few
  // small shards each query needs. Every file is a script, because fetch
  // does not work from file://.

  var BOX_RESULTS = 12, PAGE_RESULTS = 50, SNIPPET = 160;
  var index = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { s.remove(); resolve(); };
      s.onerror = function () { s.remove(); reject(new Error(src.slice(root.length) + " did not load")); };
      document.head.appendChild(s);
    });
  }

  function openIndex() {
    if (!index) {
      index = loadScript(root + "assets/search/engine.js").then(function () {
        return window.DossierSearch.open(function (key) {
          return loadScript(root + "assets/search/" + key + ".js");
        });
      });
      index.catch(function () { index = null; }); // try again on the next keystroke
    }
    return index;
  }

  function search(q, limit) {
    return openIndex().then(function (idx) { return idx.query(q, limit); });
  }

  // ---- display -------------------------------------------------------------

  // appendParts appends snippet parts to el, the matched ones in <mark>.
  function appendParts(el, parts) {
    parts.forEach(function (p) {
      var text = document.createTextNode(p.text);
      if (p.mark) {
        var m = document.createElement("mark");
        m.appendChild(text);
        el.appendChild(m);
      } else {
        el.appendChild(text);
      }
    });
  }

  function matches(s, words) {
    return !!s && window.DossierSearch.snippet(s, words, 0).some(function (p) { return p.mark; });
  }

  // extra is the text under a result's title: when the title matched, what
  // the page is (its keywords: aliases, role, date); otherwise the text
  // where the words are.
  function extra(h, words) {
    if (h.keywords && matches(h.title, words)) return h.keywords;
    if (h.keywords && !matches(h.text, words) && matches(h.keywords, words)) return h.keywords;
    return h.text || h.keywords;
  }

  function show(list, status, result) {
    list.textContent = "";
    result.hits.forEach(function (h) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + h.url;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = h.label;
      var title = document.createElement("span");
      title.className = "title";
      appendParts(title, window.DossierSearch.snippet(h.title, result.words, 0));
      a.appendChild(title);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(kind);
      li.appendChild(a);
      var text = extra(h, result.words);
      if (text) {
        var p = document.createElement("p");
        p.className = "snippet";
        appendParts(p, window.DossierSearch.snippet(text, result.words, SNIPPET));
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
      if (!q.trim()) { panel.hidden = true; return; }
      search(q, BOX_RESULTS).then(function (result) {
        if (input.value !== q) return; // a newer keystroke will render
        if (!result.words.length) { panel.hidden = true; return; }
        show(list, status, result);
        panel.hidden = false;
      }, function (err) {
        if (input.value !== q) return;
        status.textContent = "Search is unavailable: " + err.message + ".";
        panel.hidden = false;
      });
    }

    input.addEventListener("input", run);
    // Focus loads the engine and the manifest, so the first keystroke waits
    // only for its own shards.
    input.addEventListener("focus", function () { search("", 1).catch(function () {}); if (input.value) run(); });
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
        search(q, PAGE_RESULTS).then(function (result) {
          show(page, pageStatus, result);
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
