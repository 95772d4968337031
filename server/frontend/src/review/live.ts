// Watching an attempt in progress: its files in a read-only Monaco editor and its run history, both
// polled every couple of seconds and updated in place (an edit changes only what changed, so the
// reviewer keeps their place), and the candidate's terminal, read-only, over its WebSocket.
import { el, when } from '../shared/dom';
import { ApiError, call, socketUrl } from '../shared/api';
import { highlightFor, monaco, themeName } from '../shared/monaco';
import * as X from '../shared/xterm';
import type { AttemptView, FileView, RunView } from './types';

type Model = ReturnType<typeof monaco.editor.createModel>;
type Editor = ReturnType<typeof monaco.editor.create>;
type ViewState = ReturnType<Editor['saveViewState']>;

const POLL_MS = 2000;

interface LiveFile { model: Model; text: string; view: ViewState | null }

export class LiveAttempt {
  readonly files = new Map<string, LiveFile>();
  private active: string | null = null;
  private editor: Editor | null = null;
  private timer: number | undefined;
  private stopped = false;
  private runsShown = '';
  terminal: X.Terminal | null = null;
  private socket: WebSocket | null = null;

  private readonly tabs = el('div', { id: 'live-tabs', class: 'file-tabs', role: 'tablist', 'aria-label': 'Files of the attempt' });
  private readonly editorBox = el('div', { id: 'live-editor', class: 'code-box' });
  private readonly runs = el('ul', { class: 'list', id: 'live-runs' });
  private readonly updated = el('span', { id: 'live-updated', class: 'hint' });

  constructor(private readonly attempt: AttemptView, box: HTMLElement) {
    box.replaceChildren(
      el('div', { class: 'section-head' }, el('h3', {}, `${attempt.learner}'s attempt, live and read-only`), this.updated),
      el('div', { class: 'split live' },
        el('div', { id: 'live-files' }, this.tabs, this.editorBox),
        el('div', {}, el('h3', {}, 'Run history'), this.runs)));
    if (attempt.projectId) box.append(this.terminalSection(attempt.projectId));
    this.poll();
  }

  /** Stops polling and watching; the models go with it. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close();
    this.editor?.dispose();
    this.terminal?.dispose();
    for (const f of this.files.values()) f.model.dispose();
    this.files.clear();
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    if (!document.hidden) {
      try {
        const id = this.attempt.id;
        const [files, runs] = await Promise.all([call<FileView[]>('GET', `/api/v1/attempts/${id}/files`),
          call<RunView[]>('GET', `/api/v1/attempts/${id}/runs`)]);
        if (this.stopped) return;
        this.showFiles(files);
        this.showRuns(runs);
        this.updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
        this.updated.classList.remove('bad');
      } catch (e) {
        if (this.stopped) return;
        this.updated.textContent = `Not updated: ${e.message}`;
        this.updated.classList.add('bad');
        if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return; // gone, or no longer ours to see
      }
    }
    this.timer = window.setTimeout(() => this.poll(), POLL_MS);
  }

  private showFiles(files: FileView[]): void {
    const seen = new Set(files.map((f) => f.path));
    for (const [path, f] of this.files) {
      if (seen.has(path)) continue;
      f.model.dispose();
      this.files.delete(path);
      if (this.active === path) this.active = null;
    }
    for (const f of files) {
      const known = this.files.get(f.path);
      if (!known) this.files.set(f.path, { model: monaco.editor.createModel(f.content, highlightFor(f.path)), text: f.content, view: null });
      else if (known.text !== f.content) { replaceInPlace(known.model, f.content); known.text = f.content; }
    }
    const first = [...this.files.keys()].sort()[0] ?? null;
    if (!this.active && first) this.open(first);
    else this.renderTabs();
    this.editorBox.hidden = !this.files.size;
  }

  private open(path: string): void {
    const editor = this.ensureEditor();
    const leaving = this.active ? this.files.get(this.active) : undefined;
    if (leaving) leaving.view = editor.saveViewState();
    const f = this.files.get(path)!;
    this.active = path;
    editor.setModel(f.model);
    if (f.view) editor.restoreViewState(f.view);
    this.renderTabs();
  }

  private ensureEditor(): Editor {
    this.editor ??= monaco.editor.create(this.editorBox, { readOnly: true, domReadOnly: true, automaticLayout: true,
      minimap: { enabled: false }, fontSize: 13, scrollBeyondLastLine: false, theme: themeName(),
      ariaLabel: `${this.attempt.learner}'s file, read-only` });
    return this.editor;
  }

  private renderTabs(): void {
    const paths = [...this.files.keys()].sort();
    this.tabs.replaceChildren(...paths.map((path) => {
      const tab = el('button', { type: 'button', role: 'tab', 'aria-selected': String(path === this.active), 'data-path': path }, path);
      tab.onclick = () => this.open(path);
      return tab;
    }));
    if (!paths.length) this.tabs.append(el('p', { class: 'hint' }, 'No files.'));
  }

  private showRuns(runs: RunView[]): void {
    const shown = JSON.stringify(runs);
    if (shown === this.runsShown) return;
    this.runsShown = shown;
    this.runs.replaceChildren(...runs.map((r) => el('li', {}, `${when(r.createdAt)} · ${r.status} · ${r.source} · ${r.wallTimeMs} ms`)));
    if (!runs.length) this.runs.append(el('li', { class: 'hint' }, 'No runs yet.'));
  }

  private terminalSection(project: number): HTMLElement {
    const screen = el('div', { id: 'live-terminal', class: 'live-terminal', hidden: true });
    const state = el('span', { id: 'live-terminal-state', class: 'hint', role: 'status' });
    const watch = el('button', { id: 'watch-terminal', type: 'button' }, 'Watch the terminal');
    watch.onclick = () => this.watchTerminal(project, screen, state);
    return el('div', {}, el('h3', {}, 'Terminal'), el('div', { class: 'row' }, watch, state), screen);
  }

  // Read-only: what the candidate's terminal shows, live (the server refuses typing in view mode).
  private watchTerminal(project: number, screen: HTMLElement, state: HTMLElement): void {
    this.socket?.close();
    this.terminal?.dispose();
    screen.hidden = false; screen.textContent = '';
    const xterm = new X.Terminal({ disableStdin: true, fontSize: 13, scrollback: 5000, theme: X.colors(),
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' });
    xterm.open(screen);
    this.terminal = xterm;
    const socket = new WebSocket(socketUrl(`/api/v1/projects/${project}/terminal?mode=view`));
    this.socket = socket;
    let greeted = false;
    socket.onmessage = (event) => {
      const m = JSON.parse(event.data);
      if (m.type === 'session') { greeted = true; xterm.resize(m.cols, m.rows); state.textContent = 'Watching, read-only.'; }
      else if (m.type === 'output') X.write(xterm, m);
      else if (m.type === 'exit') state.textContent = m.message;
    };
    socket.onclose = () => { if (!greeted) state.textContent = 'No terminal is running in this attempt right now.'; };
  }
}

/** Replaces a model's text by editing only the span that changed, so what is on screen stays put. */
export function replaceInPlace(model: Model, text: string): void {
  const old = model.getValue();
  if (old === text) return;
  const shorter = Math.min(old.length, text.length);
  let start = 0;
  while (start < shorter && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  const range = monaco.Range.fromPositions(model.getPositionAt(start), model.getPositionAt(old.length - end));
  model.applyEdits([{ range, text: text.slice(start, text.length - end) }]);
}
