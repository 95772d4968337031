// The signed-in user's last runs in the sidebar, and one run in a dialog.
import { $, el } from '../shared/dom';
import { api } from '../shared/api';
import { currentLanguage, replaceScratch } from './editor';
import { closeProject } from './projects';
import { run } from './run';
import { state } from './state';

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

export async function showRun(id: string): Promise<void> {
  const { data } = await api('GET', `/api/v1/executions/${id}`);
  $('run-title').textContent = `${data.language} ${data.version} · ${data.status} · ${new Date(data.createdAt).toLocaleString()}`;
  const files = data.filesJson ? JSON.parse(data.filesJson) : null;
  $('run-code').textContent = files ? Object.entries(files).map(([n, c]) => `# ${n}\n${c}`).join('\n') : (data.code || '(the code of a large project run is not kept)');
  $('run-output').textContent = data.stdout + (data.stderr ? '\n' + data.stderr : '');
  $('run-again').onclick = () => runAgain(data, files);
  $('dlg-run').showModal();
}

/** Opens a past run's code in its language's scratch buffer (Ctrl+Z there brings back what it held) and runs it. */
function runAgain(data: any, files: Record<string, string> | null): void {
  $('dlg-run').close();
  closeProject('push');
  const lang = state.languages.find((l) => l.id === data.language);
  if (lang) { $('language').value = `${lang.id}@${lang.version}`; $('language').dispatchEvent(new Event('change')); }
  replaceScratch(currentLanguage(), files ? files[data.entry] || data.code || '' : data.code || '');
  $('stdin').value = data.stdin || '';
  run();
}
