import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { emptyEnvironment, EnvironmentForm, validateEnvironment } from './EnvironmentForm';

describe('validateEnvironment', () => {
  it.each([
    [{ name: 'Staging' }, 'name'],
    [{ name: 'eu-' }, 'name'],
    [{ name: 'ok', gatewayURL: 'ftp://gw' }, 'gatewayURL'],
    [{ name: 'ok', httpsURL: 'http://gw' }, 'httpsURL'],
    [{ name: 'ok', wsURL: 'https://gw' }, 'wsURL'],
    [{ name: 'ok', gatewayURL: 'http://u:p@gw' }, 'gatewayURL'],
  ])('refuses %j on %s', (patch, field) => {
    expect(validateEnvironment({ ...emptyEnvironment, ...patch }, true)).toHaveProperty(field);
  });
  it('accepts a complete environment, and any name when editing', () => {
    expect(validateEnvironment({ ...emptyEnvironment, name: 'eu-west-1', gatewayURL: 'http://gw:8280', httpsURL: 'https://gw', wsURL: 'wss://gw' }, true)).toEqual({});
    expect(validateEnvironment({ ...emptyEnvironment, name: 'Default' }, false)).toEqual({});
  });
});

describe('EnvironmentForm', () => {
  it('creates an environment with trimmed values', async () => {
    const onSubmit = vi.fn();
    render(<EnvironmentForm initial={emptyEnvironment} creating onSubmit={onSubmit} errors={{}} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'staging ');
    await user.type(screen.getByLabelText('Display name'), 'Staging');
    await user.type(screen.getByLabelText('HTTPS gateway URL'), 'https://staging.example.com');
    await user.selectOptions(screen.getByLabelText('Type'), 'SANDBOX');
    await user.click(screen.getByRole('button', { name: 'Create environment' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'staging', displayName: 'Staging', httpsURL: 'https://staging.example.com', type: 'SANDBOX' }));
  });

  it('names bad fields without submitting', async () => {
    const onSubmit = vi.fn();
    render(<EnvironmentForm initial={emptyEnvironment} creating onSubmit={onSubmit} errors={{}} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Bad Name');
    await user.type(screen.getByLabelText('WebSocket gateway URL'), 'http://gw');
    await user.click(screen.getByRole('button', { name: 'Create environment' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/lower-case letters/);
    expect(screen.getByLabelText('WebSocket gateway URL')).toHaveAccessibleDescription(/ws:\/\/ or wss:\/\//);
  });

  it('keeps the name when editing and shows server errors', () => {
    render(
      <EnvironmentForm
        initial={{ ...emptyEnvironment, name: 'staging' }}
        creating={false}
        onSubmit={vi.fn()}
        errors={{ gatewayURL: 'not reachable', '': 'something else' }}
      />,
    );
    expect(screen.getByLabelText('Name')).toBeDisabled();
    expect(screen.getByLabelText('HTTP gateway URL')).toHaveAccessibleDescription('not reachable');
    expect(screen.getByRole('alert')).toHaveTextContent('something else');
  });
});
