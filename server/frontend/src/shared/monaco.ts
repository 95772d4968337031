// Monaco from npm, bundled: the editor with its standard contributions and every basic language's
// highlighting, indentation and bracket rules (each language's module loads when first used). No
// language services, so no language workers: the one worker is the editor's own.
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/monaco.contribution.js';
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
