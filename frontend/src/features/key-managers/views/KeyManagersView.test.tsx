import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { KeyManagersView } from './KeyManagersView';

const partner = {
  __typename: 'ExternalKeyManager',
  id: 'km1',
  name: 'Partner AS',
  issuer: 'https://as.example',
  jwksURI: 'https://as.example/jwks',
  introspectionEndpoint: '',
  tokenEndpoint: 'https://as.example/token',
  audience: '',
  clientIDClaim: 'azp',
  scopesClaim: 'scp',
  userClaim: 'sub',
  enabled: true,
};

function operation(req: Recorded): string | undefined {
  return (req.body as { operationName?: string } | undefined)?.operationName;
}

describe('KeyManagersView', () => {
  it('edits a registered key manager with all its fields', async () => {
    const f = fakeFetch((req): Reply => {
      if (operation(req) === 'AdminUpdateKeyManager') return { body: { data: { updateKeyManager: { __typename: 'ExternalKeyManager', id: 'km1', name: 'Partner' } } } };
      return { body: { data: { keyManagers: [partner] } } };
    });
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <KeyManagersView />
      </Provider>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Partner AS' }));
    expect(screen.getByRole('form', { name: 'Edit key manager' })).toBeInTheDocument();
    expect(screen.getByLabelText('Scopes claim')).toHaveValue('scp');
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Partner');
    await user.click(screen.getByLabelText(/Enabled/));
    await user.click(screen.getByRole('button', { name: 'Save key manager' }));
    expect(await screen.findByText(/Saved Partner\./)).toBeInTheDocument();
    const call = f.calls.find((c) => operation(c) === 'AdminUpdateKeyManager');
    expect((call?.body as { variables: unknown }).variables).toEqual({
      id: 'km1',
      input: {
        name: 'Partner',
        issuer: 'https://as.example',
        jwksURI: 'https://as.example/jwks',
        introspectionEndpoint: '',
        introspectionClientID: '',
        introspectionClientSecret: '',
        tokenEndpoint: 'https://as.example/token',
        audience: '',
        clientIDClaim: 'azp',
        scopesClaim: 'scp',
        userClaim: 'sub',
        enabled: false,
      },
    });
    // Back to registering a new one.
    expect(screen.getByRole('form', { name: 'Register key manager' })).toBeInTheDocument();
  });
});
