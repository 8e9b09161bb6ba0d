'use strict';
// The orchestrator's UI: everything it shows comes from the REST API under /api.
const STATES = ['success', 'failed', 'running', 'up_for_retry', 'upstream_failed', 'skipped', 'queued', 'none'];
const RUNS_SHOWN = 20;
const REFRESH_MS = 3000;
const color = state => getComputedStyle(document.documentElement).getPropertyValue('--' + state).trim() || '#bdbdbd';

let pipelines = [];
let current = null;
let selected = null; // {runId, taskId}
let graph = null;

async function api(path, options) {
  const response = await fetch('/api' + path, options);
  if (!response.ok) {
    const body = await response.json().catch(() => ({error: response.statusText}));
    throw new Error(body.error || response.statusText);
  }
  return response.headers.get('content-type').includes('json') ? response.json() : response.text();
}

function status(text, isError) {
  const element = document.getElementById('status');
  element.textContent = text;
  element.className = isError ? 'error' : '';
}

function legend() {
  document.getElementById('legend').innerHTML =
    STATES.map(s => `<span><i style="background:${color(s)}"></i>${s.replace(/_/g, ' ')}</span>`).join('');
}

function depthOf(pipeline) {
  const byId = Object.fromEntries(pipeline.tasks.map(t => [t.id, t]));
  const depth = {};
  const visit = id => depth[id] ?? (depth[id] = byId[id].dependsOn.length === 0
    ? 0 : 1 + Math.max(...byId[id].dependsOn.map(visit)));
  pipeline.tasks.forEach(t => visit(t.id));
  return depth;
}

function drawGraph(pipeline, latestRun) {
  const depth = depthOf(pipeline);
  const rows = {};
  const states = Object.fromEntries((latestRun ? latestRun.tasks : []).map(t => [t.taskId, t.state]));
  const nodes = pipeline.tasks.map(t => {
    const d = depth[t.id];
    rows[d] = (rows[d] || 0) + 1;
    const state = states[t.id] || 'none';
    return {name: t.id, x: d * 200, y: rows[d] * 70, value: `${t.type} · ${state}`,
            itemStyle: {color: color(state)}, symbolSize: [150, 34], symbol: 'roundRect'};
  });
  const links = pipeline.tasks.flatMap(t => t.dependsOn.map(u => ({source: u, target: t.id})));
  graph = graph || echarts.init(document.getElementById('graph'));
  graph.setOption({
    tooltip: {formatter: p => p.dataType === 'node' ? `${p.name}: ${p.value}` : ''},
    animation: false,
    series: [{type: 'graph', layout: 'none', roam: true, data: nodes, links,
              edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
              label: {show: true, color: '#fff', fontSize: 12},
              lineStyle: {color: '#90a4ae', width: 1.5}}]
  }, true);
}

function drawGrid(pipeline, runs) {
  const shown = runs.slice(0, RUNS_SHOWN).reverse();
  const header = '<tr><th class="task">task</th>' + shown.map(r =>
    `<th class="run" title="${r.runKey}">#${r.id} <span style="color:${color(r.state)}">■</span></th>`).join('') + '</tr>';
  const rows = pipeline.tasks.map(task => '<tr><td class="task">' + task.id + '</td>' + shown.map(run => {
    const instance = run.tasks.find(t => t.taskId === task.id);
    const state = instance ? instance.state : (run.state === 'queued' ? 'queued' : 'none');
    const isSelected = selected && selected.runId === run.id && selected.taskId === task.id;
    const tries = instance && instance.tryNumber > 1 ? ` (try ${instance.tryNumber})` : '';
    return `<td class="cell${isSelected ? ' selected' : ''}" data-run="${run.id}" data-task="${task.id}" data-state="${state}"`
      + ` title="run #${run.id} · ${task.id}: ${state}${tries}"><span style="background:${color(state)}"></span></td>`;
  }).join('') + '</tr>').join('');
  const table = document.getElementById('grid');
  table.innerHTML = header + rows;
  table.querySelectorAll('td.cell').forEach(cell => cell.addEventListener('click', () =>
    showTask(Number(cell.dataset.run), cell.dataset.task)));
}

async function showTask(runId, taskId, attempt) {
  selected = {runId, taskId};
  document.getElementById('details').hidden = false;
  document.getElementById('details-title').textContent = `Run #${runId} · ${taskId}`;
  try {
    const attempts = await api(`/runs/${runId}/tasks/${taskId}/attempts`);
    document.getElementById('attempts').innerHTML = attempts.length === 0 ? 'No attempt yet.' : attempts.map(a =>
      `<button type="button" data-attempt="${a.attempt}">attempt ${a.attempt}: ${a.state}`
      + `${a.exitCode === null ? '' : ' (exit ' + a.exitCode + ')'}</button>`).join('')
      + (attempts.length && attempts[attempts.length - 1].message ? `<div>${attempts[attempts.length - 1].message}</div>` : '');
    document.querySelectorAll('#attempts button').forEach(b =>
      b.addEventListener('click', () => showTask(runId, taskId, Number(b.dataset.attempt))));
    document.getElementById('log').textContent = attempts.length === 0 ? ''
      : await api(`/runs/${runId}/tasks/${taskId}/logs` + (attempt ? `?attempt=${attempt}` : ''));
  } catch (e) {
    document.getElementById('log').textContent = e.message;
  }
  document.querySelectorAll('td.cell').forEach(c => c.classList.toggle('selected',
    Number(c.dataset.run) === runId && c.dataset.task === taskId));
}

async function refresh() {
  if (!current) return;
  try {
    const runs = await api(`/pipelines/${current.name}/runs?limit=${RUNS_SHOWN}`);
    drawGraph(current, runs[0]);
    drawGrid(current, runs);
    status(`updated ${new Date().toLocaleTimeString()}`);
    if (selected) {
      const log = document.getElementById('log');
      const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      await showTask(selected.runId, selected.taskId);
      if (atBottom) log.scrollTop = log.scrollHeight;
    }
  } catch (e) {
    status('cannot reach the orchestrator: ' + e.message + ' (retrying)', true);
  }
}

function select(name) {
  current = pipelines.find(p => p.name === name);
  selected = null;
  document.getElementById('details').hidden = true;
  document.getElementById('pipeline-description').textContent = current.description;
  showSchedule();
  const url = new URL(location);
  url.searchParams.set('pipeline', name);
  history.replaceState(null, '', url);
  refresh();
}

function showSchedule() {
  document.getElementById('pipeline-schedule').textContent = current.schedule
    ? `Schedule: ${current.schedule}${current.paused ? ' (paused)' : ''} · at most ${current.maxActiveRuns} active run(s)`
    : 'Manual triggers only';
  const pause = document.getElementById('pause');
  pause.hidden = !current.schedule;
  pause.textContent = current.paused ? 'Unpause schedule' : 'Pause schedule';
}

async function togglePause() {
  try {
    const updated = await api(`/pipelines/${current.name}/${current.paused ? 'unpause' : 'pause'}`, {method: 'POST'});
    Object.assign(current, updated);
    showSchedule();
  } catch (e) {
    status('could not change the schedule: ' + e.message, true);
  }
}

async function trigger() {
  const button = document.getElementById('trigger');
  button.disabled = true;
  try {
    const run = await api(`/pipelines/${current.name}/runs`, {method: 'POST'});
    status(`triggered run #${run.id}`);
    await refresh();
  } catch (e) {
    status('trigger failed: ' + e.message, true);
  } finally {
    button.disabled = false;
  }
}

async function main() {
  legend();
  pipelines = await api('/pipelines');
  const chooser = document.getElementById('pipeline-select');
  chooser.innerHTML = pipelines.map(p => `<option value="${p.name}">${p.name}</option>`).join('');
  const wanted = new URL(location).searchParams.get('pipeline');
  if (wanted && pipelines.some(p => p.name === wanted)) chooser.value = wanted;
  chooser.addEventListener('change', () => select(chooser.value));
  document.getElementById('trigger').addEventListener('click', trigger);
  document.getElementById('pause').addEventListener('click', togglePause);
  window.addEventListener('resize', () => graph && graph.resize());
  select(chooser.value);
  setInterval(() => { if (document.getElementById('auto-refresh').checked) refresh(); }, REFRESH_MS);
}

main().catch(e => status('cannot load pipelines: ' + e.message, true));
