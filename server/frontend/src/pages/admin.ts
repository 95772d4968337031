// The admin page (/admin.html): accounts.
import '../shared/base.css';
import '../account/page.css';
import '../admin/admin.css';
import { initTheme } from '../shared/theme';
import { $ } from '../shared/dom';
import { startAdmin } from '../admin/admin';

initTheme($('theme'));
void startAdmin();
