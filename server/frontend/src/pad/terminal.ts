// The pad's terminal: the existing terminal socket of the pad's project, in control mode (the
// candidate, and interviewers when the pad lets them type) or view mode (watching the candidate's shell).
// A watcher connects only once someone in the pad says (in the awareness) that they started the shell:
// the server refuses to watch a shell that does not run, and each refused handshake is a console error.
import { socketUrl } from '../shared/api';
import { onThemeChange } from '../shared/theme';
import * as X from '../shared/xterm';

export class PadTerminal {
  xterm: X.Terminal | null = null;
  private fit: X.FitAddon | null = null;
  private socket: WebSocket | null = null;
  private retry = 0;
  private timer: number | undefined;
  mode: 'control' | 'view' = 'view';
  private wanted = false;
  private waiting = false;

  /**
   * @param othersStarted whether someone else in the pad says they started the shell
   * @param started tells the others this browser started the shell (true) or saw it end (false)
   */
  constructor(private readonly projectId: number, private readonly screen: HTMLElement, private readonly state: HTMLElement,
    private readonly othersStarted: () => boolean, private readonly started: (on: boolean) => void) {
    onThemeChange(() => { if (this.xterm) this.xterm.options.theme = X.colors(); });
  }

  /** Opens (or reopens in another mode) the terminal. */
  show(mode: 'control' | 'view'): void {
    const changed = mode !== this.mode;
    this.mode = mode;
    this.wanted = true;
    if (changed || !this.socket) { this.xterm?.dispose(); this.xterm = null; this.connect(); }
  }

  hide(): void { this.wanted = false; this.waiting = false; clearTimeout(this.timer); this.socket?.close(); this.socket = null; }

  /** The awareness changed: a watcher waiting for the shell connects once someone started it. */
  othersChanged(): void {
    if (this.wanted && this.waiting && this.mode === 'view' && this.othersStarted()) this.connect();
  }

  private ensure(): X.Terminal {
    if (this.xterm) return this.xterm;
    const view = this.mode === 'view';
    const xterm = new X.Terminal({ cursorBlink: !view, disableStdin: view, fontSize: 13, scrollback: 5000, theme: X.colors(),
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' });
    const fit = new X.FitAddon();
    xterm.loadAddon(fit);
    this.screen.replaceChildren();
    xterm.open(this.screen);
    if (!view) {
      xterm.onData((data) => this.send({ type: 'input', data }));
      xterm.onResize(({ cols, rows }) => this.send({ type: 'resize', cols, rows }));
    }
    new ResizeObserver(() => { if (this.screen.offsetParent) fit.fit(); }).observe(this.screen);
    this.xterm = xterm; this.fit = fit;
    return xterm;
  }

  private send(m: object): void { if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(m)); }

  private connect(): void {
    clearTimeout(this.timer);
    this.socket?.close();
    const xterm = this.ensure();
    try { this.fit!.fit(); } catch { /* hidden */ }
    const view = this.mode === 'view';
    this.waiting = view && !this.othersStarted();
    if (this.waiting) { this.say('The candidate has not opened the terminal yet. It shows here when they do.'); return; }
    const socket = new WebSocket(socketUrl(`/api/v1/projects/${this.projectId}/terminal`)
      + `?mode=${this.mode}&cols=${xterm.cols}&rows=${xterm.rows}`);
    this.socket = socket;
    this.say(view ? 'Connecting to the candidate’s shell…' : 'Starting…');
    let greeted = false;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'ping' }));
    socket.onmessage = (event) => {
      let m: any;
      try { m = JSON.parse(event.data); } catch { return; }
      if (m.type === 'session') {
        greeted = true; this.retry = 0;
        if (view && m.cols && m.rows) xterm.resize(m.cols, m.rows);
        if (!view) this.started(true);
        this.say(view ? 'watching — the candidate’s shell (read-only)' : 'Connected: the pad’s shell');
      } else if (m.type === 'output') X.write(xterm, m);
      else if (m.type === 'exit') { this.say(String(m.message ?? 'The shell ended.')); if (!view) this.started(false); }
      else if (m.type === 'error') this.say(String(m.detail ?? m.title ?? 'Terminal error'), true);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.wanted) return;
      if (view && !this.othersStarted()) { this.waiting = true; this.say('The candidate’s shell is not running. It shows here when they open the terminal again.'); return; }
      if (!greeted) this.say(view ? 'No shell is running in the pad yet; trying again…' : 'The terminal could not start; trying again…', true);
      else this.say('Disconnected; reconnecting…', true);
      this.retry = Math.min(this.retry + 1, 5);
      this.timer = window.setTimeout(() => this.connect(), 1000 * this.retry + (view ? 2000 : 0));
    };
  }

  private say(text: string, bad = false): void { this.state.textContent = text; this.state.classList.toggle('bad', bad); }
}
