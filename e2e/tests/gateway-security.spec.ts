import { expect, test } from '../fixtures';
import { ApiTabs, GatewaySecurityForm } from '../pages/ApiDesignPages';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { ImportApiPage } from '../pages/ImportApiPage';
import { PublisherPage } from '../pages/PublisherPage';

// A self-signed CA, valid until 2036, that callers' client certificates would chain to.
const partnerCA = `-----BEGIN CERTIFICATE-----
MIIBlzCCAT2gAwIBAgIUOVi7odVpxAjUKxlBOtmRb9HWGZMwCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwORTJFIFBhcnRuZXIgQ0EwHhcNMjYxMjA2MDIzMTU1WhcNMzYx
MjAzMDIzMTU1WjAZMRcwFQYDVQQDDA5FMkUgUGFydG5lciBDQTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABM50ptuAFWfN/2tlzp+NiFTDWQPt9wnXzuhmKi6unEgS
MJqqhXs2+EImhamXZ01QGP5KhlF/XciPAvC0WX39bOyjYzBhMB0GA1UdDgQWBBRk
AK3ipDknsTwBQIoU5xq7TO3FnTAfBgNVHSMEGDAWgBRkAK3ipDknsTwBQIoU5xq7
TO3FnTAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwICBDAKBggqhkjOPQQD
AgNIADBFAiEAlCadydJa0k0bms10lNeTa0tVfcM75Hot11RsimgV6VkCIElstBuX
qcW218N9bpwRK85am4YmIUEM37TQC1ZZlJMI
-----END CERTIFICATE-----`;

// A publisher requires client certificates of a partner CA for an API and turns on the
// backend JWT; a paste that is not a certificate is refused next to the field.
test('a publisher sets mutual TLS and the backend JWT of an API', async ({ page, signInAs }) => {
  const suffix = Date.now().toString(36);
  await signInAs('publisher');
  await new PublisherPage(page).importButton.click();
  const wizard = new ImportApiPage(page);
  await wizard.validate(`openapi: 3.0.3
info:
  title: Partner ${suffix}
  version: 1.0.0
servers:
  - url: http://127.0.0.1:9/a
paths:
  /x:
    get:
      responses:
        '200':
          description: ok
`);
  await expect(wizard.verdict).toHaveText('The definition is valid.');
  await wizard.context.fill(`partner-${suffix}`);
  await wizard.importButton.click();
  await expect(new ApiDetailPage(page).heading).toHaveText(`Partner ${suffix}`);

  await new ApiTabs(page).tab('Endpoints').click();
  const security = new GatewaySecurityForm(page);
  await security.mutualTLS.check();
  await security.mode.selectOption('cert');
  await security.trustedCAs.fill('not a certificate');
  await security.saveButton.click();
  await expect(security.form.getByTestId('field-error-trustedCAs')).toContainText('not PEM');

  await security.trustedCAs.fill(partnerCA);
  await security.backendJWT.check();
  await expect(security.header).toHaveValue('X-JWT-Assertion');
  await security.saveButton.click();
  await expect(security.notice).toBeVisible();

  await page.reload();
  await expect(security.mutualTLS).toBeChecked();
  await expect(security.mode).toHaveValue('cert');
  await expect(security.form.getByRole('list', { name: 'Trusted certificates' })).toContainText('CN=E2E Partner CA (CA)');
  await expect(security.backendJWT).toBeChecked();
  await expect(security.form.getByText('/.well-known/gateway-jwks.json')).toBeVisible();
});
