import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Reply } from '../../../test/fakeFetch';
import { itemsDefinition } from '../fixtures';
import { ServiceCreateView } from './ServiceCreateView';

function Detail() {
  return <p>detail of {useParams().id}</p>;
}

function renderView(reply: Reply) {
  const f = fakeFetch(() => reply);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/catalog/services/new']}>
        <Routes>
          <Route path="/catalog/services/new" element={<ServiceCreateView />} />
          <Route path="/catalog/services/:id" element={<Detail />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return { calls: f.calls };
}

async function fill(definition = itemsDefinition) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Name'), 'items');
  await user.type(screen.getByLabelText('Version'), '1.0.0');
  await user.type(screen.getByLabelText('Service URL'), 'http://items.internal:8080');
  await user.selectOptions(screen.getByLabelText('Security type'), 'BASIC');
  await user.click(screen.getByLabelText('Mutual TLS'));
  // Braces are keyboard syntax for user.type: paste the document instead.
  await user.click(screen.getByLabelText('Definition'));
  await user.paste(definition);
  return user;
}

describe('ServiceCreateView', () => {
  it('shows the server error on the definition next to the Definition field', async () => {
    const { calls } = renderView({
      body: {
        data: null,
        errors: [
          {
            message: 'the definition is not OpenAPI, GraphQL SDL, AsyncAPI or WSDL',
            path: ['createServiceEntry'],
            extensions: { code: 'BAD_USER_INPUT', field: 'definition' },
          },
        ],
      },
    });
    const user = await fill('not a definition');
    await user.click(screen.getByRole('button', { name: 'Register' }));

    expect(await screen.findByTestId('field-error-definition')).toHaveTextContent('the definition is not OpenAPI');
    const textarea = screen.getByLabelText('Definition');
    expect(textarea).toHaveAttribute('aria-invalid', 'true');
    expect(textarea).toHaveAccessibleDescription(expect.stringContaining('the definition is not OpenAPI'));
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByRole('alert')).toBeNull();

    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.get('X-CSRF-Token')).toBe('csrf-123');
    expect(calls[0]?.body).toMatchObject({
      variables: {
        input: {
          name: 'items',
          version: '1.0.0',
          displayName: null,
          description: null,
          serviceURL: 'http://items.internal:8080',
          securityType: 'BASIC',
          mutualTLS: true,
          definition: 'not a definition',
        },
      },
    });
  });

  it('shows the server URL error (field serviceUrl) next to Service URL and a conflict in a banner', async () => {
    renderView({
      body: {
        data: null,
        errors: [
          { message: 'serviceUrl must be an http(s) URL', extensions: { code: 'BAD_USER_INPUT', field: 'serviceUrl' } },
          { message: 'service items 1.0.0 exists', extensions: { code: 'CONFLICT' } },
        ],
      },
    });
    const user = await fill();
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByTestId('field-error-serviceUrl')).toHaveTextContent('serviceUrl must be an http(s) URL');
    expect(screen.getByLabelText('Service URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('service items 1.0.0 exists');
  });

  it('fills the Definition from a chosen file', async () => {
    renderView({ body: {} });
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('Definition file'), new File([itemsDefinition], 'items.yaml', { type: 'application/yaml' }));
    await vi.waitFor(() => expect(screen.getByLabelText('Definition')).toHaveValue(itemsDefinition));
  });

  it('asks for the required fields before calling the server', async () => {
    const { calls } = renderView({ body: {} });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Register' }));
    for (const f of ['name', 'version', 'serviceUrl', 'definition']) {
      expect(screen.getByTestId(`field-error-${f}`)).toHaveTextContent('Required.');
    }
    expect(calls).toHaveLength(0);
  });

  it('goes to the new service once registered', async () => {
    renderView({ body: { data: { createServiceEntry: { __typename: 'ServiceEntry', id: 'svc-9', name: 'items', version: '1.0.0' } } } });
    const user = await fill();
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('detail of svc-9')).toBeInTheDocument();
  });
});
