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
  roles: Role[];
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

/** Ends the session; a 401 (already signed out) counts as success. */
export async function logout(csrfToken: string, fetchFn: Fetch = fetch): Promise<void> {
  const res = await fetchFn('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': csrfToken },
  });
  if (!res.ok && res.status !== 401) throw await toAuthError(res);
}

/** The sign-in URL that brings the user back to `next` afterwards. */
export function signInPath(next: string): string {
  const target = safeNext(next);
  return target === '/' ? '/signin' : `/signin?next=${encodeURIComponent(target)}`;
}

/** A same-origin path to continue to after sign-in; anything else becomes "/". */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/signin' || next.startsWith('/signin?')) return '/';
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
    csrfToken: b.csrfToken,
  };
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
