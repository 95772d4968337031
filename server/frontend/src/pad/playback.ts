// Playback, for interviewers: the pad's update log replayed into a fresh Y.Doc, step by step, in a
// read-only editor. Play and pause, 1× to 16×, a scrubber, stretches of more than 3 s without an
// update shortened, the runs on the timeline (click: that run's output), pastes with their size and
// pastes over 200 characters flagged, and each step's author.
import * as Y from 'yjs';
import { fromBase64 } from 'lib0/buffer';
import { el } from '../shared/dom';
import { call } from '../shared/api';
import { highlightFor, monaco, themeName } from '../shared/monaco';
import { replaceInPlace } from '../review/live';
import type { Playback, PlaybackRun, PlaybackUpdate } from './types';

const IDLE_MS = 3000;
const IDLE_SHOWN_MS = 300;
const TICK_MS = 40;
export const SPEEDS = [1, 2, 4, 8, 16];

const ms = (iso: string): number => new Date(iso).getTime();

export class PlaybackView {
  readonly box: HTMLElement;
  doc = new Y.Doc();
  steps: PlaybackUpdate[] = [];
  runs: PlaybackRun[] = [];
  /** Where each step falls on the shortened timeline (ms from the start). */
  private times: number[] = [];
  step = 0;
  private clock = 0;
  speed = 1;
  private timer: number | undefined;
  private editor: ReturnType<typeof monaco.editor.create> | null = null;
  private readonly models = new Map<string, ReturnType<typeof monaco.editor.createModel>>();
  file: string | null = null;
  private pinned = false;
  private touched: string | null = null;

  private readonly scrubber = el('input', { type: 'range', id: 'pb-scrubber', min: '0', max: '0', value: '0', 'aria-label': 'Playback position' });
  private readonly playButton = el('button', { type: 'button', id: 'pb-play', class: 'primary' }, 'Play');
  private readonly speedSelect = el('select', { id: 'pb-speed', 'aria-label': 'Playback speed' },
    ...SPEEDS.map((s) => el('option', { value: String(s) }, `${s}×`)));
  private readonly markers = el('div', { id: 'pb-markers', class: 'pb-markers', role: 'group', 'aria-label': 'Runs and pastes on the timeline' });
  private readonly info = el('p', { id: 'pb-step', class: 'pb-step', 'aria-live': 'polite' });
  private readonly tabs = el('div', { id: 'pb-tabs', class: 'file-tabs', role: 'tablist', 'aria-label': 'Files in the playback' });
  private readonly editorBox = el('div', { id: 'pb-editor', class: 'pb-editor' });
  private readonly runBox = el('div', { id: 'pb-run', class: 'pb-run', hidden: true });

  constructor(private readonly padId: number, container: HTMLElement, onClose: () => void) {
    const close = el('button', { type: 'button', id: 'pb-close' }, 'Close playback');
    close.onclick = () => { this.pause(); onClose(); };
    this.box = container;
    container.replaceChildren(
      el('div', { class: 'pb-head' }, el('h2', { id: 'pb-title' }, 'Playback'), this.playButton,
        el('label', {}, 'Speed ', this.speedSelect), close),
      el('div', { class: 'pb-timeline' }, this.markers, this.scrubber),
      el('p', { class: 'hint pb-legend' }, 'On the timeline: ▶ is a run (click it for its output); a number is a paste of that many characters, outlined when it is over 200.'),
      this.info, this.tabs, this.editorBox, this.runBox);
    this.playButton.onclick = () => (this.timer ? this.pause() : this.play());
    this.speedSelect.onchange = () => { this.speed = Number(this.speedSelect.value); };
    this.scrubber.oninput = () => { this.pause(); this.seek(Number(this.scrubber.value)); };
  }

  async load(): Promise<void> {
    this.info.textContent = 'Loading the record…';
    const record = await call<Playback>('GET', `/api/v1/pads/${this.padId}/playback`);
    this.steps = record.updates ?? [];
    this.runs = record.runs ?? [];
    this.times = [];
    let t = 0;
    this.steps.forEach((s, i) => {
      if (i > 0) { const gap = Math.max(0, ms(s.at) - ms(this.steps[i - 1].at)); t += gap > IDLE_MS ? IDLE_SHOWN_MS : gap; }
      this.times.push(t);
    });
    this.scrubber.max = String(this.steps.length);
    this.editor ??= monaco.editor.create(this.editorBox, { readOnly: true, domReadOnly: true, automaticLayout: true, minimap: { enabled: false },
      fontSize: 13, theme: themeName(), scrollBeyondLastLine: false, ariaLabel: 'Playback of the pad, read-only', model: null });
    this.renderMarkers();
    this.seek(0);
  }

  /** The replayed text of a file (the shown one by default). */
  text(path = this.file): string { return path ? this.doc.getMap<Y.Text>('files').get(path)?.toString() ?? '' : ''; }

  play(): void {
    if (this.step >= this.steps.length) this.seek(0);
    this.playButton.textContent = 'Pause';
    let last = performance.now();
    this.timer = window.setInterval(() => {
      const now = performance.now();
      this.clock += (now - last) * this.speed;
      last = now;
      let target = this.step;
      while (target < this.steps.length && this.times[target] <= this.clock) target++;
      if (target !== this.step) this.advance(target);
      if (this.step >= this.steps.length) this.pause();
    }, TICK_MS);
  }

  pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.playButton.textContent = this.step >= this.steps.length && this.steps.length ? 'Play again' : 'Play';
  }

  get playing(): boolean { return this.timer !== undefined; }

  /** Shows the pad as it was after `count` steps. */
  seek(count: number): void {
    count = Math.max(0, Math.min(this.steps.length, Math.floor(count)));
    if (count < this.step) {
      this.doc.destroy();
      this.doc = new Y.Doc();
      this.step = 0;
    }
    this.advance(count);
    this.clock = count > 0 ? this.times[count - 1] : 0;
  }

  private advance(count: number): void {
    const files = this.doc.getMap<Y.Text>('files');
    const watch = (events: Y.YEvent<any>[]) => {
      for (const e of events) {
        if (e.target instanceof Y.Text) for (const [path, t] of files) if (t === e.target) this.touched = path;
        if (e.target === files) for (const key of (e as Y.YMapEvent<Y.Text>).keysChanged) if (files.has(key)) this.touched = key;
      }
    };
    files.observeDeep(watch);
    while (this.step < count) {
      try { Y.applyUpdate(this.doc, fromBase64(this.steps[this.step].update), 'playback'); } catch { /* a damaged entry is skipped */ }
      this.step++;
    }
    files.unobserveDeep(watch);
    this.show();
  }

  private show(): void {
    const files = this.doc.getMap<Y.Text>('files');
    const paths = [...files.keys()].sort();
    if (!this.pinned && this.touched && files.has(this.touched)) this.file = this.touched;
    if (!this.file || !files.has(this.file)) this.file = paths[0] ?? null;
    this.tabs.replaceChildren(...paths.map((p) => {
      const b = el('button', { type: 'button', role: 'tab', 'aria-selected': String(p === this.file), 'data-path': p }, p);
      b.onclick = () => { this.pinned = true; this.file = p; this.show(); };
      return b;
    }));
    if (this.editor) {
      if (this.file) {
        let model = this.models.get(this.file);
        if (!model) { model = monaco.editor.createModel('', highlightFor(this.file)); this.models.set(this.file, model); }
        replaceInPlace(model, this.text());
        if (this.editor.getModel() !== model) this.editor.setModel(model);
      } else this.editor.setModel(null);
    }
    this.scrubber.value = String(this.step);
    const s = this.steps[this.step - 1];
    if (!this.steps.length) this.info.textContent = 'Nothing was recorded in this pad.';
    else if (!s) this.info.textContent = `Start · ${this.steps.length} steps recorded`;
    else {
      const what = s.paste ? `pasted ${s.largestInsert} characters${s.flagged ? ' (a large paste)' : ''}`
        : s.insertedChars ? `typed ${s.insertedChars} character${s.insertedChars === 1 ? '' : 's'}` : 'deleted or changed files';
      this.info.replaceChildren(`Step ${this.step} of ${this.steps.length} · `, el('strong', { class: 'pb-author' }, s.author ?? 'system'),
        ` · ${new Date(s.at).toLocaleTimeString()} · ${what}`);
      this.info.classList.toggle('flagged', !!s.flagged);
    }
  }

  /** Where the scrubber's thumb is after `count` steps: a marker sits right above the step it seeks to. */
  private position(count: number): string {
    return `${Math.min(100, (100 * count) / (this.steps.length || 1)).toFixed(2)}%`;
  }

  private renderMarkers(): void {
    const marks: HTMLElement[] = [];
    this.steps.forEach((s, i) => {
      if (!s.paste) return;
      const m = el('button', { type: 'button', class: `pb-mark paste${s.flagged ? ' flagged' : ''}`, 'data-step': String(i + 1),
        'aria-label': `Paste of ${s.largestInsert} characters by ${s.author ?? 'system'}${s.flagged ? ', flagged' : ''}`,
        title: `Paste: ${s.largestInsert} characters` }, String(s.largestInsert));
      m.style.left = this.position(i + 1);
      m.onclick = () => { this.pause(); this.seek(i + 1); };
      marks.push(m);
    });
    this.runs.forEach((r, i) => {
      const at = ms(r.at);
      const count = this.steps.filter((s) => ms(s.at) <= at).length;
      const by = typeof r.by === 'string' ? r.by : r.by?.name ?? 'someone';
      const m = el('button', { type: 'button', class: 'pb-mark run', 'data-run': String(i), 'aria-label': `Run by ${by} at ${new Date(r.at).toLocaleTimeString()}`,
        title: `Run by ${by}` }, '▶');
      m.style.left = this.position(count);
      m.onclick = () => { this.pause(); this.seek(count); this.showRun(r, by); };
      marks.push(m);
    });
    this.markers.replaceChildren(...marks);
  }

  private showRun(r: PlaybackRun, by: string): void {
    this.runBox.hidden = false;
    this.runBox.replaceChildren(el('h3', {}, `Run by ${by} at ${new Date(r.at).toLocaleTimeString()} · ${r.status ?? 'unfinished'}`),
      el('pre', { id: 'pb-run-output' }, r.stdout ?? '', r.stderr ? el('span', { class: 'stderr' }, r.stderr) : ''));
  }
}
