// The page around the editor: panes as tabs on a phone, the editor settings menu, the keyboard
// shortcuts overlay and the page-wide keys.
import { $ } from '../shared/dom';
import { changeSettings, editorSettings, saveScratch } from './editor';
import { flushSaves, saveState } from './projects';
import { run } from './run';
import { state } from './state';

export type Pane = 'code' | 'input' | 'output' | 'more';
const PANES: Pane[] = ['code', 'input', 'output', 'more'];

/** Shows one pane; only a narrow screen shows one at a time, a wide one shows them all. */
export function showPane(pane: Pane): void {
  document.body.dataset.pane = pane;
  for (const p of PANES) {
    const tab = $(`tab-${p}`);
    tab.setAttribute('aria-selected', String(p === pane));
    tab.tabIndex = p === pane ? 0 : -1;
  }
}

function initPaneTabs(): void {
  for (const p of PANES) $(`tab-${p}`).onclick = () => showPane(p);
  $('pane-tabs').addEventListener('keydown', (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = PANES[(PANES.indexOf(document.body.dataset.pane as Pane) + step + PANES.length) % PANES.length];
    showPane(next);
    $(`tab-${next}`).focus();
  });
  showPane('code');
}

function initSettingsMenu(): void {
  const button = $('editor-settings');
  const menu = $('editor-settings-menu');
  const settings = editorSettings();
  $('setting-suggestions').checked = settings.suggestions;
  $('setting-close-brackets').checked = settings.closeBrackets;
  $('setting-suggestions').onchange = (e: Event) => changeSettings({ suggestions: (e.target as HTMLInputElement).checked });
  $('setting-close-brackets').onchange = (e: Event) => changeSettings({ closeBrackets: (e.target as HTMLInputElement).checked });
  const open = (on: boolean) => { menu.hidden = !on; button.setAttribute('aria-expanded', String(on)); };
  button.onclick = () => open(menu.hidden);
  menu.addEventListener('keydown', (e: KeyboardEvent) => { if (e.key === 'Escape') { open(false); button.focus(); } });
  document.addEventListener('click', (e) => {
    if (!menu.hidden && !menu.contains(e.target as Node) && !button.contains(e.target as Node)) open(false);
  });
}

/** Typing into a field or the editor, where keys are text, not commands. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function saveNow(): void {
  if (state.project) { flushSaves(); return; }
  saveScratch();
  saveState('Kept in this browser.');
}

function initKeys(): void {
  $('shortcuts').onclick = () => $('dlg-shortcuts').showModal();
  $('shortcuts-close').onclick = () => $('dlg-shortcuts').close();
  document.addEventListener('keydown', (e) => {
    const command = e.ctrlKey || e.metaKey;
    if (command && e.key === 'Enter') { e.preventDefault(); run(); }
    else if (command && !e.shiftKey && e.key.toLowerCase() === 's') { e.preventDefault(); saveNow(); }
    else if (e.key === '?' && !command && !e.altKey && !typing(e.target) && !document.querySelector('dialog[open]')) {
      e.preventDefault(); $('dlg-shortcuts').showModal();
    }
  });
}

export function initLayout(): void {
  initPaneTabs();
  initSettingsMenu();
  initKeys();
}
