import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { RevokeTokensView } from './RevokeTokensView';

function op(req: Recorded) {
  return (req.body as { operationName: string }).operationName;
}

function renderView(answer: (req: Recorded) => { body?: unknown; status?: number }) {
  const f = fakeFetch(answer);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <RevokeTokensView applicationID="app-1" />
    </Provider>,
  );
  return f;
}

describe('RevokeTokensView', () => {
  it('asks before revoking, and cancelling sends nothing', async () => {
    const f = renderView(() => ({ status: 500 }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke all tokens' }));
    expect(screen.getByRole('alertdialog', { name: 'Confirm revoking tokens' })).toHaveTextContent('production and sandbox');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(f.calls.filter((c) => op(c) === 'RevokeApplicationTokens')).toHaveLength(0);
  });

  it('revokes the tokens of one key type once confirmed', async () => {
    const f = renderView((req) =>
      op(req) === 'RevokeApplicationTokens'
        ? { body: { data: { revokeApplicationTokens: { __typename: 'TokenRevocation', revokedBefore: '2026-12-06T03:00:00Z', grants: 2 } } } }
        : { status: 500 },
    );
    await userEvent.selectOptions(screen.getByLabelText('Tokens of'), 'SANDBOX');
    await userEvent.click(screen.getByRole('button', { name: 'Revoke all tokens' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm revoke' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Revoked the sandbox tokens issued up to');
    expect(f.calls.find((c) => op(c) === 'RevokeApplicationTokens')?.body).toMatchObject({ variables: { applicationID: 'app-1', keyType: 'SANDBOX' } });
  });

  it('shows why a revocation was refused', async () => {
    renderView(() => ({ body: { errors: [{ message: 'only the owner of App (or an admin) may do this', extensions: { code: 'FORBIDDEN' } }] } }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke all tokens' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm revoke' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('only the owner');
  });
});
