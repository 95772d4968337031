// The account page (/account.html): password, API keys and sessions.
import '../shared/base.css';
import '../account/page.css';
import { initTheme } from '../shared/theme';
import { $ } from '../shared/dom';
import { startAccountPage } from '../account/account-page';

initTheme($('theme'));
void startAccountPage();
