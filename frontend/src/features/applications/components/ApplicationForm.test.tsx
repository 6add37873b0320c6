import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { noFormErrors } from '../../../lib/errors';
import { ApplicationForm } from './ApplicationForm';

const tiers = [{ name: 'Unlimited', displayName: 'Unlimited' }];
const noErrors = noFormErrors;

describe('ApplicationForm token type', () => {
  it('creates an application with opaque reference tokens', async () => {
    const onSubmit = vi.fn();
    render(<ApplicationForm mode="create" tiers={tiers} onSubmit={onSubmit} errors={noErrors} submitting={false} />);
    const select = screen.getByLabelText('Token type');
    expect(select).toHaveValue('JWT');
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.textContent)).toEqual(['JWT', 'Opaque reference token']);

    await userEvent.type(screen.getByLabelText('Name'), 'Mobile');
    await userEvent.selectOptions(select, 'Opaque reference token');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'Mobile', description: '', throttlingTier: 'Unlimited', tokenType: 'OPAQUE' });
  });

  it('offers the token type when editing, starting from the current one', async () => {
    const onSubmit = vi.fn();
    render(
      <ApplicationForm
        mode="edit"
        initial={{ name: 'Mobile', description: '', throttlingTier: 'Unlimited', tokenType: 'OPAQUE' }}
        tiers={tiers}
        onSubmit={onSubmit}
        errors={noErrors}
        submitting={false}
      />,
    );
    const select = screen.getByLabelText('Token type');
    expect(select).toHaveValue('OPAQUE');
    expect(screen.getByText(/Applies to tokens issued from now on/)).toBeInTheDocument();
    await userEvent.selectOptions(select, 'JWT');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ tokenType: 'JWT' }));
  });

  it('shows the server error next to the token type', () => {
    render(
      <ApplicationForm mode="edit" tiers={tiers} onSubmit={vi.fn()} errors={{ fields: { tokenType: 'the token type is JWT or OPAQUE' }, banner: null }} submitting={false} />,
    );
    expect(screen.getByText('the token type is JWT or OPAQUE')).toBeInTheDocument();
  });
});

describe('ApplicationForm', () => {
  it('asks for the organization\'s required attributes when creating, and shows the server\'s complaint', async () => {
    const onSubmit = vi.fn();
    const { rerender } = render(<ApplicationForm mode="create" tiers={[{ name: 'Unlimited', displayName: 'Unlimited' }]} requiredAttributes={['costCentre']} onSubmit={onSubmit} errors={noFormErrors} submitting={false} />);
    await userEvent.type(screen.getByLabelText('Name'), 'Billing');
    await userEvent.type(screen.getByLabelText('costCentre'), ' CC-7 ');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'Billing', attributes: [{ key: 'costCentre', value: 'CC-7' }] }));

    rerender(
      <ApplicationForm
        mode="create"
        tiers={[{ name: 'Unlimited', displayName: 'Unlimited' }]}
        requiredAttributes={['costCentre']}
        onSubmit={onSubmit}
        errors={{ fields: { attributes: 'your organization requires the attribute costCentre' }, banner: null }}
        submitting={false}
      />,
    );
    expect(screen.getByTestId('field-error-attributes')).toHaveTextContent('requires the attribute costCentre');
  });

  it('sends no attributes when none are required', async () => {
    const onSubmit = vi.fn();
    render(<ApplicationForm mode="create" tiers={[]} onSubmit={onSubmit} errors={noFormErrors} submitting={false} />);
    await userEvent.type(screen.getByLabelText('Name'), 'Plain');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(onSubmit.mock.calls[0]![0]).not.toHaveProperty('attributes');
  });
});
