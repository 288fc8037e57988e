// The HTML report's page: styles and a small script, inline, so the file works from file://
// with no network. The script builds every element with createElement and textContent: no
// string from the scan (paths, names, commit data) is ever parsed as HTML.

export const STYLE = `
:root { --bg:#fff; --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --crit:#a40e26; --high:#d1242f; --med:#bf8700; --low:#59636e; --accent:#0969da; }
@media (prefers-color-scheme: dark) { :root { --bg:#0d1117; --fg:#e6edf3; --muted:#9198a1; --line:#3d444d; --accent:#4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
header, main { max-width: 1200px; margin: 0 auto; padding: 12px 20px; }
h1 { font-size: 20px; margin: 8px 0; } h2 { font-size: 16px; margin: 20px 0 8px; }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 110px; }
.card b { display: block; font-size: 20px; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 12px; }
.sev-critical { color: var(--crit); } .sev-high { color: var(--high); } .sev-medium { color: var(--med); } .sev-low { color: var(--low); }
.flag { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 7px; margin: 1px 2px; font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { cursor: pointer; user-select: none; white-space: nowrap; } th.sorted::after { content: attr(data-dir); color: var(--muted); }
tr.row { cursor: pointer; } tr.row:hover { background: rgba(127,127,127,.08); }
code { font: 12px ui-monospace, monospace; }
.controls { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
input, select, button { font: inherit; padding: 3px 6px; }
#detail { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin-top: 12px; }
#detail:empty { display: none; }
.matrix td.hit { background: var(--accent); }
svg text { fill: var(--fg); font-size: 11px; }
a { color: var(--accent); }
`;

export const SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('credsweep-data').textContent);
  const SEV = { critical: 3, high: 2, medium: 1, low: 0 };
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const k of kids) if (k !== undefined && k !== null) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    return e;
  };
  const sev = (s) => el('span', { class: 'sev sev-' + s }, s);
  const flags = (c) => el('span', {}, ...c.flags.map((f) => el('span', { class: 'flag' }, f)), c.baselined ? el('span', { class: 'flag' }, 'baselined') : null);
  const creds = data.credentials;

  // Summary
  const summary = document.getElementById('summary');
  const count = (pred) => creds.filter(pred).length;
  const cards = el('div', { class: 'cards' });
  for (const s of ['critical', 'high', 'medium', 'low']) cards.append(el('div', { class: 'card' }, el('b', {}, count((c) => c.severity === s)), sev(s)));
  for (const f of ['stale', 'shared', 'expired', 'rotated', 'history-only', 'hidden-layer']) cards.append(el('div', { class: 'card' }, el('b', {}, count((c) => c.flags.includes(f))), f));
  summary.append(cards);
  const first = creds.filter((c) => !c.baselined && (c.flags.includes('stale') || c.flags.includes('shared')) && SEV[c.severity] >= 2)
    .sort((a, b) => SEV[b.severity] - SEV[a.severity] || (b.ageDays || 0) - (a.ageDays || 0)).slice(0, 10);
  summary.append(el('h2', {}, 'Rotate these first'));
  summary.append(first.length ? el('ol', {}, ...first.map((c) => el('li', {}, sev(c.severity), ' ', c.name, ' ', el('code', {}, c.preview), ' ', flags(c), ' ', el('span', { class: 'muted' }, c.contexts.join(', '))))) : el('p', { class: 'muted' }, 'Nothing stale or shared at high severity.'));

  // Table: filter, sort, paginate
  const PAGE = 100;
  let sortKey = 'severity', dir = -1, page = 0;
  const q = document.getElementById('q'), fsev = document.getElementById('fsev'), fflag = document.getElementById('fflag');
  const val = (c, k) => k === 'severity' ? SEV[c.severity] : k === 'age' ? (c.ageDays ?? -1) : k === 'contexts' ? c.contexts.length : k === 'locations' ? c.locations.length : String(c[k] ?? '');
  const filtered = () => {
    const t = q.value.toLowerCase();
    return creds.filter((c) => (!fsev.value || SEV[c.severity] >= SEV[fsev.value]) && (!fflag.value || c.flags.includes(fflag.value)) &&
      (!t || [c.name, c.rule, c.provider, c.preview, c.fp, ...c.contexts, ...c.locations.map((l) => l.path)].some((s) => String(s).toLowerCase().includes(t))));
  };
  const tbody = document.getElementById('rows'), pager = document.getElementById('pager');
  const render = () => {
    const list = filtered().sort((a, b) => { const x = val(a, sortKey), y = val(b, sortKey); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
    page = Math.min(page, Math.max(0, Math.ceil(list.length / PAGE) - 1));
    tbody.replaceChildren(...list.slice(page * PAGE, page * PAGE + PAGE).map((c) => el('tr', { class: 'row', onclick: () => detail(c) },
      el('td', {}, sev(c.severity)), el('td', {}, c.name, el('div', { class: 'muted' }, c.provider)), el('td', {}, el('code', {}, c.preview)),
      el('td', {}, flags(c)), el('td', {}, c.ageDays === undefined ? '-' : c.ageDays + 'd'), el('td', {}, c.contexts.length),
      el('td', {}, c.firstSeen ? c.firstSeen.slice(0, 10) : '-'), el('td', {}, c.locations[0] ? c.locations[0].path : '-', c.locations.length > 1 ? el('span', { class: 'muted' }, ' +' + (c.locations.length - 1)) : null))));
    pager.replaceChildren(el('button', { onclick: () => { page--; render(); } }, 'Previous'), ' ',
      el('span', {}, list.length ? 'page ' + (page + 1) + ' of ' + Math.ceil(list.length / PAGE) + ' (' + list.length + ' credentials)' : 'no credentials match'), ' ',
      el('button', { onclick: () => { page++; render(); } }, 'Next'));
    pager.firstChild.disabled = page === 0; pager.lastChild.disabled = (page + 1) * PAGE >= list.length;
  };
  for (const th of document.querySelectorAll('th[data-k]')) th.addEventListener('click', () => {
    dir = sortKey === th.dataset.k ? -dir : -1; sortKey = th.dataset.k;
    for (const o of document.querySelectorAll('th')) { o.classList.remove('sorted'); o.removeAttribute('data-dir'); }
    th.classList.add('sorted'); th.setAttribute('data-dir', dir < 0 ? ' ▾' : ' ▴'); render();
  });
  for (const c of [q, fsev, fflag]) c.addEventListener('input', () => { page = 0; render(); });

  // Detail
  const box = document.getElementById('detail');
  const detail = (c) => {
    box.replaceChildren(el('h2', {}, c.name, ' ', sev(c.severity)),
      el('p', {}, el('code', {}, c.preview), ' fingerprint ', el('code', {}, c.fp), ' · rule ', el('code', {}, c.rule), ' · confidence ' + c.confidence),
      el('p', { class: 'muted' }, [c.firstSeen && 'first seen ' + c.firstSeen.slice(0, 10), c.lastSeen && 'last seen ' + c.lastSeen.slice(0, 10), c.ageDays !== undefined && 'age ' + c.ageDays + ' days (max ' + c.maxAgeDays + ')', c.expiresAt && 'expires ' + c.expiresAt.slice(0, 10)].filter(Boolean).join(' · ')),
      el('ul', {}, ...Object.entries(c.reasons).map(([f, why]) => el('li', {}, el('b', {}, f), ': ', why))),
      el('h2', {}, 'Locations'),
      el('ul', {}, ...c.locations.map((l) => el('li', {}, l.url ? el('a', { href: l.url, rel: 'noreferrer noopener', target: '_blank' }, l.where + ':' + l.line) : el('span', {}, l.where + ':' + l.line),
        l.live ? '' : el('span', { class: 'flag' }, 'history only'), l.versions > 1 ? el('span', { class: 'muted' }, ' and ' + (l.versions - 1) + ' earlier version(s)') : null))),
      el('h2', {}, 'What to do'),
      el('ol', {}, el('li', {}, 'Rotate it first: revoke or rotate the credential at the provider and update what uses it.'),
        el('li', {}, 'Remove it from the code, images and charts; load it from a secret store.'),
        el('li', {}, c.locations.some((l) => !l.live) ? 'Purge it from history (git filter-repo) and rebuild images that ship it.' : 'Check the provider audit log for use since it was exposed.')));
    box.scrollIntoView({ behavior: 'smooth' });
  };

  // Age against the rotation policy: one bar per credential with an age, oldest first (top 60).
  const aged = creds.filter((c) => c.ageDays !== undefined).sort((a, b) => b.ageDays - a.ageDays).slice(0, 60);
  const chart = document.getElementById('age');
  if (aged.length) {
    const NS = 'http://www.w3.org/2000/svg', W = 900, bar = 14, H = aged.length * bar + 30, maxAge = Math.max(...aged.map((c) => Math.max(c.ageDays, c.maxAgeDays || 0)), 1);
    const x = (d) => 220 + (d / maxAge) * (W - 240);
    const svg = document.createElementNS(NS, 'svg'); svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H); svg.setAttribute('width', '100%');
    const add = (tag, a, text) => { const n = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(a)) n.setAttribute(k, String(v)); if (text !== undefined) n.textContent = text; svg.append(n); return n; };
    aged.forEach((c, i) => {
      add('text', { x: 0, y: i * bar + 11 }, (c.name + ' ' + c.preview).slice(0, 34));
      add('rect', { x: 220, y: i * bar + 2, width: Math.max(1, x(c.ageDays) - 220), height: bar - 4, fill: c.flags.includes('stale') ? 'var(--high)' : 'var(--accent)' }).append(Object.assign(document.createElementNS(NS, 'title'), { textContent: c.ageDays + ' days' }));
      if (c.maxAgeDays) add('line', { x1: x(c.maxAgeDays), x2: x(c.maxAgeDays), y1: i * bar, y2: i * bar + bar, stroke: 'var(--fg)', 'stroke-dasharray': '2 2' });
    });
    add('text', { x: 220, y: H - 6 }, '0 days'); add('text', { x: W - 80, y: H - 6 }, maxAge + ' days');
    chart.append(svg, el('p', { class: 'muted' }, 'Bars: age from the earliest evidence; dashed: each credential\\'s max age; red: stale.'));
  } else chart.append(el('p', { class: 'muted' }, 'No credential carries a date (git history, image layers and JWT/certificate dates do).'));

  // Sharing: which shared credentials connect which contexts.
  const shared = creds.filter((c) => c.contexts.length > 1).slice(0, 50);
  const sharing = document.getElementById('sharing');
  if (shared.length) {
    const ctxs = [...new Set(shared.flatMap((c) => c.contexts))].sort().slice(0, 40);
    sharing.append(el('table', { class: 'matrix' }, el('thead', {}, el('tr', {}, el('th', {}, 'credential'), ...ctxs.map((x) => el('th', {}, x)))),
      el('tbody', {}, ...shared.map((c) => el('tr', { class: 'row', onclick: () => detail(c) }, el('td', {}, sev(c.severity), ' ', c.name, ' ', el('code', {}, c.preview)),
        ...ctxs.map((x) => el('td', { class: c.contexts.includes(x) ? 'hit' : '' }, c.contexts.includes(x) ? '●' : '')))))));
  } else sharing.append(el('p', { class: 'muted' }, 'No credential appears in more than one repository, image, chart or environment.'));

  const errs = document.getElementById('errors');
  if (data.errors.length) errs.append(el('h2', {}, data.errors.length + ' input(s) could not be read; the rest was scanned'), el('ul', {}, ...data.errors.slice(0, 200).map((e) => el('li', {}, el('code', {}, e.where), ': ', e.message))));
  render();
})();
`;
