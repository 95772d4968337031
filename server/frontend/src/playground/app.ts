// The playground page: wires the editor, runs, projects, history and account controls together,
// and opens what the address names.
import { $ } from '../shared/dom';
import { authenticate, changePassword, loadKeys, loadUser, signOut, signOutEverywhere } from '../account/signin';
import { api, loadLanguages } from '../shared/api';
import { initTheme } from '../shared/theme';
import { initLibraries } from '../libraries/libraries';
import { createEditor, resetToStarter, saveScratch, showScratch, storedLanguage } from './editor';
import { loadHistory, refreshTimes } from './history';
import { initLayout, showPane } from './layout';
import { closeProject, deleteFile, flushSaves, newFile, newProject, openProject, renameFile, renderTabs, resolveConflict, saveState } from './projects';
import { initRun, onRunStart, run } from './run';
import { type Language, hooks, state } from './state';

/** The project the address names (/p/{id}), if any. */
function projectInAddress(): number | null {
  const match = /^\/p\/(\d+)\/?$/.exec(location.pathname);
  return match ? Number(match[1]) : null;
}

let following: Promise<void> | null = null;

/** Opens the project the address names, or closes the open one when the address names none. */
function followAddress(): Promise<void> {
  following ??= openAddressed().finally(() => { following = null; });
  return following;
}

async function openAddressed(): Promise<void> {
  const id = projectInAddress();
  if (id === null) {
    if (state.project && !location.search) closeProject('keep');
    return;
  }
  if (state.project?.id === id) return;
  if (!state.user) { saveState(`Sign in to open project ${id}.`); return; }
  try {
    await openProject(id, 'keep');
  } catch (e) {
    saveState(`Project ${id} cannot be opened: ${e.message}`, true);
    history.replaceState(null, '', '/');
  }
}

function fillLanguages(languages: Language[]): void {
  state.languages = languages;
  const select = $('language');
  for (const l of languages) select.add(new Option(`${l.name} ${l.version}`, `${l.id}@${l.version}`));
  const saved = storedLanguage();
  if (saved && languages.some((l) => `${l.id}@${l.version}` === saved)) select.value = saved;
  initLibraries(languages);
}

async function start(): Promise<void> {
  const [languages] = await Promise.all([loadLanguages() as Promise<Language[]>, loadUser()]);
  fillLanguages(languages);
  createEditor(run);
  $('run').disabled = false;
  renderTabs();
  await followAddress();
  document.body.dataset.ready = 'true';
}

function wireAccount(): void {
  $('signin').onclick = () => $('dlg-auth').showModal();
  $('signin-link').onclick = (e: Event) => { e.preventDefault(); $('dlg-auth').showModal(); };
  $('auth-form').onsubmit = (e: SubmitEvent) => {
    const mode = (e.submitter as HTMLButtonElement | null)?.value;
    if (mode === 'cancel') return;
    e.preventDefault();
    authenticate(mode === 'signup' ? 'signup' : 'signin');
  };
  $('signout').onclick = signOut;
  $('keys-open').onclick = () => { $('key-new').hidden = true; loadKeys(); $('dlg-keys').showModal(); };
  $('keys-close').onclick = () => $('dlg-keys').close();
  $('password-change').onclick = changePassword;
  $('signout-everywhere').onclick = signOutEverywhere;
  $('key-create').onclick = async () => {
    const scopes = ['run', 'read', 'write', 'admin'].filter((s) => { const box = $(`key-scope-${s}`); return box.checked && !box.closest('label').hidden; });
    const { data } = await api('POST', '/api/v1/auth/api-keys', { name: $('key-name').value, scopes });
    $('key-new').textContent = `New key with ${data.scopes.join(', ')} (copy it now, it is not shown again):\n${data.key}`; $('key-new').hidden = false;
    $('key-name').value = ''; loadKeys();
  };
}

function wireProjects(): void {
  $('new-project').onclick = newProject;
  $('new-file').onclick = newFile;
  $('rename-file').onclick = renameFile;
  $('delete-file').onclick = deleteFile;
  $('close-project').onclick = () => { flushSaves(); closeProject('push'); };
  $('conflict-reload').onclick = () => resolveConflict(false);
  $('conflict-overwrite').onclick = () => resolveConflict(true);
  $('history-refresh').onclick = loadHistory;
  $('run-close').onclick = () => $('dlg-run').close();
  // Signing in after opening /p/{id} opens it then.
  hooks.projectsListed.push(() => {
    if (document.body.dataset.ready === 'true' && projectInAddress() !== (state.project?.id ?? null)) followAddress();
  });
  addEventListener('popstate', followAddress);
  setInterval(refreshTimes, 30_000);
}

function wireEditor(): void {
  $('language').onchange = showScratch;
  $('reset-starter').onclick = resetToStarter;
  onRunStart(() => showPane('output'));
  addEventListener('beforeunload', () => { flushSaves(); saveScratch(); });
  addEventListener('pagehide', saveScratch);
}

/** Starts the playground once the page's other modules have registered their hooks. */
export function startPlayground(): Promise<void> {
  initTheme($('theme'));
  initLayout();
  initRun();
  wireAccount();
  wireProjects();
  wireEditor();
  return start();
}
