// Installs the front end's npm dependencies exactly as package-lock.json pins them (npm ci, with
// their integrity hashes checked), from the registry this host's npm is configured for, and only
// when the lockfile changed since the last install. No package's install scripts run.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const lock = readFileSync('package-lock.json');
const digest = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.sandlot-lock-sha256';
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) process.exit(0);
console.log('Installing the front end\'s npm packages (package-lock.json changed or node_modules is new)');
execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit' });
writeFileSync(stamp, digest);
