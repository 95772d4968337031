// xterm.js from npm for the terminal pane and the reviewer's live view.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';

export { Terminal, FitAddon };

/** xterm colours from the page's theme tokens; the ANSI colours a shell prompt uses stay legible on light. */
export function colors() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { background: v('--panel'), foreground: v('--fg'), cursor: v('--accent'), cursorAccent: v('--panel'),
    selectionBackground: v('--accent') + '55', red: v('--err'), brightRed: v('--err'), green: v('--ok'), brightGreen: v('--ok'),
    yellow: v('--warn'), brightYellow: v('--warn'), blue: v('--accent'), brightBlue: v('--accent') };
}

/** Writes one server "output" message to a terminal: text, or raw bytes when some were not UTF-8. */
export function write(xterm: Terminal, m: { data?: string; bytes?: string }): void {
  xterm.write(m.bytes ? Uint8Array.from(atob(m.bytes), (c) => c.charCodeAt(0)) : (m.data ?? ''));
}
