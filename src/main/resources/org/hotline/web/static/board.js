// The supervisor board: queues with running wait clocks, agents with their actions, KPI tiles,
// the 15-minute chart and the alerts, all from /ws/board (snapshot, then deltas; no polling).

import {
  api, el, icon, setText, flash, startWithSession, LiveSocket,
  formatDuration, formatClock, formatSeconds, formatPercent, formatTime, instantMillis, everyTick,
} from './common.js';

const $ = (id) => document.getElementById(id);
const PHONE_KEY = 'hotline.supervisorPhone';
const MAX_ALERTS = 100;
const MONITOR_VERBS = { listen: 'Listen to', whisper: 'Whisper to', barge: 'Barge into' };

/** Everything the board shows; the snapshot replaces it, deltas update it. */
const board = {
  offsetMs: 0,          // server clock minus this clock, from the snapshot's serverTime
  standards: { ringCadenceSeconds: 6, serviceLevelSeconds: 20, serviceLevelTarget: 80 },
  queues: new Map(),    // name -> QueueView
  agents: new Map(),    // id -> BoardAgent
  pauseReasons: [],
  kpis: null,
  chart: null,
  monitor: null,        // { callId, mode, agent } while the dialog is open
};

/** The KPI tiles in order. level(value) -> 'good' | 'warn' | 'bad' | undefined. */
const KPI_TILES = [
  { key: 'offered', label: 'Offered', format: count },
  { key: 'answered', label: 'Answered', format: count },
  { key: 'abandoned', label: 'Abandoned', format: count },
  {
    key: 'serviceLevel', label: 'Service level', title: 'answered within the service-level time', format: formatPercent,
    level: (v) => (v < board.standards.serviceLevelTarget ? 'bad' : 'good'),
    target: true,
  },
  { key: 'asa', label: 'ASA', title: 'average speed of answer', format: formatSeconds },
  { key: 'aht', label: 'AHT', title: 'average handle time', format: formatSeconds },
  { key: 'abandonRate', label: 'Abandoned %', format: formatPercent, level: (v) => (v > 10 ? 'bad' : v > 5 ? 'warn' : 'good') },
  {
    key: 'systemAnswerWithin3Rings', label: '3-ring answer', title: 'calls the IVR answered within three rings', format: formatPercent,
    level: (v) => (v < 95 ? 'bad' : v < 100 ? 'warn' : 'good'),
  },
  {
    key: 'apologyCompliance', label: 'Apology', title: 'long-waiting callers who got the apology', format: formatPercent,
    level: (v) => (v < 90 ? 'bad' : v < 100 ? 'warn' : 'good'),
  },
  { key: 'agentMisses', label: 'Agent misses', title: 'agent phones that rang out', format: count, level: (v) => (v > 0 ? 'warn' : 'good') },
  { key: 'csat', label: 'CSAT', title: 'survey answers of 4 or 5 out of 5', format: formatPercent },
  { key: 'nps', label: 'NPS', title: 'promoters (9-10) minus detractors (0-6), -100 to 100', format: formatScore },
  { key: 'ces', label: 'CES', title: 'mean effort, 1 (very easy) to 7 (very difficult)', format: formatMean },
  { key: 'selfServed', label: 'Self-served', title: 'calls the IVR served without a person', format: count },
  { key: 'ivrContainment', label: 'IVR containment', title: 'self-served calls out of those that reached the IVR', format: formatPercent },
  {
    key: 'fcr', label: 'FCR', format: formatFcr,
    title: 'first-contact resolution: served calls not followed by another served call of the same customer within '
      + 'the FCR window, over the calls decided so far (repeated, or past their window); pending calls wait for theirs',
  },
  { key: 'callbacksOffered', label: 'Callbacks offered', title: 'waiting callers offered a callback', format: count },
  { key: 'callbacksAccepted', label: 'Callbacks taken', title: 'callers who took the callback offered', format: count },
  { key: 'callbacksCompleted', label: 'Callbacks done', title: 'callbacks that reached the customer and bridged them to an agent', format: count },
];

/** FCR with how many calls it is over and how many still wait for their window: "75.0% of 8, 3 pending". */
function formatFcr(value, report) {
  const decided = report.fcrDecided || 0;
  const pending = report.fcrPending || 0;
  const rate = value === null || value === undefined ? '–' : `${formatPercent(value)} of ${decided}`;
  return pending > 0 ? `${rate}, ${pending} pending` : rate;
}

/** A signed score such as NPS; a dash when nothing was answered. */
function formatScore(value) {
  if (value === null || value === undefined) return '–';
  return `${value > 0 ? '+' : ''}${Math.round(value)}`;
}

/** A mean with one decimal; a dash when nothing was answered. */
function formatMean(value) {
  if (value === null || value === undefined) return '–';
  return value.toFixed(1);
}
const WINDOWS = [['today', 'Today'], ['15m', 'This 15 min']];

startWithSession({
  role: 'supervisor',
  wrongRoleMessage: 'the board is for supervisors',
  onSession: (session) => {
    setText('supervisor-name', session.username);
    wireMonitorDialog();
    $('chart-queue').addEventListener('change', renderChart);
    const socket = new LiveSocket('/ws/board', {
      statusElement: $('connection'),
      onMessage: apply,
      onSessionLost: () => window.location.reload(),
    });
    socket.connect();
    everyTick(tick, 500);
  },
});

function apply(message) {
  switch (message.type) {
    case 'snapshot':
      applySnapshot(message);
      break;
    case 'queue':
      board.queues.set(message.queue.name, message.queue);
      renderQueue(message.queue);
      break;
    case 'agent':
      board.agents.set(message.agent.id, message.agent);
      renderAgent(message.agent);
      renderAgentsSummary();
      rerenderQueues(); // "ringing → agent" shows the agent's name
      break;
    case 'kpis':
      board.kpis = message.kpis;
      renderKpis();
      renderChart();
      break;
    case 'alert':
      addAlert(message.alert, true);
      break;
    case 'error':
      console.warn('server says:', message.error);
      break;
    default:
      break;
  }
}

function applySnapshot(snapshot) {
  const serverNow = instantMillis(snapshot.serverTime);
  board.offsetMs = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
  board.standards = { ...board.standards, ...(snapshot.standards || {}) };
  board.pauseReasons = snapshot.pauseReasons || [];
  setText('center-name', snapshot.center, '');
  const s = board.standards;
  setText('kpi-standards', `one ring = ${s.ringCadenceSeconds} s · service level ${s.serviceLevelTarget}% in ${s.serviceLevelSeconds} s`);

  board.queues = new Map((snapshot.queues || []).map((queue) => [queue.name, queue]));
  $('queues').replaceChildren();
  board.queues.forEach(renderQueue);

  board.agents = new Map((snapshot.agents || []).map((agent) => [agent.id, agent]));
  const body = $('agents').tBodies[0];
  for (const row of [...body.rows]) {
    if (!board.agents.has(row.dataset.agentId)) row.remove();
  }
  board.agents.forEach(renderAgent);
  renderAgentsSummary();

  board.kpis = snapshot.kpis || null;
  renderKpis();
  renderChart();

  $('alerts').replaceChildren();
  const alerts = [...(snapshot.alerts || [])].sort((a, b) => instantMillis(a.at) - instantMillis(b.at));
  alerts.forEach((alert) => addAlert(alert, false));
  tick();
}

/** Now on the server's clock. */
function serverNow() {
  return Date.now() + board.offsetMs;
}

/** Runs twice a second: wait clocks with their ring colours, times in state, the clock. */
function tick() {
  const now = serverNow();
  const cadence = board.standards.ringCadenceSeconds || 6;
  for (const clock of document.querySelectorAll('.wait-clock[data-since]')) {
    const seconds = Math.max(0, (now - Number(clock.dataset.since)) / 1000);
    clock.textContent = formatClock(seconds);
    const rings = seconds / cadence;
    const colour = rings <= 1 ? 'ring-green' : rings <= 3 ? 'ring-amber' : 'ring-red';
    if (!clock.classList.contains(colour)) {
      clock.classList.remove('ring-green', 'ring-amber', 'ring-red');
      clock.classList.add(colour);
    }
    clock.setAttribute('aria-label', `waiting ${Math.floor(seconds)} seconds, ${rings.toFixed(1)} rings`);
  }
  for (const timer of document.querySelectorAll('[data-since-state]')) {
    timer.textContent = formatDuration((now - Number(timer.dataset.sinceState)) / 1000);
  }
  for (const countdown of document.querySelectorAll('.agent-reason[data-until]')) {
    countdown.textContent = `${formatDuration((Number(countdown.dataset.until) - now) / 1000)} left`;
  }
  for (const longest of document.querySelectorAll('.longest-wait')) {
    const since = Number(longest.dataset.since);
    longest.textContent = since ? formatClock((now - since) / 1000) : '–';
  }
  setText('board-clock', formatTime(new Date(now).toISOString(), true));
}

// ---------------------------------------------------------------- queues

function queueId(name) {
  return `queue-${name}`;
}

function rerenderQueues() {
  board.queues.forEach(renderQueue);
}

function renderQueue(queue) {
  const waiting = queue.waiting || [];
  const oldest = waiting.reduce((min, call) => {
    const since = instantMillis(call.waitingSince);
    return Number.isNaN(since) ? min : Math.min(min, since);
  }, Infinity);

  const stat = (label, value, extraClass = '', data = {}) => el('div', { class: 'queue-stat' }, [
    el('span', { class: 'queue-stat-label', text: label }),
    el('span', { class: `queue-stat-value ${extraClass}`.trim(), text: value, dataset: data }),
  ]);
  const head = el('div', { class: 'queue-head' }, [
    el('h3', { class: 'queue-name', text: queue.name }),
    stat('Waiting', waiting.length, 'queue-waiting-count'),
    stat('Longest', '–', 'longest-wait', Number.isFinite(oldest) ? { since: oldest } : {}),
    stat('Available', queue.availableAgents ?? '–', 'queue-available'),
    stat('Talking', queue.talking ?? '–', 'queue-talking'),
  ]);

  const list = el('ul', { class: 'queue-waiting-list', attrs: { 'aria-label': `callers waiting in ${queue.name}` } });
  for (const call of waiting) list.append(waitingRow(call));
  const content = [head, waiting.length ? list : el('p', { class: 'queue-empty', text: 'Nobody waiting' })];

  let card = document.getElementById(queueId(queue.name));
  if (!card) {
    card = el('section', { class: 'queue-card panel', attrs: { id: queueId(queue.name), 'aria-label': `queue ${queue.name}` } });
    $('queues').append(card);
  }
  card.replaceChildren(...content);
  card.classList.toggle('has-waiting', waiting.length > 0);
  tick();
}

function waitingRow(call) {
  const since = instantMillis(call.waitingSince);
  const clock = el('span', { class: 'wait-clock ring-green', text: '00:00', dataset: Number.isNaN(since) ? {} : { since } });
  const name = el('span', { class: 'waiting-name', text: call.customer || 'Unknown caller' });
  if (call.vip) name.append(el('span', { class: 'vip-tag' }, [icon('star'), 'VIP']));
  let stateText = 'waiting';
  if (call.state === 'ringing') {
    const agent = call.agent ? board.agents.get(call.agent) : null;
    stateText = `ringing → ${agent ? agent.name : call.agent || '?'}`;
  }
  return el('li', { class: 'waiting-call', dataset: { callId: call.callId, state: call.state } }, [
    clock,
    el('div', { class: 'waiting-who' }, [name, el('span', { class: 'waiting-caller', text: call.caller })]),
    el('span', { class: 'waiting-state', text: stateText, dataset: { state: call.state } }),
  ]);
}

// ---------------------------------------------------------------- agents

function renderAgentsSummary() {
  const counts = {};
  board.agents.forEach((agent) => { counts[agent.state] = (counts[agent.state] || 0) + 1; });
  const order = ['available', 'ringing', 'on-call', 'wrap-up', 'paused', 'unavailable'];
  setText('agents-summary', order.filter((state) => counts[state]).map((state) => `${counts[state]} ${state}`).join(' · '), '');
}

function renderAgent(agent) {
  const body = $('agents').tBodies[0];
  let row = [...body.rows].find((r) => r.dataset.agentId === agent.id);
  if (!row) {
    row = el('tr', { dataset: { agentId: agent.id } }, [
      el('td', {}, [el('span', { class: 'agent-name' }), el('span', { class: 'agent-meta' })]),
      el('td', {}, [el('span', { class: 'agent-state' }), el('span', { class: 'agent-reason' })]),
      el('td', {}, [el('span', { class: 'agent-time' })]),
      el('td', { class: 'num agent-calls' }),
      el('td', { class: 'num agent-misses' }),
      el('td', { class: 'agent-caller' }),
      el('td', {}, [el('div', { class: 'agent-actions' })]),
    ]);
    body.append(row);
  }
  row.dataset.state = agent.state;
  setText(row.querySelector('.agent-name'), agent.name || agent.id);
  setText(row.querySelector('.agent-meta'), ` ${agent.id} · ext ${agent.extension}`);
  const state = row.querySelector('.agent-state');
  state.textContent = agent.state;
  state.dataset.state = agent.state;
  const reasonNode = row.querySelector('.agent-reason');
  const until = agent.state === 'wrap-up' ? instantMillis(agent.wrapUpUntil) : NaN;
  if (Number.isNaN(until)) {
    delete reasonNode.dataset.until;
    setText(reasonNode, agent.state === 'paused' ? agent.reason : '', '');
  } else {
    reasonNode.dataset.until = String(until); // the tick shows the countdown
  }
  const since = instantMillis(agent.since);
  const time = row.querySelector('.agent-time');
  if (Number.isNaN(since)) delete time.dataset.sinceState; else time.dataset.sinceState = String(since);
  setText(row.querySelector('.agent-calls'), agent.callsTaken ?? 0);
  const misses = row.querySelector('.agent-misses');
  setText(misses, agent.missesToday ?? 0);
  misses.dataset.bad = String((agent.missesToday || 0) > 0);
  const caller = row.querySelector('.agent-caller');
  caller.replaceChildren();
  if (agent.currentCustomer) caller.append(el('div', { class: 'agent-name', text: agent.currentCustomer }));
  if (agent.currentCaller) caller.append(el('div', { class: 'waiting-caller', text: agent.currentCaller }));
  renderActions(row, agent);
}

/** The row's buttons; rebuilt only when what they offer changes, so an open select survives updates. */
function renderActions(row, agent) {
  const box = row.querySelector('.agent-actions');
  const monitorable = agent.state === 'on-call' && agent.currentCall;
  const key = `${agent.state === 'paused'}|${monitorable ? agent.currentCall : ''}|${board.pauseReasons.join(',')}`;
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren();
  const name = agent.name || agent.id;
  if (monitorable) {
    const group = el('span', { class: 'action-group monitor-actions' });
    box.append(group);
    for (const mode of ['listen', 'whisper', 'barge']) {
      group.append(el('button', {
        class: `btn btn-small btn-monitor btn-${mode}`, text: mode[0].toUpperCase() + mode.slice(1),
        attrs: { type: 'button', 'aria-label': `${MONITOR_VERBS[mode]} ${name}'s call` },
        on: { click: () => openMonitor(agent.id, mode) },
      }));
    }
  }
  if (agent.state === 'paused') {
    box.append(el('button', {
      class: 'btn btn-small btn-available btn-unpause', text: 'Unpause',
      attrs: { type: 'button', 'aria-label': `Make ${name} available` },
      on: { click: () => setAgentState(agent.id, { state: 'available' }) },
    }));
  } else {
    const select = el('select', { class: 'pause-reason', attrs: { 'aria-label': `Pause reason for ${name}` } },
      board.pauseReasons.map((reason) => el('option', { text: reason, attrs: { value: reason } })));
    box.append(el('span', { class: 'action-group pause-actions' }, [select, el('button', {
      class: 'btn btn-small btn-paused btn-pause', text: 'Pause',
      attrs: { type: 'button', 'aria-label': `Pause ${name}` },
      on: { click: () => setAgentState(agent.id, select.value ? { state: 'paused', reason: select.value } : { state: 'paused' }) },
    })]));
  }
}

async function setAgentState(agentId, body) {
  try {
    // The socket brings the change (and whatever follows it, e.g. the agent's phone ringing at
    // once) in order; applying this answer too could paint an older state over a newer one.
    await api('POST', `/api/agents/${encodeURIComponent(agentId)}/state`, body);
  } catch (e) {
    flash('board-message', `${agentId}: ${e.message}`, 'error', 8000);
  }
}

// ---------------------------------------------------------------- listen / whisper / barge

function wireMonitorDialog() {
  const dialog = $('monitor-dialog');
  $('monitor-cancel').addEventListener('click', () => dialog.close());
  $('monitor-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const phone = $('monitor-phone').value.trim();
    if (!/^[0-9*#+]{2,20}$/.test(phone)) {
      flash('monitor-error', 'Enter the extension of the phone on your desk (digits)', 'error');
      return;
    }
    const { callId, mode, agentName } = board.monitor;
    const confirm = $('monitor-confirm');
    confirm.disabled = true;
    try {
      await api('POST', `/api/calls/${encodeURIComponent(callId)}/monitor`, { mode, phone });
      localStorage.setItem(PHONE_KEY, phone);
      dialog.close();
      flash('board-message', `Your phone ${phone} is ringing: answer it to ${mode} on ${agentName}'s call.`, 'ok', 10000);
    } catch (e) {
      flash('monitor-error', e.message, 'error');
    } finally {
      confirm.disabled = false;
    }
  });
}

function openMonitor(agentId, mode) {
  const agent = board.agents.get(agentId);
  if (!agent || !agent.currentCall) {
    flash('board-message', `${agentId} is no longer on a call`, 'error', 6000);
    return;
  }
  const agentName = agent.name || agent.id;
  board.monitor = { callId: agent.currentCall, mode, agentName };
  setText('monitor-title', `${MONITOR_VERBS[mode]} ${agentName}'s call`);
  const caller = [agent.currentCustomer, agent.currentCaller].filter(Boolean).join(' · ');
  const how = { listen: 'You hear both sides; nobody hears you.', whisper: `Only ${agentName} hears you.`, barge: 'Both hear you.' }[mode];
  setText('monitor-text', `${caller ? `Caller: ${caller}. ` : ''}${how} Your phone rings first.`);
  $('monitor-phone').value = localStorage.getItem(PHONE_KEY) || '';
  flash('monitor-error', '');
  $('monitor-dialog').showModal();
  $('monitor-phone').focus();
}

// ---------------------------------------------------------------- KPIs

function count(value) {
  return value === null || value === undefined ? '–' : String(value);
}

/** The KPI table: one tbody per queue, a row per window (ids kpi-today-<queue>, kpi-15m-<queue>). */
function renderKpis() {
  const kpis = board.kpis || {};
  const table = $('kpis');
  const columns = $('kpi-columns');
  if (columns.cells.length === 2) {
    for (const tile of KPI_TILES) {
      columns.append(el('th', { class: 'num', attrs: { scope: 'col', title: tile.title || tile.label } },
        [tile.label, tile.target ? el('span', { class: 'kpi-target' }) : null]));
    }
  }
  for (const target of columns.querySelectorAll('.kpi-target')) {
    target.textContent = `target ${board.standards.serviceLevelTarget}% in ${board.standards.serviceLevelSeconds} s`;
  }
  const names = new Set([...board.queues.keys(), ...Object.keys(kpis.today || {}), ...Object.keys(kpis['15m'] || {})]);
  for (const name of names) {
    let group = [...table.tBodies].find((body) => body.dataset.queue === name);
    if (!group) {
      group = el('tbody', { dataset: { queue: name } });
      WINDOWS.forEach(([windowName, label], index) => {
        const row = el('tr', { class: `kpi-row kpi-row-${windowName}`, attrs: { id: `kpi-${windowName}-${name}` } }, [
          index === 0 ? el('th', { class: 'kpi-queue-name', text: name, attrs: { scope: 'rowgroup', rowspan: WINDOWS.length } }) : null,
          el('th', { class: 'kpi-window', text: label, attrs: { scope: 'row' } }),
        ]);
        for (const tile of KPI_TILES) {
          row.append(el('td', { class: 'num kpi-cell', dataset: { kpi: tile.key }, attrs: { title: `${name} ${label}: ${tile.title || tile.label}` } }));
        }
        group.append(row);
      });
      table.append(group);
    }
    for (const [windowName] of WINDOWS) {
      const report = (kpis[windowName] || {})[name] || {};
      const row = document.getElementById(`kpi-${windowName}-${name}`);
      for (const tile of KPI_TILES) {
        const cell = row.querySelector(`[data-kpi="${tile.key}"]`);
        const value = report[tile.key];
        cell.textContent = tile.format(value, report);
        const level = value === null || value === undefined || !tile.level ? '' : tile.level(value);
        if (level) cell.dataset.level = level; else delete cell.dataset.level;
      }
    }
  }
  const p95 = kpis.popLatencyP95Millis;
  setText(document.querySelector('#kpi-pop-latency [data-kpi="popLatencyP95Millis"]'),
    p95 === null || p95 === undefined ? null : `${Math.round(p95)} ms`);
}

// ---------------------------------------------------------------- chart

const CHART_COLOURS = {
  offered: '#64748b', answered: '#15803d', abandoned: '#b91c1c', serviceLevel: '#1d4ed8', target: '#1d4ed8',
};

function renderChart() {
  const intervals = (board.kpis && board.kpis.intervals) || {};
  const select = $('chart-queue');
  // The board's queue order first (the snapshot's), then any other queue with figures.
  const names = [...new Set([...board.queues.keys(), ...Object.keys(intervals)])].filter((name) => intervals[name]);
  const current = [...select.options].map((option) => option.value).join('\n');
  if (current !== names.join('\n')) {
    const chosen = select.value;
    select.replaceChildren(...names.map((name) => el('option', { text: name, attrs: { value: name } })));
    if (names.includes(chosen)) select.value = chosen;
  }
  select.hidden = names.length < 2;
  const rows = intervals[select.value] || [];
  const labels = rows.map((row) => formatTime(row.start));
  const series = {
    offered: rows.map((row) => row.offered ?? 0),
    answered: rows.map((row) => row.answered ?? 0),
    abandoned: rows.map((row) => row.abandoned ?? 0),
    serviceLevel: rows.map((row) => (row.serviceLevel === null || row.serviceLevel === undefined ? null : row.serviceLevel)),
    target: rows.map(() => board.standards.serviceLevelTarget),
  };
  if (typeof window.Chart !== 'function') {
    console.error('Chart.js did not load; the interval chart is unavailable');
    return;
  }
  if (!board.chart) {
    board.chart = createChart(labels, series);
    return;
  }
  // Update in place: same chart, new numbers, no animation, so a wall screen does not flicker.
  board.chart.data.labels = labels;
  for (const dataset of board.chart.data.datasets) dataset.data = series[dataset.key];
  board.chart.update('none');
}

function createChart(labels, series) {
  const Chart = window.Chart;
  Chart.defaults.font.size = 14;
  Chart.defaults.color = '#374151';
  const bar = (key, label) => ({
    key, label, type: 'bar', data: series[key], backgroundColor: CHART_COLOURS[key], yAxisID: 'calls', order: 2,
    borderRadius: 3, maxBarThickness: 22,
  });
  return new Chart(document.getElementById('interval-chart'), {
    data: {
      labels,
      datasets: [
        bar('offered', 'Offered'),
        bar('answered', 'Answered'),
        bar('abandoned', 'Abandoned'),
        {
          key: 'serviceLevel', label: 'Service level %', type: 'line', data: series.serviceLevel, yAxisID: 'percent',
          borderColor: CHART_COLOURS.serviceLevel, backgroundColor: CHART_COLOURS.serviceLevel, borderWidth: 3,
          pointRadius: 3, tension: 0.25, spanGaps: true, order: 1,
        },
        {
          key: 'target', label: 'Target %', type: 'line', data: series.target, yAxisID: 'percent',
          borderColor: CHART_COLOURS.target, borderDash: [6, 6], borderWidth: 1.5, pointRadius: 0, order: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 14, sort: (a, b) => a.datasetIndex - b.datasetIndex } } },
      scales: {
        calls: { type: 'linear', position: 'left', beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'calls' } },
        percent: { type: 'linear', position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: 'service level %' } },
        x: { grid: { display: false } },
      },
    },
  });
}

// ---------------------------------------------------------------- alerts

function addAlert(alert, fresh) {
  const list = $('alerts');
  const about = [alert.queue && `queue ${alert.queue}`, alert.agent && `agent ${agentLabel(alert.agent)}`].filter(Boolean).join(' · ');
  const item = el('li', { class: 'alert', dataset: { kind: alert.kind, callId: alert.callId } }, [
    el('span', { class: 'alert-time', text: formatTime(alert.at, true) }),
    el('span', { class: 'alert-kind' }, [icon('alert'), ` ${humanKind(alert.kind)}`, about ? el('span', { class: 'alert-about', text: ` · ${about}` }) : null]),
    el('span', { class: 'alert-message', text: alert.message }),
  ]);
  list.prepend(item);
  while (list.children.length > MAX_ALERTS) list.lastElementChild.remove();
  $('alerts-empty').hidden = list.children.length > 0;
  if (fresh) {
    item.classList.add('alert-new');
    setTimeout(() => item.classList.remove('alert-new'), 3500);
  }
}

function agentLabel(id) {
  const agent = board.agents.get(id);
  return agent && agent.name ? `${agent.name} (${id})` : id;
}

function humanKind(kind) {
  return {
    'caller-waiting-past-3-rings': 'Caller waiting past 3 rings',
    'missed-rings': 'Missed rings',
    'service-level': 'Service level',
  }[kind] || String(kind || 'alert');
}
