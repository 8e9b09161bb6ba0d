'use strict';
// The dashboard page: everything it shows comes from the JSON API (/api/status, /api/panels/<id>),
// so what the page draws and what the API (and its CSV) serves are the same numbers.

const money = new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD'});
const moneyShort = new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1});
const count = new Intl.NumberFormat('en-US');
const fmt = {
  money: v => v === null || v === undefined ? '–' : money.format(Number(v)),
  count: v => v === null || v === undefined ? '–' : count.format(Number(v)),
  pct: v => v === null || v === undefined ? '–' : `${Number(v).toFixed(2)} %`,
  text: v => v === null || v === undefined ? '' : String(v),
};
const PAYMENT_LABELS = {credit_card: 'Credit card', cash: 'Cash', no_charge: 'No charge', dispute: 'Dispute'};
// One generic font for the charts: they measure their labels with the font they draw them in.
const FONT = 'sans-serif';
const COLORS = ['#00897b', '#1e88e5', '#fb8c00', '#8e24aa', '#e53935', '#6d4c41'];

const charts = {};
let timer = null;
let countdown = null;
let lastStatus = null;
const range = {from: null, to: null};

// ---- panels -------------------------------------------------------------------------------------

const PANELS = [
  {
    id: 'kpis',
    render(section, rows) {
      const k = rows[0];
      setKpi('total_rides', k.total_rides, fmt.count);
      setKpi('average_fare', k.average_fare, fmt.money);
      setKpi('total_revenue', k.total_revenue, fmt.money);
      setKpi('total_passengers', k.total_passengers, fmt.count);
    },
  },
  {
    id: 'top-zones',
    columns: [['rank', fmt.text], ['zone', fmt.text], ['borough', fmt.text], ['trips', fmt.count],
              ['revenue', fmt.money], ['average_fare', fmt.money], ['average_tip_pct', fmt.pct]],
    headline: rows => rows.length ? `Top zone: ${rows[0].zone} (${rows[0].borough}) — ${fmt.money(rows[0].revenue)}` : 'No rides in this range',
    option(rows) {
      const tips = rows.map(r => Number(r.average_tip_pct));
      return {
        tooltip: {trigger: 'item', formatter: p => tooltip(rows[p.dataIndex].zone, [
          ['borough', rows[p.dataIndex].borough], ['revenue', fmt.money(rows[p.dataIndex].revenue)],
          ['trips', fmt.count(rows[p.dataIndex].trips)], ['average tip', fmt.pct(rows[p.dataIndex].average_tip_pct)]])},
        grid: {left: 8, right: 70, top: 8, bottom: 48, containLabel: true},
        dataset: {source: rows.map(r => [r.zone, Number(r.revenue), Number(r.average_tip_pct)])},
        xAxis: {type: 'value', axisLabel: {formatter: v => moneyShort.format(v)}},
        yAxis: {type: 'category', inverse: true, axisLabel: {width: narrow() ? 110 : 240, overflow: 'truncate'}},
        visualMap: {type: 'continuous', dimension: 2, orient: 'horizontal', left: 'center', bottom: 0,
                    itemHeight: 120, min: Math.floor(Math.min(...tips, 0)), max: Math.ceil(Math.max(...tips, 1)),
                    text: ['high tip %', 'low tip %'], inRange: {color: ['#b2dfdb', '#00695c']}},
        series: [{type: 'bar', encode: {x: 1, y: 0},
                  label: {show: true, position: 'right', formatter: p => moneyShort.format(p.value[1])}}],
      };
    },
  },
  {
    id: 'payments',
    columns: [['payment_type', fmt.text], ['trips', fmt.count], ['revenue', fmt.money],
              ['revenue_share_pct', fmt.pct], ['average_fare', fmt.money], ['average_tip_pct', fmt.pct]],
    headline: rows => rows.length ? `${label(rows[0].payment_type)}: ${fmt.pct(rows[0].revenue_share_pct)} of revenue` : 'No rides in this range',
    option(rows) {
      return {
        color: COLORS,
        tooltip: {trigger: 'item', formatter: p => tooltip(p.name, [
          ['revenue', fmt.money(rows[p.dataIndex].revenue)], ['share', fmt.pct(rows[p.dataIndex].revenue_share_pct)],
          ['trips', fmt.count(rows[p.dataIndex].trips)]])},
        legend: {bottom: 0, type: 'scroll'},
        series: [{type: 'pie', radius: ['42%', '68%'], center: ['50%', '45%'], avoidLabelOverlap: true,
                  label: {formatter: '{b}: {d} %'}, labelLayout: {hideOverlap: true},
                  data: rows.map(r => ({name: label(r.payment_type), value: Number(r.revenue)}))}],
      };
    },
  },
  {
    id: 'hourly',
    columns: [['hour', fmt.text], ['trips', fmt.count], ['average_fare', fmt.money], ['revenue', fmt.money]],
    headline: rows => {
      const busiest = rows.reduce((a, b) => (Number(b.trips) > Number(a.trips) ? b : a), rows[0]);
      return busiest && Number(busiest.trips) > 0 ? `Busiest hour: ${hour(busiest.hour)} ${businessZone()} (${fmt.count(busiest.trips)} trips)` : 'No rides in this range';
    },
    option(rows) {
      const fares = rows.filter(r => r.average_fare !== null).map(r => Number(r.average_fare));
      return {
        tooltip: {trigger: 'item', formatter: p => tooltip(hour(rows[p.dataIndex].hour) + ' ' + businessZone(), [
          ['trips', fmt.count(rows[p.dataIndex].trips)], ['average fare', fmt.money(rows[p.dataIndex].average_fare)]])},
        grid: {left: 8, right: 16, top: 30, bottom: 48, containLabel: true},
        dataset: {source: rows.map(r => [hour(r.hour), Number(r.trips), r.average_fare === null ? '-' : Number(r.average_fare)])},
        xAxis: {type: 'category', axisLabel: {interval: 2}},
        yAxis: {type: 'value', name: 'trips'},
        visualMap: {type: 'continuous', dimension: 2, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
                    min: fares.length ? Math.floor(Math.min(...fares)) : 0, max: fares.length ? Math.ceil(Math.max(...fares)) : 1,
                    text: ['higher average fare', 'lower'], inRange: {color: ['#90caf9', '#0d47a1']}},
        series: [{type: 'bar', encode: {x: 0, y: 1}}],
      };
    },
  },
  categoryPanel('distance-categories'),
  categoryPanel('fare-categories'),
  {
    id: 'borough-flows',
    columns: [['rank', fmt.text], ['flow', fmt.text], ['trips', fmt.count], ['revenue', fmt.money], ['average_fare', fmt.money]],
    headline: rows => rows.length ? `Top flow: ${rows[0].flow} (${fmt.count(rows[0].trips)} trips)` : 'No rides in this range',
    option(rows) {
      return {
        tooltip: {trigger: 'item', formatter: p => tooltip(rows[p.dataIndex].flow, [
          ['trips', fmt.count(rows[p.dataIndex].trips)], ['revenue', fmt.money(rows[p.dataIndex].revenue)],
          ['average fare', fmt.money(rows[p.dataIndex].average_fare)]])},
        grid: {left: 8, right: 60, top: 8, bottom: 8, containLabel: true},
        dataset: {source: rows.map(r => [r.flow, Number(r.trips)])},
        xAxis: {type: 'value'},
        yAxis: {type: 'category', inverse: true, axisLabel: {width: narrow() ? 120 : 170, overflow: 'truncate'}},
        series: [{type: 'bar', encode: {x: 1, y: 0}, itemStyle: {color: '#5c6bc0'},
                  label: {show: true, position: 'right', formatter: p => fmt.count(p.value[1])}}],
      };
    },
  },
];

function categoryPanel(id) {
  return {
    id,
    columns: [['category', fmt.text], ['trips', fmt.count], ['average_fare', fmt.money],
              ['average_tip_pct', fmt.pct], ['revenue', fmt.money]],
    headline: rows => {
      const top = rows.reduce((a, b) => (Number(b.trips) > Number(a.trips) ? b : a), rows[0]);
      return top && Number(top.trips) > 0 ? `Most trips: ${top.category} (${fmt.count(top.trips)})` : 'No rides in this range';
    },
    option(rows) {
      const num = v => (v === null ? '-' : Number(v));
      return {
        color: ['#26a69a', '#ef6c00', '#8e24aa'],
        tooltip: {trigger: 'axis'},
        legend: {bottom: 0},
        grid: {left: 8, right: 8, top: 28, bottom: 36, containLabel: true},
        xAxis: {type: 'category', data: rows.map(r => r.category)},
        yAxis: [{type: 'value', name: 'trips'}, {type: 'value', name: '$ · %', splitLine: {show: false}}],
        series: [
          {name: 'trips', type: 'bar', data: rows.map(r => Number(r.trips)), label: {show: true, position: 'top'}},
          {name: 'average fare ($)', type: 'line', yAxisIndex: 1, data: rows.map(r => num(r.average_fare))},
          {name: 'average tip (%)', type: 'line', yAxisIndex: 1, data: rows.map(r => num(r.average_tip_pct))},
        ],
      };
    },
  };
}

// ---- loading ------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, body) {
    super(body.error || `HTTP ${status}`);
    this.status = status;
    this.state = body.state || 'error';
  }
}

async function api(path) {
  let response;
  try {
    response = await fetch(path, {cache: 'no-store'});
  } catch (e) {
    throw new ApiError(0, {state: 'offline', error: 'The dashboard server does not answer: ' + e.message});
  }
  const body = await response.json().catch(() => ({error: response.statusText}));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function query() {
  const params = new URLSearchParams();
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  const text = params.toString();
  return text ? '?' + text : '';
}

async function refresh() {
  clearTimeout(timer);
  clearInterval(countdown);
  let status;
  try {
    status = await api('/api/status');
  } catch (e) {
    showUnreachable({message: e.message, retry_seconds: 5});
    return;
  }
  lastStatus = status;
  showFreshness(status);
  if (status.state === 'unreachable' || status.state === 'error') {
    showUnreachable(status);
    return;
  }
  if (status.state === 'empty' || status.state === 'absent') {
    showEmpty(status);
    scheduleRefresh(status.refresh_seconds);
    return;
  }
  document.getElementById('state-unreachable').hidden = true;
  document.getElementById('state-empty').hidden = true;
  const panels = document.getElementById('panels');
  panels.hidden = false;
  panels.classList.remove('stale');
  document.body.dataset.state = 'ready';
  const results = await Promise.allSettled(PANELS.map(loadPanel));
  const failure = results.find(r => r.status === 'rejected');
  if (failure) {
    const e = failure.reason;
    if (e.state === 'absent') showEmpty({state: 'absent', message: e.message});
    else showUnreachable({message: e.message, retry_seconds: status.retry_seconds});
    if (e.state === 'absent') scheduleRefresh(status.refresh_seconds);
    return;
  }
  document.getElementById('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
  scheduleRefresh(status.refresh_seconds);
}

async function loadPanel(panel) {
  const section = document.getElementById('panel-' + panel.id);
  section.dataset.state = 'loading';
  section.querySelectorAll('a.csv').forEach(a => { a.href = `/api/panels/${a.dataset.csv}.csv${query()}`; });
  const data = await api(`/api/panels/${panel.id}${query()}`);
  const rows = data.rows;
  if (panel.render) {
    panel.render(section, rows);
  } else {
    section.querySelector('.headline').textContent = panel.headline(rows);
    drawChart(section, panel.option(rows));
    section.querySelector('.table').replaceChildren(table(panel.columns, rows));
  }
  section.dataset.rows = rows.length;
  section.dataset.from = data.from || '';
  section.dataset.to = data.to || '';
  section.dataset.state = 'rendered';
}

function drawChart(section, option) {
  const element = section.querySelector('.chart');
  const id = section.dataset.panel;
  if (!charts[id]) charts[id] = echarts.init(element, null, {renderer: 'svg'});
  charts[id].setOption(Object.assign({animation: false, textStyle: {fontFamily: FONT}}, option), true);
}

function scheduleRefresh(seconds) {
  clearTimeout(timer);
  if (document.getElementById('auto-refresh').checked) {
    timer = setTimeout(refresh, seconds * 1000);
  }
}

// ---- states -------------------------------------------------------------------------------------

function showUnreachable(status) {
  document.body.dataset.state = 'unreachable';
  document.getElementById('state-empty').hidden = true;
  document.getElementById('panels').classList.add('stale');
  const banner = document.getElementById('state-unreachable');
  banner.hidden = false;
  document.getElementById('unreachable-detail').textContent = status.message;
  let left = status.retry_seconds || 5;
  const line = document.getElementById('retry-countdown');
  line.textContent = `Next try in ${left} s.`;
  clearInterval(countdown);
  countdown = setInterval(() => {
    left -= 1;
    line.textContent = left > 0 ? `Next try in ${left} s.` : 'Trying…';
  }, 1000);
  clearTimeout(timer);
  timer = setTimeout(refresh, (status.retry_seconds || 5) * 1000);
}

function showEmpty(status) {
  document.body.dataset.state = status.state;
  document.getElementById('state-unreachable').hidden = true;
  document.getElementById('panels').hidden = true;
  document.getElementById('state-empty').hidden = false;
  document.getElementById('empty-title').textContent =
    status.state === 'absent' ? 'The dashboard’s marts do not exist yet' : 'No rides in the marts yet';
  document.getElementById('empty-detail').textContent = status.message;
}

function showFreshness(status) {
  document.querySelectorAll('.business-zone').forEach(e => { e.textContent = businessZone(); });
  const newest = document.getElementById('newest-ride');
  newest.textContent = status.newest_ride
    ? `Newest ride: ${when(status.newest_ride)}${status.newest_load ? ' (loaded ' + ago(status.newest_load) + ')' : ''}`
    : '';
  const run = document.getElementById('last-run');
  run.replaceChildren();
  if (status.last_run) {
    const r = status.last_run;
    run.append('Last pipeline run: ');
    const name = document.createElement(status.last_run_url ? 'a' : 'span');
    name.textContent = `${r.pipeline} #${r.run_id}`;
    if (status.last_run_url) { name.href = status.last_run_url; name.id = 'last-run-link'; }
    const state = document.createElement('span');
    state.className = 'run-state ' + r.state;
    state.id = 'last-run-state';
    state.textContent = r.state;
    run.append(name, ' ', state, r.ended_at ? `, ended ${ago(r.ended_at)}` : r.started_at ? `, started ${ago(r.started_at)}` : '');
  } else if (status.state !== 'unreachable') {
    run.textContent = 'No pipeline runs yet';
  }
  const note = document.getElementById('range-note');
  note.textContent = status.first_date
    ? `Data: ${status.first_date} – ${status.last_date} (dates in ${businessZone()})` : '';
  for (const input of [document.getElementById('from'), document.getElementById('to')]) {
    if (status.first_date) { input.min = status.first_date; input.max = status.last_date; }
  }
  document.getElementById('refresh-every').textContent = `(${status.refresh_seconds} s)`;
}

// ---- helpers ------------------------------------------------------------------------------------

function setKpi(field, value, format) {
  const element = document.querySelector(`#panel-kpis .value[data-field="${field}"]`);
  element.textContent = format(value);
  element.dataset.value = raw(value, format);
}

// A value as the API and its CSV write it: amounts and percentages with their 2 decimals.
function raw(value, format) {
  if (value === null || value === undefined) return '';
  return format === fmt.money || format === fmt.pct ? Number(value).toFixed(2) : String(value);
}

function table(columns, rows) {
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  for (const [name] of columns) {
    const th = document.createElement('th');
    th.textContent = name;
    head.append(th);
  }
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const [name, format] of columns) {
      tr.insertCell().textContent = raw(row[name], format);
    }
  }
  return t;
}

function tooltip(title, pairs) {
  const esc = s => String(s).replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
  return `<b>${esc(title)}</b><br>` + pairs.map(([k, v]) => `${esc(k)}: ${esc(v)}`).join('<br>');
}

const label = type => PAYMENT_LABELS[type] || type;
const narrow = () => window.innerWidth < 640;
const hour = h => String(h).padStart(2, '0') + ':00';
// Dates and hours are local to the platform's business time zone (business.time-zone).
const businessZone = () => (lastStatus && lastStatus.time_zone) || 'UTC';
const when = iso =>
  new Date(iso).toLocaleString('sv-SE', {timeZone: businessZone(), hour12: false}).slice(0, 16) + ' ' + businessZone();

function ago(iso) {
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 90) return `${Math.max(seconds, 0)} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

// ---- wiring -------------------------------------------------------------------------------------

function readRangeFromUrl() {
  const params = new URLSearchParams(location.search);
  range.from = params.get('from') || null;
  range.to = params.get('to') || null;
  document.getElementById('from').value = range.from || '';
  document.getElementById('to').value = range.to || '';
}

function rangeChanged() {
  const from = document.getElementById('from').value || null;
  const to = document.getElementById('to').value || null;
  if (from && to && from > to) return; // wait until the range makes sense
  range.from = from;
  range.to = to;
  history.replaceState(null, '', location.pathname + query());
  refresh();
}

document.getElementById('from').addEventListener('change', rangeChanged);
document.getElementById('to').addEventListener('change', rangeChanged);
document.getElementById('all-dates').addEventListener('click', () => {
  document.getElementById('from').value = '';
  document.getElementById('to').value = '';
  rangeChanged();
});
document.getElementById('auto-refresh').addEventListener('change', e => {
  if (e.target.checked) refresh(); else clearTimeout(timer);
});
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
readRangeFromUrl();
refresh();
