// The matrix page's script: filters recount every cell from the rules
// embedded in the page, and a click on a cell shows its rules and what
// ATT&CK says of the technique. It builds the details with DOM calls and
// textContent only, so that no rule text is ever read as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('matrix-data').textContent);
  var form = document.getElementById('filters');
  var matrix = document.getElementById('matrix');
  var detail = document.getElementById('detail');
  var body = document.getElementById('detail-body');
  var selected = null;
  var active = [];

  function checked(name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (i) { return i.value; });
  }

  function ruleIDs(el) {
    var s = el.getAttribute('data-rules');
    return s ? s.split(' ').map(Number) : [];
  }

  function countActive(list) {
    return list.filter(function (i) { return active[i]; }).length;
  }

  function level(n) {
    for (var i = 0; i < data.levels.length; i++) {
      if (n <= data.levels[i]) { return i; }
    }
    return data.levels.length;
  }

  function pct(n, total) {
    return total ? (100 * n / total).toFixed(1) + '%' : '–';
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function link(href, text) {
    var a = el('a', text);
    a.href = href;
    return a;
  }

  // apply recounts the page for the filters: the rules kept, and the
  // platforms whose techniques count. The first run, on load, only
  // reads them: the page as written already shows its defaults.
  function apply(e) {
    var mats = checked('maturity'), srcs = checked('source'), plats = checked('platform');
    var allPlats = plats.length === form.querySelectorAll('input[name="platform"]').length;
    active = data.rules.map(function (r) { return mats.indexOf(r.maturity) >= 0 && srcs.indexOf(r.source) >= 0; });
    var inScope = {}, covered = {};
    Array.prototype.forEach.call(matrix.querySelectorAll('section.tactic'), function (sec) {
      var total = 0, cov = 0, gaps = [];
      Array.prototype.forEach.call(sec.querySelectorAll('button.cell[data-tech]'), function (b) {
        var n = countActive(ruleIDs(b));
        var ps = b.getAttribute('data-platforms').split('|');
        var scoped = allPlats || ps.some(function (p) { return plats.indexOf(p) >= 0; });
        b.querySelector(':scope > .n').textContent = n;
        for (var i = 0; i <= data.levels.length; i++) { b.classList.toggle('h' + i, i === level(n)); }
        b.classList.toggle('outside', !scoped);
        b.parentElement.hidden = !scoped && n === 0;
        Array.prototype.forEach.call(b.querySelectorAll('.sub'), function (s) {
          var k = countActive(ruleIDs(s));
          s.hidden = k === 0;
          s.querySelector('.n').textContent = k;
        });
        if (scoped) {
          var id = b.getAttribute('data-tech');
          total++;
          inScope[id] = true;
          if (n) { cov++; covered[id] = true; } else { gaps.push(b); }
        }
      });
      var only = sec.querySelector('.tactic-only');
      if (only) {
        var k = countActive(ruleIDs(only));
        only.hidden = k === 0;
        only.querySelector('.n').textContent = k;
      }
      sec.querySelector('.tally').textContent = cov + '/' + total + ' · ' + pct(cov, total);
      var row = document.querySelector('#gaps tr[data-tactic="' + sec.getAttribute('data-tactic') + '"]');
      if (row) {
        row.cells[1].textContent = cov + ' of ' + total;
        row.cells[2].textContent = pct(cov, total);
        row.cells[3].textContent = '';
        gaps.forEach(function (b, i) {
          if (i) { row.cells[3].appendChild(document.createTextNode(', ')); }
          var id = b.getAttribute('data-tech');
          row.cells[3].appendChild(link(data.techniques[id].url, id + ' ' + data.techniques[id].name));
        });
      }
    });
    var t = Object.keys(inScope).length, c = Object.keys(covered).length;
    document.getElementById('summary').textContent = c + ' of ' + t + ' technique' + (t === 1 ? '' : 's') + ' covered (' + pct(c, t) + ')';
    if (!e) { return; }
    document.getElementById('scope').textContent = allPlats ? 'every technique, whatever its platform'
      : plats.length ? 'the techniques of the platforms ' + plats.join(', ') : 'no platform';
    if (selected) { show(selected); }
  }

  // ruleItem is one rule in the details: what it is, where it is defined,
  // its description and its check findings.
  function ruleItem(i, via, evidence) {
    var r = data.rules[i];
    var li = el('li');
    li.appendChild(el('strong', r.name, 'rule-name'));
    if (via) { li.appendChild(document.createTextNode(' (' + via + ')')); }
    if (evidence) { li.appendChild(el('div', evidence, 'meta')); }
    var meta = [r.maturity ? 'maturity_' + r.maturity : 'no maturity tag', r.source, r.priority, r.enabled ? 'enabled' : 'disabled'];
    li.appendChild(el('div', meta.filter(Boolean).join(' · '), 'meta'));
    if (r.where) { li.appendChild(el('div', r.where, 'meta')); }
    if (r.desc) {
      var d = el('details');
      d.appendChild(el('summary', 'Description'));
      d.appendChild(el('p', r.desc));
      li.appendChild(d);
    }
    if (r.findings && r.findings.length) {
      var ul = el('ul', null, 'findings');
      r.findings.forEach(function (f) {
        var fl = el('li', null, 'sev-' + f.severity);
        fl.appendChild(link(f.url, f.code));
        fl.appendChild(document.createTextNode(' (' + f.severity + '): ' + f.message));
        ul.appendChild(fl);
      });
      li.appendChild(ul);
    }
    return li;
  }

  // ruleList lists the rules the filters keep, and says how many they hide.
  function ruleList(entries) {
    var box = el('div');
    var shown = entries.filter(function (e) { return active[e.i]; });
    box.appendChild(el('h3', shown.length + ' rule' + (shown.length === 1 ? '' : 's')));
    if (shown.length) {
      var ul = el('ul', null, 'rules');
      shown.forEach(function (e) { ul.appendChild(ruleItem(e.i, e.via, e.evidence)); });
      box.appendChild(ul);
    } else {
      box.appendChild(el('p', 'No rule covers it.'));
    }
    if (shown.length < entries.length) {
      box.appendChild(el('p', (entries.length - shown.length) + ' more hidden by the filters.', 'hidden-note'));
    }
    return box;
  }

  function field(dl, name, value) {
    if (!value || (value.length !== undefined && value.length === 0)) { return; }
    dl.appendChild(el('dt', name));
    var dd = el('dd');
    if (typeof value === 'string') { dd.textContent = value; } else { dd.appendChild(value); }
    dl.appendChild(dd);
  }

  function linkList(items) {
    var span = el('span');
    items.forEach(function (it, i) {
      if (i) { span.appendChild(document.createTextNode(', ')); }
      span.appendChild(it.url ? link(it.url, it.text) : document.createTextNode(it.text));
    });
    return span;
  }

  // show fills the details for a cell: the technique and its rules, or
  // the rules that tag a tactic and no technique of it.
  function show(b) {
    if (selected && selected !== b) { selected.classList.remove('selected'); }
    selected = b;
    b.classList.add('selected');
    var tactic = b.closest('section.tactic').getAttribute('data-tactic');
    body.textContent = '';
    var id = b.getAttribute('data-tech');
    if (!id) {
      body.appendChild(el('h2', data.tactics[tactic]));
      body.appendChild(el('p', 'Rules that tag this tactic and no technique of it.'));
      body.appendChild(ruleList(ruleIDs(b).map(function (i) { return { i: i }; })));
    } else {
      var t = data.techniques[id];
      var h = el('h2');
      h.appendChild(link(t.url, id + ' ' + t.name));
      body.appendChild(h);
      var dl = el('dl');
      field(dl, 'Under', data.tactics[tactic]);
      field(dl, 'Tactics', t.tactics.join(', '));
      field(dl, 'Platforms', t.platforms.join(', '));
      if (t.subs) { field(dl, 'Sub-techniques', String(t.subs)); }
      field(dl, 'Mitigations', t.mitigations && linkList(t.mitigations.map(function (m) {
        return { text: m + ' ' + data.mitigations[m], url: 'https://attack.mitre.org/mitigations/' + m + '/' };
      })));
      field(dl, 'Detected in', t.components && linkList(t.components.map(function (k) {
        var c = data.components[k];
        return { text: c.name, url: c.url };
      })));
      if (t.watch) {
        var wl = el('ul', null, 'watch');
        t.watch.forEach(function (w) {
          var li = el('li');
          li.appendChild(w.url ? link(w.url, w.name) : document.createTextNode(w.name));
          wl.appendChild(li);
        });
        field(dl, 'ATT&CK watches on ' + data.watch_on, wl);
      }
      body.appendChild(dl);
      var p = el('p', 'What it is, procedure examples and detections: ');
      p.appendChild(link(t.url, t.url.replace('https://', '')));
      body.appendChild(p);
      var cell = data.cells[tactic + '/' + id] || {};
      var ev = cell.evidence || {};
      var entries = (cell.direct || []).map(function (i) { return { i: i, evidence: ev[i] }; });
      (cell.subs || []).forEach(function (s) {
        s.rules.forEach(function (i) {
          var seen = entries.filter(function (e) { return e.i === i; })[0];
          var via = s.id + ' ' + s.name;
          if (!seen) { entries.push({ i: i, via: via, evidence: ev[i] }); } else { seen.via = seen.via ? seen.via + ', ' + via : via; }
        });
      });
      body.appendChild(ruleList(entries));
    }
    detail.hidden = false;
    detail.focus({ preventScroll: true });
  }

  function close() {
    detail.hidden = true;
    if (selected) {
      selected.classList.remove('selected');
      selected.focus({ preventScroll: true });
      selected = null;
    }
  }

  matrix.addEventListener('click', function (e) {
    var b = e.target.closest('button.cell');
    if (b) { show(b); }
  });
  form.addEventListener('change', apply);
  detail.querySelector('.close').addEventListener('click', close);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !detail.hidden) { close(); }
  });
  apply();
}());
