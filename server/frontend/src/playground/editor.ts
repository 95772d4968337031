import { $ } from '../shared/dom';
import { isDark } from '../shared/theme';
import { run } from './run';
import { STARTERS, state } from './state';

import * as editorModule from '../shared/monaco';

export type MonacoModule = typeof editorModule;
export const monaco: MonacoModule['monaco'] = editorModule.monaco;
export const HIGHLIGHT: Record<string, string> = editorModule.HIGHLIGHT;
export const highlightFor: (path: string) => string = editorModule.highlightFor;
// ---------------------------------------------------------------- editor

export function currentLanguage() { return $('language').value.split('@')[0] || 'python'; }

export async function loadMonaco() {
  return editorModule;
}

export function createEditor(monaco: MonacoModule['monaco']) {
  $('fallback').remove();
  state.scratch = monaco.editor.createModel(STARTERS.python, 'python');
  state.editor = monaco.editor.create($('editor'), {
    model: state.scratch, automaticLayout: true, minimap: { enabled: false }, fontSize: 14, tabSize: 4, insertSpaces: true,
    theme: isDark() ? 'vs-dark' : 'vs', scrollBeyondLastLine: false, renderWhitespace: 'selection',
    // A plain, distraction-free editor: no completion pop-ups, nothing typed for you.
    quickSuggestions: false, suggestOnTriggerCharacters: false, wordBasedSuggestions: 'off', parameterHints: { enabled: false },
    autoClosingBrackets: 'never', autoClosingQuotes: 'never', autoSurround: 'never', autoIndent: 'keep', accessibilitySupport: 'auto',
  });
  state.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, run);
  state.scratch.onDidChangeContent(() => { state.starterShown = false; });
}

export function editorValue() { return state.editor ? state.editor.getValue() : $('fallback').value; }

export function setScratch(text, language) {
  state.scratchLanguage = language;
  if (state.editor) {
    state.scratch.setValue(text);
    monaco!.editor.setModelLanguage(state.scratch, HIGHLIGHT[language] || 'plaintext');
  } else {
    $('fallback').value = text;
  }
  state.starterShown = true;
}
