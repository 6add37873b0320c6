import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { applicationReply, tiersReply } from '../fixtures';
import { ApplicationDetailView } from './ApplicationDetailView';

const secret = 'only-once-s3cret';

/** A fake server: no keys until GenerateKeys, then a production key (never with its secret). */
function server({ tokenType = 'JWT', accessToken = 'tok-abc', viewerAccess = 'OWNER', keys = [] }: { tokenType?: 'JWT' | 'OPAQUE'; accessToken?: string; viewerAccess?: 'OWNER' | 'MEMBER'; keys?: { clientID: string }[] } = {}) {
  let generated = keys.length > 0;
  return fakeFetch((req: Recorded) => {
    const body = req.body as { operationName: string; variables: Record<string, unknown> };
    switch (body.operationName) {
      case 'RequiredApplicationAttributes':
        return { body: { data: { requiredApplicationAttributes: ['costCentre'] } } };
      case 'ThrottlingTiers':
        return { body: tiersReply(String(body.variables.level)) };
      case 'DevPortalApplication':
        return { body: applicationReply(generated ? [{ clientID: 'ck-123' }] : [], tokenType, viewerAccess) };
      case 'RegenerateSecret':
        return {
          body: {
            data: {
              regenerateSecret: {
                __typename: 'GeneratedKeys',
                key: { __typename: 'ApplicationKey', id: 'key-0', clientID: 'ck-123', previousSecretExpiresAt: '2099-01-02T03:04:05Z' },
                clientSecret: 'new-s3cret',
              },
            },
          },
        };
      case 'GenerateKeys':
        generated = true;
        return {
          body: {
            data: {
              generateKeys: {
                __typename: 'GeneratedKeys',
                key: { __typename: 'ApplicationKey', id: 'key-0', keyType: 'PRODUCTION', clientID: 'ck-123', grantTypes: ['client_credentials', 'refresh_token'] },
                clientSecret: secret,
              },
            },
          },
        };
      case 'GenerateAccessToken':
        return {
          body: {
            data: {
              generateAccessToken: { __typename: 'AccessToken', accessToken, tokenType: 'Bearer', expiresAt: '2030-01-01T00:00:00Z', scopes: [] },
            },
          },
        };
      default:
        throw new Error(`unexpected operation ${body.operationName}`);
    }
  });
}

function renderAt(f: ReturnType<typeof fakeFetch>) {
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  return render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/devportal/applications/app-1']}>
        <Routes>
          <Route path="/devportal/applications/:id" element={<ApplicationDetailView />} />
          <Route path="/devportal/applications" element={<Link to="/devportal/applications/app-1">back to Checkout</Link>} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

const production = () => screen.getByRole('region', { name: 'Production keys' });

describe('ApplicationDetailView keys', () => {
  it('shows the consumer secret once, from the mutation result, and not after navigating back', async () => {
    const f = server();
    renderAt(f);
    const user = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Production keys' });
    expect(within(section).getByRole('checkbox', { name: /Client credentials/ })).toBeChecked();
    expect(within(section).getByRole('checkbox', { name: /Refresh token/ })).not.toBeChecked();
    await user.click(within(section).getByRole('checkbox', { name: /Refresh token/ }));
    await user.click(within(section).getByRole('button', { name: 'Generate keys' }));

    expect(await within(production()).findByLabelText('Consumer secret')).toHaveValue(secret);
    expect(within(production()).getByText(/shown only this once/)).toBeInTheDocument();
    expect(await within(production()).findByTestId('production-consumer-key')).toHaveTextContent('ck-123');
    const generate = f.calls.find((c) => (c.body as { operationName: string }).operationName === 'GenerateKeys');
    expect(generate?.body).toMatchObject({
      variables: { input: { applicationID: 'app-1', keyType: 'PRODUCTION', grantTypes: ['client_credentials', 'refresh_token'], callbackURL: null } },
    });

    // Leave and come back: the key is read again, the secret is gone for good.
    await user.click(screen.getByRole('link', { name: 'Applications' }));
    await user.click(await screen.findByRole('link', { name: 'back to Checkout' }));
    expect(await within(await screen.findByRole('region', { name: 'Production keys' })).findByTestId('production-consumer-key')).toHaveTextContent('ck-123');
    expect(screen.queryByLabelText('Consumer secret')).toBeNull();
    expect(screen.queryByDisplayValue(secret)).toBeNull();
    expect(within(production()).getByText(/shown once, when it was generated/)).toBeInTheDocument();
    expect(JSON.stringify({ ...localStorage })).not.toContain(secret);
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(secret);
  });

  it('does not show a secret after a reload (a fresh page)', async () => {
    const f = server();
    const first = renderAt(f);
    const user = userEvent.setup();
    await user.click(await within(await screen.findByRole('region', { name: 'Production keys' })).findByRole('button', { name: 'Generate keys' }));
    expect(await screen.findByLabelText('Consumer secret')).toHaveValue(secret);

    first.unmount();
    renderAt(f);
    expect(await within(await screen.findByRole('region', { name: 'Production keys' })).findByTestId('production-consumer-key')).toHaveTextContent('ck-123');
    expect(screen.queryByLabelText('Consumer secret')).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Regenerate secret' })).toHaveLength(1);
  });

  it('generates an access token with a curl command for the first subscribed API', async () => {
    const f = server();
    renderAt(f);
    const user = userEvent.setup();
    await user.click(await within(await screen.findByRole('region', { name: 'Production keys' })).findByRole('button', { name: 'Generate keys' }));
    const section = production();
    await user.type(await within(section).findByLabelText('Scopes'), 'read write');
    await user.click(within(section).getByRole('button', { name: 'Generate access token' }));

    expect(await within(section).findByLabelText('Access token', { exact: true })).toHaveValue('tok-abc');
    expect(within(section).getByTestId('curl-command')).toHaveValue('curl -H "Authorization: Bearer tok-abc" http://gw.test:8280/pizzashack/1.0.0/menu');
    const call = f.calls.find((c) => (c.body as { operationName: string }).operationName === 'GenerateAccessToken');
    expect(call?.body).toMatchObject({ variables: { input: { applicationID: 'app-1', keyType: 'PRODUCTION', scopes: ['read', 'write'], validitySeconds: 3600 } } });
  });

  it('shows an opaque application and its opaque test token with a working curl command', async () => {
    const opaque = 'ory_at_Zm9vYmFy-_x.c2lnbmF0dXJl_-y';
    const f = server({ tokenType: 'OPAQUE', accessToken: opaque });
    renderAt(f);
    const user = userEvent.setup();
    expect(await screen.findByTestId('application-token-type')).toHaveTextContent('Opaque reference token');
    await user.click(await within(await screen.findByRole('region', { name: 'Production keys' })).findByRole('button', { name: 'Generate keys' }));
    const section = production();
    await user.click(await within(section).findByRole('button', { name: 'Generate access token' }));

    expect(await within(section).findByLabelText('Access token', { exact: true })).toHaveValue(opaque);
    expect(within(section).getByTestId('curl-command')).toHaveValue(`curl -H "Authorization: Bearer ${opaque}" http://gw.test:8280/pizzashack/1.0.0/menu`);
  });

  it('regenerates with a grace period and says until when the old secret works', async () => {
    const f = server({ keys: [{ clientID: 'ck-123' }] });
    renderAt(f);
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Production keys' });
    await user.selectOptions(await within(section).findByLabelText('Old secret stops working'), 'After 24 hours');
    await user.click(within(section).getByRole('button', { name: 'Regenerate secret' }));
    expect(await within(production()).findByLabelText('Consumer secret')).toHaveValue('new-s3cret');
    expect(within(production()).getByTestId('production-previous-secret')).toHaveTextContent(/old secret is valid until/);
    const call = f.calls.find((c) => (c.body as { operationName: string }).operationName === 'RegenerateSecret');
    expect(call?.body).toMatchObject({ variables: { applicationID: 'app-1', keyType: 'PRODUCTION', graceSeconds: 86400 } });
  });

  it('checks a custom grace period before asking the server', async () => {
    const f = server({ keys: [{ clientID: 'ck-123' }] });
    renderAt(f);
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Production keys' });
    await user.selectOptions(await within(section).findByLabelText('Old secret stops working'), 'Custom…');
    const hours = within(section).getByLabelText('Grace period (hours)');
    await user.clear(hours);
    await user.type(hours, '9999');
    await user.click(within(section).getByRole('button', { name: 'Regenerate secret' }));
    expect(await within(section).findByText(/whole hours from 1 to 720/)).toBeInTheDocument();
    expect(f.calls.some((c) => (c.body as { operationName: string }).operationName === 'RegenerateSecret')).toBe(false);
  });

  it('shows a shared application to a group member without the owner\'s controls', async () => {
    const f = server({ viewerAccess: 'MEMBER', keys: [{ clientID: 'ck-123' }] });
    renderAt(f);
    expect(await within(await screen.findByRole('region', { name: 'Production keys' })).findByTestId('production-consumer-key')).toHaveTextContent('ck-123');
    expect(screen.getByTestId('shared-groups')).toHaveTextContent('payments');
    expect(screen.getByText('R&D-42')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Regenerate secret' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save attributes' })).toBeNull();
  });

  it('offers the organization\'s required attributes to the owner', async () => {
    renderAt(server({ keys: [{ clientID: 'ck-123' }] }));
    const form = await screen.findByRole('form', { name: 'Attributes' });
    expect(within(form).getByRole('textbox', { name: 'Attribute 1 key' })).toHaveValue('costCentre');
    expect(within(form).getByText(/\(required\)/)).toBeInTheDocument();
  });
});
