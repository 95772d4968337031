// The admin page (/admin.html): accounts.
import '../shared/base.css';
import { initTheme } from '../shared/theme';
import { $ } from '../shared/dom';

initTheme($('theme'));
document.body.dataset.ready = 'true';
