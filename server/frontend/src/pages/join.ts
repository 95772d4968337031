// The join page (/join/{token}): a pad link's preview, then joining with an account or as a guest.
import '../shared/base.css';
import '../account/page.css';
import '../pad/join.css';
import { initTheme } from '../shared/theme';
import { $ } from '../shared/dom';
import { startJoin } from '../pad/join';

initTheme($('theme'));
void startJoin();
