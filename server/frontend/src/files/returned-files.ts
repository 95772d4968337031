// The files a run returned (plots, files under /output, files the request named): images the
// server recognised by their bytes are shown inline as <img> with a data: URL (an SVG in an <img>
// runs no script); every other file is a download link. A download is a blob typed
// application/octet-stream, so no file, whatever its name says, is ever rendered by this origin.
import './returned-files.css';

/** A file as the API sends it. */
export interface ReturnedFile { name: string; mimeType: string; size: number; base64: string }

const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']);

/** The list of one run's files in `container`, which stays hidden while there are none. */
export class ReturnedFiles {
  private urls: string[] = [];
  private count = 0;
  private readonly list = document.createElement('ul');
  private readonly note = document.createElement('p');

  constructor(private readonly container: HTMLElement) {
    const heading = document.createElement('h3');
    heading.className = 'files-title';
    heading.textContent = 'Files';
    this.list.className = 'files-list';
    this.note.className = 'files-note';
    this.note.hidden = true;
    container.append(heading, this.list, this.note);
    container.hidden = true;
  }

  clear(): void {
    this.urls.forEach((u) => URL.revokeObjectURL(u));
    this.urls = [];
    this.count = 0;
    this.list.replaceChildren();
    this.note.hidden = true;
    this.container.hidden = true;
  }

  add(file: ReturnedFile): void {
    if (typeof file?.name !== 'string' || typeof file.base64 !== 'string') return;
    const item = document.createElement('li');
    item.className = 'file';
    this.count++;
    if (INLINE.has(file.mimeType)) {
      const figure = document.createElement('figure');
      const img = document.createElement('img');
      img.src = `data:${file.mimeType};base64,${file.base64}`;
      img.alt = `${file.name} (image the program returned)`;
      const caption = document.createElement('figcaption');
      caption.append(this.download(file, file.name), ` \u00b7 ${size(file.size)}`);
      figure.append(img, caption);
      item.append(figure);
    } else {
      item.append(this.download(file, file.name), ` \u00b7 ${file.mimeType} \u00b7 ${size(file.size)}`);
    }
    this.list.append(item);
    this.container.hidden = false;
  }

  /** After the run: says when the server left files out. */
  finish(truncated: boolean): void {
    if (!truncated) return;
    this.note.textContent = this.count
      ? 'More files were written than the server returns; the rest were left out.'
      : 'The program wrote files, but they were over the server\u2019s limits and were left out.';
    this.note.hidden = false;
    this.container.hidden = false;
  }

  private download(file: ReturnedFile, label: string): HTMLAnchorElement {
    const a = document.createElement('a');
    const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    this.urls.push(url);
    a.href = url;
    a.type = 'application/octet-stream';
    a.download = file.name.split('/').pop() || 'file';
    a.textContent = label;
    a.title = `Download ${file.name}`;
    return a;
  }
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
