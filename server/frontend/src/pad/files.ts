// The file tree: the keys of the shared Y.Map("files"). Creating, renaming and deleting a file are
// edits of the shared document (rename = the new key with the old text, the old key deleted, in one
// transaction), so every participant's tree changes at once.
import * as Y from 'yjs';
import { el } from '../shared/dom';
import { ask, confirmDialog } from './dialog';

const MAX_PATH = 255;

/** Why a path may not be a project file (the project's own rules are checked again by the server). */
export function pathProblem(path: string, existing: Y.Map<Y.Text>): string | null {
  if (!path) return 'A file needs a name.';
  if (path.length > MAX_PATH) return `A path is at most ${MAX_PATH} characters.`;
  if (path.startsWith('/') || path.endsWith('/') || path.includes('\\')) return 'Use a relative path with / between folders.';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'No empty, "." or ".." parts in a path.';
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'No control characters in a path.';
  if (existing.has(path)) return `${path} exists already.`;
  return null;
}

export class FileTree {
  readonly files: Y.Map<Y.Text>;
  private readOnly = false;

  constructor(private readonly doc: Y.Doc, private readonly list: HTMLElement, private readonly error: HTMLElement,
    private readonly current: () => string | null, private readonly open: (path: string) => void) {
    this.files = doc.getMap<Y.Text>('files');
    this.files.observe(() => this.render());
  }

  paths(): string[] { return [...this.files.keys()].sort(); }

  setReadOnly(on: boolean): void { this.readOnly = on; this.render(); }

  render(): void {
    const active = this.current();
    this.list.replaceChildren(...this.paths().map((path) => {
      const button = el('button', { type: 'button', 'data-path': path, 'aria-current': String(path === active) }, path);
      button.onclick = () => this.open(path);
      return el('li', {}, button);
    }));
    if (!this.files.size) this.list.append(el('li', { class: 'hint' }, 'No files.'));
    for (const id of ['pad-new-file', 'pad-rename-file', 'pad-delete-file']) {
      const b = document.getElementById(id) as HTMLButtonElement | null;
      if (b) b.disabled = this.readOnly || (id !== 'pad-new-file' && !active);
    }
  }

  async create(): Promise<void> {
    const path = await ask('New file', 'Path', '', 'Create');
    if (path === null) return;
    if (this.refuse(pathProblem(path, this.files))) return;
    this.doc.transact(() => this.files.set(path, new Y.Text('')));
    this.open(path);
  }

  async rename(): Promise<void> {
    const from = this.current();
    if (!from) return;
    const to = await ask(`Rename ${from}`, 'New path', from, 'Rename');
    if (to === null || to === from) return;
    const text = this.files.get(from);
    if (!text || this.refuse(pathProblem(to, this.files))) return;
    this.doc.transact(() => {
      this.files.set(to, new Y.Text(text.toString()));
      this.files.delete(from);
    });
    this.open(to);
  }

  async remove(): Promise<void> {
    const path = this.current();
    if (!path || !(await confirmDialog(`Delete ${path}?`, 'It goes for everyone in the pad.', 'Delete', true))) return;
    this.files.delete(path);
  }

  private refuse(problem: string | null): boolean {
    this.error.textContent = problem ?? '';
    return problem !== null;
  }
}
