// harness.js runs engine.js under node as a page does, with a loader that
// reads the index from disk, and prints what each query found and which
// files it loaded. engine_test.go feeds it on stdin:
//
//   {"dir": "<site root>",
//    "sessions": [[{"q": "Mujah", "limit": 12}, …], …],  // one fresh engine per session
//    "tokenize": [{"in": "2,414", "partial": false}, …],
//    "snippets": [{"text": "…", "words": ["mujah"], "max": 160}, …]}
//
// and reads {"sessions": [[{"total", "words", "hits": [{url, kind, title,
// score}], "loaded": {key: bytes}}, …]], "tokenize": [[term, …]],
// "snippets": [[{text, mark}, …]]} from stdout. "loaded" lists the files a
// query loaded that earlier queries of its session had not.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const enginePath = path.join(input.dir, "assets/search/engine.js");
const engineSource = fs.readFileSync(enginePath, "utf8");

function engine() {
  const ctx = vm.createContext({});
  vm.runInContext(engineSource, ctx, { filename: enginePath });
  return ctx;
}

async function session(queries) {
  const ctx = engine();
  let loaded = {};
  const index = ctx.DossierSearch.open((key) => new Promise((resolve, reject) => {
    const file = path.join(input.dir, "assets/search", key + ".js");
    fs.readFile(file, "utf8", (err, src) => {
      if (err) return reject(err);
      loaded[key] = Buffer.byteLength(src);
      vm.runInContext(src, ctx, { filename: file });
      resolve();
    });
  }));
  const out = [];
  for (const c of queries) {
    loaded = {};
    const r = await index.query(c.q, c.limit);
    out.push({
      total: r.total,
      words: Array.from(r.words),
      hits: Array.from(r.hits, (h) => ({ url: h.url, kind: h.kind, label: h.label, title: h.title, keywords: h.keywords, text: h.text, score: h.score })),
      loaded,
    });
  }
  return out;
}

(async () => {
  const out = { sessions: [], tokenize: [], snippets: [] };
  for (const s of input.sessions || []) out.sessions.push(await session(s));
  const ctx = engine();
  for (const c of input.tokenize || []) {
    out.tokenize.push(Array.from(ctx.DossierSearch.tokens(c.in, c.partial), (t) => t.term));
  }
  for (const c of input.snippets || []) {
    out.snippets.push(Array.from(ctx.DossierSearch.snippet(c.text, c.words, c.max), (p) => ({ text: p.text, mark: p.mark })));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + "\n");
  process.exit(1);
});
