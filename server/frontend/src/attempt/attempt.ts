// The learner's side of review: opening a task link, the attempt bar (statement, countdown, named test
// cases with their last verdicts, a run on one's own input, run tests, submit, submissions, comments)
// and the notification bell. Everything from the server is inserted as text, except a task's
// statementHtml, which the server renders from Markdown with raw HTML escaped and unsafe URLs removed.
import './attempt.css';
import { $, el, when } from '../shared/dom';
import { api, call } from '../shared/api';
import { flushSaves, openProject } from '../playground/projects';
import { hooks, state } from '../playground/state';
import { startCountdown, stopCountdown } from './countdown';
import type {
  AttemptView, CaseView, CommentView, LinkPreview, Notifications, ResultView, RunResult, SubmissionView, TaskView,
  TestRunView,
} from '../review/types';
import { VERDICT_OK, stateLabel } from '../review/types';

interface AttemptPage {
  attempt: AttemptView | null;
  task: TaskView | null;
  projectId: number | null;
  checking: boolean;
  lastUser: unknown;
  /** Where the verdicts in the tests list come from: this page's test run, or the latest submission. */
  verdictsFrom: 'run' | 'submission' | null;
}

const params = new URLSearchParams(location.search);
const review: AttemptPage = { attempt: null, task: null, projectId: null, checking: false, lastUser: undefined, verdictsFrom: null };
(window as any).sandlotReview = review; // for the browser tests

const input = (id: string): HTMLInputElement | HTMLTextAreaElement => $(id);
const button = (id: string): HTMLButtonElement | null => $(id);

// ------------------------------------------------------------ header: review link and notifications

function header(): void {
  const anchor = $('user') as HTMLElement;
  const link = el('a', { id: 'review-link', href: '/review.html', class: 'link', hidden: '' }, 'Review');
  const bell = el('button', { id: 'notifications', title: 'Notifications', 'aria-label': 'Notifications', hidden: '', 'aria-haspopup': 'true' },
    bellIcon(), el('span', { id: 'notification-count' }, '0'));
  const list = el('div', { id: 'notification-list', class: 'popover', hidden: '', role: 'dialog', 'aria-label': 'Notifications' });
  anchor.before(link, bell);
  document.body.append(list);
  bell.onclick = () => { list.hidden = !list.hidden; if (!list.hidden) loadNotifications(); };
}

function bellIcon(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16'); svg.setAttribute('aria-hidden', 'true'); svg.classList.add('icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M8 1.5a4 4 0 0 0-4 4v2.8L2.6 11h10.8L12 8.3V5.5a4 4 0 0 0-4-4ZM6.3 12.5a1.8 1.8 0 0 0 3.4 0Z');
  svg.append(path);
  return svg;
}

async function loadNotifications(): Promise<void> {
  if (!state.user) return;
  let data: Notifications;
  try { data = await call<Notifications>('GET', '/api/v1/notifications'); } catch { return; }
  $('notification-count').textContent = String(data.unread);
  $('notifications').setAttribute('aria-label', `Notifications, ${data.unread} unread`);
  $('notifications').classList.toggle('unread', data.unread > 0);
  const list = $('notification-list') as HTMLElement; list.textContent = '';
  const all = el('button', { onclick: async () => { await api('POST', '/api/v1/notifications/read-all'); loadNotifications(); } }, 'Mark all read');
  list.append(el('div', { class: 'panel-head' }, el('h2', {}, 'Notifications'), all));
  for (const n of data.items) {
    const item = el('li', { class: n.read ? 'read' : 'unread' });
    const open = el('button', {}, n.message);
    open.append(el('small', {}, ' · ' + when(n.createdAt)));
    open.onclick = async () => {
      if (!n.read) await api('POST', `/api/v1/notifications/${n.id}/read`);
      if (n.link && n.link !== location.pathname + location.search + location.hash) location.href = n.link;
      else loadNotifications();
    };
    item.append(open); list.append(item);
  }
  if (!data.items.length) list.append(el('p', { class: 'hint' }, 'Nothing yet.'));
}

// ------------------------------------------------------------ the task panel

function panel(): HTMLElement {
  let p = $('attempt-bar') as HTMLElement | null;
  if (p) return p;
  p = el('section', { id: 'attempt-bar', 'aria-label': 'Task' });
  $('right').prepend(p);
  document.body.classList.add('attempt');
  return p;
}

function hidePanel(): void {
  stopCountdown();
  $('attempt-bar')?.remove();
  document.body.classList.remove('attempt');
  setEditorReadOnly(false);
  review.attempt = null; review.task = null; review.verdictsFrom = null;
}

function setEditorReadOnly(readOnly: boolean): void {
  state.editor?.updateOptions({ readOnly });
}

function statement(html: string): HTMLDetailsElement {
  const box = el('details', { class: 'statement', open: true });
  box.append(el('summary', {}, 'Statement'));
  const body = el('div', { class: 'markdown', id: 'attempt-statement' });
  body.innerHTML = html; // rendered and sanitised by the server
  box.append(body);
  return box;
}

/** A link was opened: show the task, and start the attempt once signed in. */
async function openLink(token: string): Promise<void> {
  const p = panel(); p.textContent = '';
  let preview: LinkPreview;
  try { preview = await call<LinkPreview>('GET', `/api/v1/tasks/by-link/${encodeURIComponent(token)}`); } catch (e) {
    p.append(el('p', { class: 'error', id: 'attempt-error' }, `This task link cannot be opened: ${e.message}`));
    return;
  }
  const body = el('div', { class: 'attempt-body' }, statement(preview.statementHtml),
    el('p', { class: 'hint' }, `${preview.language} · ${preview.visibleTests} visible and ${preview.hiddenTests} hidden tests`
      + (preview.timeLimitMinutes ? ` · ${preview.timeLimitMinutes} minutes once started` : '') + ` · from ${preview.owner}`));
  p.append(el('div', { class: 'attempt-head' }, el('h2', {}, `Task: ${preview.title}`)), body);
  const start = async () => {
    try {
      const { data } = await api<AttemptView>('POST', `/api/v1/tasks/by-link/${encodeURIComponent(token)}/attempts`);
      history.replaceState(null, '', `/?attempt=${data.id}`);
      await openAttempt(data.id);
    } catch (e) { body.append(el('p', { class: 'error' }, e.message)); }
  };
  if (state.user) { await start(); return; }
  body.append(el('p', { id: 'attempt-signin' }, 'Sign in, or create an account, to start this task.'));
  $('dlg-auth').showModal();
  const wait = setInterval(() => { if (state.user) { clearInterval(wait); start(); } }, 300);
}

async function openAttempt(id: number | string): Promise<void> {
  const { data: attempt, res } = await api<AttemptView>('GET', `/api/v1/attempts/${id}`);
  if (attempt.projectId && (!state.project || state.project.id !== attempt.projectId)) {
    await openProject(attempt.projectId);
  }
  await showAttempt(attempt, serverClockOffset(res));
}

/** How far the server's clock is ahead of this browser's, from an answer's Date header (to a second). */
function serverClockOffset(res?: Response): number {
  const date = res?.headers.get('Date');
  const server = date ? Date.parse(date) : NaN;
  return Number.isNaN(server) ? 0 : server - Date.now();
}

async function showAttempt(attempt: AttemptView, clockOffset = 0): Promise<void> {
  const task = await call<TaskView>('GET', `/api/v1/tasks/${attempt.taskId}`);
  review.attempt = attempt; review.task = task; review.projectId = attempt.projectId; review.verdictsFrom = null;
  const p = panel(); p.textContent = '';
  p.dataset.attempt = String(attempt.id);
  const timer = el('span', { id: 'attempt-timer', class: 'timer', role: 'timer', hidden: true });
  p.append(el('div', { class: 'attempt-head' }, el('h2', {}, `Task: ${task.title}`), timer),
    el('div', { class: 'attempt-body', tabindex: '0', 'aria-label': 'Task details' }, statement(task.statementHtml),
      el('p', { class: 'hint' }, facts(task, attempt)), testsSection(task), customInput(),
      el('div', { id: 'attempt-submissions' })),
    actions());
  if (attempt.closed) closeAttempt(attempt.deadlineAt ? 'Time is up' : 'Closed');
  else {
    setEditorReadOnly(false);
    if (attempt.deadlineAt) startCountdown(timer, attempt, clockOffset, () => closeAttempt('Time is up'));
  }
  await loadSubmissions();
  loadNotifications();
}

function facts(task: TaskView, attempt: AttemptView): string {
  const list = [`${task.language}`, `${task.visibleTests} visible and ${task.hiddenTests} hidden tests`];
  if (attempt.deadlineAt) list.push(`${attempt.closed ? 'closed' : 'open until'} ${when(attempt.deadlineAt)}`);
  return list.join(' · ');
}

function actions(): HTMLElement {
  const run = el('button', { id: 'attempt-run-tests', onclick: runTests }, 'Run tests');
  const message = el('input', { id: 'attempt-message', placeholder: 'Message for the reviewer', 'aria-label': 'Submission message' });
  const submit = el('button', { id: 'attempt-submit', class: 'primary', onclick: submitAttempt }, 'Submit');
  return el('div', { class: 'attempt-actions' }, el('div', { id: 'attempt-results', 'aria-live': 'polite' }),
    el('div', { class: 'row' }, run, message, submit));
}

/** The time is up (or the attempt was closed otherwise): nothing more can be run, saved or submitted. */
function closeAttempt(label: string): void {
  stopCountdown();
  if (review.attempt) review.attempt.closed = true;
  const timer = $('attempt-timer') as HTMLElement | null;
  if (timer) { timer.hidden = false; timer.textContent = label; timer.className = 'timer closed'; }
  for (const id of ['attempt-run-tests', 'attempt-submit', 'attempt-custom-run']) { const b = button(id); if (b) b.disabled = true; }
  setEditorReadOnly(true);
  const results = $('attempt-results') as HTMLElement | null;
  if (results && !results.textContent) {
    results.append(el('p', { class: 'hint', id: 'attempt-closed' },
      `${label}: this attempt is closed and its files are read-only. Your submissions stay with the reviewer.`));
  }
}

// ------------------------------------------------------------ named test cases and their verdicts

function testsSection(task: TaskView): HTMLElement {
  const list = el('ol', { class: 'tests', id: 'attempt-tests' });
  for (const t of task.tests.filter((c) => !c.hidden)) list.append(testItem(t));
  const box = el('section', { class: 'attempt-section', 'aria-labelledby': 'attempt-tests-title' },
    el('div', { class: 'section-head' }, el('h3', { id: 'attempt-tests-title' }, 'Tests'),
      el('span', { id: 'attempt-tests-source', class: 'hint' })));
  if (task.tests.some((c) => !c.hidden)) box.append(list);
  else box.append(el('p', { class: 'hint' }, 'This task shows no tests before you submit.'));
  if (task.hiddenTests) box.append(el('p', { class: 'hint' }, `${task.hiddenTests} hidden test${task.hiddenTests > 1 ? 's run' : ' runs'} when you submit.`));
  return box;
}

function testItem(t: CaseView): HTMLElement {
  const io = (label: string, text: string) => el('div', { class: 'io' }, el('span', { class: 'io-label' }, label), el('pre', {}, text || '(none)'));
  return el('li', { class: 'test', 'data-case': String(t.id) },
    el('div', { class: 'test-head' }, el('strong', { class: 'test-name' }, t.name),
      el('span', { class: 'verdict pending' }, 'not run yet')),
    el('div', { class: 'test-io' }, io('Input', t.stdin), io('Expected output', t.expectedStdout)),
    el('div', { class: 'test-detail' }));
}

/** Puts each result's verdict beside its test; a failure shows what differed. */
function showVerdicts(results: ResultView[], source: string): void {
  for (const r of results.filter((x) => !x.hidden)) {
    const item = document.querySelector<HTMLElement>(`#attempt-tests li[data-case="${r.caseId}"]`);
    if (!item) continue; // a case the task no longer has
    const verdict = item.querySelector<HTMLElement>('.verdict')!;
    verdict.textContent = r.verdict;
    verdict.className = `verdict ${VERDICT_OK.has(r.verdict) ? 'ok' : 'bad'}`;
    item.querySelector('.test-detail')!.replaceChildren(...failureDetail(r));
    item.dataset.verdict = r.verdict;
  }
  $('attempt-tests-source').textContent = source;
}

function failureDetail(r: ResultView): Node[] {
  const timing = el('small', { class: 'hint' }, `${r.wallTimeMs} ms`);
  if (r.diff) return [timing, el('pre', { class: 'diff', 'aria-label': `${r.name}: expected and actual output` }, r.diff)];
  if (r.verdict !== 'accepted' && r.stderr) return [timing, el('pre', { class: 'stderr' }, r.stderr.slice(0, 4000))];
  return [timing];
}

// ------------------------------------------------------------ running on one's own input

function customInput(): HTMLElement {
  const stdin = el('textarea', { id: 'attempt-stdin', rows: '3', spellcheck: 'false', placeholder: 'What the program reads from standard input' });
  const run = el('button', { id: 'attempt-custom-run', type: 'button', onclick: runCustom }, 'Run with this input');
  return el('section', { class: 'attempt-section', id: 'attempt-custom' },
    el('h3', {}, el('label', { for: 'attempt-stdin' }, 'Custom input')), stdin,
    el('div', { class: 'row' }, run, el('span', { id: 'attempt-custom-status', class: 'hint', role: 'status' })),
    el('pre', { id: 'attempt-custom-output', hidden: true, tabindex: '0', 'aria-label': 'Output on the custom input' }));
}

async function runCustom(): Promise<void> {
  const attempt = review.attempt;
  if (!attempt?.projectId) return;
  const run = button('attempt-custom-run')!;
  const status = $('attempt-custom-status') as HTMLElement;
  const out = $('attempt-custom-output') as HTMLElement;
  run.disabled = true; status.textContent = 'Running…';
  try {
    await saved();
    const r = await call<RunResult>('POST', `/api/v1/projects/${attempt.projectId}/run`, { stdin: input('attempt-stdin').value });
    status.textContent = `${r.status}${r.exitCode !== null && r.exitCode !== undefined ? ` · exit ${r.exitCode}` : ''} · ${r.wallTimeMs} ms`;
    status.className = r.status === 'ok' ? 'hint' : 'hint bad';
    out.replaceChildren(...runOutput(r));
    out.hidden = false;
  } catch (e) {
    status.textContent = e.message; status.className = 'hint bad';
  } finally { run.disabled = !!review.attempt?.closed; }
}

function runOutput(r: RunResult): Node[] {
  const parts: Node[] = [];
  if (r.compile && r.compile.status !== 'ok') parts.push(el('span', { class: 'stderr' }, r.compile.stdout + r.compile.stderr));
  if (r.stdout) parts.push(document.createTextNode(r.stdout));
  if (r.stderr) parts.push(el('span', { class: 'stderr' }, r.stderr));
  if (!parts.length) parts.push(el('span', { class: 'hint' }, r.message || '(no output)'));
  return parts;
}

// ------------------------------------------------------------ run tests, submit

/** Saves pending edits and waits until the server has them, so the tests run what is on screen. */
async function saved(): Promise<void> {
  flushSaves();
  for (let i = 0; i < 100; i++) {
    const busy = [...state.files.values()].some((f) => f.dirty || f.saving);
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 100));
    flushSaves();
  }
}

async function runTests(): Promise<void> {
  const box = $('attempt-results') as HTMLElement;
  box.textContent = 'Running the visible tests…';
  button('attempt-run-tests')!.disabled = true;
  try {
    await saved();
    const data = await call<TestRunView>('POST', `/api/v1/attempts/${review.attempt!.id}/test-runs`);
    box.replaceChildren(el('p', { class: `summary ${data.passed === data.total ? 'ok' : 'bad'}` }, `Tests: ${data.passed} of ${data.total} passed`));
    review.verdictsFrom = 'run';
    showVerdicts(data.results, `from your test run at ${new Date(data.ranAt).toLocaleTimeString()}`);
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  } finally { button('attempt-run-tests')!.disabled = !!review.attempt?.closed; }
}

async function submitAttempt(): Promise<void> {
  const box = $('attempt-results') as HTMLElement;
  button('attempt-submit')!.disabled = true;
  box.textContent = 'Submitting and running every test…';
  try {
    await saved();
    const data = await call<SubmissionView>('POST', '/api/v1/submissions', { attemptId: review.attempt!.id, message: input('attempt-message').value });
    input('attempt-message').value = '';
    box.replaceChildren(el('p', { id: 'attempt-submitted' }, `Submitted #${data.number}.`));
    await loadSubmissions();
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  } finally { button('attempt-submit')!.disabled = !!review.attempt?.closed; }
}

// ------------------------------------------------------------ submissions and comments

async function loadSubmissions(): Promise<void> {
  const box = $('attempt-submissions') as HTMLElement | null;
  if (!box || !review.attempt) return;
  const data = await call<SubmissionView[]>('GET', `/api/v1/attempts/${review.attempt.id}/submissions`);
  box.textContent = '';
  if (!data.length) return;
  const list = el('ul', { class: 'list submissions' });
  for (const s of data) list.append(submissionItem(s));
  box.append(el('h3', {}, 'Submissions'), list);
  await loadComments(data[0]);
}

function submissionItem(s: SubmissionView): HTMLElement {
  const li = el('li', { class: 'submission', 'data-number': String(s.number) });
  li.append(el('strong', {}, `#${s.number} `), el('span', { class: `state ${s.status}` }, stateLabel(s.status)),
    ` · ${s.visiblePassed}/${s.visibleTotal} visible, ${s.hiddenPassed}/${s.hiddenTotal} hidden passed`);
  if (s.message) li.append(el('div', { class: 'hint' }, `“${s.message}”`));
  if (s.decisionComment) li.append(el('div', { class: 'decision' }, `${s.decidedBy}: ${s.decisionComment}`));
  return li;
}

async function loadComments(submission: SubmissionView): Promise<void> {
  const box = $('attempt-submissions') as HTMLElement;
  const [full, comments] = await Promise.all([call<SubmissionView>('GET', `/api/v1/submissions/${submission.id}`),
    call<CommentView[]>('GET', `/api/v1/submissions/${submission.id}/comments`)]);
  if (review.verdictsFrom !== 'run') {
    review.verdictsFrom = 'submission';
    showVerdicts(full.results, `from submission #${submission.number}`);
  }
  const section = el('div', { id: 'attempt-comments' });
  section.append(el('h3', {}, `Comments on #${submission.number}`));
  const files = new Map((full.files ?? []).map((f) => [f.path, f.content.split('\n')]));
  for (const c of comments.filter((x) => !x.parentId)) {
    section.append(thread(submission, c, comments.filter((x) => x.parentId === c.id), files));
  }
  if (!comments.length) section.append(el('p', { class: 'hint' }, 'No comments yet.'));
  box.append(section);
}

function thread(submission: SubmissionView, c: CommentView, replies: CommentView[], files: Map<string, string[]>): HTMLElement {
  const box = el('div', { class: `thread${c.resolved ? ' resolved' : ''}`, 'data-comment': String(c.id) });
  if (c.path) {
    box.append(el('div', { class: 'anchor' }, `${c.path}:${c.line}`));
    const line = (files.get(c.path) || [])[(c.line ?? 0) - 1];
    if (line !== undefined) box.append(el('pre', { class: 'quoted' }, line));
  }
  for (const m of [c, ...replies]) {
    box.append(el('p', { class: 'comment' }, el('strong', {}, m.author + ': '), m.body, el('small', {}, ' · ' + when(m.createdAt))));
  }
  if (c.resolved) box.append(el('small', { class: 'hint' }, 'Resolved'));
  const reply = el('input', { placeholder: 'Reply', 'aria-label': 'Reply', class: 'reply' });
  const send = el('button', { onclick: async () => {
    if (!reply.value.trim()) return;
    await api('POST', `/api/v1/submissions/${submission.id}/comments`, { parentId: c.id, body: reply.value });
    loadSubmissions();
  } }, 'Reply');
  box.append(el('div', { class: 'row' }, reply, send));
  return box;
}

// ------------------------------------------------------------ following the page

/** Shows the attempt bar whenever the open project is one of the learner's attempts. */
async function follow(): Promise<void> {
  const s = state;
  if (s.user !== review.lastUser) {
    review.lastUser = s.user;
    $('review-link').hidden = !(s.user && (s.user.role === 'reviewer' || s.user.role === 'admin'));
    $('notifications').hidden = !s.user;
    if (s.user) loadNotifications();
    else { hidePanel(); $('notification-list').hidden = true; }
  }
  if (review.checking || !s.user) return;
  const projectId: number | null = s.project ? s.project.id : null;
  if (projectId === review.projectId) return;
  review.checking = true;
  try {
    review.projectId = projectId;
    if (!projectId) { if (review.attempt) hidePanel(); return; }
    if (review.attempt && review.attempt.projectId === projectId) return;
    const { data, res } = await api<AttemptView[]>('GET', `/api/v1/attempts?projectId=${projectId}`);
    if (data.length) await showAttempt(data[0], serverClockOffset(res)); else if (review.attempt) hidePanel();
  } catch { /* signed out meanwhile */ } finally { review.checking = false; }
}

export async function initAttempt(): Promise<void> {
  header();
  // Another project's editor is writable again; an attempt's own read-only state is set when it shows.
  hooks.projectClosed.push(() => setEditorReadOnly(false));
  hooks.projectOpened.push((project) => { if (review.attempt?.closed && review.attempt.projectId === project.id) setEditorReadOnly(true); });
  while (document.body.dataset.ready !== 'true') await new Promise((r) => setTimeout(r, 100));
  const token = params.get('task');
  const attempt = params.get('attempt');
  const taskId = params.get('task-id');
  try {
    if (token) await openLink(token);
    else if (attempt && state.user) await openAttempt(attempt);
    else if (taskId && state.user) {
      const data = await call<AttemptView>('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/attempts`);
      history.replaceState(null, '', `/?attempt=${data.id}`);
      await openAttempt(data.id);
    }
  } catch (e) {
    const p = panel(); p.replaceChildren(el('p', { class: 'error', id: 'attempt-error' }, e.message));
  }
  setInterval(follow, 500);
  setInterval(loadNotifications, 15000);
}
