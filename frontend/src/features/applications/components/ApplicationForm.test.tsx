import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { noFormErrors } from '../../../lib/errors';
import { ApplicationForm } from './ApplicationForm';

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
