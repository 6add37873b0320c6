import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { checkHost, VirtualHostsForm } from './VirtualHostsForm';

describe('checkHost', () => {
  it.each([
    ['API.Example.com.', 'api.example.com'],
    ['10.0.0.1', '10.0.0.1'],
    ['[2001:DB8::1]', '2001:db8::1'],
  ])('accepts %s', (raw, host) => {
    expect(checkHost(raw)).toEqual({ host });
  });
  it.each(['', 'a_b.example.com', '-a.example.com', 'a.example.com:8080', '300.1.1.1', 'http://a.example.com'])('refuses %j', (raw) => {
    expect(checkHost(raw)).toHaveProperty('error');
  });
});

describe('VirtualHostsForm', () => {
  it('adds, edits and removes hosts, and submits them normalized', async () => {
    const onSubmit = vi.fn();
    render(<VirtualHostsForm environment="Default" initial={[{ host: 'old.example.com', httpPort: null, httpsPort: 8443 }]} onSubmit={onSubmit} errors={{}} />);
    const user = userEvent.setup();
    expect(screen.getByLabelText('HTTPS port 1')).toHaveValue('8443');
    await user.click(screen.getByRole('button', { name: 'Add virtual host' }));
    await user.type(screen.getByLabelText('Host 2'), 'A.Example.com');
    await user.type(screen.getByLabelText('HTTP port 2'), '8080');
    await user.click(screen.getByRole('button', { name: 'Remove 1' }));
    await user.click(screen.getByRole('button', { name: 'Save virtual hosts' }));
    expect(onSubmit).toHaveBeenCalledWith([{ host: 'a.example.com', httpPort: 8080, httpsPort: null }]);
  });

  it('refuses duplicates, bad hosts and bad ports without submitting', async () => {
    const onSubmit = vi.fn();
    render(
      <VirtualHostsForm
        environment="Default"
        initial={[
          { host: 'a.example.com', httpPort: null, httpsPort: null },
          { host: 'A.example.com', httpPort: null, httpsPort: null },
        ]}
        onSubmit={onSubmit}
        errors={{}}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add virtual host' }));
    await user.type(screen.getByLabelText('Host 3'), 'bad_host');
    await user.type(screen.getByLabelText('HTTPS port 3'), '70000');
    await user.click(screen.getByRole('button', { name: 'Save virtual hosts' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Host 2')).toHaveAccessibleDescription(/already listed \(row 1\)/);
    expect(screen.getByLabelText('Host 3')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('HTTPS port 3')).toHaveAccessibleDescription(/1 to 65535/);
  });

  it('shows the server errors next to the entry at fault', () => {
    render(
      <VirtualHostsForm
        environment="Default"
        initial={[{ host: 'a.example.com', httpPort: null, httpsPort: null }]}
        onSubmit={vi.fn()}
        errors={{ 'virtualHosts.0.host': 'host is in use', '': 'something else' }}
      />,
    );
    expect(screen.getByLabelText('Host 1')).toHaveAccessibleDescription('host is in use');
    expect(screen.getByText('something else')).toBeInTheDocument();
  });
});
