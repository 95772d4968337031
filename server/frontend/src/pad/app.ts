// The pad page (/pads/{id}): a live interview. The header (title, live or ended, the timer, who is
// here, End interview), the file tree and the editor on the shared document, shared runs and the
// terminal, the interviewers' panel, and after the end the review link, the scorecard and playback.
import { $, el } from '../shared/dom';
import { ApiError, call, loadSession } from '../shared/api';
import { initTheme } from '../shared/theme';
import { monaco } from '../shared/monaco';
import { messageOf, signInForm } from '../account/signin-form';
import { confirmDialog } from './dialog';
import { SharedEditor } from './editor';
import { FileTree } from './files';
import { PlaybackView } from './playback';
import { Presence } from './presence';
import { PadSocket, type Connection } from './provider';
import { SharedRun } from './run';
import { showScorecard } from './scorecard';
import { SidePanel, linkUrl, usable } from './side';
import { PadTerminal } from './terminal';
import { isInterviewer, type PadView, type Person } from './types';

const PANES = ['code', 'run', 'files', 'people', 'notes'] as const;

const ERRORS: Record<string, string> = {
  'read-only': 'The pad is read-only: the interview has ended, so edits are no longer saved.',
  'foreign-client': 'The server refused an edit from this browser (it claimed to come from someone else).',
  'too-large': 'That edit was too large for the pad.',
  malformed: 'The server refused an edit from this browser as malformed.',
  'rate-limited': 'Too many edits too fast: the server cut the connection.',
  'run-in-progress': 'A run is in progress: wait for it to finish, or Stop it.',
};

/** Refusals of an edit the server did not take: this browser's document has it, nobody else's does. */
const DIVERGING = new Set(['too-large', 'foreign-client', 'malformed', 'read-only']);

/** "That paste was too large…", with the cap the server named. */
function tooLarge(detail: unknown): string {
  const text = typeof detail === 'string' ? detail : '';
  const file = /\((\d+) bytes a file/.exec(text)?.[1];
  const message = /at most (\d+) bytes/.exec(text)?.[1];
  if (file) return `That edit was too large for the pad (a file may hold at most ${size(Number(file))}).`;
  if (message) return `That edit was too large to send at once (at most ${size(Number(message))}).`;
  return ERRORS['too-large'];
}

function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${+(bytes / (1 << 20)).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

interface Page {
  pad: PadView; socket: PadSocket; editor: SharedEditor; tree: FileTree; run: SharedRun; presence: Presence;
  terminal: PadTerminal; side: SidePanel | null; playback: PlaybackView | null;
}

let page: Page | null = null;
/** The server said this browser is signed out (after a restart, sessions may be gone). */
let signedOut = false;
(window as any).sandlotPad = { get page() { return page; } };

export async function startPad(): Promise<void> {
  // Monaco cancels its pending work (tokens, highlights) when a model is swapped out, as playback does
  // at every file change, and one of those cancellations escapes uncaught: it is not a failure.
  const canceled = (x: unknown) => x instanceof Error && x.name === 'Canceled' && x.message === 'Canceled';
  addEventListener('error', (e) => { if (canceled(e.error)) e.preventDefault(); });
  addEventListener('unhandledrejection', (e) => { if (canceled(e.reason)) e.preventDefault(); });
  initTheme($('theme'));
  initPanes();
  const id = Number(/^\/pads\/(\d+)/.exec(location.pathname)?.[1]);
  const user = await loadSession();
  if (!user) { gate('Sign in to join this interview', true); return; }
  let pad: PadView;
  try { pad = await call<PadView>('GET', `/api/v1/pads/${id}`); } catch (e) {
    gate(e instanceof ApiError && e.status === 404 ? 'This interview does not exist, or you are not in it. Ask for a link.' : messageOf(e), false);
    return;
  }
  open(pad);
  document.body.dataset.ready = 'true';
}

function gate(text: string, signIn: boolean): void {
  document.body.classList.add('gated');
  const box = $('pad-gate') as HTMLElement;
  box.hidden = false;
  box.replaceChildren(el('h2', {}, text));
  if (signIn) box.append(signInForm(() => location.reload()));
  document.body.dataset.ready = 'true';
}

function open(pad: PadView): void {
  const run = new SharedRun((m) => page!.socket.send(m));
  const terminal = new PadTerminal(pad.projectId, $('pad-terminal'), $('pad-terminal-state'),
    () => shellSeen(), (on) => { shellStarted = on; page?.socket.awareness.setLocalStateField('terminal', on); });
  page = { pad, run, terminal, side: null, playback: null } as unknown as Page;
  Object.assign(page, live(pad));
  $('pad-end').onclick = () => endInterview();
  $('pad-error-close').onclick = () => { $('pad-error').hidden = true; };
  $('pad-playback-open').onclick = () => openPlayback();
  $('pad-copy-link').onclick = () => copyCandidateLink();
  $('btab-output').onclick = () => bottomTab('output');
  $('btab-terminal').onclick = () => bottomTab('terminal');
  if (isInterviewer(pad.you)) {
    page.side = new SidePanel(pad, (p) => showPad(p));
    $('pad-side').hidden = false; $('tab-notes').hidden = false;
    document.body.classList.add('interviewer');
  }
  setInterval(showTimer, 1000);
  showPad(pad);
  connection('connecting', null);
  page.socket.connect();
  if (location.hash === '#links' && page.side) $('pad-links-title').scrollIntoView();
}

/** This browser has started the pad's shell (told to the others, so a watcher knows there is one). */
let shellStarted = false;

/** Whether someone else in the pad says they started the pad's shell. */
function shellSeen(): boolean {
  const p = page;
  if (!p?.socket) return false;
  let seen = false;
  p.socket.awareness.getStates().forEach((s, client) => { if (client !== p.socket.doc.clientID && s.terminal === true) seen = true; });
  return seen;
}

/** The parts on the shared document: the socket, the file tree, the editor and who is here. */
function live(pad: PadView): Pick<Page, 'socket' | 'editor' | 'tree' | 'presence'> {
  const socket = new PadSocket(pad.id, {
    message: (m) => receive(m), state: (s, detail) => connection(s, detail), synced: () => synced(),
  }, () => explainRefusal(pad.id));
  const tree = new FileTree(socket.doc, $('pad-files'), $('pad-files-error'), () => page?.editor.active ?? null, (p) => page?.editor.open(p));
  const editor = new SharedEditor($('pad-editor'), socket.doc, socket.awareness, tree.files);
  editor.onOpen((path) => { $('pad-file-name').textContent = path ?? 'No file open'; tree.render(); });
  const presence = new Presence(socket.awareness, () => page!.pad.you, (who) => follow(who));
  socket.awareness.setLocalState({ user: { name: pad.you.name, colour: pad.you.colour, participantId: pad.you.participantId, role: pad.you.role },
    file: null, typing: false, terminal: shellStarted });
  socket.awareness.on('change', () => page?.terminal.othersChanged());
  editor.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => page!.run.start());
  $('pad-new-file').onclick = () => tree.create();
  $('pad-rename-file').onclick = () => tree.rename();
  $('pad-delete-file').onclick = () => tree.remove();
  return { socket, editor, tree, presence };
}

/** When to open this file again after a rebuild (the one that was open). */
let reopen: string | null = null;
let rebuiltAt = 0;

/**
 * The server refused an edit it will never take, but this browser's document has it, and every
 * later edit here builds on it: so this document goes, and a fresh one syncs from the server.
 */
function rebuild(): void {
  const p = page!;
  if (Date.now() - rebuiltAt < 3000) return; // a fresh document refused again: do not loop
  rebuiltAt = Date.now();
  reopen = p.editor.active;
  document.body.dataset.synced = 'false';
  p.editor.dispose();
  p.socket.destroy();
  Object.assign(p, live(p.pad));
  showPad(p.pad);
  connection('connecting', null);
  p.socket.connect();
}

function showPad(pad: PadView): void {
  const p = page!;
  const wasEnded = p.pad.status === 'ended';
  p.pad = { ...p.pad, ...pad, you: pad.you ?? p.pad.you };
  const ended = p.pad.status === 'ended';
  document.title = `Sandlot · ${p.pad.title}`;
  $('pad-title').textContent = p.pad.title;
  $('pad-status').textContent = ended ? 'ended' : 'live';
  $('pad-status').className = `pill ${ended ? 'ended' : 'live'}`;
  $('pad-end').hidden = !isInterviewer(p.pad.you) || ended;
  $('pad-playback-open').hidden = !isInterviewer(p.pad.you);
  // The first thing an interviewer does is send the candidate the link: so it is in the header, and
  // the primary button until a candidate has joined.
  const link = p.pad.links?.candidate;
  const copy = $('pad-copy-link');
  copy.hidden = !isInterviewer(p.pad.you) || ended || !usable(link);
  noteCandidate(p.pad.participants);
  p.presence.setPeople(p.pad.participants ?? []);
  p.side?.show(p.pad);
  p.editor.setReadOnly(ended);
  p.tree.setReadOnly(ended);
  p.run.setEnabled(!ended);
  $('pad-readonly').hidden = !ended;
  showTimer();
  if (ended) showEnded(!wasEnded);
  if (!$('pad-terminal-pane').hidden) p.terminal.show(terminalMode());
}

function terminalMode(): 'control' | 'view' {
  const p = page!.pad;
  if (p.status === 'ended') return 'view';
  return p.you.role === 'candidate' || p.interviewerMayType ? 'control' : 'view';
}

function bottomTab(which: 'output' | 'terminal'): void {
  $('btab-output').setAttribute('aria-selected', String(which === 'output'));
  $('btab-terminal').setAttribute('aria-selected', String(which === 'terminal'));
  $('pad-output-pane').hidden = which !== 'output';
  $('pad-terminal-pane').hidden = which !== 'terminal';
  if (which === 'terminal') page!.terminal.show(terminalMode()); else page!.terminal.hide();
}

/** Once a candidate has joined, copying their link is no longer the primary thing to do. */
function noteCandidate(people: Person[] | undefined): void {
  if ((people ?? []).some((x) => x.role === 'candidate')) $('pad-copy-link').classList.remove('primary');
}

async function copyCandidateLink(): Promise<void> {
  const link = page!.pad.links?.candidate;
  const button = $('pad-copy-link');
  if (!usable(link)) return;
  try {
    await navigator.clipboard.writeText(linkUrl(link));
    button.textContent = 'Copied: send it to the candidate';
  } catch {
    const input = $('pad-link-candidate') as HTMLInputElement;
    input.scrollIntoView({ block: 'center' }); input.focus(); input.select();
    button.textContent = 'Press Ctrl+C to copy';
  }
  setTimeout(() => { button.textContent = 'Copy candidate link'; }, 2500);
}

// ---------------------------------------------------------------- the socket

function receive(m: any): void {
  const p = page!;
  if (p.run.receive(m)) return;
  if (m.type === 'welcome') {
    if (Array.isArray(m.participants)) { p.presence.setOnline(m.participants as Person[]); noteCandidate(m.participants); }
    if (m.pad && typeof m.pad === 'object') mergePad(m.pad);
  } else if (m.type === 'presence' && Array.isArray(m.participants)) {
    p.presence.setOnline(m.participants);
    noteCandidate(m.participants);
  } else if (m.type === 'pad' && m.pad && typeof m.pad === 'object') {
    mergePad(m.pad);
  } else if (m.type === 'error') {
    const message = ERRORS[m.code] ?? (typeof m.message === 'string' ? m.message : 'The server refused something.');
    if (DIVERGING.has(m.code)) {
      showError(`${m.code === 'too-large' ? tooLarge(m.message) : message} Your edit was undone, and the editor shows the pad’s text again.`);
      rebuild();
      return;
    }
    if (m.code === 'run-in-progress') p.run.refused(message);
    else showError(m.code === 'rate-limited' && typeof m.message === 'string' ? `${message} ${m.message}` : message);
  }
}

/** A pad change from the socket: the status, settings and timer; a full view is asked for when it ended. */
function mergePad(change: Partial<PadView>): void {
  const p = page!;
  const next = { ...p.pad, ...change, you: p.pad.you, links: change.links ?? p.pad.links, rubric: change.rubric ?? p.pad.rubric };
  if (change.participants === undefined) next.participants = p.pad.participants;
  showPad(next);
  if (next.status === 'ended' && (next.submissionId == null || change.participants === undefined)) {
    call<PadView>('GET', `/api/v1/pads/${p.pad.id}`).then((full) => showPad(full)).catch(() => {});
  }
}

function connection(state: Connection, detail: string | null): void {
  const box = $('pad-conn');
  box.textContent = state === 'online' ? 'Connected' : state === 'connecting' ? 'Connecting…' : state === 'refused' ? 'Not connected' : 'Reconnecting…';
  box.className = `conn ${state}`;
  document.body.dataset.connection = state;
  const banner = $('pad-banner');
  if (state === 'reconnecting' || state === 'refused') {
    banner.hidden = false;
    banner.className = 'pad-banner warn';
    banner.setAttribute('role', 'status');
    const retry = el('button', { type: 'button', id: 'pad-reconnect' }, 'Reconnect now');
    retry.onclick = () => page!.socket.reconnectNow();
    banner.replaceChildren(el('strong', {}, state === 'refused' ? 'Not connected. ' : 'Reconnecting… '),
      detail ?? '', state === 'reconnecting' ? ' What you type is kept and sent when the connection is back. ' : ' ',
      state === 'reconnecting' ? retry : '');
    if (state === 'refused' && signedOut) {
      banner.append(signInForm(() => { signedOut = false; page!.socket.reconnectNow(); }));
      (banner.querySelector('#signin-username') as HTMLInputElement | null)?.focus();
    }
  } else if (banner.classList.contains('warn')) {
    banner.hidden = true;
    banner.className = 'pad-banner';
  }
}

async function explainRefusal(id: number): Promise<string | null> {
  try { await call('GET', `/api/v1/pads/${id}`); return null; } catch (e) {
    if (!(e instanceof ApiError)) return null; // the server is unreachable: keep trying
    if (e.status === 401) { signedOut = true; return 'You are signed out (the server may have restarted). Sign in to carry on: what you typed is kept.'; }
    if (e.status === 404 || e.status === 403) return 'You are no longer in this interview.';
    return null;
  }
}

function synced(): void {
  const p = page!;
  if (!p.editor.active) p.editor.open(reopen && p.tree.files.has(reopen) ? reopen : p.tree.paths()[0] ?? null);
  reopen = null;
  p.tree.render();
  document.body.dataset.synced = 'true';
}

function showError(text: string): void {
  $('pad-error-text').textContent = text;
  $('pad-error').hidden = false;
}

// ---------------------------------------------------------------- presence and following

function follow(who: number | null): void {
  const p = page!;
  if (who === null) { $('pad-follow-state').textContent = ''; return; }
  const person = p.pad.participants?.find((x) => x.participantId === who);
  const ok = p.editor.follow(p.presence.stateOf(who));
  $('pad-follow-state').textContent = `Following ${person?.name ?? 'someone'}${ok ? '' : ' (no cursor yet)'}`;
}

// ---------------------------------------------------------------- timer

function showTimer(): void {
  const timer = page?.pad.timer;
  const box = $('pad-timer');
  box.hidden = !timer;
  if (!timer) return;
  const left = new Date(timer.startedAt).getTime() + timer.minutes * 60_000 - Date.now();
  const abs = Math.abs(left);
  const clock = `${Math.floor(abs / 60_000)}:${String(Math.floor((abs % 60_000) / 1000)).padStart(2, '0')}`;
  box.textContent = left >= 0 ? `${clock} left` : `Time is up (+${clock})`;
  box.classList.toggle('over', left < 0);
  box.setAttribute('aria-label', `Timer: ${box.textContent}`);
}

// ---------------------------------------------------------------- the end

async function endInterview(): Promise<void> {
  const p = page!;
  if (!(await confirmDialog('End the interview?', 'The pad becomes read-only for everyone, and its files become a submission in the review queue.', 'End interview', true))) return;
  await p.side?.saveNow();
  try {
    const result = await call<{ pad: PadView; submissionId: number }>('POST', `/api/v1/pads/${p.pad.id}/end`);
    showPad({ ...result.pad, submissionId: result.submissionId ?? result.pad.submissionId });
  } catch (e) { showError(messageOf(e)); }
}

function showEnded(justNow: boolean): void {
  const p = page!;
  const banner = $('pad-banner');
  banner.hidden = false;
  banner.className = 'pad-banner ended';
  banner.setAttribute('role', 'status');
  const at = p.pad.endedAt ? ` at ${new Date(p.pad.endedAt).toLocaleTimeString()}` : '';
  const parts: (Node | string)[] = [el('strong', {}, `The interview ended${at}.`), ' The pad is read-only.'];
  if (isInterviewer(p.pad.you) && p.pad.submissionId != null) {
    parts.push(' ', el('a', { id: 'pad-submission-link', href: `/review.html#submission=${p.pad.submissionId}` }, 'Open the submission in the review'));
  }
  banner.replaceChildren(...parts);
  if (isInterviewer(p.pad.you)) {
    const box = $('pad-ended-box') as HTMLElement;
    box.hidden = false;
    if (justNow || !box.childElementCount) void showScorecard(p.pad, box);
  }
}

// ---------------------------------------------------------------- playback

async function openPlayback(): Promise<void> {
  const p = page!;
  const box = $('pad-playback') as HTMLElement;
  box.hidden = false;
  document.body.classList.add('playback');
  p.playback ??= new PlaybackView(p.pad.id, box, () => { box.hidden = true; document.body.classList.remove('playback'); $('pad-playback-open').focus(); });
  try { await p.playback.load(); $('pb-play').focus(); } catch (e) { showError(`Playback: ${messageOf(e)}`); }
}

// ---------------------------------------------------------------- panes on a phone

function initPanes(): void {
  const show = (pane: string) => {
    document.body.dataset.pane = pane;
    for (const q of PANES) { const tab = $(`tab-${q}`); tab.setAttribute('aria-selected', String(q === pane)); tab.tabIndex = q === pane ? 0 : -1; }
  };
  for (const q of PANES) $(`tab-${q}`).onclick = () => show(q);
  $('pad-tabs').addEventListener('keydown', (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const visible = PANES.filter((q) => !$(`tab-${q}`).hidden);
    const next = visible[(visible.indexOf(document.body.dataset.pane as any) + step + visible.length) % visible.length];
    show(next); $(`tab-${next}`).focus();
  });
  show('code');
}
