// Live interviews from the review page: "Start interview" on a task, a blank interview in a chosen
// language, and the pads you are in. Starting one goes to the pad, where both links are ready to copy.
import { el, when } from '../shared/dom';
import { call } from '../shared/api';
import type { Language, TaskView } from './types';

interface PadSummary { id: number; title: string; language: string; status: string; createdAt: string; you?: { role: string } }

/** Creates a pad and opens it at its links. */
export async function startInterview(body: { title: string; language: string; taskId?: number }): Promise<void> {
  const pad = await call<{ id: number }>('POST', '/api/v1/pads', body);
  location.href = `/pads/${pad.id}#links`;
}

/** The task page's button. */
export function startInterviewButton(t: TaskView, onError: (e: Error) => void): HTMLElement {
  return el('button', { id: 'task-interview', type: 'button', class: 'primary', onclick: () =>
    startInterview({ title: t.title, language: t.language, taskId: t.id }).catch(onError) }, 'Start interview');
}

/** The Interviews view: a blank interview and the pads you are in. */
export async function renderInterviews(box: HTMLElement, languages: Language[]): Promise<void> {
  const title = el('input', { id: 'iv-title', required: true, maxlength: '200', value: 'Interview' });
  const language = el('select', { id: 'iv-language' }, ...languages.map((l) => el('option', { value: l.id }, `${l.name} ${l.version}`)));
  const error = el('p', { class: 'error', role: 'alert', id: 'iv-error' });
  const form = el('form', { id: 'new-interview', class: 'filters', 'aria-label': 'New blank interview' },
    el('label', {}, 'Title', title), el('label', {}, 'Language', language),
    el('button', { class: 'primary', id: 'iv-start' }, 'New blank interview'));
  form.onsubmit = (e: SubmitEvent) => {
    e.preventDefault();
    error.textContent = '';
    startInterview({ title: title.value.trim() || 'Interview', language: language.value }).catch((err) => { error.textContent = err.message; });
  };
  const list = el('tbody', { id: 'interviews' });
  box.replaceChildren(el('h2', {}, 'Interviews'), el('p', { class: 'hint' },
    'A live pad shared with a candidate: the editor, runs and terminal are shared, notes are yours. To start from a task, open the task and press Start interview.'),
  form, error, el('table', { class: 'grid', 'aria-label': 'Your interviews' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Title'), el('th', {}, 'Language'), el('th', {}, 'Status'), el('th', {}, 'Created'))), list));
  let pads: PadSummary[] = [];
  try { pads = await call<PadSummary[]>('GET', '/api/v1/pads'); } catch (e) { error.textContent = e.message; }
  for (const p of pads) {
    const tr = el('tr', { class: 'clickable', tabindex: '0', 'data-pad': String(p.id) },
      el('td', { 'data-label': 'Title' }, el('a', { href: `/pads/${p.id}` }, p.title)), el('td', { 'data-label': 'Language' }, p.language),
      el('td', { 'data-label': 'Status' }, p.status), el('td', { 'data-label': 'Created' }, when(p.createdAt)));
    tr.onclick = (e) => { if (!(e.target instanceof HTMLAnchorElement)) location.href = `/pads/${p.id}`; };
    tr.onkeydown = (e) => { if (e.key === 'Enter') location.href = `/pads/${p.id}`; };
    list.append(tr);
  }
  if (!pads.length) list.append(el('tr', {}, el('td', { colspan: '4', class: 'hint' }, 'No interviews yet.')));
}
