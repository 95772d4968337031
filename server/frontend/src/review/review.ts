// The review page: sign-in and sign-out, the queue, tasks (create and edit, share, assign, watch
// attempts live), and a submission's results, diff, line comments and decision. Server text is inserted
// as text, except a task's statementHtml, which the server renders from Markdown with raw HTML escaped
// and URLs sanitised.
import { $, el, when } from '../shared/dom';
import { call, loadLanguages, loadSession, setCsrf } from '../shared/api';
import { initTheme } from '../shared/theme';
import { LiveAttempt } from './live';
import { closeSubmission, openSubmission, view as submissionView } from './submission';
import { TaskForm } from './task-form';
import { renderInterviews, startInterviewButton } from './interviews';
import type { AttemptView, Language, SubmissionView, TaskView, User } from './types';
import { stateLabel } from './types';

const VIEWS = ['signin', 'queue', 'tasks', 'task', 'new', 'submission', 'interviews'] as const;
type View = typeof VIEWS[number];

interface ReviewPage { user: User | null; live: LiveAttempt | null; form: TaskForm | null }

const page: ReviewPage = { user: null, live: null, form: null };
// For the browser tests: the page's state, its diff editor, and what the live view shows.
(window as any).sandlotReviewPage = Object.defineProperties(page, {
  diffEditor: { get: () => submissionView.diffEditor },
  liveTerminal: { get: () => page.live?.terminal ?? null },
});

const field = (id: string): HTMLInputElement => $(id);

function show(view: View): void {
  for (const v of VIEWS) $(`${v}-view`).hidden = v !== view;
  for (const b of document.querySelectorAll<HTMLElement>('nav button')) b.setAttribute('aria-current', String(b.dataset.view === view));
}

function failure(box: HTMLElement, e: Error): void { box.append(el('p', { class: 'error' }, e.message)); }

function stopLive(): void { page.live?.stop(); page.live = null; }

// ------------------------------------------------------------------ routing

async function route(): Promise<void> {
  stopLive();
  if (!page.user) { closeSubmission(); show('signin'); document.body.dataset.view = 'signin'; return; }
  const [name, id] = location.hash.slice(1).split('=');
  const view = viewOf(name, id);
  if (view !== 'submission') closeSubmission();
  // Shown before anything loads, so that of two routes in a row the later one's view stays.
  show(view);
  document.body.dataset.view = view;
  try {
    if (view === 'submission') await openSubmission(Number(id), page.user, $('submission-view'));
    else if (view === 'task') await openTask(Number(id));
    else if (view === 'tasks') await loadTasks();
    else if (view === 'new') page.form!.reset();
    else if (view === 'interviews') await renderInterviews($('interviews-view'), (await loadLanguages()) as Language[]);
    else await loadQueue();
  } catch (e) {
    const box = $('task-view') as HTMLElement; box.textContent = ''; failure(box, e); show('task');
  }
}

function viewOf(name: string, id: string | undefined): View {
  if ((name === 'submission' || name === 'task') && id) return name;
  return name === 'tasks' || name === 'new' || name === 'interviews' ? name : 'queue';
}

// ------------------------------------------------------------------ queue

async function loadQueue(): Promise<void> {
  const q = new URLSearchParams({ status: field('queue-status').value });
  if (field('queue-task').value) q.set('taskId', field('queue-task').value);
  if (field('queue-learner').value.trim()) q.set('learner', field('queue-learner').value.trim());
  const rows = await call<SubmissionView[]>('GET', `/api/v1/submissions?${q}`);
  const body = $('queue') as HTMLElement; body.textContent = '';
  for (const s of rows) body.append(queueRow(s));
  $('queue-empty').hidden = rows.length > 0;
}

/** A submission in the queue; each cell carries its column's name for the one-column phone layout. */
function queueRow(s: SubmissionView): HTMLElement {
  const cell = (label: string, ...content: (Node | string)[]) => el('td', { 'data-label': label }, ...content);
  const tr = el('tr', { class: 'clickable', 'data-submission': String(s.id), tabindex: '0' },
    cell('Submitted', when(s.createdAt)), cell('Task', s.taskTitle), cell('Learner', s.learner), cell('#', `#${s.number}`),
    cell('Status', el('span', { class: `state ${s.status}` }, stateLabel(s.status))),
    cell('Tests', `${s.visiblePassed + s.hiddenPassed}/${s.visibleTotal + s.hiddenTotal}`));
  tr.onclick = () => { location.hash = `submission=${s.id}`; };
  tr.onkeydown = (e) => { if (e.key === 'Enter') tr.click(); };
  return tr;
}

async function loadTaskFilter(): Promise<TaskView[]> {
  const tasks = await call<TaskView[]>('GET', '/api/v1/tasks');
  const select = $('queue-task') as HTMLSelectElement;
  const current = select.value;
  select.length = 1;
  for (const t of tasks.filter((x) => x.canManage)) select.add(new Option(t.title, String(t.id)));
  select.value = current;
  return tasks;
}

// ------------------------------------------------------------------ tasks

async function loadTasks(): Promise<void> {
  const tasks = await loadTaskFilter();
  const body = $('tasks') as HTMLElement; body.textContent = '';
  for (const t of tasks) {
    const cell = (label: string, text: string) => el('td', { 'data-label': label }, text);
    const tr = el('tr', { class: 'clickable', 'data-task': String(t.id), tabindex: '0' }, cell('Title', t.title), cell('Language', t.language),
      cell('Tests', `${t.visibleTests} visible, ${t.hiddenTests} hidden`), cell('Owner', t.owner), cell('Created', when(t.createdAt)));
    tr.onclick = () => { location.hash = `task=${t.id}`; };
    tr.onkeydown = (e) => { if (e.key === 'Enter') tr.click(); };
    body.append(tr);
  }
  if (!tasks.length) body.append(el('tr', {}, el('td', { colspan: '5', class: 'hint' }, 'No tasks yet: “New task” creates one.')));
}

async function openTask(id: number): Promise<void> {
  stopLive();
  const t = await call<TaskView>('GET', `/api/v1/tasks/${id}`);
  const box = $('task-view') as HTMLElement; box.textContent = '';
  box.append(el('h2', {}, t.title), el('p', { class: 'hint' }, `${t.language} · by ${t.owner} · ${t.maxAttempts} attempt(s) per learner`
    + (t.timeLimitMinutes ? ` · ${t.timeLimitMinutes} minutes per attempt` : '')));
  if (t.canManage) box.append(taskActions(t, box));
  const statement = el('div', { class: 'markdown', id: 'task-statement' });
  statement.innerHTML = t.statementHtml; // rendered and sanitised by the server
  box.append(statement, el('h3', {}, 'Test cases'), casesTable(t));
  if (!t.canManage) return;
  box.append(el('h3', {}, 'Sharing'), sharing(t));
  box.append(await attemptsSection(t));
}

function taskActions(t: TaskView, box: HTMLElement): HTMLElement {
  const edit = el('button', { id: 'task-edit', type: 'button', onclick: () => { page.form!.edit(t); show('new'); } }, 'Edit');
  const remove = el('button', { id: 'task-delete', type: 'button', onclick: async () => {
    if (!confirm(`Delete “${t.title}”? Its share link stops working; attempts and submissions are kept.`)) return;
    try { await call('DELETE', `/api/v1/tasks/${t.id}`); location.hash = 'tasks'; } catch (e) { failure(box, e); }
  } }, 'Delete');
  return el('div', { class: 'row' }, startInterviewButton(t, (e) => failure(box, e)), edit, remove);
}

function casesTable(t: TaskView): HTMLElement {
  const limits = (timeLimitMs: number | null, memoryMb: number | null) =>
    [timeLimitMs ? `${timeLimitMs} ms` : '', memoryMb ? `${memoryMb} MB` : ''].filter(Boolean).join(', ') || 'defaults';
  const body = el('tbody');
  for (const c of t.tests) {
    body.append(el('tr', {}, el('td', { 'data-label': 'Test' }, c.name + (c.hidden ? ' (hidden)' : '')),
      el('td', { 'data-label': 'Input' }, el('pre', {}, c.stdin)), el('td', { 'data-label': 'Expected output' }, el('pre', {}, c.expectedStdout)),
      el('td', { 'data-label': 'Limits' }, limits(c.timeLimitMs, c.memoryMb))));
  }
  return el('table', { class: 'grid', 'aria-label': 'Test cases' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Test'), el('th', {}, 'Input'), el('th', {}, 'Expected output'), el('th', {}, 'Limits'))), body);
}

/** The share link, assignment and other reviewers. */
function sharing(t: TaskView): HTMLElement {
  const box = el('div', { id: 'task-link-box' });
  if (t.link) {
    const url = new URL(t.link.url, location.origin).href;
    box.append(el('p', {}, 'Share this link: ', el('a', { id: 'task-link', class: 'link-box', href: url }, url)));
    if (t.link.expiresAt) box.append(el('p', { class: t.link.expired ? 'error' : 'hint' }, `${t.link.expired ? 'Expired' : 'Expires'} ${when(t.link.expiresAt)}`));
  } else {
    box.append(el('p', { class: 'hint' }, 'No share link yet.'));
  }
  const expiry = el('input', { type: 'datetime-local', id: 'task-link-expiry' });
  const create = el('button', { id: 'task-link-create', class: 'primary', type: 'button', onclick: async () => {
    try {
      await call('POST', `/api/v1/tasks/${t.id}/link`, { expiresAt: expiry.value ? new Date(expiry.value).toISOString() : null });
      await openTask(t.id);
    } catch (e) { failure(box, e); }
  } }, t.link ? 'New link (the old one stops working)' : 'Create share link');
  const revoke = el('button', { id: 'task-link-revoke', type: 'button', onclick: async () => { await call('DELETE', `/api/v1/tasks/${t.id}/link`); openTask(t.id); } }, 'Revoke link');
  revoke.disabled = !t.link;
  box.append(el('div', { class: 'row' }, el('label', {}, 'Expires (optional) ', expiry), create, revoke));
  const who = el('input', { id: 'task-member', placeholder: 'username', 'aria-label': 'Username' });
  const member = async (kind: string) => {
    try { await call('POST', `/api/v1/tasks/${t.id}/${kind}`, { username: who.value.trim() }); openTask(t.id); } catch (e) { failure(box, e); }
  };
  box.append(el('div', { class: 'row' }, who, el('button', { id: 'task-assign', type: 'button', onclick: () => member('assignees') }, 'Assign to learner'),
    el('button', { id: 'task-share', type: 'button', onclick: () => member('reviewers') }, 'Share with reviewer')));
  if (t.members?.length) box.append(el('p', { class: 'hint' }, 'Members: ' + t.members.map((m) => `${m.username} (${m.role})`).join(', ')));
  return box;
}

/** The task's attempts; one of them can be watched live: its files, runs and terminal. */
async function attemptsSection(t: TaskView): Promise<HTMLElement> {
  const attempts = await call<AttemptView[]>('GET', `/api/v1/tasks/${t.id}/attempts`);
  const live = el('div', { id: 'attempt-live' });
  const body = el('tbody');
  for (const a of attempts) {
    const watch = el('button', { class: 'watch', type: 'button', 'aria-label': `Watch live: ${a.learner}'s attempt` }, 'Watch live');
    watch.onclick = () => { stopLive(); page.live = new LiveAttempt(a, live); };
    body.append(el('tr', {}, el('td', { 'data-label': 'Learner' }, a.learner),
      el('td', { 'data-label': 'Started' }, when(a.startedAt) + (a.closed ? ' (closed)' : '')),
      el('td', { 'data-label': 'Submissions' }, String(a.submissions)),
      el('td', { 'data-label': 'Latest' }, a.latestStatus ? stateLabel(a.latestStatus) : '—'), el('td', {}, watch)));
  }
  const table = el('table', { class: 'grid', 'aria-label': 'Attempts' }, el('thead', {}, el('tr', {}, el('th', {}, 'Learner'),
    el('th', {}, 'Started'), el('th', {}, 'Submissions'), el('th', {}, 'Latest'), el('th', {}, el('span', { class: 'sr-only' }, 'Watch')))), body);
  return el('section', { 'aria-label': 'Attempts' }, el('h3', {}, 'Attempts'),
    attempts.length ? table : el('p', { class: 'hint' }, 'Nobody has opened this task yet.'), live);
}

// ------------------------------------------------------------------ signing in and out

async function signIn(e: SubmitEvent): Promise<void> {
  e.preventDefault();
  $('si-error').textContent = '';
  try {
    const data = await call<{ user: User; csrfHeader: string; csrfToken: string }>('POST', '/api/v1/auth/login',
      { username: field('si-username').value.trim(), password: field('si-password').value });
    setCsrf({ headerName: data.csrfHeader, token: data.csrfToken });
    page.user = data.user;
    field('si-password').value = '';
    await ready();
  } catch (err) { $('si-error').textContent = err.message; }
}

async function signOut(): Promise<void> {
  try { await call('POST', '/api/v1/auth/logout'); } catch { /* the session may be gone already */ }
  page.user = await loadSession(); // null now; and the new session's CSRF token
  history.replaceState(null, '', location.pathname);
  await ready();
  field('si-username').focus();
}

async function ready(): Promise<void> {
  document.body.dataset.ready = 'false';
  const user = page.user;
  $('user').textContent = user ? `${user.username} (${user.role})` : '';
  $('signout').hidden = !user;
  $('review-nav').hidden = !user;
  if (user) {
    page.form!.setLanguages((await loadLanguages()) as Language[]);
    await loadTaskFilter().catch(() => {});
  }
  await route();
  document.body.dataset.ready = 'true';
}

function bind(): void {
  for (const b of document.querySelectorAll<HTMLElement>('nav button')) {
    b.onclick = () => { if (location.hash.slice(1) === b.dataset.view) route(); else location.hash = b.dataset.view ?? ''; };
  }
  $('queue-filters').onsubmit = (e: SubmitEvent) => { e.preventDefault(); loadQueue(); };
  $('queue-status').onchange = loadQueue;
  $('queue-task').onchange = loadQueue;
  $('signin-form').onsubmit = signIn;
  $('signout').onclick = signOut;
  page.form = new TaskForm(async (t) => { if (location.hash === `#task=${t.id}`) await route(); else location.hash = `task=${t.id}`; });
  window.addEventListener('hashchange', route);
}

export async function startReview(): Promise<void> {
  initTheme($('theme'));
  bind();
  page.user = await loadSession();
  await ready();
}
