// The task form's starter files: a tab per file, each a Monaco model highlighted by its extension;
// files are added, renamed and removed here, and one of them is the entry point.
import { $, el } from '../shared/dom';
import { highlightFor, monaco, themeName } from '../shared/monaco';
import type { FileView } from './types';

type Model = ReturnType<typeof monaco.editor.createModel>;
type Editor = ReturnType<typeof monaco.editor.create>;

interface StarterFile { path: string; model: Model }

export class StarterFiles {
  private files: StarterFile[] = [];
  private active: StarterFile | null = null;
  private editor: Editor | null = null;

  constructor(private readonly defaultName: () => string) {
    $('nt-file-add').onclick = () => this.add();
    $('nt-file-remove').onclick = () => this.remove();
    $('nt-file-rename').onclick = () => this.rename();
    $('nt-path').onkeydown = (e: KeyboardEvent) => { if (e.key === 'Enter') { e.preventDefault(); this.rename(); } };
  }

  /** The form's files from now on: the task's, or one empty file named for the language. */
  load(files: FileView[], entry: string | null): void {
    this.clear();
    const start = files.length ? files : [{ path: this.defaultName(), content: '' }];
    for (const f of start) this.files.push({ path: f.path, model: monaco.editor.createModel(f.content, highlightFor(f.path)) });
    this.select(this.files[0]);
    this.renderEntry(entry);
  }

  /** What the form sends: every file, in tab order. */
  values(): FileView[] { return this.files.map((f) => ({ path: f.path, content: f.model.getValue() })); }

  entry(): string { return ($('nt-entry') as HTMLSelectElement).value; }

  /** The language changed: a lone, still empty file named for the old language takes the new one's name. */
  languageChanged(oldName: string): void {
    const only = this.files.length === 1 ? this.files[0] : null;
    if (!only || only.path !== oldName || only.model.getValue() !== '') return;
    this.setPath(only, this.defaultName());
  }

  /** Tests and people poking around: the model of a file. */
  model(path: string): Model | undefined { return this.files.find((f) => f.path === path)?.model; }

  private clear(): void {
    for (const f of this.files) f.model.dispose();
    this.files = []; this.active = null;
    this.error('');
  }

  private ensureEditor(): Editor {
    if (this.editor) return this.editor;
    this.editor = monaco.editor.create($('nt-editor'), {
      automaticLayout: true, minimap: { enabled: false }, fontSize: 13, tabSize: 4, insertSpaces: true, theme: themeName(),
      scrollBeyondLastLine: false, quickSuggestions: false, suggestOnTriggerCharacters: false, wordBasedSuggestions: 'off',
      parameterHints: { enabled: false }, autoClosingBrackets: 'never', autoClosingQuotes: 'never', autoSurround: 'never',
      autoIndent: 'keep', accessibilitySupport: 'auto', ariaLabel: 'Starter file contents',
    });
    return this.editor;
  }

  private select(f: StarterFile): void {
    this.active = f;
    this.error('');
    this.ensureEditor().setModel(f.model);
    ($('nt-path') as HTMLInputElement).value = f.path;
    ($('nt-file-remove') as HTMLButtonElement).disabled = this.files.length < 2;
    this.renderTabs();
  }

  private renderTabs(): void {
    const tabs = $('nt-files') as HTMLElement;
    tabs.replaceChildren(...this.files.map((f) => {
      const tab = el('button', { type: 'button', role: 'tab', 'aria-selected': String(f === this.active), 'data-path': f.path }, f.path);
      tab.onclick = () => this.select(f);
      return tab;
    }));
  }

  private renderEntry(wanted: string | null): void {
    const select = $('nt-entry') as HTMLSelectElement;
    const current = wanted ?? select.value;
    select.replaceChildren(...this.files.map((f) => new Option(f.path, f.path)));
    const paths = this.files.map((f) => f.path);
    select.value = paths.includes(current) ? current : paths.includes(this.defaultName()) ? this.defaultName() : paths[0];
  }

  private add(): void {
    const ext = this.defaultName().includes('.') ? '.' + this.defaultName().split('.').pop() : '';
    let n = this.files.length + 1;
    while (this.files.some((f) => f.path === `file${n}${ext}`)) n++;
    const f = { path: `file${n}${ext}`, model: monaco.editor.createModel('', highlightFor(`file${n}${ext}`)) };
    this.files.push(f);
    this.select(f);
    this.renderEntry(null);
    const name = $('nt-path') as HTMLInputElement;
    name.focus(); name.select();
  }

  private remove(): void {
    if (!this.active || this.files.length < 2) return;
    const gone = this.active;
    this.files = this.files.filter((f) => f !== gone);
    this.select(this.files[0]);
    gone.model.dispose();
    this.renderEntry(null);
  }

  private rename(): void {
    if (!this.active) return;
    const path = ($('nt-path') as HTMLInputElement).value.trim();
    const problem = !path ? 'A file needs a name.' : path.startsWith('/') || path.split('/').includes('..')
      ? 'A file name is a path inside the project: no leading “/” and no “..”.'
      : this.files.some((f) => f !== this.active && f.path === path) ? `There is already a file “${path}”.` : '';
    this.error(problem);
    if (!problem) this.setPath(this.active, path);
  }

  private setPath(f: StarterFile, path: string): void {
    const select = $('nt-entry') as HTMLSelectElement;
    const wasEntry = select.value === f.path;
    f.path = path;
    monaco.editor.setModelLanguage(f.model, highlightFor(path));
    if (f === this.active) ($('nt-path') as HTMLInputElement).value = path;
    this.renderTabs();
    this.renderEntry(wasEntry ? path : select.value);
  }

  private error(text: string): void { $('nt-files-error').textContent = text; }
}
