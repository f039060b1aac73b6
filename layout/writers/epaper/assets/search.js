/* epaper 数字报: search in the browser over the prebuilt index (data/search-index.js).
   Text is folded per character exactly as layout/writers/epaper/search.py folds it:
   NFKC, lower case, letters and digits only.  An article matches when it holds every
   term of the query (terms are separated by spaces) as a phrase. */
(function () {
  'use strict';
  var LETTER = /[\p{L}\p{N}]/u;
  var data = window.EPAPER_SEARCH;
  var status = document.getElementById('status');
  var list = document.getElementById('results');
  var query = (new URLSearchParams(window.location.search).get('q') || '').trim();
  var input = document.querySelector('.search input[name="q"]');
  if (input) input.value = query;
  if (!status || !list) return;
  if (!data) { status.textContent = '检索索引未能载入。'; return; }
  if (!query) return;

  function fold(ch) {
    var out = '';
    Array.from(ch.normalize('NFKC').toLowerCase()).forEach(function (c) {
      if (LETTER.test(c)) out += c;
    });
    return out;
  }
  /* The folded text and, for each of its code units, where it came from in ``text``. */
  function folded(text) {
    var s = '', from = [], i = 0;
    Array.from(text).forEach(function (ch) {
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) from.push(i);
      s += f;
      i += ch.length;
    });
    return { s: s, from: from };
  }
  function grams(term) {
    var cps = Array.from(term);
    if (cps.length === 1) return cps;
    var out = [];
    for (var k = 0; k + 1 < cps.length; k++) out.push(cps[k] + cps[k + 1]);
    return out;
  }
  function count(haystack, needle) {
    var n = 0, at = haystack.indexOf(needle);
    while (at >= 0) { n++; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }

  var terms = query.split(/\s+/).map(fold).filter(Boolean);
  var candidates = null;
  terms.forEach(function (term) {
    grams(term).forEach(function (gram) {
      var posting = data.grams[gram] || [];
      candidates = candidates === null ? posting.slice() : candidates.filter(function (d) {
        return posting.indexOf(d) >= 0;
      });
    });
  });
  var hits = [];
  (candidates || []).forEach(function (d) {
    var doc = data.docs[d];
    var head = folded(doc.head).s, body = folded(doc.text);
    var whole = head + body.s;
    if (!terms.every(function (t) { return whole.indexOf(t) >= 0; })) return;
    var score = 0;
    terms.forEach(function (t) { score += 10 * count(head, t) + count(body.s, t); });
    hits.push({ doc: doc, order: d, score: score, body: body });
  });
  hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });

  /* An excerpt around the first match in the body, the matched text marked. */
  function snippet(hit) {
    var p = document.createElement('p');
    p.className = 'snippet';
    var text = hit.doc.text, body = hit.body, at = -1, term = '';
    terms.some(function (t) { at = body.s.indexOf(t); term = t; return at >= 0; });
    if (at < 0) { p.textContent = text.slice(0, 90) + (text.length > 90 ? '……' : ''); return p; }
    var start = body.from[at];
    var last = body.from[at + term.length - 1];
    var end = last + String.fromCodePoint(text.codePointAt(last)).length;
    var from = Math.max(0, start - 36), to = Math.min(text.length, end + 60);
    p.appendChild(document.createTextNode((from > 0 ? '……' : '') + text.slice(from, start)));
    var m = document.createElement('mark');
    m.textContent = text.slice(start, end);
    p.appendChild(m);
    p.appendChild(document.createTextNode(text.slice(end, to) + (to < text.length ? '……' : '')));
    return p;
  }

  status.textContent = hits.length
    ? '找到 ' + hits.length + ' 篇与“' + query + '”有关的文章'
    : '没有找到与“' + query + '”有关的文章。';
  hits.forEach(function (hit) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.className = 'title';
    a.href = hit.doc.href;
    a.textContent = hit.doc.title;
    var meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = hit.doc.label;
    li.appendChild(a);
    li.appendChild(meta);
    li.appendChild(snippet(hit));
    list.appendChild(li);
  });
})();
