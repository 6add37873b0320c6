import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { noFormErrors } from '../../../lib/errors';
import { GatewaySecurityForm, type StoredGatewaySecurity } from './GatewaySecurityForm';

const off: StoredGatewaySecurity = {
  backendJWKSPath: '/.well-known/gateway-jwks.json',
  backendJWT: { enabled: false, header: 'X-JWT-Assertion', ttlSeconds: 300 },
  mutualTLS: null,
};

const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

describe('GatewaySecurityForm', () => {
  it('turns on a certificate-only mutual TLS and the backend JWT', async () => {
    const onSubmit = vi.fn();
    render(<GatewaySecurityForm initial={off} onSubmit={onSubmit} errors={noFormErrors} submitting={false} />);
    const user = userEvent.setup();
    expect(screen.queryByLabelText('Trusted certificates (PEM)')).toBeNull();
    await user.click(screen.getByLabelText(/Check client certificates/));
    await user.selectOptions(screen.getByLabelText('Callers authenticate with'), 'cert');
    await user.click(screen.getByLabelText('Trusted certificates (PEM)'));
    await user.paste(pem);
    await user.click(screen.getByLabelText(/Send the backend a signed JWT/));
    expect(screen.getByText('/.well-known/gateway-jwks.json')).toBeTruthy();
    await user.clear(screen.getByLabelText('Lifetime (seconds)'));
    await user.type(screen.getByLabelText('Lifetime (seconds)'), '120');
    await user.click(screen.getByRole('button', { name: 'Save gateway security' }));
    expect(onSubmit).toHaveBeenCalledWith({
      mutualTLS: { clientCert: 'MANDATORY', oauth2: 'OPTIONAL', trustedCAs: pem },
      backendJWT: { enabled: true, header: 'X-JWT-Assertion', ttlSeconds: 120 },
    });
  });

  it('shows the stored certificates and the server errors next to their fields', () => {
    const stored: StoredGatewaySecurity = {
      ...off,
      mutualTLS: {
        clientCert: 'OPTIONAL',
        oauth2: 'MANDATORY',
        trustedCAs: pem,
        certificates: [{ subject: 'CN=Partner CA', issuer: 'CN=Partner CA', notAfter: '2030-01-01T00:00:00Z', isCA: true }],
      },
    };
    render(
      <GatewaySecurityForm
        initial={stored}
        onSubmit={() => {}}
        errors={{ fields: { trustedCAs: 'certificate 1 is not PEM' }, banner: null }}
        submitting={false}
      />,
    );
    expect((screen.getByLabelText('Callers authenticate with') as HTMLSelectElement).value).toBe('token');
    expect(screen.getByText(/CN=Partner CA \(CA\)/)).toBeTruthy();
    expect(screen.getByTestId('field-error-trustedCAs').textContent).toBe('certificate 1 is not PEM');
  });

  it('sends null to turn mutual TLS off', async () => {
    const onSubmit = vi.fn();
    const stored: StoredGatewaySecurity = { ...off, mutualTLS: { clientCert: 'MANDATORY', oauth2: 'MANDATORY', trustedCAs: pem, certificates: [] } };
    render(<GatewaySecurityForm initial={stored} onSubmit={onSubmit} errors={noFormErrors} submitting={false} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText(/Check client certificates/));
    await user.click(screen.getByRole('button', { name: 'Save gateway security' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ mutualTLS: null }));
  });
});
