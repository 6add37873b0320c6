import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { ApiImportView } from './ApiImportView';

const invalidReport = {
  __typename: 'DefinitionReport',
  valid: false,
  kind: 'OAS31',
  specVersion: '3.1.0',
  title: 'Broken',
  version: '1.0.0',
  description: null,
  servers: [],
  operations: [
    { __typename: 'DefinitionOperation', method: 'GET', target: '/pets', operationId: 'listPets', summary: null, scopes: [], secured: false },
  ],
  problems: [
    {
      __typename: 'DefinitionProblem',
      severity: 'error',
      message: 'unresolved reference #/components/schemas/Missing',
      pointer: '/paths/~1pets/get/responses/200/content/application~1json/schema/$ref',
      line: 14,
      column: 23,
    },
    { __typename: 'DefinitionProblem', severity: 'warning', message: 'operation has no operationId', pointer: null, line: 0, column: 0 },
  ],
};

const validReport = {
  ...invalidReport,
  valid: true,
  title: 'Pet Store',
  version: '2.1.0',
  servers: ['/relative', 'https://pets.example.com/v2'],
  operations: [
    { __typename: 'DefinitionOperation', method: 'GET', target: '/pets', operationId: 'listPets', summary: 'List pets', scopes: [], secured: false },
    { __typename: 'DefinitionOperation', method: 'POST', target: '/pets', operationId: 'addPet', summary: null, scopes: ['pets:write'], secured: true },
  ],
  problems: [],
};

function renderView(handler: (req: Recorded) => Reply) {
  const f = fakeFetch(handler);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/publisher/apis/import']}>
        <Routes>
          <Route path="/publisher/apis/import" element={<ApiImportView />} />
          <Route path="/publisher/apis/:id" element={<p>detail page</p>} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return { calls: f.calls };
}

function operation(req: Recorded): string | undefined {
  return (req.body as { operationName?: string } | undefined)?.operationName;
}

async function pasteAndValidate(text: string) {
  const user = userEvent.setup();
  // A definition holds braces, which user.type reads as key names: paste it instead.
  await user.click(screen.getByLabelText('Definition'));
  await user.paste(text);
  await user.click(screen.getByRole('button', { name: 'Validate' }));
  return user;
}

describe('ApiImportView', () => {
  it('lists the problems of an invalid definition with their lines, and keeps Import off', async () => {
    const { calls } = renderView(() => ({ body: { data: { validateDefinition: invalidReport } } }));
    await pasteAndValidate('openapi: 3.1.0\n');

    const problems = await screen.findByRole('list', { name: 'Problems' });
    const items = within(problems).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveClass('problem', 'error');
    expect(items[0]).toHaveTextContent('error');
    expect(items[0]).toHaveTextContent('line 14:23');
    expect(items[0]).toHaveTextContent('/paths/~1pets/get/responses/200');
    expect(items[0]).toHaveTextContent('unresolved reference #/components/schemas/Missing');
    expect(items[1]).toHaveClass('warning');
    expect(items[1]).not.toHaveTextContent('line');

    expect(screen.getByTestId('report-verdict')).toHaveTextContent('not valid: 1 error');
    expect(screen.getByTestId('report-kind')).toHaveTextContent('OpenAPI 3.1.0');
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();

    expect(calls).toHaveLength(1);
    expect(operation(calls[0]!)).toBe('ValidateDefinition');
    expect(calls[0]?.headers.get('X-CSRF-Token')).toBe('csrf-123');
    expect(calls[0]?.body).toMatchObject({ variables: { source: { content: 'openapi: 3.1.0\n' } } });
  });

  it('pre-fills the settings from a valid report, imports the validated source and opens the API', async () => {
    const { calls } = renderView((req) =>
      operation(req) === 'ImportAPI'
        ? { body: { data: { importAPI: { __typename: 'API', id: 'a9', name: 'Pet Store' } } } }
        : { body: { data: { validateDefinition: validReport } } },
    );
    const user = await pasteAndValidate('{"openapi": "3.1.0"}');

    expect(await screen.findByTestId('report-operation-count')).toHaveTextContent('2');
    const ops = screen.getByRole('table', { name: 'Operations' });
    expect(within(ops).getAllByRole('row')).toHaveLength(3);
    expect(within(ops).getByText('pets:write')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Problems' })).toBeNull();

    expect(screen.getByLabelText('Name')).toHaveValue('Pet Store');
    expect(screen.getByLabelText('Context')).toHaveValue('pet-store');
    expect(screen.getByLabelText('Version')).toHaveValue('2.1.0');
    expect(screen.getByLabelText('Endpoint')).toHaveValue('https://pets.example.com/v2');

    const importButton = screen.getByRole('button', { name: 'Import' });
    expect(importButton).toBeEnabled();
    await user.clear(screen.getByLabelText('Context'));
    await user.type(screen.getByLabelText('Context'), 'pets');
    await user.click(importButton);

    expect(await screen.findByText('detail page')).toBeInTheDocument();
    expect(calls.map(operation)).toEqual(['ValidateDefinition', 'ImportAPI']);
    expect(calls[1]?.body).toMatchObject({
      variables: {
        input: { source: { content: '{"openapi": "3.1.0"}' }, name: 'Pet Store', context: 'pets', version: '2.1.0', endpoint: 'https://pets.example.com/v2' },
      },
    });
  });

  it('turns Import off when the definition changes after validation', async () => {
    renderView(() => ({ body: { data: { validateDefinition: validReport } } }));
    const user = await pasteAndValidate('{"openapi": "3.1.0"}');
    expect(await screen.findByRole('button', { name: 'Import' })).toBeEnabled();
    await user.type(screen.getByLabelText('Definition'), ' ');
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(screen.getByTestId('report-verdict')).toHaveTextContent('validate it again');
  });

  it('shows import errors next to the field they name', async () => {
    renderView((req) =>
      operation(req) === 'ImportAPI'
        ? { body: { data: null, errors: [{ message: 'context pet-store is taken', path: ['importAPI'], extensions: { code: 'BAD_USER_INPUT', field: 'context' } }] } }
        : { body: { data: { validateDefinition: validReport } } },
    );
    const user = await pasteAndValidate('{"openapi": "3.1.0"}');
    await user.click(await screen.findByRole('button', { name: 'Import' }));

    expect(await screen.findByTestId('field-error-context')).toHaveTextContent('context pet-store is taken');
    expect(screen.getByLabelText('Context')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('detail page')).toBeNull();
  });

  it('sends a URL instead of text when asked to fetch the definition', async () => {
    const { calls } = renderView(() => ({ body: { data: { validateDefinition: validReport } } }));
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Fetch from a URL'));
    await user.type(screen.getByLabelText('Definition URL'), 'https://pets.example.com/openapi.yaml');
    await user.click(screen.getByRole('button', { name: 'Validate' }));
    await screen.findByTestId('report-verdict');
    expect(calls[0]?.body).toMatchObject({ variables: { source: { url: 'https://pets.example.com/openapi.yaml' } } });
  });

  it('shows a source the server cannot read next to the URL field', async () => {
    renderView(() => ({
      body: { data: null, errors: [{ message: 'downloading the definition answered 404 Not Found', path: ['validateDefinition'], extensions: { code: 'BAD_USER_INPUT', field: 'source' } }] },
    }));
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Fetch from a URL'));
    await user.type(screen.getByLabelText('Definition URL'), 'https://pets.example.com/missing.yaml');
    await user.click(screen.getByRole('button', { name: 'Validate' }));
    expect(await screen.findByTestId('field-error-source')).toHaveTextContent('answered 404');
    expect(screen.getByLabelText('Definition URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });
});
