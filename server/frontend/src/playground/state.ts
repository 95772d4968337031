import type { editor } from 'monaco-editor';

/** A built-in library of a language: what a program imports, and the installed distribution. */
export interface Library { name: string; version: string; module: string }

/** A language as GET /api/v1/languages lists it. */
export interface Language { id: string; name: string; version: string; aliases: string[]; compiled: boolean; fileName: string; libraries?: Library[] }

/** A project as the projects API returns it (the fields the page uses). */
export interface Project { id: number; name: string; language: string; entry?: string | null; revision?: number }

/** One file of the open project, with its editor model and save state. */
export interface ProjectFile {
  content: string; revision: number; dirty: boolean; saving: boolean; applying?: boolean;
  timer: ReturnType<typeof setTimeout> | undefined; model: editor.ITextModel | null;
}

/** How long the page took to show a run's output (for the benchmark). */
export interface RenderFigure {
  bytes: number; // UTF-8 bytes of output shown
  ms: number; // from the run's exit message to the output painted
  streamMs: number; // from the first output message to the output painted
  busyMs: number; // main-thread time the output view spent on this run
}

export const STARTERS: Record<string, string> = {
  python: 'name = input("What\'s your name? ")\nprint(f"Hello, {name}!")\n',
  javascript: 'const readline = require("readline");\nconst rl = readline.createInterface({ input: process.stdin });\nconsole.log("Hello from JavaScript!");\nrl.close();\n',
  typescript: 'const greet = (who: string): string => `Hello, ${who}!`;\nconsole.log(greet("TypeScript"));\n',
  c: '#include <stdio.h>\n\nint main(void) {\n    printf("Hello from C!\\n");\n    return 0;\n}\n',
  cpp: '#include <iostream>\n\nint main() {\n    std::cout << "Hello from C++!" << std::endl;\n}\n',
  rust: 'fn main() {\n    println!("Hello from Rust!");\n}\n',
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("Hello from Go!")\n}\n',
  java: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello from Java!");\n    }\n}\n',
  bash: 'echo "Hello from Bash $BASH_VERSION"\n',
  perl: 'print "Hello from Perl!\\n";\n',
};

export const EXPLAIN: Record<string, string> = {
  timeout: 'The program ran out of time.', memory_limit: 'The program needed more memory than allowed.',
  output_limit: 'The program printed more than allowed; the start of its output is shown.',
  compile_error: 'The program did not compile; the compiler says why above.', killed: 'The program was stopped by a signal.',
  runtime_error: 'The program ended with an error.', internal_error: 'The server failed to run it; this is not your fault.',
};

export const state = {
  user: null as any,
  languages: [] as Language[],
  editor: null as editor.IStandaloneCodeEditor | null,
  /** The scratch buffer of the selected language (one model per language, kept while the page lives). */
  scratch: null as editor.ITextModel | null,
  project: null as Project | null,
  /** The signed-in user's projects, as last listed. */
  projects: [] as Project[],
  files: new Map<string, ProjectFile>(),
  tabs: [] as string[],
  active: null as string | null,
  socket: null as WebSocket | null,
  lastRender: null as RenderFigure | null,
};
(window as any).sandlot = state; // for people poking around, and for the browser tests

// What the page's other modules (terminal, attempt) hook into.
export const hooks = { projectOpened: [] as ((project: any) => void)[], projectClosed: [] as ((project: any) => void)[],
  projectsListed: [] as (() => void)[] };
