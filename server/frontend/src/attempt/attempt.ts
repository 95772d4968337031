// The learner's side of review: opening a task link, the attempt bar (run tests, submit, submissions,
// comments) and the notification bell. Everything from the server is inserted as text, except a task's
// statementHtml, which the server renders from Markdown with raw HTML escaped and unsafe URLs removed.
import { $, el, when } from '../shared/dom';
import { api } from '../shared/api';
import { flushSaves, openProject } from '../playground/projects';
import { state } from '../playground/state';

const params = new URLSearchParams(location.search);
const VERDICT_OK = new Set(['accepted', 'approved']);
const review: any = { attempt: null, task: null, projectId: null, checking: false, lastUser: undefined };
(window as any).sandlotReview = review; // for the browser tests

// ------------------------------------------------------------ header: review link and notifications

function header() {
  const anchor = $('user');
  const link = el('a', { id: 'review-link', href: '/review.html', class: 'link', hidden: '' }, 'Review');
  const bell = el('button', { id: 'notifications', title: 'Notifications', hidden: '', 'aria-haspopup': 'true' }, 'Inbox ');
  bell.append(el('span', { id: 'notification-count' }, '0'));
  const list = el('div', { id: 'notification-list', class: 'popover', hidden: '', role: 'dialog', 'aria-label': 'Notifications' });
  anchor.before(link, bell);
  document.body.append(list);
  bell.onclick = () => { list.hidden = !list.hidden; if (!list.hidden) loadNotifications(); };
}

async function loadNotifications() {
  if (!state.user) return;
  let data;
  try { data = (await api('GET', '/api/v1/notifications')).data; } catch (e) { return; }
  $('notification-count').textContent = String(data.unread);
  $('notifications').classList.toggle('unread', data.unread > 0);
  const list = $('notification-list'); list.textContent = '';
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

// ------------------------------------------------------------ the task panel and attempt bar

function panel() {
  let p = $('attempt-bar');
  if (p) return p;
  p = el('section', { id: 'attempt-bar', 'aria-label': 'Task' });
  $('right').prepend(p);
  return p;
}

function hidePanel() { const p = $('attempt-bar'); if (p) p.remove(); review.attempt = null; review.task = null; }

function statement(task, open) {
  const box = el('details', { class: 'statement' });
  if (open) box.open = true;
  box.append(el('summary', {}, 'Statement'));
  const body = el('div', { class: 'markdown' });
  body.innerHTML = task.statementHtml; // rendered and sanitised by the server
  box.append(body);
  return box;
}

/** A link was opened: show the task, and start the attempt once signed in. */
async function openLink(token) {
  const p = panel(); p.textContent = '';
  let preview;
  try { preview = (await api('GET', `/api/v1/tasks/by-link/${encodeURIComponent(token)}`)).data; } catch (e) {
    p.append(el('p', { class: 'error', id: 'attempt-error' }, `This task link cannot be opened: ${e.message}`));
    return;
  }
  p.append(el('h2', {}, `Task: ${preview.title}`), statement(preview, true));
  p.append(el('p', { class: 'hint' }, `${preview.language} · ${preview.visibleTests} visible and ${preview.hiddenTests} hidden tests`
    + (preview.timeLimitMinutes ? ` · ${preview.timeLimitMinutes} minutes once started` : '') + ` · from ${preview.owner}`));
  const start = async () => {
    try {
      const { data } = await api('POST', `/api/v1/tasks/by-link/${encodeURIComponent(token)}/attempts`);
      history.replaceState(null, '', `/?attempt=${data.id}`);
      await openAttempt(data.id);
    } catch (e) { p.append(el('p', { class: 'error' }, e.message)); }
  };
  if (state.user) { await start(); return; }
  p.append(el('p', { id: 'attempt-signin' }, 'Sign in, or create an account, to start this task.'));
  $('dlg-auth').showModal();
  const wait = setInterval(() => { if (state.user) { clearInterval(wait); start(); } }, 300);
}

async function openAttempt(id) {
  const { data: attempt } = await api('GET', `/api/v1/attempts/${id}`);
  if (attempt.projectId && (!state.project || state.project.id !== attempt.projectId)) {
    await openProject(attempt.projectId);
  }
  await showAttempt(attempt);
}

async function showAttempt(attempt) {
  const { data: task } = await api('GET', `/api/v1/tasks/${attempt.taskId}`);
  review.attempt = attempt; review.task = task; review.projectId = attempt.projectId;
  const p = panel(); p.textContent = '';
  p.dataset.attempt = attempt.id;
  const box = statement(task, false);
  for (const t of task.tests) {
    box.append(el('h3', {}, `${t.name}: input`), el('pre', {}, t.stdin || '(none)'), el('h3', {}, 'expected output'), el('pre', {}, t.expectedStdout));
  }
  p.append(el('h2', {}, `Task: ${task.title}`), box);
  const facts = [`${task.visibleTests} visible and ${task.hiddenTests} hidden tests`];
  if (attempt.deadlineAt) facts.push(`${attempt.closed ? 'closed' : 'open until'} ${when(attempt.deadlineAt)}`);
  p.append(el('p', { class: 'hint' }, facts.join(' · ')));
  const run = el('button', { id: 'attempt-run-tests', onclick: runTests }, 'Run tests');
  const message = el('input', { id: 'attempt-message', placeholder: 'Message for the reviewer', 'aria-label': 'Submission message' });
  const submit = el('button', { id: 'attempt-submit', class: 'primary', onclick: submitAttempt }, 'Submit');
  if (attempt.closed) { run.disabled = true; submit.disabled = true; }
  p.append(el('div', { class: 'row' }, run, message, submit));
  p.append(el('div', { id: 'attempt-results', 'aria-live': 'polite' }));
  p.append(el('div', { id: 'attempt-submissions' }));
  await loadSubmissions();
  loadNotifications();
}

/** Saves pending edits and waits until the server has them, so the tests run what is on screen. */
async function saved() {
  flushSaves();
  for (let i = 0; i < 100; i++) {
    const busy = [...state.files.values()].some((f) => f.dirty || f.saving);
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 100));
    flushSaves();
  }
}

function verdictLine(r) {
  const li = el('li', { class: 'case' });
  li.append(el('span', { class: `verdict ${VERDICT_OK.has(r.verdict) ? 'ok' : 'bad'}` }, r.verdict), ` ${r.name}`);
  if (r.hidden) li.append(el('small', {}, ' (hidden)'));
  li.append(el('small', {}, ` · ${r.wallTimeMs} ms`));
  if (r.diff) li.append(el('pre', { class: 'diff' }, r.diff));
  else if (r.verdict !== 'accepted' && r.stderr) li.append(el('pre', { class: 'stderr' }, r.stderr.slice(0, 4000)));
  return li;
}

async function runTests() {
  const box = $('attempt-results');
  box.textContent = 'Running the visible tests…';
  $('attempt-run-tests').disabled = true;
  try {
    await saved();
    const { data } = await api('POST', `/api/v1/attempts/${review.attempt.id}/test-runs`);
    box.textContent = '';
    box.append(el('h3', {}, `Tests: ${data.passed} of ${data.total} passed`));
    const list = el('ul', { class: 'list cases' });
    data.results.forEach((r) => list.append(verdictLine(r)));
    box.append(list);
  } catch (e) {
    box.textContent = ''; box.append(el('p', { class: 'error' }, e.message));
  } finally { $('attempt-run-tests').disabled = false; }
}

async function submitAttempt() {
  const box = $('attempt-results');
  $('attempt-submit').disabled = true;
  box.textContent = 'Submitting and running every test…';
  try {
    await saved();
    const { data } = await api('POST', '/api/v1/submissions', { attemptId: review.attempt.id, message: $('attempt-message').value });
    $('attempt-message').value = '';
    box.textContent = '';
    box.append(el('p', { id: 'attempt-submitted' }, `Submitted #${data.number}.`));
    await loadSubmissions();
  } catch (e) {
    box.textContent = ''; box.append(el('p', { class: 'error' }, e.message));
  } finally { $('attempt-submit').disabled = review.attempt.closed; }
}

async function loadSubmissions() {
  const box = $('attempt-submissions');
  if (!box) return;
  const { data } = await api('GET', `/api/v1/attempts/${review.attempt.id}/submissions`);
  box.textContent = '';
  if (!data.length) return;
  box.append(el('h3', {}, 'Submissions'));
  const list = el('ul', { class: 'list submissions' });
  for (const s of data) {
    const li = el('li', { class: 'submission', 'data-number': String(s.number) });
    li.append(el('strong', {}, `#${s.number} `), el('span', { class: `state ${s.status}` }, s.status.replace('_', ' ')),
      ` · ${s.visiblePassed}/${s.visibleTotal} visible, ${s.hiddenPassed}/${s.hiddenTotal} hidden passed`);
    if (s.message) li.append(el('div', { class: 'hint' }, `“${s.message}”`));
    if (s.decisionComment) li.append(el('div', { class: 'decision' }, `${s.decidedBy}: ${s.decisionComment}`));
    list.append(li);
  }
  box.append(list);
  await loadComments(data[0]);
}

async function loadComments(submission) {
  const box = $('attempt-submissions');
  const { data: full } = await api('GET', `/api/v1/submissions/${submission.id}`);
  const { data: comments } = await api('GET', `/api/v1/submissions/${submission.id}/comments`);
  const results = el('ul', { class: 'list cases' });
  full.results.forEach((r) => results.append(verdictLine(r)));
  box.append(el('h3', {}, `#${submission.number}: visible tests`), results);
  const section = el('div', { id: 'attempt-comments' });
  section.append(el('h3', {}, `Comments on #${submission.number}`));
  const files = new Map(full.files.map((f) => [f.path, f.content.split('\n')]));
  for (const c of comments.filter((x) => !x.parentId)) {
    const thread = el('div', { class: `thread${c.resolved ? ' resolved' : ''}`, 'data-comment': String(c.id) });
    if (c.path) {
      thread.append(el('div', { class: 'anchor' }, `${c.path}:${c.line}`));
      const line = (files.get(c.path) || [])[c.line - 1];
      if (line !== undefined) thread.append(el('pre', { class: 'quoted' }, line));
    }
    for (const m of [c, ...comments.filter((x) => x.parentId === c.id)]) {
      thread.append(el('p', { class: 'comment' }, el('strong', {}, m.author + ': '), m.body, el('small', {}, ' · ' + when(m.createdAt))));
    }
    if (c.resolved) thread.append(el('small', { class: 'hint' }, 'Resolved'));
    const reply = el('input', { placeholder: 'Reply', 'aria-label': 'Reply', class: 'reply' });
    const send = el('button', { onclick: async () => {
      if (!reply.value.trim()) return;
      await api('POST', `/api/v1/submissions/${submission.id}/comments`, { parentId: c.id, body: reply.value });
      loadSubmissions();
    } }, 'Reply');
    thread.append(el('div', { class: 'row' }, reply, send));
    section.append(thread);
  }
  if (!comments.length) section.append(el('p', { class: 'hint' }, 'No comments yet.'));
  box.append(section);
}

// ------------------------------------------------------------ following the page

/** Shows the attempt bar whenever the open project is one of the learner's attempts. */
async function follow() {
  const s = state;
  if (s.user !== review.lastUser) {
    review.lastUser = s.user;
    $('review-link').hidden = !(s.user && (s.user.role === 'reviewer' || s.user.role === 'admin'));
    $('notifications').hidden = !s.user;
    if (s.user) loadNotifications();
    else { hidePanel(); $('notification-list').hidden = true; }
  }
  if (review.checking || !s.user) return;
  const projectId = s.project ? s.project.id : null;
  if (projectId === review.projectId) return;
  review.checking = true;
  try {
    review.projectId = projectId;
    if (!projectId) { if (review.attempt) hidePanel(); return; }
    if (review.attempt && review.attempt.projectId === projectId) return;
    const { data } = await api('GET', `/api/v1/attempts?projectId=${projectId}`);
    if (data.length) await showAttempt(data[0]); else if (review.attempt) hidePanel();
  } catch (e) { /* signed out meanwhile */ } finally { review.checking = false; }
}

export async function initAttempt() {
  header();
  while (document.body.dataset.ready !== 'true') await new Promise((r) => setTimeout(r, 100));
  const token = params.get('task');
  const attempt = params.get('attempt');
  const taskId = params.get('task-id');
  try {
    if (token) await openLink(token);
    else if (attempt && state.user) await openAttempt(attempt);
    else if (taskId && state.user) {
      const { data } = await api('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/attempts`);
      history.replaceState(null, '', `/?attempt=${data.id}`);
      await openAttempt(data.id);
    }
  } catch (e) {
    const p = panel(); p.textContent = ''; p.append(el('p', { class: 'error', id: 'attempt-error' }, e.message));
  }
  setInterval(follow, 500);
  setInterval(loadNotifications, 15000);
}

