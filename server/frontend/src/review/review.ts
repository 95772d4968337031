// The review page: the queue, tasks (create, share, assign, watch attempts), and a submission's results,
// diff (Monaco's diff editor), line comments and decision. Server text is inserted as text, except a
// task's statementHtml, which the server renders from Markdown with raw HTML escaped and URLs sanitised.
import { $, el, when } from '../shared/dom';
import { call, loadSession } from '../shared/api';
import { initTheme, isDark } from '../shared/theme';
import { monaco } from '../shared/monaco';
import * as X from '../shared/xterm';

const VIEWS = ['signin', 'queue', 'tasks', 'task', 'new', 'submission'];
const EXT = { py: 'python', js: 'javascript', ts: 'typescript', c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp', rs: 'rust', go: 'go',
  java: 'java', sh: 'shell', pl: 'perl', md: 'markdown', json: 'json' };
const page: any = { user: null, csrf: null, languages: [], monaco: undefined, diffEditor: null, diff: null, submission: null, file: null, editing: null };
(window as any).sandlotReviewPage = page; // for the browser tests

const api = (method: string, path: string, body?: unknown) => call(method, path, body);

const stateLabel = (s) => s.replace('_', ' ');

function show(view) {
  for (const v of VIEWS) $(`${v}-view`).hidden = v !== view;
  for (const b of document.querySelectorAll<HTMLElement>('nav button')) b.setAttribute('aria-current', String(b.dataset.view === view));
}

function failure(box, e) { box.append(el('p', { class: 'error' }, e.message)); }

// ------------------------------------------------------------------ monaco

async function loadMonaco() {
  if (page.monaco !== undefined) return page.monaco;
  page.monaco = monaco;
  return page.monaco;
}


// ------------------------------------------------------------------ routing

async function route() {
  if (!page.user) { show('signin'); return; }
  const hash = location.hash.slice(1);
  const [name, id] = hash.split('=');
  try {
    if (name === 'submission' && id) await openSubmission(Number(id));
    else if (name === 'task' && id) await openTask(Number(id));
    else if (name === 'tasks') await loadTasks();
    else if (name === 'new') { resetTaskForm(); show('new'); }
    else await loadQueue();
  } catch (e) {
    const box = $('task-view'); box.textContent = ''; failure(box, e); show('task');
  }
  document.body.dataset.view = name || 'queue';
}

// ------------------------------------------------------------------ queue

async function loadQueue() {
  show('queue');
  const q = new URLSearchParams({ status: $('queue-status').value });
  if ($('queue-task').value) q.set('taskId', $('queue-task').value);
  if ($('queue-learner').value.trim()) q.set('learner', $('queue-learner').value.trim());
  const rows = await api('GET', `/api/v1/submissions?${q}`);
  const body = $('queue'); body.textContent = '';
  for (const s of rows) {
    const tr = el('tr', { class: 'clickable', 'data-submission': String(s.id), tabindex: '0' },
      el('td', {}, when(s.createdAt)), el('td', {}, s.taskTitle), el('td', {}, s.learner), el('td', {}, `#${s.number}`),
      el('td', {}, el('span', { class: `state ${s.status}` }, stateLabel(s.status))),
      el('td', {}, `${s.visiblePassed + s.hiddenPassed}/${s.visibleTotal + s.hiddenTotal}`));
    tr.onclick = () => { location.hash = `submission=${s.id}`; };
    tr.onkeydown = (e) => { if (e.key === 'Enter') tr.click(); };
    body.append(tr);
  }
  $('queue-empty').hidden = rows.length > 0;
}

async function loadTaskFilter() {
  const tasks = await api('GET', '/api/v1/tasks');
  const select = $('queue-task');
  const current = select.value;
  select.length = 1;
  for (const t of tasks.filter((x) => x.canManage)) select.add(new Option(t.title, String(t.id)));
  select.value = current;
  return tasks;
}

// ------------------------------------------------------------------ tasks

async function loadTasks() {
  show('tasks');
  const tasks = await loadTaskFilter();
  const body = $('tasks'); body.textContent = '';
  for (const t of tasks) {
    const tr = el('tr', { class: 'clickable', 'data-task': String(t.id), tabindex: '0' }, el('td', {}, t.title), el('td', {}, t.language),
      el('td', {}, `${t.visibleTests} visible, ${t.hiddenTests} hidden`), el('td', {}, t.owner), el('td', {}, when(t.createdAt)));
    tr.onclick = () => { location.hash = `task=${t.id}`; };
    body.append(tr);
  }
  if (!tasks.length) body.append(el('tr', {}, el('td', { colspan: '5', class: 'hint' }, 'No tasks yet: “New task” creates one.')));
}

async function openTask(id) {
  const t = await api('GET', `/api/v1/tasks/${id}`);
  const box = $('task-view'); box.textContent = '';
  show('task');
  box.append(el('h2', {}, t.title), el('p', { class: 'hint' }, `${t.language} · by ${t.owner} · ${t.maxAttempts} attempt(s) per learner`
    + (t.timeLimitMinutes ? ` · ${t.timeLimitMinutes} minutes per attempt` : '')));
  const statement = el('div', { class: 'markdown', id: 'task-statement' });
  statement.innerHTML = t.statementHtml; // rendered and sanitised by the server
  box.append(statement);

  const tests = el('table', { class: 'grid', 'aria-label': 'Test cases' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Test'), el('th', {}, 'Input'), el('th', {}, 'Expected output'), el('th', {}, 'Limits'))));
  const tb = el('tbody');
  for (const c of t.tests) {
    tb.append(el('tr', {}, el('td', {}, c.name + (c.hidden ? ' (hidden)' : '')), el('td', {}, el('pre', {}, c.stdin)),
      el('td', {}, el('pre', {}, c.expectedStdout)),
      el('td', {}, [c.timeLimitMs ? `${c.timeLimitMs} ms` : '', c.memoryMb ? `${c.memoryMb} MB` : ''].filter(Boolean).join(', ') || 'defaults')));
  }
  tests.append(tb);
  box.append(el('h3', {}, 'Test cases'), tests);
  if (!t.canManage) return;
  const actions = el('div', { class: 'row' });
  actions.append(el('button', { id: 'task-edit', onclick: () => editTask(t) }, 'Edit'),
    el('button', { id: 'task-delete', onclick: async () => {
      if (!confirm(`Delete “${t.title}”? Its share link stops working; attempts and submissions are kept.`)) return;
      try { await api('DELETE', `/api/v1/tasks/${t.id}`); location.hash = 'tasks'; } catch (e) { failure(box, e); }
    } }, 'Delete'));
  box.insertBefore(actions, statement);

  // Sharing: the link, assignment, other reviewers.
  const linkBox = el('div', { id: 'task-link-box' });
  if (t.link) {
    const url = new URL(t.link.url, location.origin).href;
    linkBox.append(el('p', {}, 'Share this link: ', el('a', { id: 'task-link', class: 'link-box', href: url }, url)));
    if (t.link.expiresAt) linkBox.append(el('p', { class: t.link.expired ? 'error' : 'hint' }, `${t.link.expired ? 'Expired' : 'Expires'} ${when(t.link.expiresAt)}`));
  } else {
    linkBox.append(el('p', { class: 'hint' }, 'No share link yet.'));
  }
  const expiry = el('input', { type: 'datetime-local', id: 'task-link-expiry', 'aria-label': 'Link expiry (optional)' });
  const create = el('button', { id: 'task-link-create', class: 'primary', onclick: async () => {
    try {
      await api('POST', `/api/v1/tasks/${t.id}/link`, { expiresAt: expiry.value ? new Date(expiry.value).toISOString() : null });
      openTask(t.id);
    } catch (e) { failure(linkBox, e); }
  } }, t.link ? 'New link (the old one stops working)' : 'Create share link');
  const revoke = el('button', { id: 'task-link-revoke', onclick: async () => { await api('DELETE', `/api/v1/tasks/${t.id}/link`); openTask(t.id); } }, 'Revoke link');
  revoke.disabled = !t.link;
  linkBox.append(el('div', { class: 'row' }, el('label', {}, 'Expires (optional) ', expiry), create, revoke));
  const who = el('input', { id: 'task-member', placeholder: 'username', 'aria-label': 'Username' });
  const assign = el('button', { id: 'task-assign', onclick: () => member('assignees') }, 'Assign to learner');
  const share = el('button', { id: 'task-share', onclick: () => member('reviewers') }, 'Share with reviewer');
  async function member(kind) {
    try { await api('POST', `/api/v1/tasks/${t.id}/${kind}`, { username: who.value.trim() }); openTask(t.id); } catch (e) { failure(linkBox, e); }
  }
  linkBox.append(el('div', { class: 'row' }, who, assign, share));
  if (t.members.length) linkBox.append(el('p', { class: 'hint' }, 'Members: ' + t.members.map((m) => `${m.username} (${m.role})`).join(', ')));
  box.append(el('h3', {}, 'Sharing'), linkBox);

  // Attempts: open the live files and run history of one.
  const attempts = await api('GET', `/api/v1/tasks/${t.id}/attempts`);
  const list = el('table', { class: 'grid', 'aria-label': 'Attempts' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Learner'), el('th', {}, 'Started'), el('th', {}, 'Submissions'), el('th', {}, 'Latest'), el('th', {}, ''))));
  const ab = el('tbody');
  const live = el('div', { id: 'attempt-live' });
  for (const a of attempts) {
    ab.append(el('tr', {}, el('td', {}, a.learner), el('td', {}, when(a.startedAt) + (a.closed ? ' (closed)' : '')),
      el('td', {}, String(a.submissions)), el('td', {}, a.latestStatus ? stateLabel(a.latestStatus) : '—'),
      el('td', {}, el('button', { class: 'watch', onclick: () => watchAttempt(a, live) }, 'Live files and runs'))));
  }
  list.append(ab);
  box.append(el('h3', {}, 'Attempts'), attempts.length ? list : el('p', { class: 'hint' }, 'Nobody has opened this task yet.'), live);
}

async function watchAttempt(a, box) {
  box.textContent = '';
  const [files, runs] = await Promise.all([api('GET', `/api/v1/attempts/${a.id}/files`), api('GET', `/api/v1/attempts/${a.id}/runs`)]);
  box.append(el('h3', {}, `${a.learner}'s attempt, read-only (as of ${new Date().toLocaleTimeString()})`),
    el('button', { onclick: () => watchAttempt(a, box) }, 'Refresh'));
  const split = el('div', { class: 'split' });
  const filesBox = el('div', { id: 'live-files' });
  for (const f of files) filesBox.append(el('h3', {}, f.path), el('pre', {}, f.content));
  const runsBox = el('ul', { class: 'list', id: 'live-runs' });
  for (const r of runs) runsBox.append(el('li', {}, `${when(r.createdAt)} · ${r.status} · ${r.source} · ${r.wallTimeMs} ms`));
  if (!runs.length) runsBox.append(el('li', { class: 'hint' }, 'No runs yet.'));
  split.append(filesBox, el('div', {}, el('h3', {}, 'Run history'), runsBox));
  box.append(split);
  if (a.projectId) {
    const screen = el('div', { id: 'live-terminal', class: 'live-terminal', hidden: '' });
    const state = el('span', { id: 'live-terminal-state', class: 'hint' });
    box.append(el('h3', {}, 'Terminal'), el('button', { id: 'watch-terminal', onclick: () => watchTerminal(a.projectId, screen, state) },
      'Watch the terminal'), ' ', state, screen);
  }
}

// Read-only: what the candidate's terminal shows, live (the server refuses typing in view mode).
async function watchTerminal(project, screen, state) {
  
  screen.hidden = false; screen.textContent = '';
  const xterm = new X.Terminal({ disableStdin: true, fontSize: 13, scrollback: 5000, theme: X.colors(),
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' });
  xterm.open(screen);
  page.liveTerminal = xterm;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/api/v1/projects/${project}/terminal?mode=view`);
  let greeted = false;
  socket.onmessage = (event) => {
    const m = JSON.parse(event.data);
    if (m.type === 'session') { greeted = true; xterm.resize(m.cols, m.rows); state.textContent = 'Watching, read-only.'; }
    else if (m.type === 'output') X.write(xterm, m);
    else if (m.type === 'exit') state.textContent = m.message;
  };
  socket.onclose = () => { if (!greeted) state.textContent = 'No terminal is running in this attempt right now.'; };
}

// ------------------------------------------------------------------ new task

function addTestRow(values: any = {}) {
  const v = values || {};
  const n = $('nt-tests').children.length + 1;
  const row = el('div', { class: 'test-row' });
  if (v.name) row.dataset.name = v.name;
  const stdin = el('textarea', { class: 'nt-stdin', rows: '3', 'aria-label': `Test ${n} input` });
  const expected = el('textarea', { class: 'nt-expected', rows: '3', 'aria-label': `Test ${n} expected output` });
  stdin.value = v.stdin || ''; expected.value = v.expectedStdout || '';
  const hidden = el('input', { type: 'checkbox', class: 'nt-hidden' });
  hidden.checked = !!v.hidden;
  const time = el('input', { type: 'number', class: 'nt-time', min: '100', placeholder: 'default', 'aria-label': `Test ${n} time limit ms` });
  const memory = el('input', { type: 'number', class: 'nt-memory', min: '16', placeholder: 'default', 'aria-label': `Test ${n} memory MB` });
  time.value = v.timeLimitMs || ''; memory.value = v.memoryMb || '';
  const remove = el('button', { type: 'button', onclick: () => row.remove() }, 'Remove');
  row.append(el('label', {}, `Test ${n} input`, stdin), el('label', {}, 'Expected output', expected),
    el('div', { class: 'opts' }, el('label', {}, hidden, ' hidden (runs only on submit; learners never see it)'),
      el('label', {}, 'time ms ', time), el('label', {}, 'memory MB ', memory), remove));
  $('nt-tests').append(row);
}

async function createTask(e) {
  e.preventDefault();
  $('nt-error').textContent = '';
  const language = $('nt-language').value;
  const lang = page.languages.find((l) => l.id === language);
  const path = $('nt-path').value.trim() || (lang ? lang.fileName : 'main.txt');
  const tests = [...$('nt-tests').children].map((row) => {
    const t: any = { name: row.dataset.name, stdin: row.querySelector('.nt-stdin').value, expectedStdout: row.querySelector('.nt-expected').value,
      hidden: row.querySelector('.nt-hidden').checked };
    if (row.querySelector('.nt-time').value) t.timeLimitMs = Number(row.querySelector('.nt-time').value);
    if (row.querySelector('.nt-memory').value) t.memoryMb = Number(row.querySelector('.nt-memory').value);
    return t;
  });
  const body: any = { title: $('nt-title').value, statement: $('nt-statement').value, language, tests,
    maxAttempts: Number($('nt-attempts').value || 1) };
  // A task with several starter files is edited here without them: the form holds one.
  if (!$('nt-content').disabled) body.starterFiles = [{ path, content: $('nt-content').value }];
  if ($('nt-minutes').value) body.timeLimitMinutes = Number($('nt-minutes').value);
  try {
    const t = page.editing ? await api('PATCH', `/api/v1/tasks/${page.editing}`, body) : await api('POST', '/api/v1/tasks', body);
    resetTaskForm();
    if (location.hash === `#task=${t.id}`) await openTask(t.id); else location.hash = `task=${t.id}`;
  } catch (err) {
    $('nt-error').textContent = err.problem && err.problem.field ? `${err.message}` : err.message;
  }
}

/** The new-task form, filled with the task to change; saving sends PATCH, and test cases replace the old ones. */
function editTask(t) {
  resetTaskForm();
  page.editing = t.id;
  $('nt-heading').textContent = `Edit “${t.title}”`;
  $('nt-create').textContent = 'Save changes';
  $('nt-title').value = t.title; $('nt-statement').value = t.statement; $('nt-language').value = t.language;
  $('nt-minutes').value = t.timeLimitMinutes || ''; $('nt-attempts').value = t.maxAttempts;
  const several = t.starterFiles.length > 1;
  if (t.starterFiles.length) { $('nt-path').value = t.starterFiles[0].path; $('nt-content').value = t.starterFiles[0].content; }
  $('nt-path').disabled = several; $('nt-content').disabled = several;
  if (several) $('nt-content').value = `${t.starterFiles.length} starter files: edit them through the API (PATCH starterFiles).`;
  for (const c of t.tests) addTestRow(c);
  show('new');
}

function resetTaskForm() {
  page.editing = null;
  $('new-task').reset(); $('nt-tests').textContent = ''; $('nt-error').textContent = '';
  $('nt-path').disabled = false; $('nt-content').disabled = false;
  $('nt-heading').textContent = 'New task';
  $('nt-create').textContent = 'Create task';
}

// ------------------------------------------------------------------ a submission

async function openSubmission(id) {
  const s = await api('GET', `/api/v1/submissions/${id}`);
  page.submission = s;
  if (page.diffEditor) { // its element is about to be replaced
    const models = page.diffEditor.getModel();
    page.diffEditor.dispose(); page.diffEditor = null;
    if (models) { models.original.dispose(); models.modified.dispose(); }
  }
  const box = $('submission-view'); box.textContent = '';
  show('submission');
  box.dataset.submission = String(s.id);
  box.append(el('h2', {}, `${s.taskTitle} · ${s.learner} · submission #${s.number} `,
    el('span', { class: `state ${s.status}`, id: 'submission-status' }, stateLabel(s.status))));
  box.append(el('p', { class: 'hint' }, `Submitted ${when(s.createdAt)}` + (s.message ? ` · “${s.message}”` : '')));
  if (s.decisionComment || s.decidedBy) box.append(el('p', { class: 'decision' }, `${s.decidedBy}: ${s.decisionComment || stateLabel(s.status)}`));

  const results = el('ul', { class: 'list cases', id: 'submission-results' });
  for (const r of s.results) {
    const li = el('li', { class: 'case' }, el('span', { class: `verdict ${r.verdict === 'accepted' ? 'ok' : 'bad'}` }, r.verdict),
      ` ${r.name}${r.hidden ? ' (hidden)' : ''}`, el('small', {}, ` · ${r.wallTimeMs} ms`));
    if (r.diff) li.append(el('pre', { class: 'diff' }, r.diff));
    else if (r.verdict !== 'accepted' && r.stderr) li.append(el('pre', { class: 'stderr' }, r.stderr.slice(0, 4000)));
    results.append(li);
  }
  box.append(el('h3', {}, `Tests: ${s.visiblePassed + s.hiddenPassed} of ${s.visibleTotal + s.hiddenTotal} passed`), results);

  // The diff: against the starter, the previous submission, or any other submission of the attempt.
  const against = el('select', { id: 'diff-against', 'aria-label': 'Compare with' }, new Option('the starter files', 'starter'));
  if (s.number > 1) against.add(new Option(`the previous submission (#${s.number - 1})`, 'previous'));
  const others = await api('GET', `/api/v1/attempts/${s.attemptId}/submissions`);
  for (const o of others) if (o.id !== s.id && o.number !== s.number - 1) against.add(new Option(`submission #${o.number}`, String(o.id)));
  const unifiedToggle = el('label', {}, el('input', { type: 'checkbox', id: 'diff-unified-toggle' }), ' unified');
  box.append(el('h3', {}, 'Changes'), el('div', { class: 'row' }, el('label', {}, 'Compare with ', against), unifiedToggle,
    el('a', { href: '#', id: 'open-live', onclick: async (e) => { e.preventDefault(); location.hash = `task=${s.taskId}`; } }, 'Task and live attempts')));
  box.append(el('div', { id: 'diff-summary', class: 'hint' }), el('div', { id: 'diff-files' }),
    el('div', { id: 'diff-editor' }), el('pre', { id: 'diff-unified', hidden: '' }));
  against.onchange = () => loadDiff(s, against.value);
  $('diff-unified-toggle').onchange = () => showFile(page.file);

  // Comments and the decision.
  box.append(el('h3', {}, 'Comments'), el('div', { id: 'comments' }));
  const path = el('select', { id: 'comment-path', 'aria-label': 'File' }, new Option('General comment', ''));
  for (const f of s.files) path.add(new Option(f.path, f.path));
  const line = el('input', { id: 'comment-line', type: 'number', min: '1', placeholder: 'line', 'aria-label': 'Line', style: 'width:6rem;min-width:0' });
  const text = el('textarea', { id: 'comment-body', rows: '3', 'aria-label': 'Comment' });
  const add = el('button', { id: 'comment-add', onclick: async () => {
    const body: any = { body: text.value };
    if (path.value) { body.path = path.value; body.line = Number(line.value); }
    try { await api('POST', `/api/v1/submissions/${s.id}/comments`, body); text.value = ''; loadComments(s); } catch (e) { failure($('comments'), e); }
  } }, 'Comment');
  box.append(el('p', { class: 'hint' }, 'Click a line in the right-hand side of the diff to comment on it.'),
    el('div', { class: 'row' }, path, line), text, el('div', { class: 'row' }, add));

  const decision = el('div', { id: 'decision' });
  const comment = el('textarea', { id: 'decision-comment', rows: '3', 'aria-label': 'Decision comment', placeholder: 'Why (required to request changes or reject)' });
  const decide = (what) => async () => {
    try { await api('POST', `/api/v1/submissions/${s.id}/decision`, { decision: what, comment: comment.value }); openSubmission(s.id); } catch (e) { failure(decision, e); }
  };
  const buttons = [el('button', { id: 'decide-approve', class: 'primary', onclick: decide('approved') }, 'Approve'),
    el('button', { id: 'decide-changes', onclick: decide('changes_requested') }, 'Request changes'),
    el('button', { id: 'decide-reject', onclick: decide('rejected') }, 'Reject')];
  if (s.status !== 'submitted') buttons.forEach((b) => { b.disabled = true; });
  decision.append(comment, el('div', { class: 'row' }, ...buttons));
  if (page.user.role !== 'learner') box.append(el('h3', {}, 'Decision'), decision); // learners cannot decide

  await Promise.all([loadDiff(s, s.number > 1 ? 'previous' : 'starter'), loadComments(s)]);
  against.value = s.number > 1 ? 'previous' : 'starter';
}

async function loadDiff(s, against) {
  const d = await api('GET', `/api/v1/submissions/${s.id}/diff?against=${encodeURIComponent(against)}`);
  page.diff = d;
  const base = d.against === 'starter' ? 'the starter files' : `submission #${d.baseNumber}`;
  $('diff-summary').textContent = `Against ${base}: ${d.modified} modified, ${d.added} added, ${d.removed} removed, ${d.renamed} renamed.`;
  const files = $('diff-files'); files.textContent = '';
  for (const f of d.files) {
    const b = el('button', { 'data-path': f.path }, f.path + ' ', el('span', { class: `badge ${f.status}` },
      f.status === 'renamed' ? `renamed from ${f.oldPath}` : f.status));
    b.onclick = () => showFile(f);
    files.append(b);
  }
  showFile(d.files.find((f) => f.status !== 'unchanged') || d.files[0]);
}

async function showFile(f) {
  page.file = f;
  if (!f) return;
  for (const b of $('diff-files').children) b.setAttribute('aria-current', String(b.dataset.path === f.path));
  $('comment-path').value = $('comment-path').querySelector(`option[value="${CSS.escape(f.path)}"]`) ? f.path : '';
  const unified = $('diff-unified');
  unified.textContent = f.unified || (f.status === 'unchanged' ? '(no changes)' : '');
  // Monaco's diff editor, unless asked for the unified text or the file is too large to show smoothly.
  const big = f.oldText.length + f.newText.length > 2_000_000;
  const m = $('diff-unified-toggle').checked || big ? null : await loadMonaco();
  unified.hidden = !!m;
  $('diff-editor').hidden = !m;
  if (!m) return;
  const lang = EXT[f.path.split('.').pop()] || 'plaintext';
  if (!page.diffEditor) {
    page.diffEditor = m.editor.createDiffEditor($('diff-editor'), { readOnly: true, automaticLayout: true, renderSideBySide: true,
      theme: isDark() ? 'vs-dark' : 'vs', minimap: { enabled: false }, maxComputationTime: 3000, maxFileSize: 50, scrollBeyondLastLine: false });
    page.diffEditor.getModifiedEditor().onMouseDown((e) => {
      if (!e.target.position || !page.file || page.file.status === 'removed') return;
      $('comment-path').value = page.file.path; $('comment-line').value = String(e.target.position.lineNumber);
      $('comment-body').focus();
    });
  }
  const old = page.diffEditor.getModel();
  page.diffEditor.setModel({ original: m.editor.createModel(f.oldText, lang), modified: m.editor.createModel(f.newText, lang) });
  if (old) { old.original.dispose(); old.modified.dispose(); }
}

async function loadComments(s) {
  const box = $('comments');
  const comments = await api('GET', `/api/v1/submissions/${s.id}/comments`);
  box.textContent = '';
  const lines = new Map(s.files.map((f) => [f.path, f.content.split('\n')]));
  for (const c of comments.filter((x) => !x.parentId)) {
    const thread = el('div', { class: `thread${c.resolved ? ' resolved' : ''}`, 'data-comment': String(c.id) });
    if (c.path) {
      thread.append(el('div', { class: 'anchor' }, `${c.path}:${c.line}`));
      const text = (lines.get(c.path) || [])[c.line - 1];
      if (text !== undefined) thread.append(el('pre', { class: 'quoted' }, text));
    }
    for (const m of [c, ...comments.filter((x) => x.parentId === c.id)]) {
      thread.append(el('p', { class: 'comment' }, el('strong', {}, `${m.author}: `), m.body, el('small', {}, ` · ${when(m.createdAt)}`)));
    }
    const reply = el('input', { class: 'reply', placeholder: 'Reply', 'aria-label': 'Reply' });
    const send = el('button', { onclick: async () => {
      if (!reply.value.trim()) return;
      await api('POST', `/api/v1/submissions/${s.id}/comments`, { parentId: c.id, body: reply.value }); loadComments(s);
    } }, 'Reply');
    const resolve = el('button', { class: 'resolve', onclick: async () => {
      await api('PATCH', `/api/v1/submissions/${s.id}/comments/${c.id}`, { resolved: !c.resolved }); loadComments(s);
    } }, c.resolved ? 'Reopen' : 'Resolve');
    thread.append(el('div', { class: 'row' }, reply, send, resolve));
    box.append(thread);
  }
  if (!comments.length) box.append(el('p', { class: 'hint' }, 'No comments yet.'));
}

// ------------------------------------------------------------------ start

async function signIn(e) {
  e.preventDefault();
  $('si-error').textContent = '';
  try {
    const data = await api('POST', '/api/v1/auth/login', { username: $('si-username').value.trim(), password: $('si-password').value });
    page.csrf = { headerName: data.csrfHeader, token: data.csrfToken };
    page.user = data.user;
    await ready();
  } catch (err) { $('si-error').textContent = err.message; }
}

async function ready() {
  $('user').textContent = page.user ? `${page.user.username} (${page.user.role})` : '';
  if (page.user) {
    page.languages = await api('GET', '/api/v1/languages');
    const select = $('nt-language'); select.length = 0;
    for (const l of page.languages) if (!select.querySelector(`option[value="${l.id}"]`)) select.add(new Option(`${l.name}`, l.id));
    await loadTaskFilter().catch(() => {});
  }
  await route();
  document.body.dataset.ready = 'true';
}

export async function startReview() {
  initTheme($('theme'));
  bind();
  await start();
}

async function start() {
  page.user = await loadSession();
  await ready();
}

function bind() {
  for (const b of document.querySelectorAll<HTMLElement>('nav button')) {
    b.onclick = () => { if (location.hash.slice(1) === b.dataset.view) route(); else location.hash = b.dataset.view ?? ''; };
  }
  $('queue-refresh').onclick = loadQueue;
  $('queue-status').onchange = loadQueue;
  $('queue-task').onchange = loadQueue;
  $('nt-add-test').onclick = () => addTestRow();
  $('new-task').onsubmit = createTask;
  $('signin-form').onsubmit = signIn;
  window.addEventListener('hashchange', route);
}
