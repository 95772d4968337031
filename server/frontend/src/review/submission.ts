// A submission on the review page: its results, its diff (Monaco's diff editor, or the unified text),
// line comments with replies, and the decision.
import { $, el, when } from '../shared/dom';
import { call } from '../shared/api';
import { highlightFor, monaco, themeName } from '../shared/monaco';
import type { CommentView, DiffView, FileDiff, ResultView, SubmissionView, User } from './types';
import { stateLabel } from './types';

type DiffEditor = ReturnType<typeof monaco.editor.createDiffEditor>;

/** What the browser tests read: the open submission, its diff and the diff editor. */
export const view: { submission: SubmissionView | null; diff: DiffView | null; file: FileDiff | null; diffEditor: DiffEditor | null } =
  { submission: null, diff: null, file: null, diffEditor: null };

function failure(box: HTMLElement, e: Error): void { box.append(el('p', { class: 'error' }, e.message)); }

export function closeSubmission(): void {
  if (!view.diffEditor) return;
  const models = view.diffEditor.getModel();
  view.diffEditor.dispose(); view.diffEditor = null;
  if (models) { models.original.dispose(); models.modified.dispose(); }
}

/** Counts openings: one overtaken by a later one stops where it is. */
let openings = 0;

export async function openSubmission(id: number, user: User, box: HTMLElement): Promise<void> {
  const opening = ++openings;
  const s = await call<SubmissionView>('GET', `/api/v1/submissions/${id}`);
  const others = await call<SubmissionView[]>('GET', `/api/v1/attempts/${s.attemptId}/submissions`);
  if (opening !== openings) return;
  view.submission = s;
  closeSubmission(); // its element is about to be replaced
  box.textContent = '';
  box.dataset.submission = String(s.id);
  box.append(el('h2', {}, `${s.taskTitle} · ${s.learner} · submission #${s.number} `,
    el('span', { class: `state ${s.status}`, id: 'submission-status' }, stateLabel(s.status))));
  box.append(el('p', { class: 'hint' }, `Submitted ${when(s.createdAt)}` + (s.message ? ` · “${s.message}”` : '')));
  if (s.decisionComment || s.decidedBy) box.append(el('p', { class: 'decision' }, `${s.decidedBy}: ${s.decisionComment || stateLabel(s.status)}`));
  box.append(el('h3', {}, `Tests: ${s.visiblePassed + s.hiddenPassed} of ${s.visibleTotal + s.hiddenTotal} passed`), results(s.results));
  const against = diffControls(s, others, box);
  box.append(el('h3', {}, 'Comments'), el('div', { id: 'comments' }), commentForm(s));
  if (user.role !== 'learner') box.append(el('h3', {}, 'Decision'), decisionForm(s, user, box)); // learners cannot decide
  await Promise.all([loadDiff(s, against.value), loadComments(s)]);
}

function results(list: ResultView[]): HTMLElement {
  const ul = el('ul', { class: 'list cases', id: 'submission-results' });
  for (const r of list) {
    const li = el('li', { class: 'case' }, el('span', { class: `verdict ${r.verdict === 'accepted' ? 'ok' : 'bad'}` }, r.verdict),
      ` ${r.name}${r.hidden ? ' (hidden)' : ''}`, el('small', {}, ` · ${r.wallTimeMs} ms`));
    if (r.diff) li.append(el('pre', { class: 'diff' }, r.diff));
    else if (r.verdict !== 'accepted' && r.stderr) li.append(el('pre', { class: 'stderr' }, r.stderr.slice(0, 4000)));
    ul.append(li);
  }
  return ul;
}

/** The diff's controls: against the starter, the previous submission, or any other of the attempt. */
function diffControls(s: SubmissionView, others: SubmissionView[], box: HTMLElement): HTMLSelectElement {
  const against = el('select', { id: 'diff-against' }, new Option('the starter files', 'starter'));
  if (s.number > 1) against.add(new Option(`the previous submission (#${s.number - 1})`, 'previous'));
  for (const o of others) if (o.id !== s.id && o.number !== s.number - 1) against.add(new Option(`submission #${o.number}`, String(o.id)));
  against.value = s.number > 1 ? 'previous' : 'starter';
  const unified = el('input', { type: 'checkbox', id: 'diff-unified-toggle' });
  const live = el('a', { href: `#task=${s.taskId}`, id: 'open-live' }, 'Task and live attempts');
  box.append(el('h3', {}, 'Changes'), el('div', { class: 'row filters' }, el('label', {}, 'Compare with ', against),
    el('label', { class: 'check' }, unified, ' unified'), live));
  box.append(el('div', { id: 'diff-summary', class: 'hint' }), el('div', { id: 'diff-files' }),
    el('div', { id: 'diff-editor', class: 'code-box' }), el('pre', { id: 'diff-unified', hidden: true }));
  against.onchange = () => loadDiff(s, against.value);
  unified.onchange = () => showFile(view.file);
  return against;
}

async function loadDiff(s: SubmissionView, against: string): Promise<void> {
  const d = await call<DiffView>('GET', `/api/v1/submissions/${s.id}/diff?against=${encodeURIComponent(against)}`);
  view.diff = d;
  const base = d.against === 'starter' ? 'the starter files' : `submission #${d.baseNumber}`;
  $('diff-summary').textContent = `Against ${base}: ${d.modified} modified, ${d.added} added, ${d.removed} removed, ${d.renamed} renamed.`;
  const files = $('diff-files') as HTMLElement; files.textContent = '';
  for (const f of d.files) {
    const b = el('button', { type: 'button', 'data-path': f.path }, f.path + ' ', el('span', { class: `badge ${f.status}` },
      f.status === 'renamed' ? `renamed from ${f.oldPath}` : f.status));
    b.onclick = () => showFile(f);
    files.append(b);
  }
  showFile(d.files.find((f) => f.status !== 'unchanged') || d.files[0] || null);
}

function showFile(f: FileDiff | null): void {
  view.file = f;
  if (!f) return;
  for (const b of ($('diff-files') as HTMLElement).querySelectorAll<HTMLElement>('button')) b.setAttribute('aria-current', String(b.dataset.path === f.path));
  const path = $('comment-path') as HTMLSelectElement;
  path.value = path.querySelector(`option[value="${CSS.escape(f.path)}"]`) ? f.path : '';
  const unified = $('diff-unified') as HTMLElement;
  unified.textContent = f.unified || (f.status === 'unchanged' ? '(no changes)' : '');
  // Monaco's diff editor, unless asked for the unified text or the file is too large to show smoothly.
  const big = f.oldText.length + f.newText.length > 2_000_000;
  const text = ($('diff-unified-toggle') as HTMLInputElement).checked || big;
  unified.hidden = !text;
  $('diff-editor').hidden = text;
  if (text) return;
  const editor = view.diffEditor ?? createDiffEditor();
  const old = editor.getModel();
  const lang = highlightFor(f.path);
  editor.setModel({ original: monaco.editor.createModel(f.oldText, lang), modified: monaco.editor.createModel(f.newText, lang) });
  if (old) { old.original.dispose(); old.modified.dispose(); }
}

function createDiffEditor(): DiffEditor {
  const editor = monaco.editor.createDiffEditor($('diff-editor'), { readOnly: true, automaticLayout: true, renderSideBySide: true,
    theme: themeName(), minimap: { enabled: false }, maxComputationTime: 3000, maxFileSize: 50, scrollBeyondLastLine: false });
  // Set on the inner editors themselves: the diff editor's own label options do not reach them.
  editor.getOriginalEditor().updateOptions({ ariaLabel: 'Before, read-only' });
  editor.getModifiedEditor().updateOptions({ ariaLabel: 'After, read-only' });
  editor.getModifiedEditor().onMouseDown((e) => {
    if (!e.target.position || !view.file || view.file.status === 'removed') return;
    ($('comment-path') as HTMLSelectElement).value = view.file.path;
    ($('comment-line') as HTMLInputElement).value = String(e.target.position.lineNumber);
    $('comment-body').focus();
  });
  editor.onDidUpdateDiff(() => fitHeight(editor));
  view.diffEditor = editor;
  return editor;
}

/** As tall as the diff, within reason: a short change leaves no empty box, a long one scrolls. */
function fitHeight(editor: DiffEditor): void {
  const content = Math.max(editor.getOriginalEditor().getContentHeight(), editor.getModifiedEditor().getContentHeight());
  $('diff-editor').style.height = `${Math.min(Math.max(content + 2, 120), Math.round(innerHeight * 0.7))}px`;
}

function commentForm(s: SubmissionView): HTMLElement {
  const path = el('select', { id: 'comment-path', 'aria-label': 'File' }, new Option('General comment', ''));
  for (const f of s.files ?? []) path.add(new Option(f.path, f.path));
  const line = el('input', { id: 'comment-line', type: 'number', min: '1', placeholder: 'line', 'aria-label': 'Line', class: 'narrow' });
  const text = el('textarea', { id: 'comment-body', rows: '3', 'aria-label': 'Comment' });
  const add = el('button', { id: 'comment-add', type: 'button' }, 'Comment');
  add.onclick = async () => {
    const body: Record<string, unknown> = { body: text.value };
    if (path.value) { body.path = path.value; body.line = Number(line.value); }
    try { await call('POST', `/api/v1/submissions/${s.id}/comments`, body); text.value = ''; loadComments(s); } catch (e) { failure($('comments'), e); }
  };
  return el('div', { class: 'comment-form' }, el('p', { class: 'hint' }, 'Click a line in the right-hand side of the diff to comment on it.'),
    el('div', { class: 'row' }, path, line), text, el('div', { class: 'row' }, add));
}

function decisionForm(s: SubmissionView, user: User, box: HTMLElement): HTMLElement {
  const decision = el('div', { id: 'decision' });
  const comment = el('textarea', { id: 'decision-comment', rows: '3', 'aria-label': 'Decision comment', placeholder: 'Why (required to request changes or reject)' });
  const decide = (what: string) => async () => {
    try {
      await call('POST', `/api/v1/submissions/${s.id}/decision`, { decision: what, comment: comment.value });
      await openSubmission(s.id, user, box);
    } catch (e) { failure(decision, e); }
  };
  const buttons = [el('button', { id: 'decide-approve', class: 'primary', type: 'button', onclick: decide('approved') }, 'Approve'),
    el('button', { id: 'decide-changes', type: 'button', onclick: decide('changes_requested') }, 'Request changes'),
    el('button', { id: 'decide-reject', type: 'button', onclick: decide('rejected') }, 'Reject')];
  if (s.status !== 'submitted') buttons.forEach((b) => { b.disabled = true; });
  decision.append(comment, el('div', { class: 'row' }, ...buttons));
  return decision;
}

async function loadComments(s: SubmissionView): Promise<void> {
  const box = $('comments') as HTMLElement;
  const comments = await call<CommentView[]>('GET', `/api/v1/submissions/${s.id}/comments`);
  box.textContent = '';
  const lines = new Map((s.files ?? []).map((f) => [f.path, f.content.split('\n')]));
  for (const c of comments.filter((x) => !x.parentId)) box.append(thread(s, c, comments.filter((x) => x.parentId === c.id), lines));
  if (!comments.length) box.append(el('p', { class: 'hint' }, 'No comments yet.'));
}

function thread(s: SubmissionView, c: CommentView, replies: CommentView[], lines: Map<string, string[]>): HTMLElement {
  const box = el('div', { class: `thread${c.resolved ? ' resolved' : ''}`, 'data-comment': String(c.id) });
  if (c.path) {
    box.append(el('div', { class: 'anchor' }, `${c.path}:${c.line}`));
    const text = (lines.get(c.path) || [])[(c.line ?? 0) - 1];
    if (text !== undefined) box.append(el('pre', { class: 'quoted' }, text));
  }
  for (const m of [c, ...replies]) {
    box.append(el('p', { class: 'comment' }, el('strong', {}, `${m.author}: `), m.body, el('small', {}, ` · ${when(m.createdAt)}`)));
  }
  const reply = el('input', { class: 'reply', placeholder: 'Reply', 'aria-label': 'Reply' });
  const send = el('button', { type: 'button', onclick: async () => {
    if (!reply.value.trim()) return;
    await call('POST', `/api/v1/submissions/${s.id}/comments`, { parentId: c.id, body: reply.value }); loadComments(s);
  } }, 'Reply');
  const resolve = el('button', { type: 'button', class: 'resolve', onclick: async () => {
    await call('PATCH', `/api/v1/submissions/${s.id}/comments/${c.id}`, { resolved: !c.resolved }); loadComments(s);
  } }, c.resolved ? 'Reopen' : 'Resolve');
  box.append(el('div', { class: 'row' }, reply, send, resolve));
  return box;
}
