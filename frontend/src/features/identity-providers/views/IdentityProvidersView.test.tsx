import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { IdentityProvidersView } from './IdentityProvidersView';

function op(req: Recorded) {
  return (req.body as { operationName: string }).operationName;
}

describe('IdentityProvidersView', () => {
  it('adds a provider with a role mapping, showing field errors and then the redirect URI', async () => {
    let attempts = 0;
    const f = fakeFetch((req) => {
      if (op(req) === 'AdminIdentityProviders') return { body: { data: { identityProviders: [] } } };
      attempts++;
      if (attempts === 1) return { body: { errors: [{ message: 'the issuer must be an http(s) URL without query or fragment', extensions: { code: 'BAD_USER_INPUT', field: 'issuer' } }] } };
      return {
        body: { data: { createIdentityProvider: { __typename: 'IdentityProvider', id: 'p1', name: 'Corp SSO', callbackURL: 'https://gh.test/auth/federation/p1/callback' } } },
      };
    });
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <IdentityProvidersView />
      </Provider>,
    );
    expect(await screen.findByText('No identity providers.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Name'), 'Corp SSO');
    await userEvent.type(screen.getByLabelText('Issuer URL'), 'ftp://x');
    await userEvent.type(screen.getByLabelText('Client ID'), 'gatehouse');
    await userEvent.type(screen.getByLabelText('Client secret'), 's3cret');
    await userEvent.click(screen.getByRole('button', { name: 'Add mapping' }));
    await userEvent.type(screen.getByLabelText('Mapping 1 value'), 'api-admins');
    await userEvent.selectOptions(screen.getByLabelText('Mapping 1 role'), 'PUBLISHER');
    await userEvent.click(screen.getByRole('checkbox', { name: /just-in-time/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Add identity provider' }));
    expect(await screen.findByTestId('field-error-issuer')).toHaveTextContent('http(s) URL');
    await userEvent.clear(screen.getByLabelText('Issuer URL'));
    await userEvent.type(screen.getByLabelText('Issuer URL'), 'https://sso.corp.test');
    await userEvent.click(screen.getByRole('button', { name: 'Add identity provider' }));
    expect(await screen.findByText(/Register https:\/\/gh.test\/auth\/federation\/p1\/callback/)).toBeInTheDocument();
    expect(f.calls.filter((c) => op(c) === 'AdminCreateIdentityProvider').at(-1)?.body).toMatchObject({
      variables: {
        input: {
          name: 'Corp SSO',
          issuer: 'https://sso.corp.test',
          clientID: 'gatehouse',
          clientSecret: 's3cret',
          scopes: ['openid', 'profile', 'email'],
          roleMappings: [{ claim: 'groups', value: 'api-admins', role: 'PUBLISHER' }],
          jitProvisioning: true,
          enabled: true,
        },
      },
    });
  });
});
