// The signed-in user's projects: the list, the open project's files and tabs, saving as you type,
// conflicts with changes made elsewhere (the terminal, another tab), and the address /p/{id}.
import { $, el } from '../shared/dom';
import { api, encodePath, csrfHeaders, refreshCsrf } from '../shared/api';
import { currentLanguage, editorValue, highlightFor, monaco } from './editor';
import { renderHistory } from './history';
import { entryPoint } from './run';
import { type Project, hooks, state } from './state';

// ---------------------------------------------------------------- projects

/** What happens to the address when a project opens or closes: a new history entry, the same entry, or nothing. */
export type AddressChange = 'push' | 'replace' | 'keep';

export async function loadProjects(): Promise<void> {
  const { data } = await api<Project[]>('GET', '/api/v1/projects');
  state.projects = data;
  const list = $('projects');
  list.replaceChildren(...data.map((p) => {
    const b = el('button', { title: `${p.name} (${p.language})`, 'aria-current': state.project?.id === p.id ? 'true' : undefined }, p.name);
    b.onclick = () => openProject(p.id, 'push');
    return el('li', {}, b);
  }));
  if (!data.length) list.append(el('li', { class: 'hint' }, 'No projects yet. \u201cNew\u201d saves the code in the editor as a project; your projects are listed here.'));
  renderHistory();
  hooks.projectsListed.forEach((f) => f());
}

export async function newProject(): Promise<void> {
  const name = prompt('Name of the new project', 'My project');
  if (!name) return;
  const language = currentLanguage();
  const lang = state.languages.find((l) => l.id === language);
  const fileName = lang ? lang.fileName : 'main.txt';
  try {
    const { data } = await api('POST', '/api/v1/projects', { name, language, files: [{ path: fileName, content: editorValue() }] });
    await openProject(data.id, 'push');
  } catch (e) { alert(e.message); }
}

/** Opens one of the user's projects; the address names it unless the caller keeps the address as it is. */
export async function openProject(id: number, address: AddressChange = 'keep'): Promise<void> {
  const [{ data: project }, { data: files }] = await Promise.all([
    api<Project>('GET', `/api/v1/projects/${id}`), api<any[]>('GET', `/api/v1/projects/${id}/files?content=true`)]);
  closeProject('keep');
  state.project = project;
  for (const f of files) addFile(f);
  $('project-name').textContent = project.name;
  $('files-panel').hidden = false;
  const lang = state.languages.find((l) => l.id === project.language);
  if (lang) $('language').value = `${lang.id}@${lang.version}`;
  $('language').disabled = true;
  $('language').title = 'A project keeps its language; close it to pick another';
  const first = files.find((f) => f.path === entryPoint()) || files[0];
  if (first) openTab(first.path);
  renderFiles(); loadProjects();
  saveState('All changes saved.');
  changeAddress(`/p/${project.id}`, address);
  hooks.projectOpened.forEach((f) => f(project));
}

export function addFile(f: { path: string; content: string; revision: number }): void {
  const model = monaco.editor.createModel(f.content, highlightFor(f.path));
  model.onDidChangeContent(() => changed(f.path));
  state.files.set(f.path, { content: f.content, revision: f.revision, dirty: false, saving: false, timer: undefined, model });
}

/** Closes the open project, if any, and shows the scratch buffer; the address goes back to / unless kept. */
export function closeProject(address: AddressChange = 'replace'): void {
  if (state.project) hooks.projectClosed.forEach((f) => f(state.project));
  for (const f of state.files.values()) if (f.model) f.model.dispose();
  const wasOpen = !!state.project;
  state.files.clear(); state.tabs = []; state.active = null; state.project = null;
  $('files-panel').hidden = true; $('conflict').hidden = true; saveState('');
  $('language').disabled = false; $('language').title = '';
  if (wasOpen && /^\/p\//.test(location.pathname)) changeAddress('/', address);
  if (state.editor && state.scratch) state.editor.setModel(state.scratch);
  renderTabs();
}

function changeAddress(path: string, how: AddressChange): void {
  if (how === 'keep' || location.pathname + location.search === path) return;
  if (how === 'push') history.pushState(null, '', path); else history.replaceState(null, '', path);
}

export function renderFiles() {
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

export function openTab(path: string): void {
  const f = state.files.get(path);
  if (!f) return;
  if (!state.tabs.includes(path)) state.tabs.push(path);
  state.active = path;
  if (state.editor && f.model) state.editor.setModel(f.model);
  renderTabs(); renderFiles();
}

export function renderTabs() {
  const tabs = $('tabs'); tabs.textContent = '';
  if (!state.project) {
    tabs.append(el('button', { role: 'tab', 'aria-selected': 'true', title: 'Code of this language, kept in this browser' }, 'Scratch'));
    $('reset-starter').hidden = false;
    return;
  }
  $('reset-starter').hidden = true;
  for (const path of state.tabs.filter((p) => state.files.has(p))) {
    const b = document.createElement('button');
    b.textContent = path; b.setAttribute('role', 'tab'); b.setAttribute('aria-selected', String(path === state.active));
    if (state.files.get(path)?.dirty) b.classList.add('dirty');
    b.onclick = () => openTab(path);
    tabs.append(b);
  }
}

export function changed(path) {
  const f = state.files.get(path);
  if (!f || f.applying) return;
  f.dirty = true; renderTabs(); saveState('Unsaved changes…');
  clearTimeout(f.timer);
  f.timer = setTimeout(() => save(path), 700);
}

export function flushSaves() {
  for (const [path, f] of state.files) if (f.dirty && !f.saving) { clearTimeout(f.timer); save(path); }
}

export async function save(path: string, overwrite = false, retried = false) {
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

export function conflict(path, revision) {
  $('conflict-text').textContent = `“${path}” was changed elsewhere (now revision ${revision}). Load their version, or keep yours and overwrite it.`;
  $('conflict').hidden = false; $('conflict').dataset.path = path;
  saveState('Not saved: conflict.', true);
}

export async function resolveConflict(keepMine: boolean) {
  const path = $('conflict').dataset.path;
  const f = state.files.get(path);
  $('conflict').hidden = true;
  if (!f || !state.project) return;
  if (keepMine) { await save(path, true); return; }
  const { data } = await api('GET', `/api/v1/projects/${state.project.id}/files/${encodePath(path)}`);
  f.applying = true; if (f.model) f.model.setValue(data.content); f.applying = false;
  f.content = data.content; f.revision = data.revision; f.dirty = false;
  renderTabs(); saveState('Loaded the other version.');
}

export function saveState(text: string, bad = false) { $('save-state').textContent = text; $('save-state').className = bad ? 'bad' : ''; }


export async function newFile() {
  const path = prompt('Path of the new file, e.g. util.py or lib/helpers.py');
  if (!path || !state.project) return;
  try {
    const { data } = await api('PUT', `/api/v1/projects/${state.project.id}/files/${encodePath(path)}`, { content: '' });
    addFile(data); openTab(path);
  } catch (e) { alert(e.message); }
}

export async function renameFile() {
  const from = state.active;
  const f = from ? state.files.get(from) : undefined;
  if (!from || !f || !state.project) return;
  const to = prompt(`Rename “${from}” to`, from);
  if (!to || to === from) return;
  try {
    const { data } = await api('PATCH', `/api/v1/projects/${state.project.id}/files/${encodePath(from)}`, { path: to });
    state.files.delete(from);
    f.revision = data.revision; state.files.set(to, f);
    if (f.model) monaco.editor.setModelLanguage(f.model, highlightFor(to));
    state.tabs = state.tabs.map((p) => (p === from ? to : p));
    openTab(to);
  } catch (e) { alert(e.message); }
}

export async function deleteFile() {
  const path = state.active;
  const f = path ? state.files.get(path) : undefined;
  if (!path || !f || !state.project || !confirm(`Delete “${path}”?`)) return;
  try {
    await api('DELETE', `/api/v1/projects/${state.project.id}/files/${encodePath(path)}`);
    if (f.model) f.model.dispose();
    state.files.delete(path); state.tabs = state.tabs.filter((p) => p !== path);
    const next = state.tabs[0] || [...state.files.keys()][0];
    if (next) openTab(next); else { state.active = null; if (state.editor) state.editor.setModel(state.scratch); renderTabs(); renderFiles(); }
  } catch (e) { alert(e.message); }
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
