// The terminal pane: xterm.js attached to the project's sandboxed shell over WebSocket
// /api/v1/projects/{id}/terminal.
import { $ } from '../shared/dom';
import { api, socketUrl } from '../shared/api';
import { onThemeChange } from '../shared/theme';
import { reloadFiles } from '../playground/projects';
import { hooks } from '../playground/state';

import * as X from '../shared/xterm';

let xtermModule: typeof X | null = null;

const term: any = {
  xterm: null, fit: null, socket: null, project: null, session: null, ended: false, retry: 0, retryTimer: null,
  open: localStorage.getItem('sandlot-terminal') !== 'closed',
};
(window as any).sandlotTerminal = term; // for the browser tests

function status(text: string, bad = false) {
  $('terminal-state').textContent = text;
  $('terminal-state').className = bad ? 'bad' : '';
}

async function ensureXterm() {
  if (term.xterm) return;
    const xterm = new X.Terminal({ cursorBlink: true, fontSize: 13, scrollback: 5000, convertEol: false,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', theme: X.colors(), allowProposedApi: false });
  const fit = new X.FitAddon();
  xterm.loadAddon(fit);
  xterm.open($('terminal'));
  xterm.onData((data) => {
    if (term.ended && data === '\r') { connect(); return; }
    send({ type: 'input', data });
  });
  xterm.onBinary((data) => send({ type: 'input', bytes: btoa(data) }));
  xterm.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows }));
  // Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes; plain Ctrl+C stays an interrupt.
  xterm.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC') { navigator.clipboard.writeText(xterm.getSelection()).catch(() => {}); return false; }
    if (e.code === 'KeyV') { navigator.clipboard.readText().then((t) => xterm.paste(t)).catch(() => {}); return false; }
    return true;
  });
  new ResizeObserver(() => { if (!$('terminal-pane').hidden) fit.fit(); }).observe($('terminal'));
  term.xterm = xterm; term.fit = fit; xtermModule = X;
}

function send(message) {
  if (term.socket && term.socket.readyState === WebSocket.OPEN) term.socket.send(JSON.stringify(message));
}

async function connect() {
  if (!term.project || !term.open) return;
  clearTimeout(term.retryTimer);
  disconnect();
  await ensureXterm();
  term.fit.fit();
  term.ended = false;
  const project = term.project;
  status('Starting…');
  const socket = new WebSocket(socketUrl(`/api/v1/projects/${project}/terminal`)
    + `?cols=${term.xterm.cols}&rows=${term.xterm.rows}`);
  term.socket = socket;
  let greeted = false;
  socket.onmessage = (event) => {
    const m = JSON.parse(event.data);
    if (m.type === 'session') {
      greeted = true; term.retry = 0; term.session = m.id;
      term.xterm.reset();
      status(m.reattached ? 'Connected (the same shell as before)' : 'Connected');
      term.xterm.focus();
    } else if (m.type === 'output') {
      xtermModule!.write(term.xterm, m);
    } else if (m.type === 'files-changed') {
      if (m.paths.length || m.deleted.length) reloadFiles(m.paths, m.deleted);
      if (m.skipped.length) status(`Not saved to the project: ${m.skipped.map((s) => `${s.path} (${s.reason})`).join('; ')}`, true);
    } else if (m.type === 'exit') {
      term.ended = true; term.session = null;
      term.xterm.write(`\r\n\x1b[2m${m.message} Press Enter for a new terminal.\x1b[0m\r\n`);
      status(m.message, m.reason === 'error');
    } else if (m.type === 'error') {
      status(m.detail, true);
    }
  };
  // The server closes a socket that sends nothing for a while; say hello at once.
  socket.onopen = () => socket.send(JSON.stringify({ type: 'ping' }));
  socket.onclose = async () => {
    if (term.socket !== socket) return;
    term.socket = null;
    if (term.ended || !term.open || term.project !== project) return;
    if (!greeted) { await explainRefusal(project); return; }
    // The server went away (restart, network): try again, a little later each time.
    term.retry = Math.min(term.retry + 1, 5);
    status('Disconnected; reconnecting…', true);
    term.retryTimer = setTimeout(connect, 1000 * term.retry);
  };
}

// Browsers do not show why a WebSocket handshake was refused; the list of terminals usually does.
async function explainRefusal(project) {
  let others = [];
  try { others = (await api('GET', '/api/v1/terminals')).data.filter((t) => t.projectId !== project); } catch (e) { /* below */ }
  if (others.length) {
    status(`The terminal could not start: you have ${others.length} other terminal(s) running, which may be the most allowed. `
      + 'Use "Close others", then Restart.', true);
    $('terminal-close-others').hidden = false;
  } else {
    status('The terminal could not start (the server may be busy or unreachable). Try Restart.', true);
  }
}

async function closeOthers() {
  const { data } = await api('GET', '/api/v1/terminals');
  await Promise.all(data.filter((t) => t.projectId !== term.project)
    .map((t) => api('DELETE', `/api/v1/terminals/${t.id}`).catch(() => {})));
  $('terminal-close-others').hidden = true;
  connect();
}

function disconnect() {
  const socket = term.socket;
  term.socket = null;
  if (socket) socket.close();
}

async function restart() {
  status('Restarting…');
  if (term.session) {
    try { await api('DELETE', `/api/v1/terminals/${term.session}`); } catch (e) { /* it may have ended */ }
  }
  term.session = null;
  connect();
}

function show(open) {
  term.open = open;
  localStorage.setItem('sandlot-terminal', open ? 'open' : 'closed');
  $('terminal-pane').hidden = !open || !term.project;
  $('terminal-toggle').setAttribute('aria-pressed', String(open));
  if (open && term.project) connect(); else disconnect();
}

export function initTerminal() {
  hooks.projectOpened.push((project) => {
    term.project = project.id; term.session = null;
    $('terminal-toggle').hidden = false;
    if (term.xterm) term.xterm.reset();
    show(term.open);
  });
  hooks.projectClosed.push(() => {
    term.project = null;
    disconnect();
    $('terminal-pane').hidden = true; $('terminal-toggle').hidden = true;
  });
  onThemeChange(() => { if (term.xterm) term.xterm.options.theme = xtermModule!.colors(); });

  $('terminal-toggle').onclick = () => show(!term.open);
  $('terminal-restart').onclick = restart;
  $('terminal-close-others').onclick = closeOthers;

  // Drag the bar above the terminal to share the height between editor and terminal.
  $('terminal-resizer').addEventListener('pointerdown', (down) => {
    const pane = $('terminal-pane');
    const start = pane.getBoundingClientRect().height;
    const move = (e) => { pane.style.height = `${Math.max(90, Math.min(window.innerHeight * 0.8, start + down.clientY - e.clientY))}px`; };
    const up = () => { removeEventListener('pointermove', move); removeEventListener('pointerup', up); };
    addEventListener('pointermove', move); addEventListener('pointerup', up);
  });
}
