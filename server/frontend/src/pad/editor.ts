// The shared editor: one Monaco editor, one model per open file bound to its Y.Text with y-monaco (so
// remote cursors and selections show through the awareness), each remote cursor in its participant's
// colour with their name, "typing" and the open file in this browser's awareness, and following
// someone: their file, scrolled to their cursor.
import * as Y from 'yjs';
import { MonacoBinding } from 'y-monaco';
import type { Awareness } from 'y-protocols/awareness';
import { highlightFor, monaco, themeName } from '../shared/monaco';
import { safeColour, textOn } from './types';

type Editor = ReturnType<typeof monaco.editor.create>;
type Model = ReturnType<typeof monaco.editor.createModel>;

interface Bound { text: Y.Text; model: Model; binding: MonacoBinding; view: ReturnType<Editor['saveViewState']> | null }

const TYPING_MS = 1500;

/** A CSS string literal of any text: every character that is not a letter or digit escaped. */
export function cssString(text: string): string {
  return `"${[...text].map((c) => (/[\p{L}\p{N} ]/u.test(c) && c !== '\\' ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

export class SharedEditor {
  readonly editor: Editor;
  private readonly bound = new Map<string, Bound>();
  active: string | null = null;
  private typingTimer: number | undefined;
  private readonly style = document.createElement('style');
  private readonly openListeners: ((path: string | null) => void)[] = [];

  constructor(box: HTMLElement, private readonly doc: Y.Doc, private readonly awareness: Awareness,
    private readonly files: Y.Map<Y.Text>) {
    this.style.id = 'pad-cursor-styles';
    document.head.append(this.style);
    this.editor = monaco.editor.create(box, { automaticLayout: true, minimap: { enabled: false }, fontSize: 14, theme: themeName(),
      scrollBeyondLastLine: false, renderWhitespace: 'selection', accessibilitySupport: 'auto', ariaLabel: 'Shared code editor',
      quickSuggestions: false, model: null, padding: { top: 18 } });
    awareness.on('change', () => this.paintCursors());
    doc.on('update', (_u: Uint8Array, origin: unknown) => { if (origin instanceof MonacoBinding) this.typed(); });
    files.observe(() => this.filesChanged());
  }

  onOpen(listener: (path: string | null) => void): void { this.openListeners.push(listener); }

  /** Opens a file of the shared map (nothing if it is not there). */
  open(path: string | null): void {
    if (path === this.active && (path === null || this.bound.get(path)?.text === this.files.get(path))) return;
    const leaving = this.active ? this.bound.get(this.active) : undefined;
    if (leaving) leaving.view = this.editor.saveViewState();
    const text = path ? this.files.get(path) : undefined;
    if (!path || !text) {
      this.active = null;
      this.editor.setModel(null);
    } else {
      const b = this.bind(path, text);
      this.active = path;
      this.editor.setModel(b.model);
      if (b.view) this.editor.restoreViewState(b.view);
      b.binding._rerenderDecorations();
    }
    this.awareness.setLocalStateField('file', this.active);
    this.openListeners.forEach((f) => f(this.active));
  }

  /** Lets the editor, its models and bindings go (the document is being replaced). */
  dispose(): void {
    clearTimeout(this.typingTimer);
    for (const path of [...this.bound.keys()]) this.unbind(path);
    this.editor.dispose();
    this.style.remove();
  }

  value(path = this.active): string { return path ? this.files.get(path)?.toString() ?? '' : ''; }

  setReadOnly(on: boolean): void { this.editor.updateOptions({ readOnly: on, domReadOnly: on }); }

  /** Scrolls to a participant's cursor in their file; false when they have none. */
  follow(state: Record<string, any> | undefined): boolean {
    if (!state?.file || !this.files.has(state.file)) return false;
    if (state.file !== this.active) this.open(state.file);
    const head = state.selection?.head;
    if (!head) return true;
    const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(head), this.doc);
    const model = this.editor.getModel();
    if (!absolute || !model) return true;
    const at = model.getPositionAt(absolute.index);
    this.editor.revealPositionInCenterIfOutsideViewport(at);
    return true;
  }

  private bind(path: string, text: Y.Text): Bound {
    const known = this.bound.get(path);
    if (known && known.text === text) return known;
    if (known) this.unbind(path);
    const model = monaco.editor.createModel(text.toString(), highlightFor(path));
    const binding = new MonacoBinding(text, model, new Set([this.editor]), this.awareness);
    const b = { text, model, binding, view: null };
    this.bound.set(path, b);
    return b;
  }

  private unbind(path: string): void {
    const b = this.bound.get(path);
    if (!b) return;
    if (this.editor.getModel() === b.model) this.editor.setModel(null);
    b.binding.destroy();
    b.model.dispose();
    this.bound.delete(path);
  }

  /** A file went away or was replaced (renamed, deleted): its model goes, and another file opens. */
  private filesChanged(): void {
    for (const [path, b] of [...this.bound]) if (this.files.get(path) !== b.text) this.unbind(path);
    if (this.active && this.files.has(this.active) && this.bound.has(this.active)) return;
    const wasActive = this.active;
    this.active = null;
    const next = wasActive && this.files.has(wasActive) ? wasActive : [...this.files.keys()].sort()[0] ?? null;
    this.open(next);
  }

  private typed(): void {
    if (!this.awareness.getLocalState()?.typing) this.awareness.setLocalStateField('typing', true);
    clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.awareness.setLocalStateField('typing', false), TYPING_MS);
  }

  /** One rule per remote client: its selection tinted, its cursor a bar in its colour with its name above. */
  private paintCursors(): void {
    const rules: string[] = [];
    this.awareness.getStates().forEach((state, client) => {
      if (client === this.doc.clientID || !Number.isInteger(client)) return;
      const colour = safeColour(state.user?.colour);
      const name = typeof state.user?.name === 'string' ? state.user.name.slice(0, 40) : 'Someone';
      rules.push(`.yRemoteSelection-${client} { background-color: ${colour}40; }`,
        `.yRemoteSelectionHead-${client} { position: absolute; height: 100%; border-left: 2px solid ${colour}; box-sizing: border-box; }`,
        `.yRemoteSelectionHead-${client}::after { content: ${cssString(name)}; position: absolute; left: -2px; top: -1.35em;`
        + ` background: ${colour}; color: ${textOn(colour)}; font: 600 11px/1.35 var(--font-ui); padding: 0 4px; border-radius: 3px 3px 3px 0;`
        + ' white-space: nowrap; pointer-events: none; z-index: 10; }');
    });
    this.style.textContent = rules.join('\n');
  }
}

export { themeName };
