import { useState } from 'react';
import { useMutation } from 'urql';
import type { ApplicationKeyKeyType } from '../../../gql/graphql';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { AccessTokenPanel, type AccessTokenValues } from '../components/AccessTokenPanel';
import { ClientKeysForm } from '../components/ClientKeysForm';
import { ExternalClientsPanel } from '../components/ExternalClientsPanel';
import { KeysSection, type GenerateKeysValues } from '../components/KeysSection';
import { may } from '../../../lib/access';
import { useOptionalSession } from '../../../lib/session';
import {
  generateAccessTokenMutation,
  generateKeysMutation,
  regenerateSecretMutation,
  setApplicationKeyJWKSMutation,
  setApplicationKeyPKCERequiredMutation,
} from '../mutations';

export interface KeysViewProps {
  applicationID: string;
  keyType: ApplicationKeyKeyType;
  appKey: {
    clientID: string;
    grantTypes?: string[] | null;
    callbackURL?: string;
    previousSecretExpiresAt?: unknown;
    pkceRequired?: boolean;
  } | null;
  /** False for members of a group the application is shared with. */
  canManage?: boolean;
  /** Where the curl command of a new access token calls, if anywhere. */
  curlUrl: string | null;
  /** Called after keys were generated, so the page reads the application again. */
  onKeysChanged: () => void;
}

/**
 * One key type of an application with its mutations. The consumer secret and the access
 * token live only in this component's state, straight from the mutation results: leaving
 * the page or reloading it loses them, and nothing writes them to storage.
 */
export function KeysView({ applicationID, keyType, appKey, curlUrl, onKeysChanged, canManage = true }: KeysViewProps) {
  const [generate, generateKeys] = useMutation(generateKeysMutation);
  const [regenerate, regenerateSecret] = useMutation(regenerateSecretMutation);
  const [tokenState, generateAccessToken] = useMutation(generateAccessTokenMutation);
  const [jwksState, setJWKS] = useMutation(setApplicationKeyJWKSMutation);
  const [jwksSaved, setJwksSaved] = useState(false);
  const [pkceState, setPKCE] = useMutation(setApplicationKeyPKCERequiredMutation);
  // Only a holder of admin:keymanagers may turn PKCE off (the server checks it too).
  const isAdmin = may(useOptionalSession()?.session ?? null, 'admin:keymanagers');
  const [secret, setSecret] = useState<string | null>(null);
  const [previousUntil, setPreviousUntil] = useState<unknown>(undefined);
  const [token, setToken] = useState<{ accessToken: string; expiresAt: string; scopes: string[] } | null>(null);

  async function onGenerate(v: GenerateKeysValues) {
    setSecret(null);
    const res = await generateKeys({
      input: { applicationID, keyType, grantTypes: v.grantTypes, callbackURL: v.callbackURL || null },
    });
    if (res.data) {
      setSecret(res.data.generateKeys.clientSecret);
      onKeysChanged();
    }
  }

  async function onRegenerate(graceSeconds: number) {
    const res = await regenerateSecret({ applicationID, keyType, graceSeconds });
    if (res.data) {
      setSecret(res.data.regenerateSecret.clientSecret);
      setPreviousUntil(res.data.regenerateSecret.key.previousSecretExpiresAt ?? null);
    }
  }

  async function onSaveJWKS(jwks: string) {
    setJwksSaved(false);
    const res = await setJWKS({ applicationID, keyType, jwks });
    if (res.data) setJwksSaved(true);
  }

  async function onToken(v: AccessTokenValues) {
    setToken(null);
    const res = await generateAccessToken({
      input: { applicationID, keyType, scopes: v.scopes, validitySeconds: v.validitySeconds },
    });
    if (res.data) setToken(res.data.generateAccessToken);
  }

  return (
    <KeysSection
      keyType={keyType}
      appKey={appKey && (previousUntil === undefined ? appKey : { ...appKey, previousSecretExpiresAt: previousUntil })}
      secret={secret}
      canManage={canManage}
      onGenerate={(v) => void onGenerate(v)}
      generating={generate.fetching}
      generateErrors={toFormErrors(generate.error)}
      onRegenerate={(g) => void onRegenerate(g)}
      regenerating={regenerate.fetching}
      regenerateError={regenerate.error ? errorMessage(regenerate.error) : null}
    >
      <AccessTokenPanel
        idPrefix={keyType.toLowerCase()}
        onGenerate={(v) => void onToken(v)}
        generating={tokenState.fetching}
        errors={toFormErrors(tokenState.error)}
        token={token}
        curlUrl={curlUrl}
      />
      {canManage && (
        <>
          <ClientKeysForm
            idPrefix={keyType.toLowerCase()}
            onSave={(jwks) => void onSaveJWKS(jwks)}
            saving={jwksState.fetching}
            saved={jwksSaved}
            errors={toFormErrors(jwksState.error)}
          />
          <ExternalClientsPanel applicationID={applicationID} keyType={keyType} />
          {appKey && (
            <p>
              <label>
                <input
                  type="checkbox"
                  data-testid={`${keyType.toLowerCase()}-pkce-required`}
                  checked={appKey.pkceRequired ?? true}
                  disabled={!isAdmin || pkceState.fetching}
                  onChange={(e) => void setPKCE({ applicationID, keyType, required: e.target.checked })}
                />{' '}
                Require PKCE (S256) for the authorization code flow
              </label>
              {!isAdmin && <small> Only a user who may manage key managers (admin:keymanagers) may turn this off.</small>}
              {pkceState.error && <span role="alert"> {errorMessage(pkceState.error)}</span>}
            </p>
          )}
        </>
      )}
    </KeysSection>
  );
}
