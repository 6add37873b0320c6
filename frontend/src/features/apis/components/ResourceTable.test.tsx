import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ResourceTable, joinPairs, splitPairs } from './ResourceTable';

describe('ResourceTable settings', () => {
  it('round-trips header and query pairs', () => {
    expect(splitPairs('X-A: 1\nbad line\n x-b :two: parts', ':')).toEqual([
      { name: 'X-A', value: '1' },
      { name: 'x-b', value: 'two: parts' },
    ]);
    expect(joinPairs([{ name: 'q', value: '1' }], '=')).toBe('q=1');
  });

  it('saves tier, validation and policies of a resource', async () => {
    const onSave = vi.fn().mockResolvedValue(true);
    render(<ResourceTable resources={[{ id: 'op1', method: 'GET', target: '/menu', authRequired: true, scopes: [] }]} onSave={onSave} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit GET /menu' }));
    await user.type(screen.getByLabelText('Throttling tier'), 'Gold');
    await user.click(screen.getByLabelText('Validate requests against the definition'));
    await user.type(screen.getByLabelText('Set request headers'), 'X-Tenant: acme');
    await user.type(screen.getByLabelText('Rewrite path'), '/v2/menu');
    await user.type(screen.getByLabelText('Allowed content types'), 'application/json');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith('op1', {
      authRequired: true,
      scopes: [],
      throttlingTier: 'Gold',
      requestValidation: true,
      policies: {
        setRequestHeaders: [{ name: 'X-Tenant', value: 'acme' }],
        removeRequestHeaders: [],
        setQueryParams: [],
        removeQueryParams: [],
        rewritePath: '/v2/menu',
        contentTypes: ['application/json'],
        setResponseHeaders: [],
        removeResponseHeaders: [],
      },
    });
  });

  it('picks the scopes of a resource from those the API defines', async () => {
    const onSave = vi.fn().mockResolvedValue(true);
    render(
      <ResourceTable
        resources={[{ id: 'op1', method: 'POST', target: '/order', authRequired: true, scopes: ['pizza:order'] }]}
        definedScopes={['pizza:order', 'pizza:admin']}
        onSave={onSave}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit POST /order' }));
    expect(screen.queryByRole('textbox', { name: 'Scopes' })).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'pizza:order' })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'pizza:admin' }));
    await user.click(screen.getByRole('checkbox', { name: 'pizza:order' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith('op1', expect.objectContaining({ scopes: ['pizza:admin'] }));
  });

  it('tells SOAP resources apart by their SOAPAction', async () => {
    const onSave = vi.fn().mockResolvedValue(true);
    render(
      <ResourceTable
        resources={[
          { id: 's1', method: 'POST', target: '/*', soapAction: 'urn:GetPrice', authRequired: true, scopes: [] },
          { id: 's2', method: 'POST', target: '/*', soapAction: 'urn:SetPrice', authRequired: true, scopes: [] },
        ]}
        onSave={onSave}
      />,
    );
    expect(screen.getAllByTestId('soap-action').map((e) => e.textContent)).toEqual(['SOAPAction urn:GetPrice', 'SOAPAction urn:SetPrice']);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit POST /* urn:SetPrice' }));
    await user.click(screen.getByLabelText('Auth required'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith('s2', expect.objectContaining({ authRequired: false }));
  });
});
