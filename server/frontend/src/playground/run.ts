// Running: one WebSocket per run (/api/v1/execute/stream), its output into the output view, the
// input line while it runs, end of input, Stop, and the result line.
import { $ } from '../shared/dom';
import { socketUrl } from '../shared/api';
import { editorValue } from './editor';
import { loadHistory } from './history';
import { OutputView } from './output';
import { flushSaves } from './projects';
import { EXPLAIN, state } from './state';
import { ReturnedFiles } from '../files/returned-files';

const EMPTY_HINT = 'Press Run (Ctrl+Enter) to see your program\u2019s output here.';

/** The run in progress: its socket, messages waiting for it to open, and whether its input has ended. */
interface Current { socket: WebSocket; queue: object[]; inputEnded: boolean; returnFocus: Element | null }

let output: OutputView;
let files: ReturnedFiles;
let current: Current | null = null;
const runListeners: (() => void)[] = [];

export function initRun(): void {
  output = new OutputView($('output'), EMPTY_HINT);
  files = new ReturnedFiles($('output-files'));
  $('run').onclick = run;
  $('stop').onclick = stop;
  $('ask').onsubmit = (e: Event) => { e.preventDefault(); sendLine(); };
  $('eof').onclick = endInput;
  $('answer').addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.ctrlKey && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'd') { e.preventDefault(); endInput(); }
  });
  $('copy-output').onclick = copyOutput;
  inputLine();
}

/** Called when a run starts (the phone layout shows the output then). */
export function onRunStart(listener: () => void): void { runListeners.push(listener); }

// ---------------------------------------------------------------- the request

export function runRequest(): Record<string, unknown> {
  const [language, version] = ($('language').value as string).split('@');
  const limits = { wallTimeMs: Number($('time-limit').value) };
  const stdin = $('stdin').value as string;
  const project = state.project;
  if (project) {
    flushSaves();
    const files = [...state.files.entries()].map(([name, f]) => ({ name, content: f.model ? f.model.getValue() : f.content }));
    return { language: project.language, files, entry: entryPoint(), stdin, limits, projectId: project.id };
  }
  return { language, version, code: editorValue(), stdin, limits };
}

export function entryPoint(): string {
  const project = state.project!;
  if (project.entry && state.files.has(project.entry)) return project.entry;
  const lang = state.languages.find((l) => l.id === project.language);
  if (lang && state.files.has(lang.fileName)) return lang.fileName;
  return [...state.files.keys()][0];
}

// ---------------------------------------------------------------- running

/** Runs the editor's code. */
export function run(): void {
  runExactly(runRequest());
}

/** Runs a request given whole: the editor's, or a run from the history, again exactly. */
export function runExactly(request: Record<string, unknown>): void {
  if (current || $('run').disabled) return;
  if (Array.isArray(request.files) && request.files.length === 0) { showText('The project has no files yet.', true); return; }
  const givenUpFront = request.stdin !== '';
  const socket = new WebSocket(socketUrl('/api/v1/execute/stream'));
  current = { socket, queue: [], inputEnded: givenUpFront, returnFocus: document.activeElement };
  state.socket = socket;
  output.clear(null);
  files.clear();
  state.lastRender = null;
  showText('Starting…');
  send({ type: 'start', ...request });
  // Input given up front is all there is: the program then reads the end of its input.
  if (givenUpFront) send({ type: 'eof' });
  socket.onopen = () => { for (const m of current?.queue.splice(0) ?? []) socket.send(JSON.stringify(m)); };
  socket.onmessage = (e) => receive(JSON.parse(e.data));
  socket.onclose = () => finished(socket);
  running(true);
  runListeners.forEach((f) => f());
}

function send(message: object): void {
  if (!current) return;
  if (current.socket.readyState === WebSocket.OPEN) current.socket.send(JSON.stringify(message));
  else current.queue.push(message);
}

function receive(m: any): void {
  if (m.type === 'started') showText('Running…');
  else if (m.type === 'stdout') output.write(m.data);
  else if (m.type === 'stderr') output.write(m.data, 'stderr');
  else if (m.type === 'file') files.add(m);
  else if (m.type === 'exit') exited(m);
  else if (m.type === 'error') showText(`${m.title}: ${m.detail}`, true);
}

function exited(m: any): void {
  const exitAt = performance.now();
  if (m.compile && m.compile.status !== 'ok') output.write((m.compile.stdout || '') + (m.compile.stderr || ''), 'stderr');
  setStatus(m);
  files.finish(m.filesTruncated === true);
  output.whenPainted((figure) => { state.lastRender = { ...figure, ms: Math.round(performance.now() - exitAt) }; });
  if (state.user) loadHistory();
}

function finished(socket: WebSocket): void {
  if (!current || current.socket !== socket) return;
  const returnFocus = current.returnFocus;
  current = null; state.socket = null;
  running(false);
  if (/^(Starting|Running)…/.test($('status').textContent)) showText('The connection closed before the run ended.', true);
  if (output.isEmpty()) output.clear($('output-files').hidden ? 'The program printed nothing.' : 'The program printed nothing; its files are below.');
  if (document.activeElement === document.body && returnFocus instanceof HTMLElement) returnFocus.focus();
}

export function stop(): void {
  send({ type: 'kill' });
}

// ---------------------------------------------------------------- input while it runs

function sendLine(): void {
  if (!current || current.inputEnded) return;
  const line = $('answer').value as string;
  send({ type: 'stdin', data: line + '\n' });
  output.write(line, 'typed'); output.write('\n');
  $('answer').value = '';
}

/** Ctrl+D: the line typed so far, if any, then the end of input. */
export function endInput(): void {
  if (!current || current.inputEnded) return;
  if ($('answer').value) sendLine();
  send({ type: 'eof' });
  current.inputEnded = true;
  inputLine();
}

function inputLine(): void {
  const open = !!current && !current.inputEnded;
  $('answer').disabled = !open; $('send').disabled = !open; $('eof').disabled = !open;
  $('answer').placeholder = !current ? 'Input line, while a program runs'
    : open ? 'Type a line, Enter sends it; Ctrl+D ends the input'
      : $('stdin').value ? 'The program reads the input given up front' : 'Input ended';
}

function running(on: boolean): void {
  $('run').disabled = on; $('stop').disabled = !on;
  document.body.classList.toggle('running', on);
  inputLine();
  if (on && !current?.inputEnded && matchMedia('(pointer: fine)').matches) $('answer').focus();
}

// ---------------------------------------------------------------- the result line

function showText(text: string, bad = false): void {
  const s = $('status');
  s.className = bad ? 'bad' : 'busy';
  s.textContent = text;
}

/** The verdict, then what is known of the run: a run that did not happen has no time or memory of its own. */
export function setStatus(r: any): void {
  const s = $('status');
  s.className = r.status === 'ok' ? 'good' : 'bad';
  s.textContent = '';
  const verdict = document.createElement('span'); verdict.className = 'verdict'; verdict.textContent = r.status;
  s.append(verdict, figures(r).map((f) => ` · ${f}`).join(''));
  const explanation = r.message || EXPLAIN[r.status];
  if (r.status !== 'ok' && explanation) s.append(document.createElement('br'), explanation);
}

function figures(r: any): string[] {
  const compile = r.compile;
  if (r.status === 'compile_error') return [`compiled in ${compile ? compile.wallTimeMs : '?'} ms`, 'the program did not run'];
  const parts: string[] = [];
  if (r.exitCode != null) parts.push(`exit ${r.exitCode}`);
  if (r.signal) parts.push(r.signal);
  if (r.wallTimeMs != null) parts.push(`${r.wallTimeMs} ms`);
  if (r.memoryKb) parts.push(`${Math.max(1, Math.round(r.memoryKb / 1024))} MiB`);
  if (compile) parts.push(compile.cached ? 'cached build' : `compiled in ${compile.wallTimeMs} ms`);
  return parts;
}

async function copyOutput(): Promise<void> {
  try {
    await navigator.clipboard.writeText(output.text());
    flash('Copied');
  } catch {
    flash('Copying was refused');
  }
}

function flash(text: string): void {
  const button = $('copy-output');
  button.textContent = text;
  setTimeout(() => { button.textContent = 'Copy'; }, 1500);
}
