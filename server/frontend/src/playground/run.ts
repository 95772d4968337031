import { $ } from '../shared/dom';
import { socketUrl } from '../shared/api';
import { editorValue } from './editor';
import { loadHistory } from './history';
import { flushSaves } from './projects';
import { EXPLAIN, RENDER_CAP, state } from './state';

// ---------------------------------------------------------------- output

export function clearOutput() {
  $('output').textContent = ''; state.rendered = 0; state.hidden = []; $('show-all').hidden = true;
}

export function write(text: string, cls = "") {
  if (!text) return;
  if (state.rendered > RENDER_CAP) { state.hidden.push([text, cls]); $('show-all').hidden = false; return; }
  const out = $('output');
  const last = out.lastChild;
  if (last && last.className === (cls || '') && last.textContent.length < 8192) last.textContent += text;
  else { const span = document.createElement('span'); span.className = cls || ''; span.textContent = text; out.append(span); }
  state.rendered += text.length;
  out.scrollTop = out.scrollHeight;
}

export function showAll() {
  const rest = state.hidden; state.hidden = []; state.rendered = -Infinity;
  rest.forEach(([t, c]) => write(t, c)); $('show-all').hidden = true;
}

export function setStatus(r) {
  const s = $('status');
  s.className = r.status === 'ok' ? '' : 'bad';
  s.textContent = '';
  const verdict = document.createElement('span'); verdict.className = 'verdict'; verdict.textContent = r.status; s.append(verdict);
  const mem = Math.max(1, Math.round((r.memoryKb || 0) / 1024));
  s.append(`${r.exitCode != null ? ' · exit ' + r.exitCode : ''}${r.signal ? ' · ' + r.signal : ''} · ${r.wallTimeMs} ms · ${mem} MiB`
    + (r.compile && r.compile.cached ? ' · cached build' : ''));
  if (r.status !== 'ok') { s.append(document.createElement('br')); s.append(r.message || EXPLAIN[r.status] || ''); }
}

// ---------------------------------------------------------------- running

export function runRequest() {
  const [language, version] = $('language').value.split('@');
  const limits = { wallTimeMs: Number($('time-limit').value) };
  if (state.project) {
    flushSaves();
    const files = [...state.files.entries()].map(([name, f]) => ({ name, content: f.model ? f.model.getValue() : f.content }));
    return { language: state.project.language, files, entry: entryPoint(), stdin: $('stdin').value, limits, projectId: state.project.id };
  }
  return { language, version, code: editorValue(), stdin: $('stdin').value, limits };
}

export function entryPoint() {
  if (state.project.entry && state.files.has(state.project.entry)) return state.project.entry;
  const lang = state.languages.find((l) => l.id === state.project.language);
  if (lang && state.files.has(lang.fileName)) return lang.fileName;
  return [...state.files.keys()][0];
}

export function run() {
  if (state.socket || $('run').disabled) return;
  const request = runRequest();
  if (request.files && request.files.length === 0) { $('status').textContent = 'The project has no files yet.'; return; }
  clearOutput();
  $('status').className = ''; $('status').textContent = 'Running…';
  const ws = new WebSocket(socketUrl('/api/v1/execute/stream'));
  state.socket = ws;
  running(true);
  ws.onopen = () => ws.send(JSON.stringify({ type: 'start', ...request }));
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'stdout') write(m.data);
    else if (m.type === 'stderr') write(m.data, 'stderr');
    else if (m.type === 'exit') {
      if (m.compile && m.compile.status !== 'ok') write(m.compile.stdout + m.compile.stderr, 'stderr');
      setStatus(m);
      if (state.user) loadHistory();
    } else if (m.type === 'error') { $('status').className = 'bad'; $('status').textContent = `${m.title}: ${m.detail}`; }
  };
  ws.onclose = () => {
    state.socket = null; running(false);
    if ($('status').textContent === 'Running…') $('status').textContent = 'The connection closed before the run ended.';
  };
}

export function running(on: boolean) {
  $('run').disabled = on; $('stop').disabled = !on; $('ask').classList.toggle('on', on);
  if (on) $('answer').focus();
}
