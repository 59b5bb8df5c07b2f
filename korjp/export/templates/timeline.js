/* korjp timeline page. Article text is only ever inserted with textContent. */
(function () {
  'use strict';
  const T0 = performance.now();
  const DATA = JSON.parse(document.getElementById('korjp-data').textContent);
  const $ = (id) => document.getElementById(id);
  const ROW_H = 22, LANE_PAD = 5, LANE_MIN_H = 46, MIN_W = 10, WIDE = 60, LABEL_MAX = 300, CHAR_W = 6.3, MAX_ROWS = 8;
  const DRAW_ALL_BELOW = 1000;  // fewer matching events than this: every one is drawn
  const DRAW_CAP = 2500, CLUSTER_W = 44, MARGIN_X = 200, MARGIN_Y = 200, MIN_SPAN = 2, QUOTES_SHOWN = 30;
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
  const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];  // day 0 (1970-01-01) was a Thursday
  const COUNTRY_NAMES = { KR: 'South Korea', JP: 'Japan', US: 'United States', CN: 'China', KP: 'North Korea' };
  const NONE = '\u0000none';
  const NONE_LABEL = { speaker: 'No speaker named', article: 'No article', country: 'No country known', kind: 'Other' };

  // ---- dates: integer days since 1970-01-01, proleptic Gregorian, no Date objects ----
  function dayNum(iso) {
    const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(iso || '');
    if (!m) return NaN;
    const mo = +m[2], d = +m[3];
    const y = +m[1] - (mo <= 2 ? 1 : 0);
    const era = Math.floor(y / 400), yoe = y - era * 400;
    const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  }
  function civil(day) {
    const z = Math.floor(day) + 719468, era = Math.floor(z / 146097), doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153), m = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, doy - Math.floor((153 * mp + 2) / 5) + 1];
  }
  const pad = (n, w) => String(n).padStart(w || 2, '0');
  const iso = (day) => { const [y, m, d] = civil(day); return `${pad(y, 4)}-${pad(m)}-${pad(d)}`; };
  const fmtDay = (day) => { const [y, m, d] = civil(day); return `${d} ${MONTHS[m - 1]} ${y}`; };
  const weekday = (day) => WEEKDAYS[((Math.floor(day) % 7) + 7) % 7];
  const monthStart = (y, m) => dayNum(`${pad(y, 4)}-${pad(m)}-01`);
  const NUMBER = new Intl.NumberFormat('en-US'), fmtNum = (n) => NUMBER.format(n);

  function dateLabel(ev) {
    const r = ev.r, s = ev.s, last = ev.e - 1;
    const [y1, m1, d1] = civil(s), [y2, m2, d2] = civil(last);
    let text;
    if (s === last) text = `${weekday(s)} ${fmtDay(s)}`;
    else if (m1 === 1 && d1 === 1 && m2 === 12 && d2 === 31) text = y1 === y2 ? `${y1}` : `${y1}\u2013${y2}`;
    else if (d1 === 1 && last + 1 === (m2 === 12 ? monthStart(y2 + 1, 1) : monthStart(y2, m2 + 1))) {
      text = y1 === y2 && m1 === m2 ? `${MONTHS_LONG[m1 - 1]} ${y1}` : `${MONTHS[m1 - 1]} ${y1} \u2013 ${MONTHS[m2 - 1]} ${y2}`;
    } else if (y1 === y2 && m1 === m2) text = `${d1}\u2013${d2} ${MONTHS[m1 - 1]} ${y1}`;
    else if (y1 === y2) text = `${d1} ${MONTHS[m1 - 1]} \u2013 ${d2} ${MONTHS[m2 - 1]} ${y1}`;
    else text = `${fmtDay(s)} \u2013 ${fmtDay(last)}`;
    return (r.inferred ? '~' : '') + text;
  }

  // ---- the records ----
  const COUNTRIES = DATA.countries || {};
  const events = DATA.events.map((r, i) => ({
    i, r, id: r.id, s: dayNum(r.start_date), e: dayNum(r.end_date) + 1, actors: r.actors || [],
    g: ['day', 'week', 'month', 'year', 'range'].includes(r.granularity) ? r.granularity : 'range',
    hay: null, lane: null, row: 0, x0: 0, x1: 0, textEnd: Infinity, dot: false, wide: false,
  })).filter((ev) => ev.s < ev.e);
  events.sort((x, y) => x.s - y.s || x.e - y.e);  // the page's order; the writer sorts them too
  const byId = new Map(events.map((ev) => [ev.id, ev]));
  const quotes = DATA.quotes || [];
  const fold = (s) => String(s || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[-\u2010-\u2015_'\u2018\u2019".,]/g, ' ').toLowerCase();
  const hay = (ev) => ev.hay || (ev.hay = fold([ev.r.text, ev.r.evidence, ev.actors.join(' '), ev.r.article,
    ev.r.kind, ev.r.date].join(' ')));
  let extent = { a: 0, b: 1 };
  if (events.length) {
    let a = Infinity, b = -Infinity;
    for (const ev of events) { a = Math.min(a, ev.s); b = Math.max(b, ev.e); }
    const padDays = Math.max(3, (b - a) * 0.03);
    extent = { a: a - padDays, b: b + padDays };
  }

  // ---- state, kept in the URL hash ----
  const state = { q: '', speaker: '', article: '', from: '', to: '', lanes: 'speaker', sel: '' };
  let view = { a: extent.a, b: extent.b };
  let filtered = [], lanes = [], areaW = 800, viewH = 600, ovW = 800, ovH = 44;
  let layoutPpd = -1, originX = 0, drawn = new Map(), clusterEls = new Map(), frame = 0, lastHash = '', hashTimer = 0;
  let allQuotesShown = false;

  const scroller = $('scroller'), area = $('area'), layer = $('layer'), grid = $('grid'), axis = $('axis');
  const lanesLayer = $('lanes-layer'), content = $('content');
  const areaWidth = () => areaW;  // measured on resize only: reading it would force a layout
  const ppd = () => areaWidth() / (view.b - view.a);

  function clampView(v) {
    const maxSpan = Math.max(60, (extent.b - extent.a) * 1.6);
    let span = Math.min(Math.max(v.b - v.a, MIN_SPAN), maxSpan);
    const mid = (v.a + v.b) / 2;
    let a = mid - span / 2;
    const lo = extent.a - span * 0.8, hi = extent.b + span * 0.8 - span;
    a = Math.min(Math.max(a, lo), Math.max(lo, hi));
    if (!isFinite(a)) a = extent.a;
    if (!isFinite(span)) span = 30;
    return { a, b: a + span };
  }
  function setView(v) { view = clampView(v); schedule(); writeHash(); }
  function zoomAt(factor, anchorDay) {
    const a = anchorDay === undefined ? (view.a + view.b) / 2 : anchorDay;
    setView({ a: a - (a - view.a) * factor, b: a + (view.b - a) * factor });
  }
  function pan(fraction) { const d = (view.b - view.a) * fraction; setView({ a: view.a + d, b: view.b + d }); }
  // Every matching event in view, with room on the right for the last labels.
  function fit() {
    const list = filtered.length ? filtered : events;
    if (!list.length) return;
    let a = Infinity, b = -Infinity;
    for (const ev of list) { a = Math.min(a, ev.s); b = Math.max(b, ev.e); }
    const lo = state.from ? Math.max(a, dayNum(state.from)) : a, hi = state.to ? Math.min(b, dayNum(state.to) + 1) : b;
    const w = areaWidth(), padL = 24, padR = Math.min(260, w * 0.3);
    const span = Math.max(hi - lo, MIN_SPAN * 4), days = span * w / Math.max(100, w - padL - padR);
    const start = lo - (span - (hi - lo)) / 2 - days * padL / w;
    setView({ a: start, b: start + days });
  }

  // ---- filters and lanes ----
  function laneKey(ev) {
    switch (state.lanes) {
      case 'article': return ev.r.article || NONE;
      case 'kind': return ev.r.kind || ev.g;
      case 'country': {
        const who = state.speaker && ev.actors.includes(state.speaker) ? [state.speaker] : ev.actors;
        for (const a of who) if (COUNTRIES[a]) return COUNTRIES[a];
        return NONE;
      }
      default:
        if (state.speaker && ev.actors.includes(state.speaker)) return state.speaker;
        return ev.actors.length ? ev.actors[0] : NONE;
    }
  }
  function applyFilters() {
    const words = fold(state.q).split(/\s+/).filter(Boolean);
    const lo = state.from ? dayNum(state.from) : -Infinity, hi = state.to ? dayNum(state.to) + 1 : Infinity;
    filtered = events.filter((ev) => (!state.speaker || ev.actors.includes(state.speaker))
      && (!state.article || ev.r.article === state.article) && ev.e > lo && ev.s < hi
      && (!words.length || words.every((w) => hay(ev).includes(w))));
    const map = new Map();
    for (const ev of filtered) {
      const key = laneKey(ev);
      let lane = map.get(key);
      if (!lane) map.set(key, lane = { key, events: [], first: ev.s, y: 0, h: 0, rows: 1, el: null, clusters: [], clusterRow: 0 });
      lane.events.push(ev);
      ev.lane = lane;
    }
    lanes = [...map.values()];
    const byName = (x, y) => String(x.key).localeCompare(String(y.key));
    if (state.lanes === 'article') lanes.sort((x, y) => (x.key === NONE) - (y.key === NONE) || x.first - y.first || byName(x, y));
    else lanes.sort((x, y) => (x.key === NONE) - (y.key === NONE) || y.events.length - x.events.length || byName(x, y));
    lanesLayer.replaceChildren();
    layoutPpd = -1;
    $('empty').hidden = filtered.length > 0;
    updateSummary();
    drawOverview();
    schedule();
  }

  // Rows inside each lane, greedily: a row whose last mark and label end before this one starts;
  // else a new row; else a row where only the previous label has to be cut. With many events a
  // lane keeps at most MAX_ROWS rows, and what does not fit goes into "+N" clusters below them.
  function layout() {
    const k = ppd(), maxRows = filtered.length < DRAW_ALL_BELOW ? Infinity : MAX_ROWS;
    layoutPpd = k;
    for (const c of clusterEls.values()) c.remove();
    clusterEls = new Map();
    let y = 0;
    for (const lane of lanes) {
      const ends = [], barEnds = [], last = [], over = [];
      for (const ev of lane.events) {
        let x0 = ev.s * k, x1 = ev.e * k;
        ev.dot = x1 - x0 < MIN_W;
        if (ev.dot) { const c = (x0 + x1) / 2; x0 = c - MIN_W / 2; x1 = c + MIN_W / 2; }
        ev.wide = x1 - x0 >= WIDE;
        ev.x0 = x0; ev.x1 = x1; ev.textEnd = Infinity;
        const want = Math.min(LABEL_MAX, (ev.r.evidence.length + Math.min(60, ev.r.text.length)) * CHAR_W + 12);
        let row = -1;
        for (let i = 0; i < ends.length; i++) if (ends[i] <= x0) { row = i; break; }
        if (row < 0 && ends.length < maxRows) row = ends.length;
        if (row < 0) for (let i = 0; i < barEnds.length; i++) if (barEnds[i] + MIN_W <= x0) { row = i; break; }
        ev.row = row;
        if (row < 0) { over.push(ev); continue; }
        const prev = last[row];
        if (prev) prev.textEnd = Math.min(prev.textEnd, x0 - 4);
        ends[row] = Math.max(ends[row] === undefined ? -Infinity : ends[row], Math.max(x1, (ev.wide ? x0 + 6 : x1 + 5) + want) + 4);
        barEnds[row] = Math.max(barEnds[row] === undefined ? -Infinity : barEnds[row], x1 + 2);
        last[row] = ev;
      }
      lane.clusters = [];
      for (const ev of over) {
        const c = lane.clusters[lane.clusters.length - 1];
        if (c && ev.x0 < c.x0 + CLUSTER_W) { c.events.push(ev); c.x1 = Math.max(c.x1, ev.x0 + MIN_W); }
        else lane.clusters.push({ x0: ev.x0, x1: ev.x0 + MIN_W, events: [ev], lane });
      }
      lane.rows = Math.max(1, ends.length + (over.length ? 1 : 0));
      lane.clusterRow = ends.length;
      lane.y = y;
      lane.h = Math.max(LANE_MIN_H, lane.rows * ROW_H + 2 * LANE_PAD);
      y += lane.h;
    }
    content.style.height = `${Math.max(y, 1)}px`;
    lanesLayer.style.height = `${y}px`;
    for (const lane of lanes) if (lane.el) { lane.el.style.top = `${lane.y}px`; lane.el.style.height = `${lane.h}px`; }
    originX = view.a * k;
    for (const el of drawn.values()) el._k = '';
  }

  function laneElement(lane, index) {
    const el = document.createElement('div');
    el.className = index % 2 ? 'lane odd' : 'lane';
    const label = el.appendChild(document.createElement('div'));
    label.className = 'lane-label';
    const name = label.appendChild(document.createElement('span'));
    name.className = 'lane-name';
    let text = lane.key === NONE ? NONE_LABEL[state.lanes] : String(lane.key);
    if (state.lanes === 'country' && COUNTRY_NAMES[lane.key]) text = `${COUNTRY_NAMES[lane.key]} (${lane.key})`;
    name.textContent = text;
    label.title = text;
    const count = label.appendChild(document.createElement('span'));
    count.className = 'lane-count';
    count.textContent = `${fmtNum(lane.events.length)} event${lane.events.length === 1 ? '' : 's'}`;
    if (state.lanes === 'speaker' && COUNTRIES[lane.key]) {
      const tag = label.appendChild(document.createElement('span'));
      tag.className = 'lane-tag';
      tag.textContent = COUNTRIES[lane.key];
    }
    el.style.top = `${lane.y}px`;
    el.style.height = `${lane.h}px`;
    return el;
  }

  function eventElement(ev) {
    const el = document.createElement('div');
    el.dataset.eventId = ev.id;
    el.tabIndex = -1;
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', `${ev.r.evidence}: ${ev.r.text}`);
    return el;
  }
  // The label is only there when it has room: text that cannot be seen still costs layout.
  function setLabel(el, ev, show) {
    if (!show === !el.firstChild) return;
    if (!show) { el.replaceChildren(); return; }
    const b = el.appendChild(document.createElement('b'));
    b.textContent = ev.r.evidence;
    el.appendChild(document.createTextNode(ev.r.text));
  }
  const tooltip = (ev) => `${dateLabel(ev)} \u00b7 ${ev.r.evidence}\n${ev.r.text}${ev.actors.length ? `\n\u2014 ${ev.actors.join(', ')}` : ''}`;

  // A narrow mark has its label after it; a wide bar carries it inside, from the left edge of
  // the window when the bar starts before it.
  function place(el, ev, vx0, vx1) {
    let x0 = ev.x0, x1 = ev.x1;
    const cutL = x0 < vx0 - 2 && x1 > vx0 + WIDE, cutR = x1 > vx1 + 50 && x0 < vx1;
    if (cutL) x0 = vx0 - 1;
    if (cutR) x1 = Math.max(x0 + WIDE, vx1 + 50);
    const w = Math.max(2, x1 - x0), pad = ev.wide ? 7 : w + 5;
    const textW = Math.min(LABEL_MAX, ev.textEnd - (x0 + pad));
    const width = Math.max(w, pad + (textW >= 30 ? textW : 0));
    const left = Math.min(Math.max(x0 - originX, -2e6), 2e6);
    const key = `${left}|${w}|${width}|${ev.row}|${ev.lane.y}|${ev.dot}|${ev.wide}`;
    if (el._k === key) return;
    el._k = key;
    el.className = `event g-${ev.g}${ev.r.inferred ? ' inf' : ''}${ev.dot ? ' dot' : ''}${ev.wide ? ' wide' : ''}`
      + `${cutL ? ' cut-l' : ''}${cutR ? ' cut-r' : ''}${ev.id === state.sel ? ' sel' : ''}`;
    el.style.cssText = `left:${left}px;top:${ev.lane.y + LANE_PAD + ev.row * ROW_H + 2}px;--w:${w}px;`
      + `padding-left:${pad}px;width:${width}px`;
    setLabel(el, ev, width - pad >= 30);
  }

  function clusterElement(c) {
    const el = document.createElement('div');
    el.className = 'cluster';
    el.textContent = `+${fmtNum(c.events.length)}`;
    el.style.cssText = `left:${Math.min(Math.max(c.x0 - originX, -2e6), 2e6)}px;`
      + `top:${c.lane.y + LANE_PAD + c.lane.clusterRow * ROW_H + 2}px;min-width:${Math.max(30, c.x1 - c.x0)}px`;
    el._cluster = c;
    return el;
  }

  // ---- drawing: only what is in view once there are many events ----
  function schedule() { if (!frame) frame = requestAnimationFrame(render); }
  function render() {
    frame = 0;
    if (layoutPpd < 0 || Math.abs(ppd() - layoutPpd) > layoutPpd * 1e-9) layout();
    const k = layoutPpd, vx0 = view.a * k, vx1 = view.b * k;
    if (Math.abs(vx0 - originX) > 1e6) {
      originX = vx0;
      for (const el of drawn.values()) el._k = '';
      for (const el of clusterEls.values()) el.remove();
      clusterEls = new Map();
    }
    layer.style.transform = `translateX(${originX - vx0}px)`;
    const top = scroller.scrollTop - MARGIN_Y, bottom = scroller.scrollTop + viewH + MARGIN_Y;
    const all = filtered.length < DRAW_ALL_BELOW;
    const fresh = document.createDocumentFragment(), next = new Map(), nextClusters = new Map();
    let inView = 0;
    lanes.forEach((lane, i) => {
      const show = all || (lane.y + lane.h >= top && lane.y <= bottom);
      if (show && !lane.el) lanesLayer.appendChild(lane.el = laneElement(lane, i));
      else if (!show && lane.el) { lane.el.remove(); lane.el = null; }
      if (!show) return;
      for (const c of lane.clusters) {
        if (c.x1 < vx0 - MARGIN_X || c.x0 > vx1 + MARGIN_X) continue;
        nextClusters.set(c, clusterEls.get(c) || fresh.appendChild(clusterElement(c)));
      }
      for (const ev of lane.events) {
        if (ev.row < 0) continue;
        if (!all) {
          if (ev.x1 < vx0 - MARGIN_X || ev.x0 > vx1 + MARGIN_X) continue;
          const y = lane.y + ev.row * ROW_H;
          if (y + ROW_H < top || y > bottom) continue;
        }
        inView++;
        if (next.size >= DRAW_CAP) continue;
        let el = drawn.get(ev.id);
        if (!el) { el = eventElement(ev); fresh.appendChild(el); }
        place(el, ev, vx0, vx1);
        next.set(ev.id, el);
      }
    });
    for (const [id, el] of drawn) if (!next.has(id)) el.remove();
    for (const [c, el] of clusterEls) if (!nextClusters.has(c)) el.remove();
    layer.appendChild(fresh);
    drawn = next;
    clusterEls = nextClusters;
    const notice = $('notice');
    notice.hidden = inView <= DRAW_CAP;
    if (!notice.hidden) notice.textContent = `Drawing ${fmtNum(DRAW_CAP)} of the ${fmtNum(inView)} events in view: zoom in or filter to see them all.`;
    drawAxis(k);
    drawOverviewWindow();
    $('window-label').textContent = `${fmtDay(view.a)} \u2013\n${fmtDay(view.b - 1)}`;
  }

  // ---- the axis: the finest unit whose ticks are at least ~80px apart ----
  const UNITS = [
    ['day', 1], ['day', 2], ['week', 7], ['month', 1], ['month', 3], ['month', 6], ['year', 1], ['year', 2],
    ['year', 5], ['year', 10], ['year', 20], ['year', 50], ['year', 100], ['year', 200], ['year', 500], ['year', 1000],
  ];
  function ticks(unit, n, a, b) {
    const out = [];
    if (unit === 'day' || unit === 'week') {
      let d = Math.floor(a);
      if (unit === 'week') d -= ((d + 3) % 7 + 7) % 7;  // Mondays
      else d -= ((d % n) + n) % n;
      for (; d <= b && out.length < 400; d += n) out.push(d);
      return out;
    }
    let [y, m] = civil(a);
    if (unit === 'month') {
      m = Math.floor((m - 1) / n) * n + 1;
      for (let d = monthStart(y, m); d <= b && out.length < 400;) {
        out.push(d);
        m += n; if (m > 12) { m -= 12; y += 1; }
        d = monthStart(y, m);
      }
      return out;
    }
    for (y = Math.floor(y / n) * n; out.length < 400; y += n) {
      const d = monthStart(y, 1);
      if (d > b) break;
      out.push(d);
    }
    return out;
  }
  function tickLabel(unit, day) {
    const [y, m, d] = civil(day);
    if (unit === 'day' || unit === 'week') return `${d} ${MONTHS[m - 1]}`;
    if (unit === 'month') return m === 1 ? String(y) : MONTHS[m - 1];
    return String(y);
  }
  function drawAxis(k) {
    const w = areaWidth();
    let [unit, n] = UNITS[UNITS.length - 1];
    for (const [u, step] of UNITS) {
      const days = u === 'day' ? step : u === 'week' ? 7 : u === 'month' ? step * 30.44 : step * 365.25;
      if (days * k >= (u === 'day' || u === 'week' ? 56 : 64)) { unit = u; n = step; break; }
    }
    const axisParts = document.createDocumentFragment(), gridParts = document.createDocumentFragment();
    const x = (day) => (day - view.a) * k;
    for (const day of ticks(unit, n, view.a - 1, view.b)) {
      const t = axisParts.appendChild(document.createElement('div'));
      t.className = 'tick'; t.style.left = `${x(day)}px`;
      const label = axisParts.appendChild(document.createElement('div'));
      label.className = 'tick-label'; label.style.left = `${x(day)}px`; label.textContent = tickLabel(unit, day);
      const g = gridParts.appendChild(document.createElement('div'));
      g.className = 'gridline'; g.style.left = `${x(day)}px`;
    }
    // a row of context above the ticks: months over days, years over months, decades over years
    const major = unit === 'day' || unit === 'week' ? ['month', 1] : unit === 'month' ? ['year', 1]
      : n < 10 ? ['year', 10] : n < 100 ? ['year', 100] : null;
    if (major) {
      const back = major[0] === 'month' ? 31 : major[1] * 366;
      const starts = ticks(major[0], major[1], view.a - back, view.b).filter((d, i, all) => i === all.length - 1 || all[i + 1] > view.a);
      starts.forEach((day, i) => {
        const [y, m] = civil(day);
        const text = major[0] === 'month' ? `${MONTHS_LONG[m - 1]} ${y}` : major[1] === 1 ? String(y) : `${y}s`;
        const end = i + 1 < starts.length ? x(starts[i + 1]) : w;
        const left = Math.max(0, x(day));
        if (end - left < 30) return;
        const el = axisParts.appendChild(document.createElement('div'));
        el.className = 'major-label'; el.style.left = `${left}px`; el.style.maxWidth = `${end - left}px`;
        el.textContent = text;
        if (x(day) >= 0) {
          const g = gridParts.appendChild(document.createElement('div'));
          g.className = 'gridline major'; g.style.left = `${x(day)}px`;
        }
      });
    }
    axis.replaceChildren(axisParts);
    grid.replaceChildren(gridParts);
  }

  // ---- overview: every matching event over the whole extent, and the window ----
  const ovCanvas = $('ov-canvas'), ovWin = $('ov-win'), overview = $('overview');
  function drawOverview() {
    const w = ovW, h = ovH, dpr = window.devicePixelRatio || 1;
    if (!w || !h) return;
    ovCanvas.width = Math.round(w * dpr); ovCanvas.height = Math.round(h * dpr);
    const ctx = ovCanvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const bins = new Float64Array(Math.max(1, Math.floor(w / 2))), span = extent.b - extent.a;
    const add = (list, weight) => {
      for (const ev of list) {
        const i = Math.floor(((ev.s + ev.e) / 2 - extent.a) / span * bins.length);
        if (i >= 0 && i < bins.length) bins[i] += weight;
      }
    };
    add(filtered, 1);
    const max = Math.max(1, ...bins);
    const style = getComputedStyle(document.documentElement);
    ctx.fillStyle = style.getPropertyValue('--c-day').trim() || '#2563eb';
    for (let i = 0; i < bins.length; i++) {
      if (!bins[i]) continue;
      const bh = Math.max(2, Math.sqrt(bins[i] / max) * (h - 8));
      ctx.fillRect(i * 2, h - 3 - bh, 1.6, bh);
    }
    // years along the top
    ctx.fillStyle = style.getPropertyValue('--muted').trim() || '#667';
    ctx.font = '10px system-ui, sans-serif';
    const [y0] = civil(extent.a), [y1] = civil(extent.b);
    const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((s) => (y1 - y0) / s <= w / 70) || 1000;
    for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) {
      const px = (monthStart(y, 1) - extent.a) / span * w;
      if (px > 2 && px < w - 24) { ctx.fillText(String(y), px + 2, 10); ctx.fillRect(px, 0, 1, 12); }
    }
    drawOverviewWindow();
  }
  function drawOverviewWindow() {
    const span = extent.b - extent.a, w = ovW;
    const l = Math.max(0, (view.a - extent.a) / span * w), r = Math.min(w, (view.b - extent.a) / span * w);
    ovWin.style.left = `${l}px`; ovWin.style.width = `${Math.max(3, r - l)}px`;
  }
  function overviewDay(clientX) {
    const box = overview.getBoundingClientRect();
    return extent.a + (clientX - box.left) / box.width * (extent.b - extent.a);
  }
  overview.addEventListener('pointerdown', (e) => {
    overview.setPointerCapture(e.pointerId);
    const move = (ev) => { const c = overviewDay(ev.clientX), half = (view.b - view.a) / 2; setView({ a: c - half, b: c + half }); };
    move(e);
    overview.onpointermove = move;
    overview.onpointerup = () => { overview.onpointermove = null; };
  });

  // ---- the detail panel ----
  function select(id, reveal) {
    const prev = drawn.get(state.sel);
    if (prev) prev.classList.remove('sel');
    state.sel = byId.has(id) ? id : '';
    const el = drawn.get(state.sel);
    if (el) el.classList.add('sel');
    allQuotesShown = false;
    showDetail();
    if (reveal && state.sel) {
      const ev = byId.get(state.sel);
      if (ev.e <= view.a || ev.s >= view.b) { const half = (view.b - view.a) / 2, c = (ev.s + ev.e) / 2; setView({ a: c - half, b: c + half }); }
      if (ev.lane && filtered.includes(ev)) {
        const y = ev.lane.y + ev.row * ROW_H;
        if (y < scroller.scrollTop || y > scroller.scrollTop + scroller.clientHeight - ROW_H * 2) scroller.scrollTop = y - 40;
      }
    }
    writeHash();
  }
  function add(parent, tag, cls, text) {
    const el = parent.appendChild(document.createElement(tag));
    if (cls) el.className = cls;
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function showDetail() {
    const ev = byId.get(state.sel);
    $('detail-help').hidden = !!ev;
    $('detail-body').hidden = !ev;
    $('detail-list').hidden = true;
    if (!ev) return;
    const r = ev.r;
    $('d-date').textContent = dateLabel(ev);
    const meta = $('d-meta');
    meta.replaceChildren();
    const pill = add(meta, 'span', `pill g-${ev.g}`, ev.g);
    pill.title = 'granularity';
    add(meta, 'span', '', `${r.kind || ''}${r.inferred ? ' \u00b7 year or day inferred' : ''} \u00b7 ${r.date || ''}`);
    const box = $('d-text'), outside = $('d-outside');
    box.replaceChildren();
    outside.replaceChildren();
    outside.hidden = true;
    const text = r.text || '';
    if (r.hl && text.slice(r.hl[0], r.hl[1]) === r.evidence) {
      box.append(text.slice(0, r.hl[0]));
      add(box, 'mark', '', text.slice(r.hl[0], r.hl[1]));
      box.append(text.slice(r.hl[1]));
    } else {
      outside.hidden = false;
      outside.append(r.kind === 'dateline' || r.kind === 'page_date' ? 'Dated by the article\u2019s ' : 'Dated by ');
      if (r.kind === 'dateline' || r.kind === 'page_date') outside.append(r.kind === 'dateline' ? 'dateline ' : 'page date ');
      add(outside, 'mark', '', r.evidence);
      box.textContent = text;
    }
    const chips = $('d-actors');
    chips.replaceChildren();
    for (const name of ev.actors) {
      const chip = add(chips, 'button', state.speaker === name ? 'chip on' : 'chip', name);
      chip.type = 'button';
      chip.title = state.speaker === name ? 'Show every speaker' : `Show only ${name}`;
      chip.addEventListener('click', () => setFilter('speaker', state.speaker === name ? '' : name));
    }
    const src = $('d-source');
    src.replaceChildren();
    const row = (k, v) => { add(src, 'dt', '', k); return add(src, 'dd', '', v); };
    row('Article', r.article);
    row('Dating words', `characters ${r.start}\u2013${r.end}`);
    if (Number.isInteger(r.sentence_start)) row('Sentence', `from character ${r.sentence_start}`);
    row('Event id', ev.id);
    showQuotes(ev);
  }
  function showQuotes(ev) {
    const lo = ev.r.start_date, hi = ev.r.end_date;
    const said = quotes.filter((q) => q.ss && q.ss <= hi && q.se >= lo);
    said.sort((x, y) => (x.article !== ev.r.article) - (y.article !== ev.r.article)
      || (state.speaker ? (x.speaker !== state.speaker) - (y.speaker !== state.speaker) : 0)
      || (x.ss < y.ss ? -1 : x.ss > y.ss ? 1 : 0) || x.start - y.start);
    const day = lo === hi ? 'that day' : 'in that time';
    $('d-qhead').textContent = said.length ? `${fmtNum(said.length)} quote${said.length === 1 ? '' : 's'} said ${day}`
      : `No quote said ${day}`;
    const list = $('d-quotes');
    list.replaceChildren();
    const shown = allQuotesShown ? said : said.slice(0, QUOTES_SHOWN);
    for (const q of shown) {
      const li = add(list, 'li', q.article === ev.r.article ? 'quote' : 'quote q-other');
      const who = add(li, 'div');
      add(who, 'span', 'q-who', q.speaker || (q.speaker_mention ? `${q.speaker_mention} (unresolved)` : 'Unattributed'));
      if (q.role) add(who, 'span', 'q-role', ` \u00b7 ${q.role}`);
      add(who, 'span', 'q-kind', q.kind === 'indirect' ? 'reported' : q.kind);
      const reported = q.kind === 'indirect';
      add(li, 'div', reported ? 'q-text reported' : 'q-text', reported ? q.text : `\u201c${q.text}\u201d`);
      add(li, 'div', 'q-meta', `${q.said_on} \u00b7 ${q.article} \u00b7 characters ${q.start}\u2013${q.end}${q.verb ? ` \u00b7 ${q.verb}` : ''}`);
    }
    const more = $('d-more');
    more.hidden = shown.length >= said.length;
    more.textContent = `Show all ${fmtNum(said.length)} quotes`;
  }
  // A "+N" cluster: its events as a list, and a way to zoom in on them.
  let listed = null;
  function showCluster(c) {
    listed = c;
    $('detail-help').hidden = true;
    $('detail-body').hidden = true;
    $('detail-list').hidden = false;
    const evs = c.events;
    let a = Infinity, b = -Infinity;
    for (const ev of evs) { a = Math.min(a, ev.s); b = Math.max(b, ev.e); }
    $('l-title').textContent = `${fmtNum(evs.length)} more event${evs.length === 1 ? '' : 's'}, `
      + (b - a === 1 ? fmtDay(a) : `${fmtDay(a)} \u2013 ${fmtDay(b - 1)}`);
    const list = $('l-items');
    list.replaceChildren();
    for (const ev of evs.slice(0, 300)) {
      const li = add(list, 'li');
      const btn = add(li, 'button', 'ev-item');
      btn.type = 'button';
      btn.dataset.eventId = ev.id;
      add(btn, 'span', 'ev-date', dateLabel(ev));
      add(btn, 'b', '', ev.r.evidence);
      add(btn, 'span', 'ev-text', ev.r.text);
    }
    if (evs.length > 300) add(list, 'li', 'none', `and ${fmtNum(evs.length - 300)} more: zoom in to see them`);
  }
  $('l-items').addEventListener('click', (e) => {
    const btn = e.target.closest('.ev-item');
    if (btn) select(btn.dataset.eventId, true);
  });
  $('l-zoom').addEventListener('click', () => {
    if (!listed) return;
    let a = Infinity, b = -Infinity;
    for (const ev of listed.events) { a = Math.min(a, ev.s); b = Math.max(b, ev.s + 1); }
    const span = view.b - view.a, c = (a + b) / 2, want = Math.min(Math.max((b - a) * 1.3, MIN_SPAN), span / 3);
    setView({ a: c - want / 2, b: c + want / 2 });
  });
  $('l-close').addEventListener('click', () => { listed = null; showDetail(); });
  $('d-more').addEventListener('click', () => { allQuotesShown = true; showQuotes(byId.get(state.sel)); });
  $('d-close').addEventListener('click', () => select(''));
  function step(delta) {
    if (!filtered.length) return;
    const ev = byId.get(state.sel);
    let i = ev ? filtered.indexOf(ev) : -1;
    i = i < 0 ? (delta > 0 ? 0 : filtered.length - 1) : Math.min(filtered.length - 1, Math.max(0, i + delta));
    select(filtered[i].id, true);
  }
  $('d-prev').addEventListener('click', () => step(-1));
  $('d-next').addEventListener('click', () => step(1));

  // ---- controls ----
  const controls = { q: $('q'), speaker: $('f-speaker'), article: $('f-article'), from: $('f-from'), to: $('f-to'), lanes: $('lanes') };
  function fillOptions() {
    const count = (map, key) => map.set(key, (map.get(key) || 0) + 1);
    const speakers = new Map(), articles = new Map();
    for (const ev of events) { ev.actors.forEach((a) => count(speakers, a)); count(articles, ev.r.article); }
    const fill = (select, map) => {
      [...map].sort((x, y) => y[1] - x[1] || String(x[0]).localeCompare(String(y[0]))).forEach(([name, n]) => {
        const o = select.appendChild(document.createElement('option'));
        o.value = name; o.textContent = `${name} (${fmtNum(n)})`;
      });
    };
    fill(controls.speaker, speakers);
    fill(controls.article, articles);
    if (!DATA.hasCountries) controls.lanes.querySelector('option[value=country]').remove();
  }
  function syncControls() {
    for (const key of ['q', 'speaker', 'article', 'from', 'to', 'lanes']) {
      if (controls[key].value !== state[key]) controls[key].value = state[key];
    }
  }
  function setFilter(key, value, refit) {
    state[key] = value;
    syncControls();
    applyFilters();
    if (refit !== false && key !== 'q' && key !== 'lanes') fit();
    if (state.sel) showDetail();
    writeHash();
  }
  let searchTimer = 0;
  controls.q.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => setFilter('q', controls.q.value), 120); });
  for (const key of ['speaker', 'article', 'from', 'to', 'lanes']) {
    controls[key].addEventListener('change', () => setFilter(key, controls[key].value));
  }
  $('reset').addEventListener('click', () => {
    Object.assign(state, { q: '', speaker: '', article: '', from: '', to: '' });
    syncControls(); applyFilters(); fit(); writeHash();
  });
  $('zoom-in').addEventListener('click', () => zoomAt(0.5));
  $('zoom-out').addEventListener('click', () => zoomAt(2));
  $('pan-left').addEventListener('click', () => pan(-0.4));
  $('pan-right').addEventListener('click', () => pan(0.4));
  $('fit').addEventListener('click', fit);
  function updateSummary() {
    const articles = new Set(events.map((ev) => ev.r.article)).size;
    const base = `${fmtNum(events.length)} events \u00b7 ${fmtNum(quotes.length)} quotes \u00b7 ${fmtNum(articles)} article${articles === 1 ? '' : 's'}`;
    $('summary').textContent = filtered.length === events.length ? base : `${fmtNum(filtered.length)} of ${base}`;
  }

  // wheel zooms about the pointer (sideways wheel pans); over lane names it scrolls
  scroller.addEventListener('wheel', (e) => {
    const box = area.getBoundingClientRect();
    if (e.clientX < box.left && !e.ctrlKey) return;
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? box.height : 1;
    const dx = e.deltaX * unit, dy = e.deltaY * unit;
    if (Math.abs(dx) > Math.abs(dy)) { const d = dx / ppd(); setView({ a: view.a + d, b: view.b + d }); return; }
    const anchor = view.a + (e.clientX - box.left) / ppd();
    zoomAt(Math.exp(Math.max(-300, Math.min(300, dy)) * 0.002), anchor);
  }, { passive: false });
  // drag pans, sideways in time and up or down through the lanes; a click without a drag selects
  let drag = null, dragged = false;
  scroller.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, a: view.a, b: view.b, top: scroller.scrollTop, id: e.pointerId, k: ppd() };
    dragged = false;
  });
  scroller.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!dragged && Math.hypot(dx, dy) < 4) return;
    if (!dragged) { dragged = true; scroller.setPointerCapture(drag.id); scroller.classList.add('dragging'); }
    const d = -dx / drag.k;
    view = clampView({ a: drag.a + d, b: drag.b + d });
    scroller.scrollTop = drag.top - dy;
    schedule();
  });
  const endDrag = () => { if (drag && dragged) writeHash(); drag = null; scroller.classList.remove('dragging'); };
  scroller.addEventListener('pointerup', endDrag);
  scroller.addEventListener('pointercancel', endDrag);
  scroller.addEventListener('scroll', schedule, { passive: true });
  scroller.addEventListener('click', (e) => {
    if (dragged) { dragged = false; return; }
    const el = e.target.closest('.event');
    if (el) select(el.dataset.eventId);
    const cluster = e.target.closest('.cluster');
    if (cluster) showCluster(cluster._cluster);
  });
  layer.addEventListener('pointerover', (e) => {
    const el = e.target.closest('.event, .cluster');
    if (!el || el.title) return;
    if (el._cluster) el.title = `${fmtNum(el._cluster.events.length)} more here: click to list them`;
    else el.title = tooltip(byId.get(el.dataset.eventId));
  });
  scroller.addEventListener('keydown', (e) => {
    const el = e.target.closest && e.target.closest('.event');
    if (el && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); select(el.dataset.eventId); }
  });
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
    const keys = {
      '+': () => zoomAt(0.5), '=': () => zoomAt(0.5), '-': () => zoomAt(2), _: () => zoomAt(2),
      ArrowLeft: () => pan(-0.2), ArrowRight: () => pan(0.2), 0: fit, n: () => step(1), p: () => step(-1),
      Escape: () => select(''), '/': () => controls.q.focus(),
    };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });
  function measure() {
    areaW = Math.max(50, area.clientWidth); viewH = scroller.clientHeight;
    ovW = overview.clientWidth; ovH = overview.clientHeight;
  }
  new ResizeObserver(() => { measure(); layoutPpd = -1; drawOverview(); schedule(); }).observe(scroller);

  // ---- the URL hash: #speaker=...&article=...&from=...&to=...&q=...&lanes=...&view=A..B&sel=ID ----
  function writeHash() {
    clearTimeout(hashTimer);
    hashTimer = setTimeout(() => {
      const p = new URLSearchParams();
      for (const key of ['q', 'speaker', 'article', 'from', 'to']) if (state[key]) p.set(key, state[key]);
      if (state.lanes !== 'speaker') p.set('lanes', state.lanes);
      p.set('view', `${iso(Math.round(view.a))}..${iso(Math.round(view.b) - 1)}`);
      if (state.sel) p.set('sel', state.sel);
      const hash = `#${p.toString()}`;
      if (hash !== location.hash) { lastHash = hash; location.replace(hash); lastHash = location.hash; }
    }, 100);
  }
  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    const known = (select, value) => [...select.options].some((o) => o.value === value) ? value : '';
    const day = (v) => /^\d{4}-\d\d-\d\d$/.test(v || '') && !isNaN(dayNum(v)) ? v : '';
    state.q = p.get('q') || '';
    state.speaker = known(controls.speaker, p.get('speaker') || '');
    state.article = known(controls.article, p.get('article') || '');
    state.from = day(p.get('from'));
    state.to = day(p.get('to'));
    state.lanes = known(controls.lanes, p.get('lanes') || '') || 'speaker';
    syncControls();
    applyFilters();
    const m = /^(\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)$/.exec(p.get('view') || '');
    if (m && dayNum(m[1]) <= dayNum(m[2])) view = clampView({ a: dayNum(m[1]), b: dayNum(m[2]) + 1 });
    else fit();
    select(p.get('sel') || '');
  }
  window.addEventListener('hashchange', () => { if (location.hash !== lastHash) readHash(); });

  // ---- start ----
  measure();
  fillOptions();
  readHash();
  if (layoutPpd < 0 && frame) { cancelAnimationFrame(frame); render(); }
  void content.offsetHeight;  // the first layout, for the timing below
  const done = performance.now();
  window.__korjp = { events: events.length, parseMs: done - T0, firstRenderMs: done, drawn: () => drawn.size };
  document.documentElement.dataset.ready = '1';
})();
