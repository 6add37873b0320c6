import { useEffect, useState } from 'react';

export interface FederatedProvider {
  id: string;
  name: string;
  url: string;
}

/** Loads the enabled external identity providers; none when the call fails. */
export async function fetchFederatedProviders(fetchFn: typeof fetch = fetch): Promise<FederatedProvider[]> {
  try {
    const res = await fetchFn('/auth/federation/providers', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) return [];
    const body = (await res.json()) as { providers?: FederatedProvider[] };
    return body.providers ?? [];
  } catch {
    return [];
  }
}

/** "Sign in with <name>" for each enabled provider; a full-page navigation, as the provider's pages need. */
export function FederatedSignIn({ next }: { next: string }) {
  const [providers, setProviders] = useState<FederatedProvider[]>([]);
  useEffect(() => {
    let live = true;
    void fetchFederatedProviders().then((p) => live && setProviders(p));
    return () => {
      live = false;
    };
  }, []);
  if (providers.length === 0) return null;
  return (
    <div className="federated-signin" aria-label="Other ways to sign in">
      <p className="muted">or</p>
      {providers.map((p) => (
        <a key={p.id} className="button" href={`${p.url}?next=${encodeURIComponent(next)}`}>
          Sign in with {p.name}
        </a>
      ))}
    </div>
  );
}
