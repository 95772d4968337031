// The Packages panel of a project: what its environment has installed (pip and npm), the last
// install's status and log, and adding, removing or installing from the manifest. Installs go
// through POST /api/v1/projects/{id}/packages with the log streamed as Server-Sent Events.
import './packages.css';
import { $, el } from '../shared/dom';
import { ApiError, api, csrfHeaders, refreshCsrf } from '../shared/api';
import { reloadFiles } from '../playground/projects';
import { hooks } from '../playground/state';

type Ecosystem = 'python' | 'node';

interface Installed { ecosystem: string; name: string; version: string }

interface Status { status: string; generation: number; installed: Installed[]; log: string; message?: string | null; updatedAt?: string | null }

interface Result { status: string; exitCode: number | null; message: string | null; installed: Installed[] }

const MANIFEST: Record<Ecosystem, string> = { python: 'requirements.txt', node: 'package.json' };

const panel = {
  project: null as number | null,
  busy: false,
  installed: [] as Installed[],
};
(window as any).sandlotPackages = panel; // for the browser tests

function ecosystemOf(name: string): Ecosystem {
  return /^(node|npm)$/i.test(name) ? 'node' : 'python';
}

function build(): void {
  const section = $('packages-panel');
  const ecosystem = el('select', { id: 'packages-ecosystem' },
    el('option', { value: 'python' }, 'Python (pip)'), el('option', { value: 'node' }, 'Node (npm)'));
  const form = el('form', { id: 'packages-add', class: 'packages-add', autocomplete: 'off' },
    el('label', { for: 'packages-ecosystem' }, 'Manager'), ecosystem,
    el('label', { for: 'packages-name' }, 'Package'),
    el('input', { id: 'packages-name', required: true, placeholder: 'e.g. seaborn', spellcheck: 'false', autocapitalize: 'off' }),
    el('label', { for: 'packages-version' }, 'Version'),
    el('input', { id: 'packages-version', placeholder: 'optional, e.g. >=1.24', spellcheck: 'false', autocapitalize: 'off' }),
    el('button', { id: 'packages-add-button', class: 'primary', type: 'submit' }, 'Add'));
  form.onsubmit = (e: SubmitEvent) => { e.preventDefault(); add(); };
  const manifest = el('button', { id: 'packages-manifest', type: 'button',
    title: 'Install exactly what requirements.txt or package.json lists' }, 'Install from manifest');
  manifest.onclick = () => install({ ecosystem: selected(), fromManifest: true });
  section.replaceChildren(
    el('div', { class: 'panel-head' }, el('h2', { id: 'packages-title' }, 'Packages'),
      el('span', { id: 'packages-status', role: 'status', 'aria-live': 'polite' })),
    el('p', { class: 'hint' }, 'For this project\u2019s runs, tests and terminal (where pip and npm install work too).'),
    el('ul', { id: 'packages-list', class: 'list', 'aria-label': 'Installed packages' }),
    form,
    el('div', { class: 'row' }, manifest),
    el('p', { id: 'packages-error', class: 'error', role: 'alert' }),
    el('details', { id: 'packages-log-box' }, el('summary', {}, 'Install log'),
      el('pre', { id: 'packages-log', tabindex: '0', 'aria-label': 'Install log' })));
}

function selected(): Ecosystem {
  return $('packages-ecosystem').value === 'node' ? 'node' : 'python';
}

function setBusy(busy: boolean): void {
  panel.busy = busy;
  for (const id of ['packages-add-button', 'packages-manifest']) $(id).disabled = busy;
  for (const b of $('packages-list').querySelectorAll('button')) b.disabled = busy;
  $('packages-panel').setAttribute('aria-busy', String(busy));
}

function showStatus(text: string): void {
  $('packages-status').textContent = text;
}

function showError(text: string): void {
  $('packages-error').textContent = text;
}

function render(installed: Installed[]): void {
  panel.installed = installed;
  const list = $('packages-list');
  const groups: [Ecosystem, string][] = [['python', 'Python'], ['node', 'Node']];
  const items: HTMLElement[] = [];
  for (const [ecosystem, label] of groups) {
    const mine = installed.filter((p) => ecosystemOf(p.ecosystem) === ecosystem);
    if (!mine.length) continue;
    items.push(el('li', { class: 'packages-group' }, label));
    for (const p of mine) {
      const remove = el('button', { type: 'button', class: 'packages-remove', 'aria-label': `Remove ${p.name}`, title: `Remove ${p.name}` }, 'Remove');
      remove.onclick = () => install({ ecosystem, remove: [p.name] });
      remove.disabled = panel.busy;
      items.push(el('li', { class: 'packages-item', 'data-name': p.name },
        el('span', { class: 'packages-name' }, p.name), el('small', {}, p.version), remove));
    }
  }
  if (!items.length) items.push(el('li', { class: 'hint' }, 'No packages installed yet.'));
  list.replaceChildren(...items);
}

const STATUS_WORDS: Record<string, string> = {
  none: '', installing: 'Installing…', installed: 'Installed', failed: 'The last install failed', timeout: 'The last install ran out of time',
};

async function refresh(): Promise<void> {
  const project = panel.project;
  if (project === null) return;
  try {
    const { data } = await api<Status>('GET', `/api/v1/projects/${project}/packages`);
    if (panel.project !== project) return;
    render(data.installed || []);
    if (!panel.busy) {
      showStatus(STATUS_WORDS[data.status] ?? data.status);
      $('packages-log').textContent = data.log || '';
      if ((data.status === 'failed' || data.status === 'timeout') && data.message) showError(data.message);
    }
  } catch (e) {
    if (panel.project === project) showError(`The packages cannot be listed: ${e.message}`);
  }
}

function add(): void {
  const ecosystem = selected();
  const name = $('packages-name').value.trim();
  const version = $('packages-version').value.trim();
  if (!name) { showError('Give a package name.'); $('packages-name').focus(); return; }
  let spec = name;
  if (version) {
    if (ecosystem === 'node') spec = `${name}@${version}`;
    else spec = /^[<>=!~]/.test(version) ? `${name}${version}` : `${name}==${version}`;
  }
  install({ ecosystem, add: [spec] }).then((ok) => {
    if (ok) { $('packages-name').value = ''; $('packages-version').value = ''; }
  });
}

/** Runs one install, streaming its log into the panel; true when it installed. */
async function install(change: { ecosystem: Ecosystem; add?: string[]; remove?: string[]; fromManifest?: boolean }): Promise<boolean> {
  const project = panel.project;
  if (project === null || panel.busy) return false;
  setBusy(true);
  showError('');
  showStatus('Installing…');
  const log = $('packages-log');
  log.textContent = '';
  $('packages-log-box').open = true;
  try {
    const result = await stream(project, change, (line) => {
      log.append(line + '\n');
      log.scrollTop = log.scrollHeight;
    });
    if (panel.project !== project) return false;
    showStatus(STATUS_WORDS[result.status] ?? result.status);
    if (result.status !== 'installed') showError(result.message || `The install ended: ${result.status}.`);
    render(result.installed || []);
    reloadFiles([MANIFEST[change.ecosystem]], []).catch(() => {});
    return result.status === 'installed';
  } catch (e) {
    showStatus('');
    showError(e instanceof ApiError ? e.message : `The install could not be started: ${e.message}`);
    return false;
  } finally {
    if (panel.project === project) setBusy(false);
  }
}

async function stream(project: number, change: object, onLine: (line: string) => void, retried = false): Promise<Result> {
  const res = await fetch(`/api/v1/projects/${project}/packages`, {
    method: 'POST', credentials: 'same-origin', body: JSON.stringify(change),
    headers: { ...csrfHeaders('POST'), 'Content-Type': 'application/json', Accept: 'text/event-stream' },
  });
  if (!res.ok) {
    const text = await res.text();
    let problem: any = null;
    try { problem = JSON.parse(text); } catch { problem = { detail: text }; }
    if (res.status === 403 && problem?.type === 'urn:sandlot:problem:csrf' && !retried) {
      await refreshCsrf();
      return stream(project, change, onLine, true);
    }
    throw new ApiError(problem?.detail || problem?.title || res.statusText, res.status, problem);
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let result: Result | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    buffer += decoder.decode(value, { stream: !done });
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer[end] === '\r' ? 4 : 2));
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (event === 'log') onLine(data.join('\n'));
      else if (event === 'result') result = JSON.parse(data.join('\n'));
    }
    if (done) break;
  }
  if (!result) throw new Error('the server ended the install without a result');
  return result;
}

/** Shows the panel for each project opened, and hides it when the project closes. */
export function initPackages(): void {
  build();
  hooks.projectOpened.push((project) => {
    panel.project = project.id;
    $('packages-panel').hidden = false;
    $('packages-ecosystem').value = /^(javascript|typescript)$/.test(project.language) ? 'node' : 'python';
    showError(''); showStatus(''); $('packages-log').textContent = '';
    setBusy(false);
    render([]);
    refresh();
  });
  hooks.projectClosed.push(() => {
    panel.project = null;
    $('packages-panel').hidden = true;
  });
}
