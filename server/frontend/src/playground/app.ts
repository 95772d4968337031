import { $ } from '../shared/dom';
import { authenticate, changePassword, loadKeys, loadUser, signOut, signOutEverywhere } from '../account/signin';
import { api } from '../shared/api';
import { initTheme } from '../shared/theme';
import { HIGHLIGHT, createEditor, currentLanguage, editorValue, highlightFor, loadMonaco, monaco, setScratch } from './editor';
import { loadHistory } from './history';
import { changed, closeProject, deleteFile, flushSaves, loadProjects, newFile, newProject, renameFile, renderTabs, resolveConflict } from './projects';
import { run, showAll, write } from './run';
import { STARTERS, state } from './state';

export function onLanguageChange() {
  const language = currentLanguage();
  if (state.project) return;
  if (state.starterShown || !editorValue().trim()) setScratch(STARTERS[language] || '', language);
  else if (state.editor) monaco!.editor.setModelLanguage(state.scratch, HIGHLIGHT[language] || 'plaintext');
}

export async function start() {
  $('fallback').value = STARTERS.python;
  const [languages] = await Promise.all([api('GET', '/api/v1/languages').then((r) => r.data), loadUser()]);
  state.languages = languages;
  for (const l of languages) $('language').add(new Option(`${l.name} ${l.version}`, `${l.id}@${l.version}`));
  $('run').disabled = false;
  renderTabs();
  const loaded = await loadMonaco();
  if (loaded) {
    createEditor(monaco!);
    for (const [path, f] of state.files) if (!f.model) { f.model = monaco.editor.createModel(f.content, highlightFor(path)); f.model.onDidChangeContent(() => changed(path)); }
    setScratch(state.starterShown ? STARTERS[currentLanguage()] || '' : editorValue(), currentLanguage());
  }
  document.body.dataset.ready = 'true';
}

$('language').onchange = onLanguageChange;
$('run').onclick = run;
$('stop').onclick = () => state.socket && state.socket.send(JSON.stringify({ type: 'kill' }));
$('show-all').onclick = showAll;
$('ask').onsubmit = (e) => {
  e.preventDefault();
  if (!state.socket) return;
  const line = $('answer').value;
  state.socket.send(JSON.stringify({ type: 'stdin', data: line + '\n' }));
  write(line + '\n', 'typed');
  $('answer').value = '';
};
$('signin').onclick = () => $('dlg-auth').showModal();
$('signin-link').onclick = (e) => { e.preventDefault(); $('dlg-auth').showModal(); };
$('auth-form').onsubmit = (e) => {
  const mode = e.submitter && e.submitter.value;
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
$('new-project').onclick = newProject;
$('new-file').onclick = newFile;
$('rename-file').onclick = renameFile;
$('delete-file').onclick = deleteFile;
$('close-project').onclick = () => { flushSaves(); closeProject(); loadProjects(); };
$('conflict-reload').onclick = () => resolveConflict(false);
$('conflict-overwrite').onclick = () => resolveConflict(true);
$('history-refresh').onclick = loadHistory;
$('run-close').onclick = () => $('dlg-run').close();
$('fallback').addEventListener('input', () => { state.starterShown = false; });
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); run(); }
});
window.addEventListener('beforeunload', flushSaves);

/** Starts the playground once the page's other modules have registered their hooks. */
export function startPlayground() {
  initTheme($('theme'));
  return start();
}
