import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { noFormErrors } from '../../../lib/errors';
import { ScopeForm, emptyScope } from './ScopeForm';

describe('ScopeForm', () => {
  it('sends the name, the built-in roles ticked and custom roles typed', async () => {
    const onSubmit = vi.fn();
    render(<ScopeForm initial={emptyScope} onSubmit={onSubmit} onCancel={vi.fn()} errors={noFormErrors} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), ' pizza:order ');
    await user.type(screen.getByLabelText('Display name'), 'Order pizza');
    await user.click(screen.getByLabelText('admin'));
    await user.click(screen.getByLabelText('subscriber'));
    await user.click(screen.getByLabelText('admin'));
    await user.type(screen.getByLabelText('Other roles'), 'chef, chef, baker');
    await user.click(screen.getByRole('button', { name: 'Create scope' }));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'pizza:order', displayName: 'Order pizza', description: '', roles: ['subscriber', 'chef', 'baker'] });
  });

  it('keeps the name of an existing scope fixed and shows field errors', async () => {
    const onSubmit = vi.fn();
    render(
      <ScopeForm
        existing
        initial={{ name: 'pizza:admin', displayName: '', description: '', roles: ['admin', 'chef'] }}
        onSubmit={onSubmit}
        onCancel={vi.fn()}
        errors={{ fields: { roles: '"a b" is not a valid role name' }, banner: null }}
      />,
    );
    expect(screen.getByLabelText('Name')).toHaveAttribute('readonly');
    expect(screen.getByLabelText('admin')).toBeChecked();
    expect(screen.getByLabelText('Other roles')).toHaveValue('chef');
    expect(screen.getByTestId('field-error-roles')).toHaveTextContent('not a valid role name');
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('admin'));
    await user.click(screen.getByRole('button', { name: 'Save scope' }));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'pizza:admin', displayName: '', description: '', roles: ['chef'] });
  });
});
