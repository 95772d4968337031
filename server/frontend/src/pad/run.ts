// Shared runs: Run, Stop, the input line and end of input go over the pad's socket; everyone sees the
// same output stream, who started the run, who typed each input, and how it ended.
import { $, el } from '../shared/dom';
import { OutputView } from '../playground/output';

const EXPLAIN: Record<string, string> = {
  timeout: 'The program ran out of time.', memory_limit: 'The program ran out of memory.',
  output_limit: 'The program printed more than the output limit.', compile_error: 'The program did not compile.',
  runtime_error: 'The program exited with an error.', killed: 'The program was stopped.',
};

const nameOf = (by: any): string => (by && typeof by.name === 'string' ? by.name : 'Someone');

export class SharedRun {
  private readonly output: OutputView;
  running = false;
  private inputEnded = false;

  constructor(private readonly send: (m: object) => boolean) {
    this.output = new OutputView($('pad-output'), 'Press Run to run the pad’s files; everyone in the pad sees the output.');
    $('pad-run').onclick = () => this.start();
    $('pad-stop').onclick = () => this.send({ type: 'stop' });
    $('pad-ask').onsubmit = (e: Event) => { e.preventDefault(); this.line(); };
    $('pad-eof').onclick = () => this.send({ type: 'eof' });
    $('pad-answer').addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 'd') { e.preventDefault(); this.send({ type: 'eof' }); }
    });
    this.controls();
  }

  start(): void {
    if (this.running) return;
    if (!this.send({ type: 'run' })) this.status('Not connected: the run did not start.', true);
    else this.status('Starting…');
  }

  /** A run message from the server; false if it was not one. */
  receive(m: any): boolean {
    switch (m.type) {
      case 'run-started':
        this.running = true; this.inputEnded = false;
        this.output.clear(null);
        $('pad-inputs').replaceChildren();
        $('pad-run-by').textContent = `${nameOf(m.by)} ran it at ${time(m.at)}`;
        this.status('Running…');
        break;
      case 'run-output':
        this.output.write(String(m.data ?? ''), m.stream === 'stderr' ? 'stderr' : 'stdout');
        break;
      case 'run-input':
        this.output.write(String(m.data ?? ''), 'typed');
        $('pad-inputs').append(el('li', {}, el('strong', {}, `${nameOf(m.by)}: `), String(m.data ?? '').replace(/\n$/, '')));
        break;
      case 'run-eof':
        this.inputEnded = true;
        $('pad-inputs').append(el('li', { class: 'hint' }, `${nameOf(m.by)} ended the input`));
        break;
      case 'run-finished':
        this.running = false;
        this.finished(m.result ?? {});
        break;
      default:
        return false;
    }
    this.controls();
    return true;
  }

  /** A refusal about runs (one at a time). */
  refused(message: string): void { this.status(message, true); }

  setEnabled(on: boolean): void { $('pad-run').hidden = !on; $('pad-stop').hidden = !on; this.controls(); }

  text(): string { return this.output.text(); }

  private line(): void {
    const input = $('pad-answer') as HTMLInputElement;
    if (this.send({ type: 'stdin', data: `${input.value}\n` })) input.value = '';
  }

  private controls(): void {
    const open = this.running && !this.inputEnded;
    $('pad-run').disabled = this.running; $('pad-stop').disabled = !this.running;
    $('pad-answer').disabled = !open; $('pad-send').disabled = !open; $('pad-eof').disabled = !open;
    $('pad-answer').placeholder = open ? 'A line for the program; Enter sends it' : 'Input line, while a program runs';
  }

  private finished(r: any): void {
    if (r.compile && r.compile.status && r.compile.status !== 'ok') this.output.write(`${r.compile.stdout ?? ''}${r.compile.stderr ?? ''}`, 'stderr');
    const parts = [String(r.status ?? 'finished')];
    if (r.exitCode != null) parts.push(`exit ${r.exitCode}`);
    if (r.wallTimeMs != null) parts.push(`${r.wallTimeMs} ms`);
    if (r.memoryKb) parts.push(`${Math.max(1, Math.round(r.memoryKb / 1024))} MiB`);
    this.status(parts.join(' · ') + (r.status !== 'ok' && (r.message || EXPLAIN[r.status]) ? ` — ${r.message || EXPLAIN[r.status]}` : ''),
      r.status !== 'ok');
  }

  private status(text: string, bad = false): void {
    const s = $('pad-run-status');
    s.textContent = text;
    s.className = bad ? 'bad' : '';
  }
}

export function time(iso: unknown): string {
  const d = typeof iso === 'string' || typeof iso === 'number' ? new Date(iso) : new Date();
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString();
}
