// Monaco from npm, bundled: the editor API with the contributions a code playground uses (not
// Monaco's whole set: no code lens, inlay hints, colour picker, semantic tokens, inline edits), and
// every basic language's highlighting, indentation and bracket rules (each language's module loads
// when first used). No language services, so no language workers: the one worker is the editor's own.
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/esm/vs/editor/browser/widget/diffEditor/diffEditor.contribution.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/caretOperations/browser/caretOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/lineSelection/browser/lineSelection.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/smartSelect/browser/smartSelect.js';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/tokenization/browser/tokenization.js';
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/readOnlyMessage/browser/contribution.js';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/basic-languages/monaco.contribution.js';
// The starter's language comes with the editor rather than a round trip after it.
import 'monaco-editor/esm/vs/basic-languages/python/python.js';
import { isDark, onThemeChange } from './theme';

(self as any).MonacoEnvironment = { getWorkerUrl: () => '/app/editor.worker.js' };

/** Monaco's language for a Sandlot language id. */
export const HIGHLIGHT: Record<string, string> = { python: 'python', javascript: 'javascript', typescript: 'typescript',
  c: 'c', cpp: 'cpp', rust: 'rust', go: 'go', java: 'java', bash: 'shell', perl: 'perl' };

const BY_EXTENSION: Record<string, string> = { py: 'python', js: 'javascript', mjs: 'javascript', ts: 'typescript',
  c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp', hpp: 'cpp', rs: 'rust', go: 'go', java: 'java', sh: 'shell', pl: 'perl',
  json: 'json', md: 'markdown', txt: 'plaintext' };

export function highlightFor(path: string): string {
  const ext = path.includes('.') ? path.split('.').pop()! : '';
  return BY_EXTENSION[ext] || 'plaintext';
}

export const themeName = (): string => (isDark() ? 'vs-dark' : 'vs');

onThemeChange((dark) => monaco.editor.setTheme(dark ? 'vs-dark' : 'vs'));

export { monaco };
