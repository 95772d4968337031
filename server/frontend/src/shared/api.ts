// The page's one way to call the server. The CSRF token lives in the server's session (never in a
// cookie): it comes from /api/v1/auth/csrf or the sign-in answer and goes in its header on every
// write. When the session changed under us (it expired, or another tab signed in or out) the server
// answers 403 csrf; then the current token is fetched and the call retried once.

export interface Csrf { headerName: string; token: string }

export interface Problem { type?: string; title?: string; status?: number; detail?: string; [field: string]: unknown }

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly problem: Problem | null) { super(message); }
}

let csrf: Csrf | null = null;

export function setCsrf(value: Csrf | null): void { csrf = value; }

export async function refreshCsrf(): Promise<Csrf | null> {
  try {
    const res = await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' });
    csrf = res.ok ? await res.json() : null;
  } catch {
    csrf = null;
  }
  return csrf;
}

export function csrfHeaders(method: string): Record<string, string> {
  return method !== 'GET' && csrf ? { [csrf.headerName]: csrf.token } : {};
}

export async function api<T = any>(method: string, path: string, body?: unknown,
  extraHeaders: Record<string, string> = {}, retried = false): Promise<{ data: T; res: Response }> {
  const headers: Record<string, string> = { ...csrfHeaders(method), ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data: any = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
  if (res.status === 403 && data && data.type === 'urn:sandlot:problem:csrf' && !retried) {
    await refreshCsrf();
    return api(method, path, body, extraHeaders, true);
  }
  if (!res.ok) throw new ApiError((data && (data.detail || data.title)) || res.statusText, res.status, data);
  return { data: data as T, res };
}

/** The same, for callers that want only the answer's body. */
export async function call<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  return (await api<T>(method, path, body)).data;
}

export function encodePath(path: string): string { return path.split('/').map(encodeURIComponent).join('/'); }

export function socketUrl(path: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

export interface Session { signedIn: boolean; user: any | null; csrfHeader: string; csrfToken: string }

let earlySession: Promise<{ data: Session }> | null = null;

/** Asks who this browser is as soon as a page's modules run, before the page needs to know. */
export function askSessionEarly(): void {
  earlySession = api<Session>('GET', '/api/v1/auth/session');
  earlySession.catch(() => {});
}

/** Who this browser is signed in as (or null), taking the CSRF token from the same answer. */
export async function loadSession(): Promise<any | null> {
  const early = earlySession;
  earlySession = null;
  try {
    const { data } = await (early ?? api<Session>('GET', '/api/v1/auth/session'));
    setCsrf({ headerName: data.csrfHeader, token: data.csrfToken });
    return data.user;
  } catch {
    return null;
  }
}

let languages: Promise<any[]> | null = null;

/** The installed languages, asked once per page. */
export function loadLanguages(): Promise<any[]> {
  languages ??= call<any[]>('GET', '/api/v1/languages');
  return languages;
}
