import { useState } from 'react';
import { useMutation } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmAction } from '../../../components/ConfirmAction';
import type { ApplicationKeyKeyType } from '../../../gql/graphql';
import { errorMessage } from '../../../lib/errors';
import { revokeApplicationTokensMutation } from '../mutations';

type Scope = 'ALL' | ApplicationKeyKeyType;

const scopeText: Record<Scope, string> = { ALL: 'production and sandbox', PRODUCTION: 'production', SANDBOX: 'sandbox' };

/**
 * "Revoke all tokens" of an application: every access and refresh token of its keys (one key
 * type or all) stops working at the gateways within about a second. For a leaked secret or
 * token; tokens asked for afterwards work.
 */
export function RevokeTokensView({ applicationID }: { applicationID: string }) {
  const [scope, setScope] = useState<Scope>('ALL');
  const [state, revoke] = useMutation(revokeApplicationTokensMutation);
  const [notice, setNotice] = useState<string | null>(null);

  async function onConfirm() {
    setNotice(null);
    const r = await revoke({ applicationID, keyType: scope === 'ALL' ? null : scope });
    if (r.data) {
      const at = new Date(r.data.revokeApplicationTokens.revokedBefore as string).toLocaleString();
      setNotice(`Revoked the ${scopeText[scope]} tokens issued up to ${at}.`);
    }
  }

  return (
    <section className="section" aria-labelledby="revoke-tokens-title">
      <h3 id="revoke-tokens-title">Revoke tokens</h3>
      <p className="muted">Every access and refresh token issued so far stops working; new tokens can be generated afterwards.</p>
      <label>
        Keys
        <select value={scope} onChange={(e) => setScope(e.target.value as Scope)} aria-label="Tokens of">
          <option value="ALL">Production and sandbox</option>
          <option value="PRODUCTION">Production</option>
          <option value="SANDBOX">Sandbox</option>
        </select>
      </label>
      <ConfirmAction label="Revoke all tokens" confirmLabel="Confirm revoke" busy={state.fetching} onConfirm={() => void onConfirm()} name="Confirm revoking tokens">
        Revoke every {scopeText[scope]} token of this application? Callers using them are refused from now on.
      </ConfirmAction>
      {state.error && <Banner>{errorMessage(state.error)}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}
    </section>
  );
}
