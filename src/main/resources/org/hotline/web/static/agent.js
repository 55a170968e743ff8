// The agent desktop: presence controls, today's figures, the screen-pop and the disposition
// form, fed by the /ws/agent messages of the screens contract.

import {
  api, el, icon, setText, show, flash, startWithSession, LiveSocket,
  formatDuration, formatSeconds, formatDateTime, instantMillis, everyTick,
} from './common.js';

const $ = (id) => document.getElementById(id);

const STATE_LABELS = {
  available: 'Ready for calls',
  ringing: 'Phone ringing',
  'on-call': 'On a call',
  'wrap-up': 'Wrap-up',
  paused: 'Paused',
  unavailable: 'Phone unreachable',
};
const CHANNEL_LABELS = { phone: 'Phone', email: 'Email', chat: 'Chat', web: 'Web' };

/** What the page knows; replaced piece by piece by the server's messages. */
const desk = {
  session: null,
  agent: null,
  center: '',
  pop: null,            // the pop on screen (stays, dimmed, after its call ended)
  popEnded: false,
  acked: new Set(),     // callIds acknowledged from this page
  disposition: null,    // { callId, caller, customerName } while the form is open
  socket: null,
};

startWithSession({
  role: 'agent',
  wrongRoleMessage: 'this desktop is for agents; supervisors use the board',
  onSession: (session) => {
    desk.session = session;
    setText('agent-id', session.agent);
    setText('agent-name', session.username);
    wireControls();
    desk.socket = new LiveSocket('/ws/agent', {
      statusElement: $('connection'),
      onMessage: apply,
      onSessionLost: () => window.location.reload(),
    });
    desk.socket.connect();
    everyTick(tick, 1000);
  },
});

function apply(message) {
  switch (message.type) {
    case 'snapshot':
      desk.center = message.center || '';
      setText('center-name', desk.center, '');
      fillSelect($('pause-reason'), message.pauseReasons || [], null);
      fillSelect($('disposition-code'), message.dispositionCodes || [], 'Choose an outcome…');
      applyAgent(message.agent);
      applyFigures(message.today);
      if (message.pop) {
        const sameCall = desk.pop && desk.pop.callId === message.pop.callId;
        if (!sameCall) renderPop(message.pop);
        acknowledge(message.pop.callId);
      } else if (desk.pop && !desk.popEnded) {
        markPopEnded(); // the call ended while the socket was down
      }
      break;
    case 'state':
      applyAgent(message.agent);
      break;
    case 'pop': {
      const { type, ...pop } = message;
      renderPop(pop);
      acknowledge(pop.callId);
      break;
    }
    case 'call-ended':
      callEnded(message);
      break;
    case 'figures':
      applyFigures(message.today);
      break;
    case 'error':
      console.warn('server says:', message.error);
      break;
    default:
      break;
  }
}

/** Tells the server the pop is on screen (once per call from this page). */
function acknowledge(callId) {
  if (!callId || desk.acked.has(callId)) return;
  if (desk.socket.send({ type: 'ack', callId })) desk.acked.add(callId);
}

// ---------------------------------------------------------------- presence

function applyAgent(agent) {
  if (!agent) return;
  const previousCall = desk.agent ? desk.agent.currentCall : null;
  desk.agent = agent;
  if (desk.pop && !desk.popEnded && previousCall === desk.pop.callId && agent.currentCall !== desk.pop.callId) {
    markPopEnded(); // moved off the pop's call (e.g. rang out to the next agent)
  }
  setText('agent-name', agent.name || agent.id);
  setText('agent-id', agent.id);
  setText('agent-extension', agent.extension);
  const badge = $('agent-state');
  badge.textContent = agent.state;
  badge.dataset.state = agent.state;
  badge.setAttribute('title', STATE_LABELS[agent.state] || agent.state);
  document.body.dataset.state = agent.state;
  $('btn-available').disabled = agent.state === 'available';
  $('btn-wrapup').disabled = agent.state === 'wrap-up';
  if (agent.state === 'paused' && agent.reason) {
    const select = $('pause-reason');
    if ([...select.options].some((option) => option.value === agent.reason)) select.value = agent.reason;
  }
  updatePopStatus();
  tick();
}

function wireControls() {
  $('btn-available').addEventListener('click', () => changeState({ state: 'available' }));
  $('btn-pause').addEventListener('click', () => {
    const reason = $('pause-reason').value;
    changeState(reason ? { state: 'paused', reason } : { state: 'paused' });
  });
  $('btn-wrapup').addEventListener('click', () => changeState({ state: 'wrap-up' }));
  $('disposition-form').addEventListener('submit', submitDisposition);
}

async function changeState(body) {
  if (!desk.agent) return;
  flash('action-error', '');
  const buttons = ['btn-available', 'btn-pause', 'btn-wrapup'].map($);
  buttons.forEach((button) => button.setAttribute('aria-busy', 'true'));
  try {
    // The socket brings the new state, and whatever follows at once (a call ringing), in order:
    // applying this answer too could paint the older state over the newer one.
    await api('POST', `/api/agents/${encodeURIComponent(desk.agent.id)}/state`, body);
  } catch (e) {
    flash('action-error', e.message, 'error', 8000);
  } finally {
    buttons.forEach((button) => button.removeAttribute('aria-busy'));
  }
}

/** Runs every second: time in state, wrap-up countdown. */
function tick() {
  const agent = desk.agent;
  if (!agent) return;
  const now = Date.now();
  setText('state-timer', formatDuration((now - instantMillis(agent.since)) / 1000));
  let detail = '';
  if (agent.state === 'wrap-up' && agent.wrapUpUntil) {
    detail = `${formatDuration((instantMillis(agent.wrapUpUntil) - now) / 1000)} left`;
  } else if (agent.state === 'paused') {
    detail = agent.reason || 'no reason';
  } else {
    detail = STATE_LABELS[agent.state] || '';
  }
  setText('agent-state-detail', detail, '');
}

function applyFigures(today) {
  if (!today) return;
  const figures = {
    answered: today.answered ?? 0,
    averageHandleSeconds: formatSeconds(today.averageHandleSeconds),
    talkSeconds: formatDuration(today.talkSeconds),
    wrapUpSeconds: formatDuration(today.wrapUpSeconds),
    missed: today.missed ?? 0,
  };
  for (const [name, value] of Object.entries(figures)) {
    setText(document.querySelector(`#today [data-figure="${name}"]`), value);
  }
  document.querySelector('#today .figure-missed').classList.toggle('figure-bad', (today.missed || 0) > 0);
}

function fillSelect(select, values, placeholder) {
  const previous = select.value;
  select.replaceChildren();
  if (placeholder) select.append(el('option', { text: placeholder, attrs: { value: '' } }));
  for (const value of values) select.append(el('option', { text: value, attrs: { value } }));
  if (values.includes(previous)) select.value = previous;
}

// ---------------------------------------------------------------- the pop

function renderPop(pop) {
  desk.pop = pop;
  desk.popEnded = false;
  const view = pop.customer;
  const customer = view && view.customer;

  const name = $('pop-customer-name');
  name.textContent = customer ? customer.name : 'Unknown caller';
  name.classList.toggle('unknown', !customer);
  setText('pop-caller', pop.caller);
  show('pop-vip', Boolean(customer && customer.tier === 'vip'));
  show('pop-callback', Boolean(pop.callback));
  setText('pop-queue', pop.queue);
  setText('pop-wait', pop.waitSeconds == null ? null : `${Math.round(pop.waitSeconds)} s`);
  setText('pop-rings', pop.rings == null ? null : (Math.round(pop.rings * 10) / 10).toString());
  setText('pop-call-id', pop.callId);

  const apology = $('pop-apology');
  if (pop.apology) {
    apology.replaceChildren(icon('alert'), ` Caller waited ${Math.round(pop.waitSeconds || 0)} s — apologise first`);
  }
  apology.hidden = !pop.apology;
  setText('pop-greeting', pop.greeting);

  renderIvr(pop.ivr);
  renderCustomer(customer);
  renderTickets(view ? view.openTickets || [] : []);
  renderHistory(view ? view.recent || [] : []);

  flash('disposition-result', '');
  const panel = $('pop');
  panel.classList.remove('ended');
  panel.classList.toggle('vip', Boolean(customer && customer.tier === 'vip'));
  panel.hidden = false;
  show('pop-empty', false);
  updatePopStatus();
  document.title = `${customer ? customer.name : pop.caller} · Hotline`;
  // Restart the arrival highlight even if the previous pop's is still running.
  panel.classList.remove('arrived');
  void panel.offsetWidth;
  panel.classList.add('arrived');
}

function renderIvr(ivr) {
  const list = $('pop-ivr');
  list.replaceChildren();
  const entered = (ivr && ivr.entered) || {};
  const keys = Object.keys(entered);
  if (keys.length === 0) {
    list.append(el('div', { class: 'fact empty' }, [el('dt', { text: 'Entered' }), el('dd', { text: 'nothing' })]));
  }
  for (const key of keys) {
    list.append(el('div', { class: 'fact' }, [el('dt', { text: humanize(key) }), el('dd', { text: entered[key] })]));
  }
  const path = (ivr && ivr.path) || [];
  setText('pop-ivr-path', path.length ? path.join(' → ') : null);
}

function renderCustomer(customer) {
  const list = $('pop-details');
  list.replaceChildren();
  const notes = $('pop-notes');
  if (!customer) {
    list.append(el('div', { class: 'fact empty' }, [el('dt', { text: 'Record' }), el('dd', { text: 'No customer with this number' })]));
    notes.hidden = true;
    return;
  }
  const facts = [
    ['Email', customer.email],
    ['Language', customer.language],
    ['Account', customer.account],
    ['Tier', customer.tier],
    ['Phones', (customer.phones || []).join(', ')],
    ['Orders', (customer.orders || []).map((order) => `${order.id} (${order.status})`).join(', ')],
  ];
  for (const [label, value] of facts) {
    if (value === null || value === undefined || value === '') continue;
    const dd = el('dd', { text: value, dataset: { field: label.toLowerCase() } });
    list.append(el('div', { class: 'fact' }, [el('dt', { text: label }), dd]));
  }
  notes.replaceChildren(el('span', { class: 'fact-label', text: 'Notes' }), ' ', customer.notes || '');
  notes.hidden = !customer.notes;
}

function renderTickets(tickets) {
  const body = $('pop-tickets').tBodies[0];
  body.replaceChildren();
  if (tickets.length === 0) {
    body.append(el('tr', { class: 'empty-row' }, [el('td', { text: 'No open tickets', attrs: { colspan: 4 } })]));
    return;
  }
  for (const ticket of tickets) {
    body.append(el('tr', { dataset: { ticketId: ticket.id } }, [
      el('td', { class: 'mono', text: ticket.id }),
      el('td', { text: ticket.subject }),
      el('td', {}, [el('span', { class: `tag tag-${slug(ticket.status)}`, text: ticket.status })]),
      el('td', { text: formatDateTime(ticket.opened) }),
    ]));
  }
}

function renderHistory(recent) {
  const body = $('pop-history').tBodies[0];
  body.replaceChildren();
  if (recent.length === 0) {
    body.append(el('tr', { class: 'empty-row' }, [el('td', { text: 'No earlier contacts', attrs: { colspan: 6 } })]));
    return;
  }
  for (const contact of recent.slice(0, 5)) {
    const channel = CHANNEL_LABELS[contact.channel] ? contact.channel : 'other';
    const outcome = [contact.outcome, contact.resolved === true ? 'resolved' : contact.resolved === false ? 'unresolved' : null]
      .filter(Boolean).join(' · ');
    body.append(el('tr', { dataset: { interactionId: contact.id } }, [
      el('td', { class: 'nowrap', text: formatDateTime(contact.at) }),
      el('td', { class: 'nowrap' }, [el('span', { class: `channel channel-${channel}` },
        [icon(channel), ` ${CHANNEL_LABELS[contact.channel] || contact.channel || '–'}`])]),
      el('td', { text: contact.agent || '–' }),
      el('td', { text: outcome || '–' }),
      el('td', { text: contact.disposition || '–' }),
      el('td', { class: 'summary', text: contact.summary || '' }),
    ]));
  }
}

/** Ringing until the agent is on the pop's call, then On call, then Ended. */
function updatePopStatus() {
  if (!desk.pop) return;
  let status = 'Ringing';
  let kind = 'ringing';
  if (desk.popEnded) {
    status = 'Ended';
    kind = 'ended';
  } else if (desk.agent && desk.agent.currentCall === desk.pop.callId && desk.agent.state === 'on-call') {
    status = 'On call';
    kind = 'on-call';
  }
  const label = $('pop-status');
  label.textContent = status;
  label.dataset.state = kind;
}

// ---------------------------------------------------------------- after the call

function callEnded(message) {
  if (desk.pop && desk.pop.callId === message.callId) markPopEnded();
  if (message.dispositionNeeded) openDisposition(message.callId);
}

/** The pop stays on screen, dimmed, until the next one. */
function markPopEnded() {
  desk.popEnded = true;
  $('pop').classList.add('ended');
  updatePopStatus();
  document.title = 'Hotline · Agent desktop';
}

function openDisposition(callId) {
  const pop = desk.pop && desk.pop.callId === callId ? desk.pop : null;
  const customer = pop && pop.customer && pop.customer.customer;
  desk.disposition = { callId };
  const who = pop ? `${customer ? customer.name + ' · ' : ''}${pop.caller}` : callId;
  setText('disposition-call', `Call with ${who}`);
  const form = $('disposition-form');
  form.reset();
  flash('disposition-error', '');
  flash('disposition-result', '');
  form.hidden = false;
  $('disposition-code').focus();
}

async function submitDisposition(event) {
  event.preventDefault();
  if (!desk.disposition) return;
  const code = $('disposition-code').value;
  const yes = $('disposition-resolved-yes').checked;
  const no = $('disposition-resolved-no').checked;
  if (!code) {
    flash('disposition-error', 'Choose an outcome code', 'error');
    $('disposition-code').focus();
    return;
  }
  if (!yes && !no) {
    flash('disposition-error', 'Say whether the matter was resolved', 'error');
    $('disposition-resolved-yes').focus();
    return;
  }
  const submit = $('disposition-submit');
  submit.disabled = true;
  flash('disposition-error', '');
  try {
    await api('POST', `/api/calls/${encodeURIComponent(desk.disposition.callId)}/disposition`,
      { code, resolved: yes, notes: $('disposition-notes').value.trim() });
    desk.disposition = null;
    $('disposition-form').hidden = true;
    flash('disposition-result', 'Disposition saved', 'ok');
  } catch (e) {
    flash('disposition-error', e.message, 'error');
  } finally {
    submit.disabled = false;
  }
}

// ---------------------------------------------------------------- helpers

function humanize(key) {
  return String(key).replace(/[-_]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

function slug(text) {
  return String(text || '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
