// What the account and admin pages share: the signed-in user's shape, a sign-in form, the header's
// "who am I" line, and problem details shown next to the field they name.
import { el } from '../shared/dom';
import { ApiError, api, setCsrf } from '../shared/api';

export type Role = 'learner' | 'reviewer' | 'admin';

/** The account as /api/v1/auth/session and /api/v1/auth/login describe it. */
export interface User {
  id: number;
  username: string;
  role: Role;
  createdAt: string;
  mustChangePassword: boolean;
}

interface LoginAnswer { user: User; csrfHeader: string; csrfToken: string }

/** A date and time as the reader's locale writes it, in a <time> element. */
export function timeOf(iso: string | null | undefined, fallback = '—'): HTMLElement {
  if (!iso) return el('span', { class: 'muted' }, fallback);
  const date = new Date(iso);
  return el('time', { datetime: iso, title: date.toISOString() },
    date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
}

/** The message to show for a failed call: the problem's detail, else its title, else the error's text. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.problem?.detail ?? e.problem?.title ?? e.message;
  return e instanceof Error ? e.message : String(e);
}

/** The field a problem names (RFC 9457 extension member "field"), if any. */
export function fieldOf(e: unknown): string | null {
  return e instanceof ApiError && typeof e.problem?.field === 'string' ? e.problem.field : null;
}

/**
 * A labelled input with a place for its own error, linked by aria-describedby. `hint` is shown under
 * the input and read with it.
 */
export function field(label: string, input: HTMLInputElement, hint?: string): { row: HTMLElement; error: HTMLElement } {
  const id = input.id;
  const error = el('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', described);
  const row = el('div', { class: 'field' }, el('label', { for: id }, label), input,
    hint ? el('p', { class: 'hint', id: `${id}-hint` }, hint) : null, error);
  return { row, error };
}

/**
 * A problem about a field, said of the field: "newPassword must be at least 8 characters" becomes
 * "The new password must be at least 8 characters." for `subject` "The new password".
 */
export function fieldMessage(e: unknown, subject: string): string {
  const message = messageOf(e);
  const name = fieldOf(e);
  const rest = name && message.startsWith(`${name} `) ? `${subject} ${message.slice(name.length + 1)}` : message;
  return /[.!?]$/.test(rest) ? rest : `${rest}.`;
}

export function showFieldError(input: HTMLInputElement, error: HTMLElement, message: string | null): void {
  error.textContent = message ?? '';
  error.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
}

/**
 * A sign-in form for the standalone pages. On success the CSRF token of the new session is taken and
 * `onSignedIn` called with the account.
 */
export function signInForm(onSignedIn: (user: User) => void): HTMLFormElement {
  const username = el('input', { id: 'signin-username', name: 'username', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false' });
  const password = el('input', { id: 'signin-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const error = el('p', { id: 'signin-error', class: 'error', role: 'alert' });
  const submit = el('button', { id: 'signin-submit', class: 'primary', type: 'submit' }, 'Sign in');
  const form = el('form', { id: 'signin-form', class: 'stack' },
    field('Username', username).row, field('Password', password).row, error, el('div', { class: 'actions' }, submit));
  form.onsubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      const { data } = await api<LoginAnswer>('POST', '/api/v1/auth/login',
        { username: username.value.trim(), password: password.value });
      setCsrf({ headerName: data.csrfHeader, token: data.csrfToken });
      password.value = '';
      onSignedIn(data.user);
    } catch (err) {
      error.textContent = messageOf(err);
      password.select();
    } finally {
      submit.disabled = false;
    }
  };
  return form;
}

/** Signs this browser out (the session may be gone already). */
export async function signOut(): Promise<void> {
  try { await api('POST', '/api/v1/auth/logout'); } catch { /* already signed out */ }
}

/** The header's "name (role)" line, or nothing when signed out. */
export function showHeaderUser(user: User | null): void {
  const span = document.getElementById('user');
  if (span) span.textContent = user ? `${user.username} (${user.role})` : '';
}
