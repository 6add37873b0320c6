// The session contract with the control plane's /auth endpoints. Plain functions over
// fetch: the React side (session.tsx) keeps the result in memory, never in storage.

export type Role = 'admin' | 'publisher' | 'subscriber';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
}

export interface Session {
  user: SessionUser;
  /** The built-in roles the user holds (admin, publisher, subscriber). */
  roles: Role[];
  /** Every permission the user's roles grant, sorted (lib/access.ts decides on these). */
  permissions: string[];
  /** Every role the user holds, custom ones included. */
  roleNames: string[];
  /** Sent back as X-CSRF-Token on every state-changing call. */
  csrfToken: string;
}

/** An /auth call that failed; status 401 means "not signed in" or "bad credentials". */
export class AuthError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'AuthError';
    this.status = status;
    this.code = code;
  }
}

type Fetch = typeof fetch;

/** The signed-in session, or null when the server answers 401. */
export async function fetchSession(fetchFn: Fetch = fetch): Promise<Session | null> {
  const res = await fetchFn('/auth/session', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (res.status === 401) return null;
  if (!res.ok) throw await toAuthError(res);
  return parseSession(await res.json());
}

/** Signs in with a username and password; throws AuthError (status 401) on bad credentials. */
export async function login(username: string, password: string, fetchFn: Fetch = fetch): Promise<Session> {
  const res = await fetchFn('/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw await toAuthError(res);
  return parseSession(await res.json());
}

/**
 * Ends the session. The answer is where the browser goes next: the Key Manager's end-session
 * endpoint (which ends its sign-in too and returns to /signin?signed_out=1), or null when the
 * server could not be asked (the session is forgotten locally either way).
 */
export async function logout(csrfToken: string, fetchFn: Fetch = fetch): Promise<string | null> {
  const res = await fetchFn('/api/auth/oidc/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': csrfToken, Accept: 'application/json' },
  });
  if (res.status === 401) return null;
  if (!res.ok) throw await toAuthError(res);
  const body = (await res.json().catch(() => null)) as { redirect?: unknown } | null;
  return typeof body?.redirect === 'string' && body.redirect.startsWith('/') ? body.redirect : null;
}

/** Where the browser starts a sign-in: the server's OIDC client, which sends it to the Key Manager's login page. */
export function startSignInURL(next: string): string {
  const target = safeNext(next);
  return target === '/' ? '/api/auth/oidc/start' : `/api/auth/oidc/start?next=${encodeURIComponent(target)}`;
}

/** What the sign-in page says about an error code the server's callback sent back. */
export function signInErrorMessage(code: string): string {
  switch (code) {
    case 'state_mismatch':
      return 'This sign-in expired or was started in another tab. Please sign in again.';
    case 'access_denied':
      return 'The sign-in was cancelled.';
    case 'account_unavailable':
      return 'This account is disabled or awaiting approval.';
    default:
      return 'The sign-in could not be completed. Please try again.';
  }
}

/** The sign-in URL that brings the user back to `next` afterwards. */
export function signInPath(next: string): string {
  const target = safeNext(next);
  return target === '/' ? '/signin' : `/signin?next=${encodeURIComponent(target)}`;
}

/** The sign-up URL that brings the new user back to `next` afterwards. */
export function signUpPath(next: string): string {
  const target = safeNext(next);
  return target === '/' ? '/signup' : `/signup?next=${encodeURIComponent(target)}`;
}

/**
 * A same-origin path to continue to after sign-in or sign-up; anything else becomes "/". The
 * server applies the same rule (signin.SafeNext) to what reaches it: a scheme or host
 * (`https://evil`, `//evil`, `/\evil`), control characters or backslashes, and the sign-in
 * and sign-up pages themselves (no loops) are refused.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\r\n\t]/.test(next)) return '/';
  for (const loop of ['/signin', '/signup']) {
    if (next === loop || next.startsWith(`${loop}?`) || next.startsWith(`${loop}/`)) return '/';
  }
  if (next.startsWith('/api/')) return '/';
  try {
    // A path the URL parser would read as another origin is refused too.
    if (new URL(next, 'http://portal.invalid').origin !== 'http://portal.invalid') return '/';
  } catch {
    return '/';
  }
  return next;
}

export function hasRole(session: Session | null, role: Role): boolean {
  return session?.roles.includes(role) ?? false;
}

function parseSession(body: unknown): Session {
  const b = body as Partial<Session> | null;
  if (!b || !b.user || typeof b.user.username !== 'string' || typeof b.csrfToken !== 'string') {
    throw new AuthError(500, 'INTERNAL', 'The server answered with an unexpected session.');
  }
  return {
    user: { id: String(b.user.id), username: b.user.username, displayName: b.user.displayName || b.user.username },
    roles: Array.isArray(b.roles) ? b.roles : [],
    permissions: strings(b.permissions),
    roleNames: strings(b.roleNames),
    csrfToken: b.csrfToken,
  };
}

/** A list of strings from the session JSON; [] when absent (a server before permissions). */
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

async function toAuthError(res: Response): Promise<AuthError> {
  let code = res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL';
  let message = res.status === 401 ? 'Wrong username or password.' : `The server answered ${res.status}.`;
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string' && body.message) message = body.message;
  } catch {
    // not JSON: keep the defaults
  }
  return new AuthError(res.status, code, message);
}
