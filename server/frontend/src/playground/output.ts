// The output view. A run may print megabytes, so the text is kept as an array of lines and only
// the rows in view are in the DOM: each line is wrapped at the view's width in characters (after a
// space where there is one near the edge) into rows of one fixed height, so any row's place is
// arithmetic. Rendering waits for the next frame, however many writes came in meanwhile. The view
// follows new output only while it is scrolled to the bottom.

/** What a piece of output is: the program's stdout, its stderr, or what the user typed. */
export type Kind = 'stdout' | 'stderr' | 'typed';

interface Span { from: number; to: number; kind: Kind }

/** What the view tells once everything written is painted. */
export interface Painted { bytes: number; streamMs: number; busyMs: number }

const OVERSCAN = 20; // rows rendered beyond the viewport on each side
const MAX_HEIGHT = 15_000_000; // px; browsers cap an element's height, so past this the scroll range is scaled

export class OutputView {
  private lines: string[] = [''];
  private spans = new Map<number, Span[]>(); // only lines holding stderr or typed text
  private wraps = new Map<number, number[]>(); // where each row starts, for lines longer than a row
  private rowStarts: number[] = [0]; // the first row of each line
  private columns = 80;
  private rowHeight = 20;
  private padding = { top: 0, bottom: 0, sides: 0 };
  private measured = false;
  private following = true;
  private scheduled = false;
  private bytes = 0;
  private busyMs = 0;
  private firstWriteAt = 0;
  private paintedListener: (() => void) | null = null;
  private readonly sizer = div('out-sizer');
  private readonly rows = div('out-rows');
  private readonly probe = document.createElement('span');
  private readonly empty = document.createElement('p');

  constructor(private readonly view: HTMLElement, emptyHint: string) {
    // A hundred characters measured in a box of no size, so the probe never widens the scroll area.
    const probeBox = div('out-probe-box');
    probeBox.setAttribute('aria-hidden', 'true');
    this.probe.className = 'out-row'; this.probe.textContent = 'M'.repeat(100);
    probeBox.append(this.probe);
    this.empty.className = 'out-empty'; this.empty.textContent = emptyHint;
    view.append(this.sizer, this.rows, probeBox, this.empty);
    view.addEventListener('scroll', () => { this.following = this.atBottom(); this.schedule(); }, { passive: true });
    new ResizeObserver(() => { this.measure(); this.schedule(); }).observe(view);
  }

  /** Empties the view; the hint says what will appear, or nothing while a run starts. */
  clear(hint: string | null): void {
    this.lines = ['']; this.spans.clear(); this.wraps.clear(); this.rowStarts = [0];
    this.following = true; this.bytes = 0; this.busyMs = 0; this.firstWriteAt = 0;
    this.empty.hidden = hint === null;
    if (hint !== null) this.empty.textContent = hint;
    this.view.scrollTop = 0;
    this.schedule();
  }

  write(text: string, kind: Kind = 'stdout'): void {
    if (!text) return;
    const started = performance.now();
    if (!this.firstWriteAt) this.firstWriteAt = started;
    this.empty.hidden = true;
    this.bytes += utf8Length(text);
    text.replace(/\r\n/g, '\n').split('\n').forEach((piece, i) => {
      if (i > 0) this.newLine();
      if (piece) this.appendToLastLine(piece, kind);
    });
    this.busyMs += performance.now() - started;
    this.schedule();
  }

  /** All the text, for copying. */
  text(): string { return this.lines.join('\n'); }

  isEmpty(): boolean { return this.bytes === 0; }

  /** Calls back once everything written so far is on screen. */
  whenPainted(callback: (figure: Painted) => void): void {
    this.paintedListener = () => requestAnimationFrame(() => setTimeout(() => callback({
      bytes: this.bytes, busyMs: Math.round(this.busyMs),
      streamMs: this.firstWriteAt ? Math.round(performance.now() - this.firstWriteAt) : 0,
    })));
    this.schedule();
  }

  // ---------------------------------------------------------------- the text and its rows

  private appendToLastLine(piece: string, kind: Kind): void {
    const last = this.lines.length - 1;
    const from = this.lines[last].length;
    this.lines[last] += piece;
    if (kind !== 'stdout') this.mark(last, from, from + piece.length, kind);
    this.wrap(last, true);
  }

  private newLine(): void {
    const last = this.lines.length - 1;
    this.lines.push('');
    this.rowStarts.push(this.rowStarts[last] + this.rowsOf(last));
  }

  private mark(line: number, from: number, to: number, kind: Kind): void {
    const spans = this.spans.get(line) ?? [];
    const previous = spans[spans.length - 1];
    if (previous && previous.kind === kind && previous.to === from) previous.to = to;
    else spans.push({ from, to, kind });
    this.spans.set(line, spans);
  }

  /**
   * Where the line's rows start: a row ends after its last space when that space is in the
   * row's second half, else at the edge. Text appended to a line changes only its last row,
   * so wrapping again goes on from there.
   */
  private wrap(line: number, fromLastRow: boolean): void {
    const text = this.lines[line];
    if (text.length <= this.columns) { this.wraps.delete(line); return; }
    const starts = fromLastRow ? this.wraps.get(line) ?? [0] : [0];
    let start = starts.pop()!;
    starts.push(start);
    while (text.length - start > this.columns) {
      const edge = start + this.columns;
      const space = text.lastIndexOf(' ', edge - 1);
      start = space >= start + this.columns / 2 ? space + 1 : edge;
      starts.push(start);
    }
    this.wraps.set(line, starts);
  }

  private rowsOf(line: number): number { return this.wraps.get(line)?.length ?? 1; }

  private rowStart(line: number, row: number): number { return this.wraps.get(line)?.[row] ?? 0; }

  private rowEnd(line: number, row: number): number { return this.wraps.get(line)?.[row + 1] ?? this.lines[line].length; }

  private totalRows(): number {
    const last = this.lines.length - 1;
    return this.rowStarts[last] + this.rowsOf(last);
  }

  private measure(): void {
    const probe = this.probe.getBoundingClientRect();
    if (!probe.width) return; // hidden (another pane is shown on a phone)
    const style = getComputedStyle(this.rows);
    this.padding = { top: parseFloat(style.paddingTop), bottom: parseFloat(style.paddingBottom),
      sides: parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) };
    this.rowHeight = probe.height;
    this.measured = true;
    const columns = Math.max(20, Math.floor((this.view.clientWidth - this.padding.sides) / (probe.width / 100)));
    if (columns === this.columns) return;
    this.columns = columns;
    this.wraps.clear();
    for (let i = 0; i < this.lines.length; i++) {
      if (this.lines[i].length > columns) this.wrap(i, false);
      if (i > 0) this.rowStarts[i] = this.rowStarts[i - 1] + this.rowsOf(i - 1);
    }
  }

  // ---------------------------------------------------------------- rendering

  private atBottom(): boolean {
    return this.view.scrollTop + this.view.clientHeight >= this.view.scrollHeight - this.rowHeight;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => { this.scheduled = false; this.render(); });
  }

  private render(): void {
    const started = performance.now();
    if (!this.measured) this.measure();
    const total = this.totalRows();
    const fullHeight = total * this.rowHeight;
    const height = Math.min(fullHeight, MAX_HEIGHT);
    this.sizer.style.height = `${height + this.padding.top + this.padding.bottom}px`;
    if (this.following) this.view.scrollTop = this.view.scrollHeight;
    const visible = this.view.clientHeight;
    const scale = height > visible ? (fullHeight - visible) / (height - visible) : 1;
    const top = this.view.scrollTop * scale;
    const first = Math.max(0, Math.floor(top / this.rowHeight) - OVERSCAN);
    const end = Math.min(total, first + Math.ceil(visible / this.rowHeight) + 2 * OVERSCAN);
    this.rows.style.transform = `translateY(${this.view.scrollTop - (top - first * this.rowHeight)}px)`;
    this.rows.replaceChildren(...this.rowElements(first, end));
    this.busyMs += performance.now() - started;
    const listener = this.paintedListener;
    this.paintedListener = null;
    if (listener) listener();
  }

  private rowElements(first: number, end: number): HTMLElement[] {
    const elements: HTMLElement[] = [];
    let line = this.lineOfRow(first);
    for (let row = first; row < end && line < this.lines.length; row++) {
      while (line + 1 < this.lines.length && this.rowStarts[line + 1] <= row) line++;
      const k = row - this.rowStarts[line];
      elements.push(this.rowElement(line, this.rowStart(line, k), this.rowEnd(line, k)));
    }
    return elements;
  }

  private lineOfRow(row: number): number {
    let low = 0, high = this.lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.rowStarts[mid] <= row) low = mid; else high = mid - 1;
    }
    return low;
  }

  private rowElement(line: number, from: number, to: number): HTMLElement {
    const row = div('out-row');
    const text = this.lines[line];
    let at = from;
    for (const span of this.spans.get(line) ?? []) {
      if (span.to <= at || span.from >= to) continue;
      if (span.from > at) row.append(text.slice(at, span.from));
      const part = document.createElement('span');
      part.className = span.kind;
      part.textContent = text.slice(Math.max(at, span.from), Math.min(to, span.to));
      row.append(part);
      at = Math.min(to, span.to);
    }
    if (at < to) row.append(text.slice(at, to));
    return row;
  }
}

function div(className: string): HTMLDivElement {
  const e = document.createElement('div');
  e.className = className;
  return e;
}

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
