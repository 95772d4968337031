// The account page (/account.html), for every signed-in user: change the password, manage API keys,
// end sessions. The same features as the playground's Account dialog, on a page of its own, so the
// first admin's one-time password can be changed without curl. Everything from the server is
// inserted as text.
import { $, el } from '../shared/dom';
import { api, loadSession } from '../shared/api';
import { field, fieldMessage, fieldOf, messageOf, showFieldError, showHeaderUser, signInForm, signOut, timeOf, type User } from './signin-form';

interface ApiKey {
  id: number; name: string; prefix: string; scopes: string[]; createdAt: string; lastUsedAt: string | null; revoked: boolean;
}
interface CreatedKey { id: number; name: string; key: string; scopes: string[] }
interface SessionsEnded {
  otherSessionsEnded: boolean; thisSessionKept: boolean; apiKeysRevoked: boolean; apiKeysActive: number; detail: string;
}

const SCOPES = ['read', 'write', 'run', 'admin'] as const;
const main = (): HTMLElement => $('main');

let user: User | null = null;

async function refreshUser(): Promise<void> {
  user = (await loadSession()) as User | null;
  showHeaderUser(user);
}

function heading(text: string, id: string): HTMLHeadingElement {
  return el('h2', { id, tabindex: '-1' }, text);
}

// ---------------------------------------------------------------- signed out

function renderSignIn(note?: string): void {
  const box = main();
  box.textContent = '';
  const form = signInForm(async (signedIn) => {
    user = signedIn;
    showHeaderUser(user);
    void renderAccount(true);
  });
  box.append(el('section', { class: 'card narrow', 'aria-labelledby': 'signin-title' },
    heading('Sign in', 'signin-title'),
    el('p', { class: 'hint' }, 'Sign in to change your password, manage your API keys and end your sessions.'),
    note ? el('p', { id: 'signin-note', role: 'status' }, note) : null,
    form));
  document.body.dataset.view = 'signin';
}

// ---------------------------------------------------------------- signed in

function renderAccount(justSignedIn = false): Promise<void> {
  const u = user!;
  const box = main();
  box.textContent = '';
  const title = heading('Your account', 'account-title');
  box.append(el('div', { class: 'page-head' }, title,
    el('p', { id: 'account-user', class: 'hint' }, `Signed in as `, el('strong', {}, u.username), ` · ${u.role} · account created `,
      timeOf(u.createdAt))));
  if (u.mustChangePassword) {
    box.append(el('div', { id: 'must-change', class: 'banner warn', role: 'alert' },
      el('strong', {}, 'Choose a password of your own. '),
      'This account still has the one-time password the server printed in its log when it first started: anyone who '
      + 'saw that log can sign in as you. Change it below now.'));
  }
  box.append(passwordSection(), keysSection(), sessionsSection());
  document.body.dataset.view = 'account';
  if (u.mustChangePassword) $('pw-current').focus();
  else if (justSignedIn) title.focus();
  return loadKeys();
}

function passwordSection(): HTMLElement {
  const current = el('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password', required: true });
  const fresh = el('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', required: true, minlength: '8' });
  const repeat = el('input', { id: 'pw-repeat', type: 'password', autocomplete: 'new-password', required: true });
  const revoke = el('input', { id: 'pw-revoke-keys', type: 'checkbox' });
  const result = el('p', { id: 'pw-result', role: 'status' });
  const currentField = field('Current password', current);
  const freshField = field('New password', fresh, 'At least 8 characters; not a common password, and not your name.');
  const repeatField = field('Repeat the new password', repeat);
  const submit = el('button', { id: 'pw-submit', class: 'primary', type: 'submit' }, 'Change password');
  const errors: [HTMLInputElement, HTMLElement][] = [[current, currentField.error], [fresh, freshField.error], [repeat, repeatField.error]];
  const form = el('form', { id: 'password-form', class: 'stack', 'aria-labelledby': 'password-title' },
    // For password managers: whose password this is.
    el('input', { type: 'text', name: 'username', autocomplete: 'username', value: user!.username, hidden: true, readonly: true }),
    currentField.row, freshField.row, repeatField.row,
    el('label', { class: 'check' }, revoke, 'Also revoke all my API keys'),
    el('div', { class: 'actions' }, submit), result);
  form.onsubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    for (const [input, error] of errors) showFieldError(input, error, null);
    result.textContent = ''; result.classList.remove('error');
    if (fresh.value !== repeat.value) {
      showFieldError(repeat, repeatField.error, 'This is not the same as the new password.');
      repeat.focus();
      return;
    }
    submit.disabled = true;
    try {
      const { data } = await api<SessionsEnded>('POST', '/api/v1/auth/password',
        { currentPassword: current.value, newPassword: fresh.value, revokeApiKeys: revoke.checked });
      current.value = ''; fresh.value = ''; repeat.value = ''; revoke.checked = false;
      const wasForced = user!.mustChangePassword;
      await refreshUser();
      if (!user) { renderSignIn(data.detail); return; }
      if (wasForced) {
        $('must-change')?.remove();
        result.append(' ', el('a', { href: '/', class: 'link' }, 'Continue to the playground'));
      }
      result.prepend(data.detail);
      await loadKeys();
    } catch (err) {
      const name = fieldOf(err);
      const target = name === 'currentPassword' ? errors[0] : name === 'newPassword' ? errors[1] : null;
      if (target) {
        showFieldError(target[0], target[1], fieldMessage(err, name === 'currentPassword' ? 'This' : 'The new password'));
        target[0].focus();
      }
      else { result.textContent = messageOf(err); result.classList.add('error'); }
    } finally {
      submit.disabled = false;
    }
  };
  return el('section', { class: 'card', id: 'password-section', 'aria-labelledby': 'password-title' },
    el('h2', { id: 'password-title' }, 'Password'),
    el('p', { class: 'hint' }, 'Changing your password signs out every other browser and revokes every bearer token; this '
      + 'browser stays signed in. Your API keys keep working unless you tick the box.'),
    form);
}

function keysSection(): HTMLElement {
  const name = el('input', { id: 'key-name', placeholder: 'e.g. laptop', maxlength: '100' });
  const boxes = SCOPES.map((s) => el('input', { type: 'checkbox', id: `key-scope-${s}`, value: s, checked: s !== 'admin' }));
  const scopes = el('fieldset', { class: 'scopes' }, el('legend', {}, 'Scopes'),
    ...boxes.filter((b) => b.value !== 'admin' || user!.role === 'admin')
      .map((b) => el('label', { class: 'check' }, b, b.value)));
  const error = el('p', { id: 'key-error', class: 'error', role: 'alert' });
  const created = el('div', { id: 'key-new', class: 'banner ok', hidden: true, role: 'status' });
  const form = el('form', { id: 'key-form', class: 'stack', 'aria-label': 'New API key' },
    field('Name of a new key', name).row, scopes, error,
    el('div', { class: 'actions' }, el('button', { id: 'key-create', type: 'submit' }, 'Create key')));
  form.onsubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    error.textContent = '';
    const chosen = boxes.filter((b) => b.checked && b.isConnected).map((b) => b.value);
    try {
      const { data } = await api<CreatedKey>('POST', '/api/v1/auth/api-keys', { name: name.value, scopes: chosen });
      created.textContent = '';
      const secret = el('code', { id: 'key-secret' }, data.key);
      const copy = el('button', { type: 'button', onclick: async () => {
        try { await navigator.clipboard.writeText(data.key); copy.textContent = 'Copied'; } catch { copy.textContent = 'Select and copy it'; }
      } }, 'Copy');
      created.append(el('p', {}, `New key “${data.name}” with ${data.scopes.join(', ')}. Copy it now: it is not shown again.`),
        el('div', { class: 'secret' }, secret, copy));
      created.hidden = false;
      name.value = '';
      await loadKeys();
    } catch (err) {
      error.textContent = messageOf(err);
    }
  };
  return el('section', { class: 'card', id: 'keys-section', 'aria-labelledby': 'keys-title' },
    el('h2', { id: 'keys-title' }, 'API keys'),
    el('p', { class: 'hint' }, 'Send a key as ', el('code', {}, 'Authorization: Bearer <key>'), ' or ', el('code', {}, 'X-API-Key'),
      '. A key can do only what its scopes allow, and never manage keys, your password or your sessions.'),
    el('ul', { id: 'keys', class: 'items', 'aria-label': 'Your API keys' }, el('li', { class: 'hint' }, 'Loading…')),
    created, form);
}

async function loadKeys(): Promise<void> {
  const list = $('keys') as HTMLUListElement | null;
  if (!list) return;
  let keys: ApiKey[];
  try {
    keys = (await api<ApiKey[]>('GET', '/api/v1/auth/api-keys')).data;
  } catch (err) {
    list.textContent = '';
    list.append(el('li', { class: 'error' }, messageOf(err)));
    return;
  }
  list.textContent = '';
  for (const k of keys.filter((x) => !x.revoked)) {
    const revoke = el('button', { type: 'button', 'aria-label': `Revoke the key ${k.name}` }, 'Revoke');
    revoke.onclick = async () => {
      revoke.disabled = true;
      try { await api('DELETE', `/api/v1/auth/api-keys/${k.id}`); await loadKeys(); } catch (err) {
        revoke.disabled = false; revoke.after(el('span', { class: 'error' }, ` ${messageOf(err)}`));
      }
    };
    list.append(el('li', { 'data-key': k.name },
      el('div', { class: 'item-main' }, el('strong', {}, k.name), ' ', el('code', {}, `${k.prefix}…`)),
      el('div', { class: 'item-meta' }, `${k.scopes.join(', ')} · created `, timeOf(k.createdAt), ' · last used ',
        timeOf(k.lastUsedAt, 'never')),
      revoke));
  }
  if (!list.children.length) list.append(el('li', { class: 'hint' }, 'No API keys yet.'));
}

function sessionsSection(): HTMLElement {
  const revoke = el('input', { id: 'everywhere-revoke-keys', type: 'checkbox' });
  const result = el('p', { id: 'sessions-result', role: 'status' });
  const everywhere = el('button', { id: 'signout-everywhere', type: 'button', class: 'danger' }, 'Sign out everywhere');
  everywhere.onclick = async () => {
    result.textContent = ''; result.classList.remove('error');
    try {
      const { data } = await api<SessionsEnded>('POST', '/api/v1/auth/sign-out-everywhere', { revokeApiKeys: revoke.checked });
      await refreshUser();
      renderSignIn(data.detail);
    } catch (err) {
      result.textContent = messageOf(err); result.classList.add('error');
    }
  };
  const out = el('button', { id: 'signout', type: 'button' }, 'Sign out of this browser');
  out.onclick = async () => { await signOut(); await refreshUser(); renderSignIn('Signed out.'); };
  return el('section', { class: 'card', id: 'sessions-section', 'aria-labelledby': 'sessions-title' },
    el('h2', { id: 'sessions-title' }, 'Sessions'),
    el('p', { class: 'hint' }, 'Sign out everywhere ends every browser session, this one included, and revokes every bearer token.'),
    el('label', { class: 'check' }, revoke, 'Also revoke all my API keys'),
    el('div', { class: 'actions' }, everywhere, out), result);
}

export async function startAccountPage(): Promise<void> {
  await refreshUser();
  if (user) await renderAccount(); else renderSignIn();
  document.body.dataset.ready = 'true';
}
