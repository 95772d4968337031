// The admin page (/admin.html): the accounts, newest first, searchable by name, a page at a time; an
// admin changes an account's role, disables or enables it, and unlocks its sign-in. Anyone else is
// told the page is for admins, with a sign-in form when signed out. The server refuses any change
// that would leave no enabled admin (409 last-admin); the page shows its reason. Server text is
// inserted as text.
import { $, el } from '../shared/dom';
import { api, loadSession } from '../shared/api';
import { messageOf, showHeaderUser, signInForm, signOut, timeOf, type Role, type User } from '../account/signin-form';

/** An account as GET /api/v1/admin/users lists it. */
interface AdminAccount {
  id: number; username: string; role: Role; createdAt: string; lastSignInAt: string | null;
  disabled: boolean; disabledAt: string | null; mustChangePassword: boolean;
  locked: boolean; lockedForNewDevices: boolean; lockedAddresses: number;
}
interface AdminPage { items: AdminAccount[]; total: number; nextCursor: string | null }

const ROLES: Role[] = ['learner', 'reviewer', 'admin'];
const PAGE = 50;

const page: { user: User | null; query: string; cursor: string | null; shown: number; loading: number } =
  { user: null, query: '', cursor: null, shown: 0, loading: 0 };
(window as unknown as { sandlotAdmin: typeof page }).sandlotAdmin = page; // for the browser tests

const main = (): HTMLElement => $('main');

async function refreshUser(): Promise<void> {
  page.user = (await loadSession()) as User | null;
  showHeaderUser(page.user);
}

/** Shows what the page can show this user: the accounts, or why not. */
async function render(): Promise<void> {
  const box = main();
  box.textContent = '';
  $('signout').hidden = !page.user;
  if (!page.user || page.user.role !== 'admin') { renderRefusal(); return; }
  box.append(accountsView());
  document.body.dataset.view = 'accounts';
  await search('');
}

// ---------------------------------------------------------------- not an admin

function renderRefusal(): void {
  const u = page.user;
  const card = el('section', { class: 'card narrow', id: 'refusal', 'aria-labelledby': 'refusal-title' },
    el('h2', { id: 'refusal-title', tabindex: '-1' }, 'Admins only'));
  if (u) {
    card.append(el('p', { id: 'refusal-text' }, 'This page manages accounts and is for admins only. You are signed in as ',
      el('strong', {}, u.username), ` (${u.role}).`));
    const other = el('button', { id: 'signin-other', type: 'button' }, 'Sign in as someone else');
    other.onclick = async () => { await signOut(); await refreshUser(); await render(); $('signin-username')?.focus(); };
    card.append(el('div', { class: 'actions' }, el('a', { href: '/', class: 'link' }, 'Back to the playground'), other));
  } else {
    card.append(el('p', { id: 'refusal-text' }, 'This page manages accounts and is for admins only. Sign in with an admin account.'),
      signInForm(async (signedIn) => {
        if (signedIn.mustChangePassword) { location.href = '/account.html'; return; }
        page.user = signedIn;
        showHeaderUser(signedIn);
        await render();
        (document.querySelector('#main h2') as HTMLElement | null)?.focus();
      }));
  }
  main().append(card);
  document.body.dataset.view = 'refusal';
}

// ---------------------------------------------------------------- the accounts

function accountsView(): HTMLElement {
  const q = el('input', { id: 'q', type: 'search', placeholder: 'part of a name', autocomplete: 'off', maxlength: '32',
    spellcheck: 'false', autocapitalize: 'none' });
  let timer: number | undefined;
  q.oninput = () => { window.clearTimeout(timer); timer = window.setTimeout(() => void search(q.value.trim()), 250); };
  const form = el('form', { role: 'search', class: 'search', 'aria-label': 'Accounts' },
    el('label', { for: 'q' }, 'Search by name'), q);
  form.onsubmit = (e: SubmitEvent) => { e.preventDefault(); window.clearTimeout(timer); void search(q.value.trim()); };
  const more = el('button', { id: 'accounts-more', type: 'button', hidden: true }, 'Show more');
  more.onclick = () => void loadMore();
  return el('section', { id: 'accounts-section', 'aria-labelledby': 'accounts-title' },
    el('div', { class: 'toolbar' }, el('h2', { id: 'accounts-title', tabindex: '-1' }, 'Accounts'), form),
    el('p', { id: 'accounts-count', class: 'hint', 'aria-live': 'polite' }),
    el('p', { id: 'admin-status', role: 'status' }),
    el('table', { class: 'accounts' },
      el('caption', { class: 'visually-hidden' }, 'Accounts, newest first'),
      el('thead', {}, el('tr', {}, ...['Username', 'Role', 'Created', 'Last sign-in', 'State']
        .map((h) => el('th', { scope: 'col' }, h)), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
      el('tbody', { id: 'accounts' })),
    more);
}

async function search(query: string): Promise<void> {
  page.query = query; page.cursor = null; page.shown = 0;
  await fetchPage(true);
}

async function loadMore(): Promise<void> { await fetchPage(false); }

async function fetchPage(fresh: boolean): Promise<void> {
  const ticket = ++page.loading;
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (page.query) params.set('q', page.query);
  if (!fresh && page.cursor) params.set('cursor', page.cursor);
  let data: AdminPage;
  try {
    data = (await api<AdminPage>('GET', `/api/v1/admin/users?${params}`)).data;
  } catch (e) {
    if (ticket === page.loading) say(messageOf(e), true);
    return;
  }
  if (ticket !== page.loading) return; // a newer search answered first
  const body = $('accounts') as HTMLTableSectionElement;
  if (fresh) body.textContent = '';
  for (const a of data.items) body.append(row(a));
  page.shown += data.items.length;
  page.cursor = data.nextCursor;
  $('accounts-more').hidden = !data.nextCursor;
  $('accounts-count').textContent = data.total === 0
    ? (page.query ? `No account’s name contains “${page.query}”.` : 'No accounts.')
    : `${data.total} account${data.total === 1 ? '' : 's'}${page.query ? ` whose name contains “${page.query}”` : ''}`
      + (page.shown < data.total ? `, the newest ${page.shown} shown` : '') + '.';
  document.body.dataset.loaded = String(ticket);
}

function say(message: string, bad = false): void {
  const status = $('admin-status');
  status.textContent = message;
  status.classList.toggle('error', bad);
}

function stateCell(a: AdminAccount): HTMLElement {
  const pills = el('span', { class: 'pills' });
  const td = el('td', { 'data-label': 'State', class: 'state' }, pills);
  pills.append(a.disabled ? el('span', { class: 'pill err', title: a.disabledAt ? `since ${new Date(a.disabledAt).toLocaleString()}` : '' }, 'Disabled')
    : el('span', { class: 'pill ok' }, 'Active'));
  if (a.locked) {
    const where = a.lockedForNewDevices ? 'new devices' : `${a.lockedAddresses} address${a.lockedAddresses === 1 ? '' : 'es'}`;
    pills.append(el('span', { class: 'pill warn', title: 'Too many failed sign-ins; unlocking forgets them' }, `Locked: ${where}`));
  }
  if (a.mustChangePassword) pills.append(el('span', { class: 'pill info' }, 'One-time password'));
  return td;
}

function row(a: AdminAccount): HTMLTableRowElement {
  const me = page.user !== null && a.id === page.user.id;
  const tr = el('tr', { 'data-user': a.username, 'data-id': String(a.id), class: a.disabled ? 'disabled' : '' });
  const role = el('select', { 'aria-label': `Role of ${a.username}`, class: 'role' },
    ...ROLES.map((r) => el('option', { value: r, selected: r === a.role }, r)));
  role.value = a.role;
  role.onchange = () => void change(a, tr, { role: role.value as Role }, role);
  const toggle = el('button', { type: 'button', class: a.disabled ? 'enable' : 'disable',
    'aria-label': `${a.disabled ? 'Enable' : 'Disable'} ${a.username}` }, a.disabled ? 'Enable' : 'Disable');
  toggle.onclick = () => void change(a, tr, { disabled: !a.disabled }, null);
  const unlock = el('button', { type: 'button', class: 'unlock', 'aria-label': `Unlock ${a.username}` }, 'Unlock');
  unlock.onclick = () => void unlockAccount(a, tr);
  tr.append(
    el('th', { scope: 'row', 'data-label': 'Username', class: 'name' }, a.username, me ? el('span', { class: 'pill info you' }, 'you') : null),
    el('td', { 'data-label': 'Role' }, role),
    el('td', { 'data-label': 'Created' }, timeOf(a.createdAt)),
    el('td', { 'data-label': 'Last sign-in' }, timeOf(a.lastSignInAt, 'never')),
    stateCell(a),
    el('td', { class: 'row-actions' }, toggle, a.locked ? unlock : null));
  return tr;
}

async function change(a: AdminAccount, tr: HTMLTableRowElement, body: { role?: Role; disabled?: boolean },
  select: HTMLSelectElement | null): Promise<void> {
  say('');
  for (const b of tr.querySelectorAll<HTMLButtonElement | HTMLSelectElement>('button, select')) b.disabled = true;
  try {
    const { data } = await api<AdminAccount>('PATCH', `/api/v1/admin/users/${a.id}`, body);
    const fresh = row(data);
    tr.replaceWith(fresh);
    say(body.role !== undefined ? `${data.username} is now ${data.role === 'admin' ? 'an' : 'a'} ${data.role}.`
      : data.disabled ? `${data.username} is disabled: signed out everywhere, and cannot sign in until enabled again.`
        : `${data.username} is enabled again and can sign in.`);
    if (page.user && data.id === page.user.id) {
      // The admin changed their own account: it may no longer be an admin, or signed in at all.
      await refreshUser();
      if (!page.user || page.user.role !== 'admin') await render();
    } else {
      (fresh.querySelector(body.role !== undefined ? 'select' : 'button') as HTMLElement | null)?.focus();
    }
  } catch (e) {
    if (select) select.value = a.role;
    for (const b of tr.querySelectorAll<HTMLButtonElement | HTMLSelectElement>('button, select')) b.disabled = false;
    say(messageOf(e), true);
  }
}

async function unlockAccount(a: AdminAccount, tr: HTMLTableRowElement): Promise<void> {
  say('');
  try {
    await api('POST', `/api/v1/admin/users/${a.id}/unlock`);
    const { data } = await api<AdminAccount>('GET', `/api/v1/admin/users/${a.id}`);
    const fresh = row(data);
    tr.replaceWith(fresh);
    say(`${data.username} is unlocked: every failed sign-in counted against it is forgotten.`);
    (fresh.querySelector('select') as HTMLElement | null)?.focus();
  } catch (e) {
    say(messageOf(e), true);
  }
}

export async function startAdmin(): Promise<void> {
  $('signout').onclick = async () => { await signOut(); await refreshUser(); await render(); };
  await refreshUser();
  await render();
  document.body.dataset.ready = 'true';
}
