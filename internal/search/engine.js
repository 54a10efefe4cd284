/* engine.js: the search engine of a dossier, written by dossier build
   (internal/search, whose package comment describes the files it reads).
   It loads the index a few small script files at a time and ranks documents
   by BM25F. It touches no page element: assets/dossier.js draws the results,
   and tests run it under node with their own loader. */
(function (global) {
  "use strict";

  var VERSION = 2;
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var MAX_TERM = 40;       // longer runs of letters are not terms (tokenize.go)
  var MIN_PREFIX = 2;      // shorter words match only themselves
  var MAX_EXPANSIONS = 8;  // terms one typed word may stand for
  var EXACT = 4, PREFIX = 3; // a completion counts three quarters of the word itself
  var IDF_SCALE = 256;     // scores are integers, so that ties are exact

  var VALUE = [];
  for (var i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

  // ---- tokens (the rules of tokenize.go) ------------------------------------

  var WORD = /^[\p{L}\p{N}]$/u;
  var MARKS = /\p{M}/gu;
  var foldCache = new Map();

  // fold returns the folded form of one code point: decomposed, without
  // combining marks, lower case.
  function fold(ch) {
    var c = ch.charCodeAt(0);
    if (c < 128) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
    var f = foldCache.get(ch);
    if (f === undefined) {
      f = "";
      for (var d of ch.normalize("NFD").replace(MARKS, "")) f += d.toLowerCase();
      foldCache.set(ch, f);
    }
    return f;
  }

  function isDigit(c) { return c >= 48 && c <= 57; }
  function isDigitChar(s) { return s.length === 1 && isDigit(s.charCodeAt(0)); }

  // thousandsGroup: is s from i a group of exactly three digits? In a query
  // being typed, one to three digits that end it count too.
  function thousandsGroup(s, i, partial) {
    var n = 0;
    while (n < 4 && i + n < s.length && isDigit(s.charCodeAt(i + n))) n++;
    if (n === 3 && (i + 3 === s.length || !isDigit(s.charCodeAt(i + 3)))) return true;
    return partial && n >= 1 && n <= 3 && i + n === s.length;
  }

  // tokens returns the terms of s as {term, start, ends}: start is the
  // offset in s of the term's first character, ends[k] the offset after the
  // character that gave its (k+1)th code point.
  function tokens(s, partial) {
    var out = [], cur = [], ends = [], start = 0;
    function flush() {
      if (cur.length && cur.length <= MAX_TERM) out.push({ term: cur.join(""), start: start, ends: ends });
      cur = [];
      ends = [];
    }
    for (var i = 0; i < s.length;) {
      var ch = String.fromCodePoint(s.codePointAt(i)), next = i + ch.length;
      if ((ch === "," || ch === ".") && cur.length && isDigitChar(cur[0]) && isDigitChar(cur[cur.length - 1])) {
        if (ch === "," && thousandsGroup(s, next, partial)) { i = next; continue; }
        if (ch === "." && next < s.length && isDigit(s.charCodeAt(next))) {
          cur.push(".");
          ends.push(next);
          i = next;
          continue;
        }
      }
      for (var f of fold(ch)) {
        if (WORD.test(f)) {
          if (!cur.length) start = i;
          cur.push(f);
          ends.push(next);
        } else {
          flush();
        }
      }
      i = next;
    }
    flush();
    return out;
  }

  // words returns the distinct terms of a query, without stop words.
  function words(q, stop) {
    var seen = {}, out = [];
    tokens(q, true).forEach(function (t) {
      if (!stop[t.term] && !seen[t.term]) { seen[t.term] = true; out.push(t.term); }
    });
    return out;
  }

  // ---- postings ----------------------------------------------------------------

  // eachPair calls fn(doc, weight) for the pairs of s from position at.
  function eachPair(s, at, fn) {
    var doc = -1;
    while (at < s.length) {
      var gap = 0, shift = 0, v;
      do {
        v = VALUE[s.charCodeAt(at++)];
        gap += (v & 31) * Math.pow(2, shift);
        shift += 5;
      } while (v & 32);
      doc += gap + 1;
      fn(doc, VALUE[s.charCodeAt(at++)]);
    }
  }

  // eachPosting calls fn(doc, weight) for every document of encoded postings
  // (see encodePostings in postings.go), in document order.
  function eachPosting(s, fn) {
    if (s[0] === "L") return eachPair(s, 1, fn);
    var rest = VALUE[s.charCodeAt(1)], at = 2, n = 0, shift = 0, v;
    do {
      v = VALUE[s.charCodeAt(at++)];
      n += (v & 31) * Math.pow(2, shift);
      shift += 5;
    } while (v & 32);
    var head = new Map();
    eachPair(s, at + n, function (doc, w) { head.set(doc, w); });
    for (var k = 0; k < n; k++) {
      var bits = VALUE[s.charCodeAt(at + k)];
      for (var j = 0; bits; j++, bits >>= 1) {
        if (bits & 1) {
          var doc = k * 6 + j;
          fn(doc, head.has(doc) ? head.get(doc) : rest);
        }
      }
    }
  }

  // ---- the index -------------------------------------------------------------

  var registered = {};

  // add is what every file of the index calls.
  function add(key, value) { registered[key] = value; }

  // lastAtMost returns the index of the last element of the sorted list that
  // is at most s, or 0.
  function lastAtMost(list, s, key) {
    var lo = 0, hi = list.length - 1, at = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, v = key ? list[mid][0] : list[mid];
      if (v <= s) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return at;
  }

  function firstAtLeast(list, s) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid][0] < s) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function compareHits(a, b) {
    return b.score - a.score || a.rank - b.rank || a.seg - b.seg || a.doc - b.doc;
  }

  // open returns an index whose files load(key) brings in: it returns a
  // promise that settles once the file of that key has run (in a browser,
  // a <script> for assets/search/<key>.js).
  function open(load) {
    var pending = {};

    function get(key) {
      if (!pending[key]) {
        pending[key] = Promise.resolve(load(key)).then(function () {
          if (!(key in registered)) throw new Error("search file " + key + " did not register its data");
          return registered[key];
        });
        pending[key].catch(function () { delete pending[key]; }); // try again next time
      }
      return pending[key];
    }

    function getAll(keys) {
      var seen = {};
      return Promise.all(keys.filter(function (k) { return !seen[k] && (seen[k] = true); }).map(get));
    }

    // shards lists the dictionary shards of a segment that may hold terms
    // starting with w (only w itself when prefix is false).
    function shards(seg, w, prefix) {
      var i = lastAtMost(seg.terms, w), out = [i];
      while (prefix && ++i < seg.terms.length && seg.terms[i].lastIndexOf(w, 0) === 0) out.push(i);
      return out;
    }

    // entries returns a segment's dictionary entries for w: the term w and,
    // with prefix, every term it begins.
    function entries(seg, w, prefix) {
      var out = [];
      shards(seg, w, prefix).forEach(function (i) {
        var shard = registered[seg.id + "/t" + i];
        for (var k = firstAtLeast(shard, w); k < shard.length; k++) {
          var t = shard[k][0];
          if (t === w || (prefix && t.lastIndexOf(w, 0) === 0)) out.push(shard[k]);
          else break;
        }
      });
      return out;
    }

    function entry(seg, term) {
      var shard = registered[seg.id + "/t" + lastAtMost(seg.terms, term)];
      var k = firstAtLeast(shard, term);
      return k < shard.length && shard[k][0] === term ? shard[k] : null;
    }

    // expand chooses the terms a typed word stands for: the word itself,
    // then terms it begins that occur in titles or keywords, then frequent
    // ones. Each carries its idf over all segments.
    function expand(m, w, docs) {
      var prefix = Array.from(w).length >= MIN_PREFIX, found = new Map();
      m.segments.forEach(function (seg) {
        entries(seg, w, prefix).forEach(function (e) {
          var f = found.get(e[0]);
          if (!f) found.set(e[0], f = { term: e[0], df: 0, flags: 0 });
          f.df += e[1];
          f.flags |= e[2];
        });
      });
      var exact = found.get(w), others = [];
      found.forEach(function (f) { if (f.term !== w) others.push(f); });
      others.sort(function (a, b) {
        return ((b.flags & 3) ? 1 : 0) - ((a.flags & 3) ? 1 : 0) || b.df - a.df || (a.term < b.term ? -1 : 1);
      });
      var chosen = (exact ? [exact] : []).concat(others).slice(0, MAX_EXPANSIONS);
      chosen.forEach(function (f) {
        var idf = Math.log(1 + (docs - f.df + 0.5) / (f.df + 0.5));
        f.mult = Math.max(1, Math.round(idf * IDF_SCALE)) * (f.term === w ? EXACT : PREFIX);
      });
      return chosen;
    }

    // score returns, for one segment, every document's score (0 where some
    // word is missing).
    function score(seg, plan) {
      var total = null;
      plan.forEach(function (terms) {
        var best = new Int32Array(seg.docs);
        terms.forEach(function (f) {
          var e = entry(seg, f.term);
          if (!e) return;
          var enc = e[3];
          if (typeof enc === "number") enc = postingsOf(registered[seg.id + "/p" + enc], f.term);
          eachPosting(enc, function (doc, w) {
            var s = f.mult * w;
            if (s > best[doc]) best[doc] = s;
          });
        });
        if (!total) { total = best; return; }
        for (var d = 0; d < seg.docs; d++) total[d] = total[d] && best[d] ? total[d] + best[d] : 0;
      });
      return total;
    }

    // doc returns document i of a chunk, with the title and keywords it
    // shares with the documents before it filled in.
    function doc(chunk, i) {
      var d = chunk[i].slice();
      for (var f = 0; f <= 2; f += 2) {
        for (var k = i; d[f] === null; k--) d[f] = chunk[k - 1][f];
      }
      return d;
    }

    function postingsOf(shard, term) { return shard[firstAtLeast(shard, term)][1]; }

    // query finds the documents matching q and returns a promise of
    // {hits, total, words}: the first limit hits, best first, each {kind,
    // label, title, url, keywords, text, score}; how many documents match;
    // the words of q that were searched for (for highlight).
    function query(q, limit) {
      limit = Math.max(1, limit | 0);
      return get("index").then(function (m) {
        if (m.v !== VERSION) throw new Error("the search index has format " + m.v + ", not " + VERSION);
        var stop = {};
        m.stop.forEach(function (w) { stop[w] = true; });
        var ws = words(q, stop), none = { hits: [], total: 0, words: ws };
        if (!ws.length) return none;
        var docs = 0, keys = [];
        m.segments.forEach(function (seg) {
          docs += seg.docs;
          ws.forEach(function (w) {
            shards(seg, w, Array.from(w).length >= MIN_PREFIX).forEach(function (i) { keys.push(seg.id + "/t" + i); });
          });
        });
        var plan;
        return getAll(keys).then(function () {
          plan = ws.map(function (w) { return expand(m, w, docs); });
          if (plan.some(function (terms) { return !terms.length; })) return null;
          var keys = [];
          m.segments.forEach(function (seg) {
            plan.forEach(function (terms) {
              terms.forEach(function (f) {
                var e = entry(seg, f.term);
                if (e && typeof e[3] === "number") keys.push(seg.id + "/p" + e[3]);
              });
            });
          });
          return getAll(keys);
        }).then(function (ready) {
          if (!ready) return none;
          var top = [], total = 0;
          m.segments.forEach(function (seg, si) {
            var s = score(seg, plan), run = 0, left = seg.kinds.length ? seg.kinds[0][1] : 0;
            for (var d = 0; d < seg.docs; d++) {
              while (left === 0) left = seg.kinds[++run][1];
              left--;
              if (!s[d]) continue;
              total++;
              var h = { score: s[d], rank: seg.kinds[run][0], seg: si, doc: d };
              if (top.length === limit && compareHits(h, top[limit - 1]) >= 0) continue;
              var at = top.length;
              while (at > 0 && compareHits(h, top[at - 1]) < 0) at--;
              top.splice(at, 0, h);
              if (top.length > limit) top.pop();
            }
          });
          // The key of the chunk holding a hit: named by its segment, or in
          // the pages' segment by its own content.
          function chunkKey(h) {
            var seg = m.segments[h.seg], i = Math.floor(h.doc / seg.chunk);
            return seg.chunks ? "c/" + seg.chunks[i] : seg.id + "/d" + i;
          }
          return getAll(top.map(chunkKey)).then(function () {
            return {
              total: total,
              words: ws,
              hits: top.map(function (h) {
                var seg = m.segments[h.seg], d = doc(registered[chunkKey(h)], h.doc % seg.chunk);
                return { kind: m.kinds[h.rank][0], label: m.kinds[h.rank][1], title: d[0], url: d[1], keywords: d[2], text: d[3], score: h.score };
              })
            };
          });
        });
      });
    }

    return { query: query };
  }

  // ---- highlighting ------------------------------------------------------------

  // marks returns the [start, end) ranges of text to highlight for the
  // searched words: in every term that begins with one of them, the part
  // that the word covers.
  function marks(text, ws) {
    var out = [], lens = ws.map(function (w) { return Array.from(w).length; });
    tokens(text, false).forEach(function (t) {
      var best = 0;
      ws.forEach(function (w, i) { if (lens[i] > best && t.term.lastIndexOf(w, 0) === 0) best = lens[i]; });
      if (best) out.push([t.start, t.ends[best - 1]]);
    });
    return out;
  }

  // snippet returns at most about max characters of text around its first
  // highlight, as parts {text, mark}, with "…" where text was cut.
  function snippet(text, ws, max) {
    var ms = marks(text, ws), start = 0, end = text.length;
    if (max && text.length > max) {
      var at = ms.length ? ms[0][0] : 0;
      start = Math.max(0, at - Math.floor(max / 3));
      end = Math.min(text.length, start + max);
      var sp = text.indexOf(" ", start);
      if (start > 0 && sp >= 0 && sp < at) start = sp + 1;
      sp = text.lastIndexOf(" ", end);
      if (end < text.length && sp > at) end = sp;
    }
    var parts = [], pos = start;
    if (start > 0) parts.push({ text: "…", mark: false });
    ms.forEach(function (r) {
      var a = Math.max(r[0], pos), b = Math.min(r[1], end);
      if (a >= b) return;
      if (a > pos) parts.push({ text: text.slice(pos, a), mark: false });
      parts.push({ text: text.slice(a, b), mark: true });
      pos = b;
    });
    if (pos < end) parts.push({ text: text.slice(pos, end), mark: false });
    if (end < text.length) parts.push({ text: "…", mark: false });
    return parts;
  }

  global.DossierSearch = { add: add, open: open, tokens: tokens, snippet: snippet };
})(this);
