// Joining a pad from its link: the pad's title and the role the link gives, then Join for a signed-in
// user; an anonymous one signs in, signs up, or (a candidate link of a pad that allows guests) types
// a name and joins as a guest. Revoked, unknown and expired links say so plainly.
import { $, el } from '../shared/dom';
import { ApiError, api, call, loadSession, setCsrf } from '../shared/api';
import { field, messageOf, showHeaderUser, signInForm, type User } from '../account/signin-form';
import type { LinkPreview, PadView } from './types';

const main = (): HTMLElement => $('main');

export function tokenOf(location: Location): string {
  const fromPath = /^\/join\/([^/?#]+)/.exec(location.pathname)?.[1];
  return decodeURIComponent(fromPath ?? location.hash.replace(/^#(join=)?/, ''));
}

export async function startJoin(): Promise<void> {
  const token = tokenOf(location);
  const user = (await loadSession()) as User | null;
  showHeaderUser(user);
  let preview: LinkPreview;
  try {
    preview = await call<LinkPreview>('GET', `/api/v1/pad-links/${encodeURIComponent(token)}`);
  } catch (e) {
    const expired = e instanceof ApiError && e.status === 410;
    const missing = e instanceof ApiError && e.status === 404;
    card(expired ? 'This link has expired' : missing ? 'This link does not work' : 'The link could not be checked',
      el('p', { id: 'join-problem' }, expired ? 'Ask the interviewer for a new link.'
        : missing ? 'It was revoked, replaced by a newer one, or never existed. Ask the interviewer for a new link.' : messageOf(e)));
    return;
  }
  render(token, preview, user);
}

function card(title: string, ...body: (Node | string | null)[]): void {
  main().replaceChildren(el('section', { class: 'card narrow', 'aria-labelledby': 'join-title' },
    el('h2', { id: 'join-title', tabindex: '-1' }, title), ...body));
  document.body.dataset.ready = 'true';
}

function render(token: string, p: LinkPreview, user: User | null): void {
  const role = p.role === 'interviewer' ? 'an interviewer' : 'the candidate';
  const about = el('p', { id: 'join-about' }, `${p.owner} invites you to join as ${role}. Language: ${p.language}.`);
  if (p.status === 'ended') { card(p.title, about, el('p', { id: 'join-problem', class: 'banner warn' }, 'This interview has ended.')); return; }
  const error = el('p', { id: 'join-error', class: 'error', role: 'alert' });
  if (user) {
    const join = el('button', { id: 'join-submit', class: 'primary', type: 'button' }, `Join as ${user.username}`);
    join.onclick = () => joinPad(token, null, error, join);
    card(p.title, about, el('div', { class: 'actions' }, join), error);
    join.focus();
    return;
  }
  const sections: HTMLElement[] = [];
  if (p.allowGuests && p.role === 'candidate') sections.push(guestForm(token, error));
  sections.push(el('div', { class: 'join-way' }, el('h3', {}, sections.length ? 'Or sign in' : 'Sign in'), signInForm(() => joinPad(token, null, error, null))),
    el('div', { class: 'join-way' }, el('h3', {}, 'Or create an account'), signUpForm(token, error)));
  card(p.title, about, ...sections, error);
}

function guestForm(token: string, error: HTMLElement): HTMLElement {
  const name = el('input', { id: 'guest-name', required: true, maxlength: '40', autocomplete: 'name' });
  const submit = el('button', { id: 'guest-join', class: 'primary', type: 'submit' }, 'Join as a guest');
  const form = el('form', { id: 'guest-form', class: 'stack', 'aria-label': 'Join as a guest' },
    field('Your name, as the others see it', name).row, el('div', { class: 'actions' }, submit));
  form.onsubmit = (e: SubmitEvent) => { e.preventDefault(); void joinPad(token, name.value.trim(), error, submit); };
  return el('div', { class: 'join-way' }, el('h3', {}, 'Join without an account'), form);
}

function signUpForm(token: string, error: HTMLElement): HTMLElement {
  const username = el('input', { id: 'signup-username', required: true, autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
  const password = el('input', { id: 'signup-password', type: 'password', required: true, minlength: '8', autocomplete: 'new-password' });
  const submit = el('button', { id: 'signup-submit', type: 'submit' }, 'Create account and join');
  const form = el('form', { id: 'signup-form', class: 'stack', 'aria-label': 'Create an account' },
    field('Username', username).row, field('Password', password, 'At least 8 characters.').row, el('div', { class: 'actions' }, submit));
  form.onsubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      await api('POST', '/api/v1/auth/signup', { username: username.value.trim(), password: password.value });
      const { data } = await api('POST', '/api/v1/auth/login', { username: username.value.trim(), password: password.value });
      setCsrf({ headerName: data.csrfHeader, token: data.csrfToken });
      await joinPad(token, null, error, null);
    } catch (err) { error.textContent = messageOf(err); }
    finally { submit.disabled = false; }
  };
  return form;
}

async function joinPad(token: string, guestName: string | null, error: HTMLElement, button: HTMLButtonElement | null): Promise<void> {
  error.textContent = '';
  if (button) button.disabled = true;
  try {
    const pad = await call<PadView>('POST', `/api/v1/pad-links/${encodeURIComponent(token)}/join`, guestName ? { guestName } : {});
    location.href = `/pads/${pad.id}`;
  } catch (e) {
    const code = e instanceof ApiError ? String(e.problem?.type ?? '') : '';
    error.textContent = code.endsWith('pad-full') ? 'This interview is full.' : code.endsWith('pad-ended') ? 'This interview has ended.' : messageOf(e);
    if (button) button.disabled = false;
  }
}
