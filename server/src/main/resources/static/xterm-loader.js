// Loads xterm.js (from npm, served under /vendor) on demand, for terminal.js and review.js.
'use strict';
(() => {
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src; s.onload = resolve; s.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.append(s);
    });
  }

  // xterm.js is a UMD bundle: with Monaco's AMD loader present it would register as an
  // anonymous AMD module instead of a global, so the loader is hidden while it loads.
  let loading = null;
  function load() {
    if (loading) return loading;
    const css = document.createElement('link');
    css.rel = 'stylesheet'; css.href = '/vendor/xterm/xterm.css';
    document.head.append(css);
    const define = window.define;
    window.define = undefined;
    loading = loadScript('/vendor/xterm/xterm.js').then(() => loadScript('/vendor/xterm-addon-fit/addon-fit.js'))
      .finally(() => { window.define = define; });
    return loading;
  }

  /** xterm colours from the page's theme variables. */
  function colors() {
    const css = getComputedStyle(document.documentElement);
    const v = (name) => css.getPropertyValue(name).trim();
    return { background: v('--panel'), foreground: v('--fg'), cursor: v('--accent'), cursorAccent: v('--panel'),
      selectionBackground: v('--accent') + '55' };
  }

  /** Writes one server "output" message to a terminal: text, or raw bytes when some were not UTF-8. */
  function write(xterm, m) {
    xterm.write(m.bytes ? Uint8Array.from(atob(m.bytes), (c) => c.charCodeAt(0)) : m.data);
  }

  window.sandlotXterm = { load, colors, write };
})();
