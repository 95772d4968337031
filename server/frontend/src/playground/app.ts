// The playground: editor, run and output, projects, history and the account dialog.
import { $ } from '../shared/dom';
import { api, csrfHeaders, encodePath, loadSession, refreshCsrf, setCsrf, socketUrl } from '../shared/api';
import { initTheme, isDark } from '../shared/theme';

import * as editorModule from '../shared/monaco';

type MonacoModule = typeof editorModule;
let monaco: MonacoModule['monaco'] | null = null;
let HIGHLIGHT: Record<string, string> = {};
let highlightFor: (path: string) => string = () => 'plaintext';

const STARTERS = {
  python: 'name = input("What\'s your name? ")\nprint(f"Hello, {name}!")\n',
  javascript: 'const readline = require("readline");\nconst rl = readline.createInterface({ input: process.stdin });\nconsole.log("Hello from JavaScript!");\nrl.close();\n',
  typescript: 'const greet = (who: string): string => `Hello, ${who}!`;\nconsole.log(greet("TypeScript"));\n',
  c: '#include <stdio.h>\n\nint main(void) {\n    printf("Hello from C!\\n");\n    return 0;\n}\n',
  cpp: '#include <iostream>\n\nint main() {\n    std::cout << "Hello from C++!" << std::endl;\n}\n',
  rust: 'fn main() {\n    println!("Hello from Rust!");\n}\n',
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n    fmt.Println("Hello from Go!")\n}\n',
  java: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello from Java!");\n    }\n}\n',
  bash: 'echo "Hello from Bash $BASH_VERSION"\n',
  perl: 'print "Hello from Perl!\\n";\n',
};
const EXPLAIN = {
  timeout: 'The program ran out of time.', memory_limit: 'The program needed more memory than allowed.',
  output_limit: 'The program printed more than allowed; the start of its output is shown.',
  compile_error: 'The program did not compile; the compiler says why above.', killed: 'The program was stopped by a signal.',
  runtime_error: 'The program ended with an error.', internal_error: 'The server failed to run it; this is not your fault.',
};
const RENDER_CAP = 200 * 1024;

export const state: any = {
  user: null, languages: [], editor: null, scratch: null, scratchLanguage: 'python', starterShown: true,
  project: null, files: new Map(), tabs: [], active: null, socket: null, rendered: 0, hidden: [],
};
(window as any).sandlot = state; // for people poking around, and for the browser tests
// What the page's other modules (terminal, attempt) hook into.
export const hooks = { projectOpened: [] as ((project: any) => void)[], projectClosed: [] as ((project: any) => void)[] };

// ---------------------------------------------------------------- editor

function currentLanguage() { return $('language').value.split('@')[0] || 'python'; }

async function loadMonaco() {
  return editorModule;
}

function createEditor(monaco: MonacoModule['monaco']) {
  $('fallback').remove();
  state.scratch = monaco.editor.createModel(STARTERS.python, 'python');
  state.editor = monaco.editor.create($('editor'), {
    model: state.scratch, automaticLayout: true, minimap: { enabled: false }, fontSize: 14, tabSize: 4, insertSpaces: true,
    theme: isDark() ? 'vs-dark' : 'vs', scrollBeyondLastLine: false, renderWhitespace: 'selection',
    // A plain, distraction-free editor: no completion pop-ups, nothing typed for you.
    quickSuggestions: false, suggestOnTriggerCharacters: false, wordBasedSuggestions: 'off', parameterHints: { enabled: false },
    autoClosingBrackets: 'never', autoClosingQuotes: 'never', autoSurround: 'never', autoIndent: 'keep', accessibilitySupport: 'auto',
  });
  state.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, run);
  state.scratch.onDidChangeContent(() => { state.starterShown = false; });
}

function editorValue() { return state.editor ? state.editor.getValue() : $('fallback').value; }

function setScratch(text, language) {
  state.scratchLanguage = language;
  if (state.editor) {
    state.scratch.setValue(text);
    monaco!.editor.setModelLanguage(state.scratch, HIGHLIGHT[language] || 'plaintext');
  } else {
    $('fallback').value = text;
  }
  state.starterShown = true;
}

// ---------------------------------------------------------------- output

function clearOutput() {
  $('output').textContent = ''; state.rendered = 0; state.hidden = []; $('show-all').hidden = true;
}

function write(text: string, cls = "") {
  if (!text) return;
  if (state.rendered > RENDER_CAP) { state.hidden.push([text, cls]); $('show-all').hidden = false; return; }
  const out = $('output');
  const last = out.lastChild;
  if (last && last.className === (cls || '') && last.textContent.length < 8192) last.textContent += text;
  else { const span = document.createElement('span'); span.className = cls || ''; span.textContent = text; out.append(span); }
  state.rendered += text.length;
  out.scrollTop = out.scrollHeight;
}

function showAll() {
  const rest = state.hidden; state.hidden = []; state.rendered = -Infinity;
  rest.forEach(([t, c]) => write(t, c)); $('show-all').hidden = true;
}

function setStatus(r) {
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

function runRequest() {
  const [language, version] = $('language').value.split('@');
  const limits = { wallTimeMs: Number($('time-limit').value) };
  if (state.project) {
    flushSaves();
    const files = [...state.files.entries()].map(([name, f]) => ({ name, content: f.model ? f.model.getValue() : f.content }));
    return { language: state.project.language, files, entry: entryPoint(), stdin: $('stdin').value, limits, projectId: state.project.id };
  }
  return { language, version, code: editorValue(), stdin: $('stdin').value, limits };
}

function entryPoint() {
  if (state.project.entry && state.files.has(state.project.entry)) return state.project.entry;
  const lang = state.languages.find((l) => l.id === state.project.language);
  if (lang && state.files.has(lang.fileName)) return lang.fileName;
  return [...state.files.keys()][0];
}

function run() {
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

function running(on: boolean) {
  $('run').disabled = on; $('stop').disabled = !on; $('ask').classList.toggle('on', on);
  if (on) $('answer').focus();
}

// ---------------------------------------------------------------- accounts

export async function loadUser() {
  state.user = await loadSession();
  showUser();
}

function showUser() {
  const u = state.user;
  $('user').hidden = !u; $('signout').hidden = !u; $('keys-open').hidden = !u; $('signin').hidden = !!u;
  $('projects-panel').hidden = !u; $('history-panel').hidden = !u; $('anon-panel').hidden = !!u;
  if (u) { $('user').textContent = `${u.username} (${u.role})`; loadProjects(); loadHistory(); } else { closeProject(); }
  showTimeLimits(!!u);
}

// Runs without an account may last at most 10 s; longer limits are offered once signed in.
function showTimeLimits(signedIn) {
  const select = $('time-limit');
  for (const option of select.options) {
    const longer = Number(option.value) > 10000;
    option.disabled = longer && !signedIn;
    option.title = option.disabled ? 'Sign in for runs longer than 10 s' : '';
    option.textContent = option.textContent.replace(/ \(sign in\)$/, '') + (option.disabled ? ' (sign in)' : '');
  }
  if (select.selectedOptions[0] && select.selectedOptions[0].disabled) select.value = '10000';
}

async function authenticate(mode) {
  const username = $('auth-username').value.trim();
  const password = $('auth-password').value;
  $('auth-error').textContent = '';
  try {
    if (mode === 'signup') await api('POST', '/api/v1/auth/signup', { username, password });
    const { data } = await api('POST', '/api/v1/auth/login', { username, password });
    setCsrf({ headerName: data.csrfHeader, token: data.csrfToken });
    state.user = data.user;
    $('dlg-auth').close();
    $('auth-password').value = '';
    showUser();
  } catch (e) {
    $('auth-error').textContent = e.message;
  }
}

async function signOut() {
  try { await api('POST', '/api/v1/auth/logout'); } catch (e) { /* the session may be gone already */ }
  state.user = null;
  await loadUser();
}

async function loadKeys() {
  const list = $('keys'); list.textContent = '';
  const { data } = await api('GET', '/api/v1/auth/api-keys');
  for (const k of data.filter((k) => !k.revoked)) {
    const li = document.createElement('li');
    li.textContent = `${k.name} · ${k.prefix}… · ${(k.scopes || []).join(', ')} · created ${k.createdAt.slice(0, 10)} `;
    const revoke = document.createElement('button'); revoke.textContent = 'Revoke';
    revoke.onclick = async () => { await api('DELETE', `/api/v1/auth/api-keys/${k.id}`); loadKeys(); };
    li.append(revoke); list.append(li);
  }
  if (!list.children.length) list.textContent = 'No API keys yet.';
  $('key-scope-admin-label').hidden = !(state.user && state.user.role === 'admin');
}

async function changePassword() {
  $('password-result').textContent = ''; $('password-result').classList.remove('error');
  try {
    const { data } = await api('POST', '/api/v1/auth/password', { currentPassword: $('password-current').value,
      newPassword: $('password-new').value, revokeApiKeys: $('password-revoke-keys').checked });
    $('password-current').value = ''; $('password-new').value = '';
    $('password-result').textContent = data.detail;
    loadKeys();
  } catch (e) {
    $('password-result').textContent = e.message; $('password-result').classList.add('error');
  }
}

async function signOutEverywhere() {
  try {
    const { data } = await api('POST', '/api/v1/auth/sign-out-everywhere', { revokeApiKeys: $('everywhere-revoke-keys').checked });
    $('dlg-keys').close();
    state.user = null;
    await loadUser();
    $('status').textContent = data.detail;
  } catch (e) {
    $('password-result').textContent = e.message; $('password-result').classList.add('error');
  }
}

// ---------------------------------------------------------------- projects

async function loadProjects() {
  const { data } = await api('GET', '/api/v1/projects');
  const list = $('projects'); list.textContent = '';
  for (const p of data) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.textContent = p.name; b.title = `${p.name} (${p.language})`;
    if (state.project && state.project.id === p.id) b.setAttribute('aria-current', 'true');
    b.onclick = () => openProject(p.id);
    li.append(b); list.append(li);
  }
  if (!data.length) list.innerHTML = '<li class="hint">No projects yet: “New” saves the editor as one.</li>';
}

async function newProject() {
  const name = prompt('Name of the new project', 'My project');
  if (!name) return;
  const language = currentLanguage();
  const lang = state.languages.find((l) => l.id === language);
  const fileName = lang ? lang.fileName : 'main.txt';
  try {
    const { data } = await api('POST', '/api/v1/projects', { name, language, files: [{ path: fileName, content: editorValue() }] });
    await openProject(data.id);
    loadProjects();
  } catch (e) { alert(e.message); }
}

export async function openProject(id) {
  const [{ data: project }, { data: files }] = await Promise.all([
    api('GET', `/api/v1/projects/${id}`), api('GET', `/api/v1/projects/${id}/files?content=true`)]);
  closeProject();
  state.project = project;
  for (const f of files) addFile(f);
  $('project-name').textContent = project.name;
  $('files-panel').hidden = false;
  const lang = state.languages.find((l) => l.id === project.language);
  if (lang) $('language').value = `${lang.id}@${lang.version}`;
  const first = files.find((f) => f.path === entryPoint()) || files[0];
  if (first) openTab(first.path);
  renderFiles(); loadProjects();
  saveState('All changes saved.');
  hooks.projectOpened.forEach((f) => f(project));
}

function addFile(f) {
  const entry: any = { content: f.content, revision: f.revision, dirty: false, saving: false, timer: null, model: null };
  if (monaco) {
    entry.model = monaco.editor.createModel(f.content, highlightFor(f.path));
    entry.model.onDidChangeContent(() => changed(f.path));
  }
  state.files.set(f.path, entry);
}

function closeProject() {
  if (state.project) hooks.projectClosed.forEach((f) => f(state.project));
  for (const f of state.files.values()) if (f.model) f.model.dispose();
  state.files.clear(); state.tabs = []; state.active = null; state.project = null;
  $('files-panel').hidden = true; $('conflict').hidden = true; saveState('');
  if (state.editor) state.editor.setModel(state.scratch);
  renderTabs();
}

function renderFiles() {
  const list = $('files'); list.textContent = '';
  for (const path of [...state.files.keys()].sort()) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.textContent = path; b.dataset.path = path;
    if (path === state.active) b.setAttribute('aria-current', 'true');
    b.onclick = () => openTab(path);
    li.append(b); list.append(li);
  }
}

function openTab(path) {
  if (!state.tabs.includes(path)) state.tabs.push(path);
  state.active = path;
  const f = state.files.get(path);
  if (state.editor && f.model) state.editor.setModel(f.model);
  renderTabs(); renderFiles();
}

function renderTabs() {
  const tabs = $('tabs'); tabs.textContent = '';
  if (!state.project) {
    const b = document.createElement('button'); b.textContent = 'Scratch'; b.setAttribute('aria-selected', 'true'); b.setAttribute('role', 'tab');
    tabs.append(b); return;
  }
  for (const path of state.tabs.filter((p) => state.files.has(p))) {
    const b = document.createElement('button');
    b.textContent = path; b.setAttribute('role', 'tab'); b.setAttribute('aria-selected', String(path === state.active));
    if (state.files.get(path).dirty) b.classList.add('dirty');
    b.onclick = () => openTab(path);
    tabs.append(b);
  }
}

function changed(path) {
  const f = state.files.get(path);
  if (!f || f.applying) return;
  f.dirty = true; renderTabs(); saveState('Unsaved changes…');
  clearTimeout(f.timer);
  f.timer = setTimeout(() => save(path), 700);
}

export function flushSaves() {
  for (const [path, f] of state.files) if (f.dirty && !f.saving) { clearTimeout(f.timer); save(path); }
}

async function save(path: string, overwrite = false, retried = false) {
  const f = state.files.get(path);
  if (!f || !state.project) return;
  f.saving = true; saveState('Saving…');
  const content = f.model ? f.model.getValue() : f.content;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...csrfHeaders('PUT') };
  if (!overwrite) headers['If-Match'] = `"${f.revision}"`;
  try {
    const res = await fetch(`/api/v1/projects/${state.project.id}/files/${encodePath(path)}`,
      { method: 'PUT', headers, credentials: 'same-origin', body: JSON.stringify({ content }) });
    const data = await res.json();
    if (res.status === 412) { conflict(path, data.currentRevision); return; }
    if (res.status === 403 && data.type === 'urn:sandlot:problem:csrf' && !retried) {
      f.saving = false; await refreshCsrf(); return save(path, overwrite, true);
    }
    if (!res.ok) { saveState(`Not saved: ${data.detail}`, true); return; }
    f.revision = data.revision; f.content = content;
    f.dirty = (f.model ? f.model.getValue() : f.content) !== content;
    $('conflict').hidden = true;
    saveState(f.dirty ? 'Unsaved changes…' : 'All changes saved.');
  } catch (e) {
    saveState('Not saved: the server cannot be reached. Your text stays here; it is saved when you edit again.', true);
  } finally {
    f.saving = false; renderTabs();
  }
}

function conflict(path, revision) {
  $('conflict-text').textContent = `“${path}” was changed elsewhere (now revision ${revision}). Load their version, or keep yours and overwrite it.`;
  $('conflict').hidden = false; $('conflict').dataset.path = path;
  saveState('Not saved: conflict.', true);
}

async function resolveConflict(keepMine: boolean) {
  const path = $('conflict').dataset.path;
  const f = state.files.get(path);
  $('conflict').hidden = true;
  if (keepMine) { await save(path, true); return; }
  const { data } = await api('GET', `/api/v1/projects/${state.project.id}/files/${encodePath(path)}`);
  f.applying = true; if (f.model) f.model.setValue(data.content); f.applying = false;
  f.content = data.content; f.revision = data.revision; f.dirty = false;
  renderTabs(); saveState('Loaded the other version.');
}

function saveState(text: string, bad = false) { $('save-state').textContent = text; $('save-state').className = bad ? 'bad' : ''; }


async function newFile() {
  const path = prompt('Path of the new file, e.g. util.py or lib/helpers.py');
  if (!path) return;
  try {
    const { data } = await api('PUT', `/api/v1/projects/${state.project.id}/files/${encodePath(path)}`, { content: '' });
    addFile(data); openTab(path);
  } catch (e) { alert(e.message); }
}

async function renameFile() {
  const from = state.active;
  if (!from) return;
  const to = prompt(`Rename “${from}” to`, from);
  if (!to || to === from) return;
  try {
    const { data } = await api('PATCH', `/api/v1/projects/${state.project.id}/files/${encodePath(from)}`, { path: to });
    const f = state.files.get(from); state.files.delete(from);
    f.revision = data.revision; state.files.set(to, f);
    if (f.model && monaco) monaco.editor.setModelLanguage(f.model, highlightFor(to));
    state.tabs = state.tabs.map((p) => (p === from ? to : p));
    openTab(to);
  } catch (e) { alert(e.message); }
}

async function deleteFile() {
  const path = state.active;
  if (!path || !confirm(`Delete “${path}”?`)) return;
  try {
    await api('DELETE', `/api/v1/projects/${state.project.id}/files/${encodePath(path)}`);
    const f = state.files.get(path); if (f.model) f.model.dispose();
    state.files.delete(path); state.tabs = state.tabs.filter((p) => p !== path);
    const next = state.tabs[0] || [...state.files.keys()][0];
    if (next) openTab(next); else { state.active = null; if (state.editor) state.editor.setModel(state.scratch); renderTabs(); renderFiles(); }
  } catch (e) { alert(e.message); }
}

// ---------------------------------------------------------------- history

async function loadHistory() {
  try {
    const { data } = await api('GET', '/api/v1/executions?limit=30');
    const list = $('history'); list.textContent = '';
    for (const e of data.items) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.append(`${e.status} · ${e.language} `);
      const when = document.createElement('small'); when.textContent = new Date(e.createdAt).toLocaleTimeString(); b.append(when);
      b.title = (e.code || '').slice(0, 200);
      b.onclick = () => showRun(e.id);
      li.append(b); list.append(li);
    }
    if (!data.items.length) list.innerHTML = '<li class="hint">Your runs appear here.</li>';
  } catch (err) { /* signed out meanwhile */ }
}

async function showRun(id) {
  const { data } = await api('GET', `/api/v1/executions/${id}`);
  $('run-title').textContent = `${data.language} ${data.version} · ${data.status} · ${new Date(data.createdAt).toLocaleString()}`;
  const files = data.filesJson ? JSON.parse(data.filesJson) : null;
  $('run-code').textContent = files ? Object.entries(files).map(([n, c]) => `# ${n}\n${c}`).join('\n') : (data.code || '(the code of a large project run is not kept)');
  $('run-output').textContent = data.stdout + (data.stderr ? '\n' + data.stderr : '');
  $('run-again').onclick = () => {
    $('dlg-run').close();
    closeProject();
    const lang = state.languages.find((l) => l.id === data.language);
    if (lang) $('language').value = `${lang.id}@${lang.version}`;
    setScratch(files ? files[data.entry] || data.code || '' : data.code || '', data.language);
    $('stdin').value = data.stdin || '';
    run();
  };
  $('dlg-run').showModal();
}

// ---------------------------------------------------------------- page

/** Files changed outside the editor (in the terminal): load them, unless you are editing them. */
export async function reloadFiles(paths, deleted) {
  if (!state.project) return;
  const project = state.project.id;
  for (const path of paths.filter((p) => !deleted.includes(p))) {
    let data;
    try { ({ data } = await api('GET', `/api/v1/projects/${project}/files/${encodePath(path)}`)); } catch (e) { continue; }
    if (!state.project || state.project.id !== project) return;
    const f = state.files.get(path);
    if (!f) { addFile(data); continue; }
    if (f.revision === data.revision) continue;
    if (f.dirty || f.saving) { conflict(path, data.revision); continue; }
    f.applying = true; if (f.model) f.model.setValue(data.content); f.applying = false;
    f.content = data.content; f.revision = data.revision;
  }
  for (const path of deleted) {
    const f = state.files.get(path);
    if (!f || f.dirty) continue;
    if (f.model) f.model.dispose();
    state.files.delete(path);
    state.tabs = state.tabs.filter((p) => p !== path);
    if (state.active === path) { state.active = null; const next = state.tabs[0] || [...state.files.keys()][0]; if (next) openTab(next); }
  }
  renderFiles(); renderTabs();
}


function onLanguageChange() {
  const language = currentLanguage();
  if (state.project) return;
  if (state.starterShown || !editorValue().trim()) setScratch(STARTERS[language] || '', language);
  else if (state.editor) monaco!.editor.setModelLanguage(state.scratch, HIGHLIGHT[language] || 'plaintext');
}

async function start() {
  $('fallback').value = STARTERS.python;
  const [languages] = await Promise.all([api('GET', '/api/v1/languages').then((r) => r.data), loadUser()]);
  state.languages = languages;
  for (const l of languages) $('language').add(new Option(`${l.name} ${l.version}`, `${l.id}@${l.version}`));
  $('run').disabled = false;
  renderTabs();
  const loaded = await loadMonaco();
  if (loaded) {
    ({ monaco, HIGHLIGHT, highlightFor } = loaded);
    createEditor(monaco);
    for (const [path, f] of state.files) if (!f.model) { f.model = monaco.editor.createModel(f.content, highlightFor(path)); f.model.onDidChangeContent(() => changed(path)); }
    setScratch(state.starterShown ? STARTERS[currentLanguage()] || '' : editorValue(), currentLanguage());
  }
  document.body.dataset.ready = 'true';
}

$('language').onchange = onLanguageChange;
$('run').onclick = run;
$('stop').onclick = () => state.socket && state.socket.send(JSON.stringify({ type: 'kill' }));
$('show-all').onclick = showAll;
$('ask').onsubmit = (e) => {
  e.preventDefault();
  if (!state.socket) return;
  const line = $('answer').value;
  state.socket.send(JSON.stringify({ type: 'stdin', data: line + '\n' }));
  write(line + '\n', 'typed');
  $('answer').value = '';
};
$('signin').onclick = () => $('dlg-auth').showModal();
$('signin-link').onclick = (e) => { e.preventDefault(); $('dlg-auth').showModal(); };
$('auth-form').onsubmit = (e) => {
  const mode = e.submitter && e.submitter.value;
  if (mode === 'cancel') return;
  e.preventDefault();
  authenticate(mode === 'signup' ? 'signup' : 'signin');
};
$('signout').onclick = signOut;
$('keys-open').onclick = () => { $('key-new').hidden = true; loadKeys(); $('dlg-keys').showModal(); };
$('keys-close').onclick = () => $('dlg-keys').close();
$('password-change').onclick = changePassword;
$('signout-everywhere').onclick = signOutEverywhere;
$('key-create').onclick = async () => {
  const scopes = ['run', 'read', 'write', 'admin'].filter((s) => { const box = $(`key-scope-${s}`); return box.checked && !box.closest('label').hidden; });
  const { data } = await api('POST', '/api/v1/auth/api-keys', { name: $('key-name').value, scopes });
  $('key-new').textContent = `New key with ${data.scopes.join(', ')} (copy it now, it is not shown again):\n${data.key}`; $('key-new').hidden = false;
  $('key-name').value = ''; loadKeys();
};
$('new-project').onclick = newProject;
$('new-file').onclick = newFile;
$('rename-file').onclick = renameFile;
$('delete-file').onclick = deleteFile;
$('close-project').onclick = () => { flushSaves(); closeProject(); loadProjects(); };
$('conflict-reload').onclick = () => resolveConflict(false);
$('conflict-overwrite').onclick = () => resolveConflict(true);
$('history-refresh').onclick = loadHistory;
$('run-close').onclick = () => $('dlg-run').close();
$('fallback').addEventListener('input', () => { state.starterShown = false; });
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); run(); }
});
window.addEventListener('beforeunload', flushSaves);

/** Starts the playground once the page's other modules have registered their hooks. */
export function startPlayground() {
  initTheme($('theme'));
  return start();
}
