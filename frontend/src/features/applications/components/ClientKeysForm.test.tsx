import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ClientKeysForm } from './ClientKeysForm';

describe('ClientKeysForm', () => {
  it('sends the key set and shows the server error next to the field', async () => {
    const onSave = vi.fn();
    const { rerender } = render(<ClientKeysForm idPrefix="production" onSave={onSave} saving={false} saved={false} errors={{ fields: {}, banner: null }} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Public keys (JWKS) for private_key_jwt'));
    await user.paste('  {"keys": []}  ');
    await user.click(screen.getByRole('button', { name: 'Save public keys' }));
    expect(onSave).toHaveBeenCalledWith('{"keys": []}');

    rerender(<ClientKeysForm idPrefix="production" onSave={onSave} saving={false} saved={false} errors={{ fields: { jwks: 'the key set must hold 1 to 10 keys' }, banner: null }} />);
    expect(screen.getByTestId('field-error-jwks')).toHaveTextContent('1 to 10 keys');
    expect(screen.getByLabelText('Public keys (JWKS) for private_key_jwt')).toHaveAttribute('aria-invalid', 'true');
  });
});
