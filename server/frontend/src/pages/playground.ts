// The playground page (/ and /p/{id}): editor, runs, projects, history, terminal and the attempt bar.
import '../shared/early';
import '../shared/base.css';
import '../review/review.css';
import { startPlayground } from '../playground/app';
import { initTerminal } from '../terminal/terminal';
import { initAttempt } from '../attempt/attempt';
import { initPackages } from '../packages/packages';

initTerminal();
initPackages();
startPlayground();
initAttempt();
