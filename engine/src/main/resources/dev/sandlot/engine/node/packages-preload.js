// Sandlot: loaded with NODE_OPTIONS=--require in terminals. It puts the newest
// generation of the project's packages (under $SANDLOT_PACKAGES) first on
// Node's module path at each process's start, so a terminal sees a new
// install without being restarted. Runs get NODE_PATH set at their start.
'use strict';
(() => {
  const root = process.env.SANDLOT_PACKAGES;
  if (!root) return;
  const fs = require('fs');
  const path = require('path');
  let newest = 0;
  try {
    for (const name of fs.readdirSync(root)) {
      if (/^[1-9][0-9]{0,8}$/.test(name)) newest = Math.max(newest, Number(name));
    }
  } catch {
    return;
  }
  if (newest === 0) return;
  const modules = path.join(root, String(newest), 'node', 'node_modules');
  const others = (process.env.NODE_PATH || '').split(path.delimiter).filter((p) => p && !p.startsWith(root + '/'));
  process.env.NODE_PATH = [modules, ...others].join(path.delimiter);
  require('module')._initPaths();
})();
