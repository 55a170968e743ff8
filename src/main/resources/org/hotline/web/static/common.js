// Shared by the agent desktop and the supervisor board: safe DOM building, JSON calls with
// errors shown to the user, the login flow, a WebSocket that reconnects by itself, and time
// formatting. Everything put into the page from data goes through textContent, never HTML.

/**
 * Builds an element. `props`: class (string), text (string, set as textContent), attrs (object),
 * dataset (object), on (object of event handlers). `children`: nodes or strings (as text).
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined && props.text !== null) node.textContent = String(props.text);
  for (const [name, value] of Object.entries(props.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props.dataset || {})) {
    if (value !== undefined && value !== null) node.dataset[name] = String(value);
  }
  for (const [event, handler] of Object.entries(props.on || {})) node.addEventListener(event, handler);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An icon from the sprite /static/icons.svg (decorative: hidden from screen readers). */
export function icon(name, extraClass = '') {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', `icon ${extraClass}`.trim());
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(ns, 'use');
  use.setAttribute('href', `/static/icons.svg#${name}`);
  svg.append(use);
  return svg;
}

/** Sets an element's text (by id or element); '–' when the value is null or undefined. */
export function setText(target, value, empty = '–') {
  const node = typeof target === 'string' ? document.getElementById(target) : target;
  if (node) node.textContent = value === null || value === undefined || value === '' ? empty : String(value);
  return node;
}

export function show(node, visible = true) {
  const element = typeof node === 'string' ? document.getElementById(node) : node;
  if (element) element.hidden = !visible;
}

/** An error from the server ({"error": "..."}) or the network, with the HTTP status (0 = no answer). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Calls the REST API with JSON. Resolves to the parsed body on 2xx; rejects with ApiError
 * carrying the server's {"error"} message otherwise. fetch() sends the same-origin Origin header
 * and the session cookie, as the contract asks of cookie-authenticated POSTs.
 */
export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'Hotline cannot be reached; check the network and try again');
  }
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const message = data && typeof data.error === 'string' ? data.error : `request failed (HTTP ${response.status})`;
    throw new ApiError(response.status, message);
  }
  return data;
}

/**
 * Shows a message in an element for a while (role=status/alert is set in the HTML).
 * kind: 'ok' | 'error' | 'info'. timeoutMs 0 keeps it.
 */
export function flash(target, text, kind = 'info', timeoutMs = 0) {
  const node = typeof target === 'string' ? document.getElementById(target) : target;
  if (!node) return;
  node.textContent = text;
  node.dataset.kind = kind;
  node.hidden = !text;
  clearTimeout(node._flashTimer);
  if (timeoutMs > 0) {
    node._flashTimer = setTimeout(() => { node.hidden = true; node.textContent = ''; }, timeoutMs);
  }
}

/**
 * The page's start: asks GET /api/session; shows the login form when there is no session, or
 * when the session's role is not `role` (with `wrongRoleMessage`). Calls onSession(session)
 * once a session of the right role exists (now or after logging in).
 *
 * Elements used: #login (section), #login-form, #login-username, #login-password,
 * #login-submit, #login-error, #app (the page behind the login), #logout (optional).
 */
export async function startWithSession({ role, wrongRoleMessage, onSession }) {
  const login = document.getElementById('login');
  const form = document.getElementById('login-form');
  const username = document.getElementById('login-username');
  const password = document.getElementById('login-password');
  const submit = document.getElementById('login-submit');
  const error = document.getElementById('login-error');
  const app = document.getElementById('app');

  const enter = (session) => {
    login.hidden = true;
    app.hidden = false;
    onSession(session);
  };
  const askForLogin = (message) => {
    app.hidden = true;
    login.hidden = false;
    flash(error, message || '', 'error');
    username.focus();
  };
  const accept = (session, afterLogin) => {
    if (session.role !== role) {
      askForLogin(wrongRoleMessage);
      return;
    }
    if (afterLogin) password.value = '';
    enter(session);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    flash(error, '');
    submit.disabled = true;
    try {
      const session = await api('POST', '/api/login', { username: username.value.trim(), password: password.value });
      accept(session, true);
    } catch (e) {
      password.value = '';
      askForLogin(e.message);
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });

  const logout = document.getElementById('logout');
  if (logout) {
    logout.addEventListener('click', async () => {
      try {
        await api('POST', '/api/logout', {});
      } finally {
        window.location.reload();
      }
    });
  }

  try {
    accept(await api('GET', '/api/session'), false);
  } catch (e) {
    askForLogin(e.status === 401 ? '' : e.message);
  }
}

/**
 * A WebSocket to this origin that reconnects by itself: 0.5 s doubling to 15 s, with jitter,
 * reset once a connection has stayed open. Shows "live" / "reconnecting…" in `statusElement`.
 * onMessage(obj) gets each parsed JSON message; onOpen() runs on every (re)connection (the
 * server sends a fresh snapshot then). When a connection fails, the session is checked: a 401
 * calls onSessionLost() and stops reconnecting.
 */
export class LiveSocket {
  constructor(path, { onMessage, onOpen, onSessionLost, statusElement }) {
    this.url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
    this.onMessage = onMessage;
    this.onOpen = onOpen || (() => {});
    this.onSessionLost = onSessionLost || (() => {});
    this.status = statusElement;
    this.delayMs = 500;
    this.stopped = false;
    this.socket = null;
    this.timer = null;
  }

  connect() {
    this.stopped = false;
    this.showStatus(false);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    let openedAt = 0;
    socket.addEventListener('open', () => {
      openedAt = Date.now();
      this.showStatus(true);
      this.onOpen();
    });
    socket.addEventListener('message', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        console.warn('ignoring a message that is not JSON', e);
        return;
      }
      try {
        this.onMessage(message);
      } catch (e) {
        console.error('failed to apply a message', message.type, e);
      }
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.showStatus(false);
      if (this.stopped) return;
      if (openedAt && Date.now() - openedAt > 10_000) this.delayMs = 500;
      this.scheduleReconnect();
    });
  }

  async scheduleReconnect() {
    const delay = Math.round(this.delayMs * (0.75 + Math.random() * 0.5));
    this.delayMs = Math.min(this.delayMs * 2, 15_000);
    try {
      await api('GET', '/api/session');
    } catch (e) {
      if (e.status === 401) {
        this.stop();
        this.onSessionLost();
        return;
      }
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close();
  }

  showStatus(live) {
    if (!this.status) return;
    this.status.textContent = live ? 'live' : 'reconnecting…';
    this.status.dataset.live = String(live);
  }
}

/** Seconds as m:ss, or h:mm:ss from an hour on; negative counts as 0. */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Seconds as mm:ss (the wait clocks), hours folded into minutes. */
export function formatClock(seconds) {
  const total = Math.max(0, Math.floor(seconds || 0));
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** An average or a duration in seconds as "2m 31s" / "45 s"; null as '–'. */
export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const rounded = Math.round(seconds);
  if (rounded < 60) return `${rounded} s`;
  return `${Math.floor(rounded / 60)}m ${String(rounded % 60).padStart(2, '0')}s`;
}

/** A percentage; null as '–'. */
export function formatPercent(value) {
  if (value === null || value === undefined) return '–';
  return `${Math.round(value * 10) / 10}%`;
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const timeWithSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** An ISO instant as local time (HH:MM, or HH:MM:SS with seconds=true). */
export function formatTime(instant, seconds = false) {
  if (!instant) return '–';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '–';
  return (seconds ? timeWithSeconds : timeOfDay).format(date);
}

/** An ISO instant as a local date and time. */
export function formatDateTime(instant) {
  if (!instant) return '–';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? '–' : dateAndTime.format(date);
}

/** Milliseconds since the epoch of an ISO instant, or NaN. */
export function instantMillis(instant) {
  return instant ? Date.parse(instant) : NaN;
}

/** Calls fn every `ms`, aligned so all running clocks on the page tick together. */
export function everyTick(fn, ms = 1000) {
  fn();
  return setInterval(fn, ms);
}
