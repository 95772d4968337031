// Types for the module paths the pages import that ship no declarations of their own.
declare module 'monaco-editor/esm/vs/editor/editor.api.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/*';
declare module 'monaco-editor/esm/vs/basic-languages/monaco.contribution.js';
declare module '*.css';
