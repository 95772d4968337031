import { $ } from '../shared/dom';
import { loadHistory } from '../playground/history';
import { closeProject, loadProjects } from '../playground/projects';
import { state } from '../playground/state';
import { api, loadSession, setCsrf } from '../shared/api';

// ---------------------------------------------------------------- accounts

export async function loadUser() {
  state.user = await loadSession();
  showUser();
}

export function showUser() {
  const u = state.user;
  $('user').hidden = !u; $('signout').hidden = !u; $('keys-open').hidden = !u; $('signin').hidden = !!u;
  $('admin-link').hidden = !(u && u.role === 'admin');
  $('projects-panel').hidden = !u; $('history-panel').hidden = !u; $('anon-panel').hidden = !!u;
  if (u) { $('user').textContent = `${u.username} (${u.role})`; loadProjects(); loadHistory(); } else { closeProject(); }
  showTimeLimits(!!u);
}

// Runs without an account may last at most 10 s; longer limits are offered once signed in.
export function showTimeLimits(signedIn) {
  const select = $('time-limit');
  for (const option of select.options) {
    const longer = Number(option.value) > 10000;
    option.disabled = longer && !signedIn;
    option.title = option.disabled ? 'Sign in for runs longer than 10 s' : '';
    option.textContent = option.textContent.replace(/ \(sign in\)$/, '') + (option.disabled ? ' (sign in)' : '');
  }
  if (select.selectedOptions[0] && select.selectedOptions[0].disabled) select.value = '10000';
}

export async function authenticate(mode) {
  const username = $('auth-username').value.trim();
  const password = $('auth-password').value;
  $('auth-error').textContent = '';
  try {
    if (mode === 'signup') await api('POST', '/api/v1/auth/signup', { username, password });
    const { data } = await api('POST', '/api/v1/auth/login', { username, password });
    setCsrf({ headerName: data.csrfHeader, token: data.csrfToken });
    // The first admin's one-time password: the account page says why and takes the new one.
    if (data.user.mustChangePassword) { location.href = '/account.html'; return; }
    state.user = data.user;
    $('dlg-auth').close();
    $('auth-password').value = '';
    showUser();
  } catch (e) {
    $('auth-error').textContent = e.message;
  }
}

export async function signOut() {
  try { await api('POST', '/api/v1/auth/logout'); } catch (e) { /* the session may be gone already */ }
  state.user = null;
  await loadUser();
}

export async function loadKeys() {
  const list = $('keys'); list.textContent = '';
  const { data } = await api('GET', '/api/v1/auth/api-keys');
  for (const k of data.filter((k) => !k.revoked)) {
    const li = document.createElement('li');
    li.textContent = `${k.name} · ${k.prefix}… · ${(k.scopes || []).join(', ')} · created ${k.createdAt.slice(0, 10)} `;
    const revoke = document.createElement('button'); revoke.textContent = 'Revoke';
    revoke.onclick = async () => { await api('DELETE', `/api/v1/auth/api-keys/${k.id}`); loadKeys(); };
    li.append(revoke); list.append(li);
  }
  if (!list.children.length) list.textContent = 'No API keys yet.';
  $('key-scope-admin-label').hidden = !(state.user && state.user.role === 'admin');
}

export async function changePassword() {
  $('password-result').textContent = ''; $('password-result').classList.remove('error');
  try {
    const { data } = await api('POST', '/api/v1/auth/password', { currentPassword: $('password-current').value,
      newPassword: $('password-new').value, revokeApiKeys: $('password-revoke-keys').checked });
    $('password-current').value = ''; $('password-new').value = '';
    $('password-result').textContent = data.detail;
    loadKeys();
  } catch (e) {
    $('password-result').textContent = e.message; $('password-result').classList.add('error');
  }
}

export async function signOutEverywhere() {
  try {
    const { data } = await api('POST', '/api/v1/auth/sign-out-everywhere', { revokeApiKeys: $('everywhere-revoke-keys').checked });
    $('dlg-keys').close();
    state.user = null;
    await loadUser();
    $('status').textContent = data.detail;
  } catch (e) {
    $('password-result').textContent = e.message; $('password-result').classList.add('error');
  }
}
