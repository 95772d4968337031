// The signed-in user's last runs in the sidebar, and one run in a dialog.
import { $, el } from '../shared/dom';
import { api } from '../shared/api';
import { currentLanguage, replaceScratch } from './editor';
import { closeProject, openProject } from './projects';
import { runExactly } from './run';
import { state } from './state';
import { type ReturnedFile, ReturnedFiles } from '../files/returned-files';

let runFilesView: ReturnedFiles | undefined;

/** A run as GET /api/v1/executions lists it; projectId and projectName are there for a project's runs. */
interface HistoryItem {
  id: string; status: string; language: string; createdAt: string; code?: string | null;
  projectId?: number | null; projectName?: string | null;
}

let items: HistoryItem[] = [];

export async function loadHistory(): Promise<void> {
  try {
    items = (await api<{ items: HistoryItem[] }>('GET', '/api/v1/executions?limit=30')).data.items;
    renderHistory();
  } catch { /* signed out meanwhile */ }
}

export function renderHistory(): void {
  const list = $('history');
  list.replaceChildren(...items.map(historyRow));
  if (!items.length) list.append(el('li', { class: 'hint' }, 'Your runs will be listed here, newest first, each with its code and output.'));
}

function historyRow(e: HistoryItem): HTMLLIElement {
  const project = projectName(e);
  const what = project ? `${e.language} · ${project}` : e.language;
  const button = el('button', { title: [what, (e.code || '').slice(0, 200)].filter(Boolean).join('\n') },
    el('span', { class: `verdict ${e.status === 'ok' ? 'good' : 'bad'}` }, e.status),
    el('span', { class: 'what' }, what),
    timeElement(e.createdAt));
  button.onclick = () => showRun(e.id);
  return el('li', {}, button);
}

function projectName(e: HistoryItem): string | null {
  if (e.projectName) return e.projectName;
  if (e.projectId == null) return null;
  const project = state.projects.find((p) => p.id === e.projectId);
  return project ? project.name : `project ${e.projectId}`;
}

function timeElement(iso: string): HTMLTimeElement {
  return el('time', { datetime: iso, title: new Date(iso).toLocaleString() }, ago(iso));
}

/** "just now", "40 s ago", "5 min ago", "3 h ago", "2 d ago", then the date. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < 7 * 86400) return `${Math.floor(seconds / 86400)} d ago`;
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Keeps the relative times true while the page stays open. */
export function refreshTimes(): void {
  for (const t of document.querySelectorAll<HTMLTimeElement>('#history time')) t.textContent = ago(t.dateTime);
}

/** One run as GET /api/v1/executions/{id} answers: request is a body that runs it again exactly. */
interface RunDetail {
  id: string; language: string; version: string; status: string; createdAt: string; entry?: string | null;
  code?: string | null; stdout: string; stderr: string; projectId?: number | null; projectName?: string | null;
  exact: boolean; missing: string[]; files?: ReturnedFile[]; filesTruncated?: boolean;
  request: { files: { name: string; content: string }[]; entry?: string; stdin?: string; limits?: Record<string, number> } | null;
}

export async function showRun(id: string): Promise<void> {
  const { data } = await api<RunDetail>('GET', `/api/v1/executions/${id}`);
  const project = data.projectId != null ? state.projects.find((p) => p.id === data.projectId) : undefined;
  $('run-title').textContent = `${data.language} ${data.version} · ${data.status} · ${new Date(data.createdAt).toLocaleString()}`;
  $('run-code').replaceChildren(...runFiles(data));
  $('run-input').textContent = data.request?.stdin || '(no input)';
  $('run-output').textContent = data.stdout + (data.stderr ? '\n' + data.stderr : '');
  runFilesView ??= new ReturnedFiles($('run-files'));
  runFilesView.clear();
  (data.files ?? []).forEach((f) => runFilesView!.add(f));
  runFilesView.finish(data.filesTruncated === true);
  $('run-exact').textContent = data.exact ? '' : `This run cannot be repeated exactly: the history does not hold its ${data.missing.join(', ')}.`;
  $('run-again').disabled = !data.exact || !data.request;
  $('run-again').onclick = () => runAgain(data, project?.id);
  $('run-open').textContent = project ? `Open project “${project.name}”` : 'Open in the editor';
  $('run-open').hidden = data.projectId != null && !project;
  $('run-open').onclick = () => openRun(data, project?.id);
  $('dlg-run').showModal();
}

function runFiles(data: RunDetail): Node[] {
  const files = data.request?.files ?? (data.code ? [{ name: data.entry || 'main', content: data.code }] : []);
  if (!files.length) return [document.createTextNode('(the files of this run were not kept)')];
  const entry = data.request?.entry;
  return files.flatMap((f) => [el('h4', {}, f.name + (f.name === entry && files.length > 1 ? ' (entry)' : '')), el('pre', {}, f.content)]);
}

/** Runs exactly what ran then (every file, the entry, the version, the limits, all its input), leaving the editor alone. */
function runAgain(data: RunDetail, projectId?: number): void {
  $('dlg-run').close();
  runExactly({ language: data.language, ...data.request, ...(projectId != null ? { projectId } : {}) });
}

/** Opens the run's project, or puts a scratch run's code in its language's buffer (Ctrl+Z there brings back what it held). */
async function openRun(data: RunDetail, projectId?: number): Promise<void> {
  $('dlg-run').close();
  if (projectId != null) { await openProject(projectId, 'push'); return; }
  closeProject('push');
  const lang = state.languages.find((l) => l.id === data.language);
  if (lang) { $('language').value = `${lang.id}@${lang.version}`; $('language').dispatchEvent(new Event('change')); }
  const file = data.request?.files.find((f) => f.name === data.request?.entry) ?? data.request?.files[0];
  replaceScratch(currentLanguage(), file?.content ?? data.code ?? '');
  $('stdin').value = data.request?.stdin || '';
}
