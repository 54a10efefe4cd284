// Live reload for `dossier serve`, served at /__dossier/reload.js by the
// development server only and never part of the built site.
//
// The page listens to the server's build events. When a build succeeds, the
// site on disk is newer than the page, which reloads. When a build fails, the
// page stays as it is (the last good build) under a banner that lists the
// build's problems; the banner goes when a later build succeeds and the page
// reloads. The banner lives in a shadow root styled by /__dossier/overlay.css,
// so that the site's styles do not reach it and no inline style is needed.
(function () {
  "use strict";
  var script = document.currentScript;
  // The build the page comes from; null if the server did not say.
  var page = script ? script.getAttribute("data-build") : null;
  var host = null; // the banner's element, while it is shown
  var shown = null; // the build whose problems the banner shows, or hid

  function element(name, text) {
    var e = document.createElement(name);
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  function hide() {
    if (host) {
      host.remove();
      host = null;
    }
  }

  // problem renders "file:line: message" with its location in <code>.
  function problem(text) {
    var li = element("li");
    var m = /^(\S+?:\d+(?::\d+)?):\s*([\s\S]*)$/.exec(text) || /^(\S+?):\s+([\s\S]*)$/.exec(text);
    if (m) {
      li.appendChild(element("code", m[1]));
      li.appendChild(document.createTextNode(" " + m[2]));
    } else {
      li.textContent = text;
    }
    return li;
  }

  function show(state) {
    hide();
    var problems = state.problems || [];
    host = element("div");
    host.id = "dossier-build-problems";
    var root = host.attachShadow({ mode: "open" });
    var css = element("link");
    css.rel = "stylesheet";
    css.href = "/__dossier/overlay.css";
    var box = element("section");
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "title");
    var title = element("h2", problems.length === 1 ? "The build failed: 1 problem" :
      "The build failed: " + problems.length + " problems");
    title.id = "title";
    var close = element("button", "Hide");
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(element("p", "This page is from the last good build. It reloads by itself when the build succeeds."));
    var list = element("ul");
    var max = 100;
    problems.slice(0, max).forEach(function (p) {
      list.appendChild(problem(p));
    });
    box.appendChild(list);
    if (problems.length > max) {
      box.appendChild(element("p", "… and " + (problems.length - max) + " more; the terminal lists them all."));
    }
    // The alert is added once its stylesheet has loaded, so that it never
    // shows unstyled and screen readers announce it when it appears.
    var mine = host;
    function add() {
      if (host === mine && !box.parentNode) {
        root.appendChild(box);
      }
    }
    css.addEventListener("load", add);
    css.addEventListener("error", add);
    root.appendChild(css);
    document.body.appendChild(host);
  }

  if (!window.EventSource) {
    return;
  }
  var events = new EventSource("/__dossier/events");
  events.addEventListener("build", function (e) {
    var state;
    try {
      state = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    if (page !== null && state.site !== page) {
      events.close();
      location.reload();
      return;
    }
    if (state.ok) {
      hide();
    } else if (state.build !== shown) {
      // A reconnection repeats the state: do not bring back a banner the
      // reader hid.
      shown = state.build;
      show(state);
    }
  });
})();
