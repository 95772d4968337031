// The code editor: Monaco with each language's own indentation and bracket rules, a scratch buffer
// per language (kept in this browser as you type), and the editor settings.
import type { editor } from 'monaco-editor';
import { $ } from '../shared/dom';
import { HIGHLIGHT, highlightFor, monaco, themeName } from '../shared/monaco';
import { STARTERS, state } from './state';

export { highlightFor, monaco };

const SCRATCH_KEY = 'sandlot-scratch';
const SETTINGS_KEY = 'sandlot-editor';

/** What this browser keeps of the scratch buffers: the selected language and every edited buffer. */
interface StoredScratch { language: string; code: Record<string, string> }

export interface EditorSettings { suggestions: boolean; closeBrackets: boolean }

const buffers = new Map<string, editor.ITextModel>();
let stored: StoredScratch = readScratch();
let saveTimer: ReturnType<typeof setTimeout> | undefined;

/** The selected language's id (the select's value is id@version). */
export function currentLanguage(): string { return ($('language').value as string).split('@')[0] || 'python'; }

/** The language (id@version) this browser had selected last time, if any. */
export function storedLanguage(): string | null { return stored.language || null; }

export function createEditor(onRun: () => void): void {
  state.scratch = bufferFor(currentLanguage());
  state.editor = monaco.editor.create($('editor'), {
    model: state.scratch, automaticLayout: true, minimap: { enabled: false }, fontSize: 14,
    theme: themeName(), scrollBeyondLastLine: false, renderWhitespace: 'selection', accessibilitySupport: 'auto',
    autoIndent: 'full', formatOnType: false, ariaLabel: 'Code editor',
    ...settingsOptions(editorSettings()),
  });
  state.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, onRun);
}

/** The scratch buffer of a language: what was typed in it before, or its starter. */
export function bufferFor(language: string): editor.ITextModel {
  let model = buffers.get(language);
  if (model) return model;
  model = monaco.editor.createModel(stored.code[language] ?? starter(language), HIGHLIGHT[language] || 'plaintext');
  model.updateOptions(indentation(language));
  model.onDidChangeContent(() => scheduleSave());
  buffers.set(language, model);
  return model;
}

/** Shows the selected language's scratch buffer (unless a project is open). */
export function showScratch(): void {
  state.scratch = bufferFor(currentLanguage());
  if (state.editor && !state.project) state.editor.setModel(state.scratch);
  scheduleSave();
}

/** Replaces a scratch buffer's text as one edit, so Ctrl+Z brings the old text back. */
export function replaceScratch(language: string, text: string): void {
  const model = bufferFor(language);
  model.pushStackElement();
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  model.pushStackElement();
}

export function resetToStarter(): void { replaceScratch(currentLanguage(), starter(currentLanguage())); }

export function starter(language: string): string { return STARTERS[language] ?? ''; }

export function editorValue(): string { return state.editor ? state.editor.getValue() : ''; }

/** Go is written with tabs; the others with four spaces. */
export function indentation(language: string): editor.ITextModelUpdateOptions {
  return { tabSize: 4, insertSpaces: language !== 'go' };
}

/** Saves the scratch buffers to this browser now. */
export function saveScratch(): void {
  clearTimeout(saveTimer); saveTimer = undefined;
  const code: Record<string, string> = { ...stored.code };
  for (const [language, model] of buffers) {
    const text = model.getValue();
    if (text === starter(language)) delete code[language]; else code[language] = text;
  }
  stored = { language: $('language').value || stored.language, code };
  try { localStorage.setItem(SCRATCH_KEY, JSON.stringify(stored)); } catch { /* full or refused: the buffers stay in the page */ }
}

function scheduleSave(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveScratch, 300);
}

function readScratch(): StoredScratch {
  try {
    const value = JSON.parse(localStorage.getItem(SCRATCH_KEY) || 'null');
    if (value && typeof value.language === 'string' && value.code && typeof value.code === 'object') return value;
  } catch { /* unreadable: start afresh */ }
  return { language: '', code: {} };
}

// ---------------------------------------------------------------- settings

export function editorSettings(): EditorSettings {
  const defaults: EditorSettings = { suggestions: false, closeBrackets: true };
  try { return { ...defaults, ...JSON.parse(localStorage.getItem(SETTINGS_KEY) || '{}') }; } catch { return defaults; }
}

export function changeSettings(change: Partial<EditorSettings>): void {
  const settings = { ...editorSettings(), ...change };
  try { localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings)); } catch { /* kept for this page only */ }
  state.editor?.updateOptions(settingsOptions(settings));
}

function settingsOptions(s: EditorSettings): editor.IEditorOptions & editor.IGlobalEditorOptions {
  const closing = s.closeBrackets ? 'languageDefined' : 'never';
  return {
    quickSuggestions: s.suggestions, suggestOnTriggerCharacters: s.suggestions, parameterHints: { enabled: s.suggestions },
    wordBasedSuggestions: s.suggestions ? 'currentDocument' : 'off',
    autoClosingBrackets: closing, autoClosingQuotes: closing, autoSurround: s.closeBrackets ? 'languageDefined' : 'never',
  };
}
