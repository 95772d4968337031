

export const STARTERS = {
  python: 'name = input("What\'s your name? ")\nprint(f"Hello, {name}!")\n',
  javascript: 'const readline = require("readline");\nconst rl = readline.createInterface({ input: process.stdin });\nconsole.log("Hello from JavaScript!");\nrl.close();\n',
  typescript: 'const greet = (who: string): string => `Hello, ${who}!`;\nconsole.log(greet("TypeScript"));\n',
  c: '#include <stdio.h>\n\nint main(void) {\n    printf("Hello from C!\\n");\n    return 0;\n}\n',
  cpp: '#include <iostream>\n\nint main() {\n    std::cout << "Hello from C++!" << std::endl;\n}\n',
  rust: 'fn main() {\n    println!("Hello from Rust!");\n}\n',
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n    fmt.Println("Hello from Go!")\n}\n',
  java: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello from Java!");\n    }\n}\n',
  bash: 'echo "Hello from Bash $BASH_VERSION"\n',
  perl: 'print "Hello from Perl!\\n";\n',
};
export const EXPLAIN = {
  timeout: 'The program ran out of time.', memory_limit: 'The program needed more memory than allowed.',
  output_limit: 'The program printed more than allowed; the start of its output is shown.',
  compile_error: 'The program did not compile; the compiler says why above.', killed: 'The program was stopped by a signal.',
  runtime_error: 'The program ended with an error.', internal_error: 'The server failed to run it; this is not your fault.',
};
export const RENDER_CAP = 200 * 1024;

export const state: any = {
  user: null, languages: [], editor: null, scratch: null, scratchLanguage: 'python', starterShown: true,
  project: null, files: new Map(), tabs: [], active: null, socket: null, rendered: 0, hidden: [],
};
(window as any).sandlot = state; // for people poking around, and for the browser tests
// What the page's other modules (terminal, attempt) hook into.
export const hooks = { projectOpened: [] as ((project: any) => void)[], projectClosed: [] as ((project: any) => void)[] };
