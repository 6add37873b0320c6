import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { fetchSession, login as loginRequest, logout as logoutRequest, type Session } from './auth';
import { createGraphQLClient } from './graphql';

type Status = 'loading' | 'ready' | 'error';

export interface SessionState {
  status: Status;
  session: Session | null;
  /** Why there is no session: the user signed out, or the server ended it (sign in again, then come back). */
  ended: 'signed-out' | 'expired' | null;
  signIn: (username: string, password: string) => Promise<Session>;
  signOut: () => Promise<void>;
  /** Forgets the session locally (the server said it is gone). */
  expire: () => void;
  /** Leaves the SPA for a server page (sign-in and sign-out go through the Key Manager); `replace` keeps it out of history. */
  leave: (url: string, replace?: boolean) => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = use(SessionContext);
  if (!state) throw new Error('useSession outside <SessionProvider>');
  return state;
}

/** The session state, or null outside a <SessionProvider> (views rendered alone in tests). */
export function useOptionalSession(): SessionState | null {
  return use(SessionContext);
}

/**
 * Holds the session in memory (the cookie is HttpOnly; the CSRF token lives only here) and
 * provides the GraphQL client. `initial` skips the first /auth/session call (tests).
 */
export function SessionProvider({
  children,
  initial,
  leave = (url, replace) => (replace ? window.location.replace(url) : window.location.assign(url)),
}: {
  children: ReactNode;
  initial?: Session | null;
  leave?: (url: string, replace?: boolean) => void;
}) {
  const [session, setSession] = useState<Session | null>(initial ?? null);
  const [status, setStatus] = useState<Status>(initial === undefined ? 'loading' : 'ready');
  const [ended, setEnded] = useState<SessionState['ended']>(null);
  const tokenRef = useRef<string | null>(initial?.csrfToken ?? null);
  tokenRef.current = session?.csrfToken ?? null;

  useEffect(() => {
    if (initial !== undefined) return;
    let live = true;
    fetchSession().then(
      (s) => {
        if (!live) return;
        setSession(s);
        setStatus('ready');
      },
      () => live && setStatus('error'),
    );
    return () => {
      live = false;
    };
  }, [initial]);

  const expire = useCallback(() => {
    setSession(null);
    setEnded('expired');
  }, []);

  const client = useMemo(
    () => createGraphQLClient({ getCsrfToken: () => tokenRef.current, onUnauthenticated: expire }),
    // A new client per signed-in user, so one user's cached data never shows to the next.
    [session?.user.id, expire],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const s = await loginRequest(username, password);
    tokenRef.current = s.csrfToken;
    setSession(s);
    setEnded(null);
    setStatus('ready');
    return s;
  }, []);

  const signOut = useCallback(async () => {
    const token = tokenRef.current;
    let redirect: string | null = null;
    try {
      if (token) redirect = await logoutRequest(token);
    } catch {
      // The server may already have ended it; the session is forgotten here either way.
    }
    if (redirect) {
      // The Key Manager's end-session page ends the sign-in there too and comes back to
      // /signin?signed_out=1; the session stays on screen until the browser leaves.
      leave(redirect);
      return;
    }
    setSession(null);
    setEnded('signed-out');
  }, [leave]);

  const state = useMemo<SessionState>(
    () => ({ status, session, ended, signIn, signOut, expire, leave }),
    [status, session, ended, signIn, signOut, expire, leave],
  );

  return (
    <SessionContext value={state}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext>
  );
}
