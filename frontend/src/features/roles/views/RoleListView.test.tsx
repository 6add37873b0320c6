import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { RoleListView } from './RoleListView';

function op(req: Recorded) {
  return (req.body as { operationName: string }).operationName;
}

function vars<T>(req: Recorded) {
  return (req.body as { variables: T }).variables;
}

const permissions = [
  { __typename: 'Permission', name: 'api:create', description: 'Create and import APIs, new versions, API products.' },
  { __typename: 'Permission', name: 'api:manage', description: 'Edit and design APIs and products.' },
  { __typename: 'Permission', name: 'api:publish', description: 'Lifecycle changes, revisions, deploys.' },
  { __typename: 'Permission', name: 'apps:manage', description: 'Own applications and keys.' },
  { __typename: 'Permission', name: 'admin:policies', description: 'Throttling tiers, traffic and deny policies.' },
];

interface Role {
  name: string;
  description: string;
  permissions: string[];
  builtIn: boolean;
  userCount: number;
}

const builtIns: Role[] = [
  { name: 'admin', description: 'Everything', permissions: ['admin:policies', 'api:create', 'api:manage', 'api:publish', 'apps:manage'], builtIn: true, userCount: 1 },
  { name: 'subscriber', description: 'Applications', permissions: ['apps:manage'], builtIn: true, userCount: 3 },
];

/** A fake server holding the roles; `answer` overrides a mutation's reply. */
function renderView(roles: Role[], answer: Partial<Record<string, (req: Recorded) => Reply>> = {}) {
  const f = fakeFetch((req) => {
    const own = answer[op(req)];
    if (own) return own(req);
    switch (op(req)) {
      case 'AdminRoles':
        return { body: { data: { roles: roles.map((r) => ({ __typename: 'RoleDefinition', ...r })) } } };
      case 'AdminPermissions':
        return { body: { data: { permissions } } };
      case 'AdminCreateRole': {
        const { input } = vars<{ input: { name: string; description: string | null; permissions: string[] } }>(req);
        const r = { name: input.name, description: input.description ?? '', permissions: [...input.permissions].sort(), builtIn: false, userCount: 0 };
        roles.push(r);
        return { body: { data: { createRole: { __typename: 'RoleDefinition', ...r } } } };
      }
      case 'AdminUpdateRole': {
        const { name, input } = vars<{ name: string; input: { name: string; description: string | null; permissions: string[] } }>(req);
        const r = roles.find((x) => x.name === name)!;
        Object.assign(r, { name: input.name, description: input.description ?? '', permissions: [...input.permissions].sort() });
        return { body: { data: { updateRole: { __typename: 'RoleDefinition', ...r } } } };
      }
      case 'AdminDeleteRole': {
        const { name } = vars<{ name: string }>(req);
        roles.splice(roles.findIndex((x) => x.name === name), 1);
        return { body: { data: { deleteRole: name } } };
      }
    }
    return { status: 500 };
  });
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <RoleListView />
    </Provider>,
  );
  return f;
}

describe('RoleListView', () => {
  it('lists built-in roles as read-only with their permissions and user counts', async () => {
    renderView([...builtIns, { name: 'api-designer', description: 'Designs APIs', permissions: ['api:create', 'api:manage'], builtIn: false, userCount: 2 }]);
    const table = await screen.findByRole('table', { name: 'Roles' });
    const admin = within(table).getByRole('row', { name: /^admin/ });
    expect(admin).toHaveTextContent('built-in');
    expect(admin).toHaveTextContent('Read-only');
    expect(within(admin).queryByRole('button')).not.toBeInTheDocument();
    const designer = within(table).getByRole('row', { name: /^api-designer/ });
    expect(Array.from(within(designer).getByRole('list', { name: 'Permissions of api-designer' }).querySelectorAll('li')).map((li) => li.textContent)).toEqual([
      'api:create',
      'api:manage',
    ]);
    expect(designer).toHaveTextContent('2');
    expect(within(designer).getByRole('button', { name: 'Edit api-designer' })).toBeInTheDocument();
    expect(within(designer).getByRole('button', { name: 'Delete api-designer' })).toBeInTheDocument();
  });

  it('creates a custom role from permissions grouped by area, with their descriptions', async () => {
    const f = renderView([...builtIns]);
    await userEvent.click(await screen.findByRole('button', { name: 'New role' }));
    const form = screen.getByRole('form', { name: 'New role' });
    const apis = within(form).getByRole('group', { name: 'APIs' });
    expect(within(apis).getAllByRole('checkbox').map((c) => c.closest('label')?.textContent)).toEqual(['api:create', 'api:manage', 'api:publish']);
    expect(within(form).getByRole('group', { name: 'Administration' })).toHaveTextContent('Throttling tiers, traffic and deny policies.');
    expect(within(form).getByRole('checkbox', { name: 'api:create' })).toHaveAccessibleDescription('Create and import APIs, new versions, API products.');
    await userEvent.type(within(form).getByLabelText('Name'), 'api-designer');
    await userEvent.type(within(form).getByLabelText('Description'), 'Designs APIs');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'api:manage' }));
    await userEvent.click(within(form).getByRole('checkbox', { name: 'api:create' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Create role' }));
    expect(await screen.findByText('Created role api-designer.')).toBeInTheDocument();
    // Sent in the catalogue's order, whatever the order of the clicks.
    expect(f.calls.find((c) => op(c) === 'AdminCreateRole')?.body).toMatchObject({
      variables: { input: { name: 'api-designer', description: 'Designs APIs', permissions: ['api:create', 'api:manage'] } },
    });
    expect(await screen.findByRole('row', { name: /^api-designer/ })).toHaveTextContent('api:create');
  });

  it('shows the server\'s complaints next to the fields of the form', async () => {
    renderView([...builtIns], {
      AdminCreateRole: () => ({
        body: {
          data: null,
          errors: [
            { message: 'a role name is lower-case letters, digits, - and _', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } },
            { message: 'a role needs at least one permission', extensions: { code: 'BAD_USER_INPUT', field: 'input.permissions' } },
          ],
        },
      }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'New role' }));
    const form = screen.getByRole('form', { name: 'New role' });
    await userEvent.type(within(form).getByLabelText('Name'), 'API Designer');
    await userEvent.click(within(form).getByRole('button', { name: 'Create role' }));
    expect(await within(form).findByTestId('field-error-name')).toHaveTextContent('lower-case letters');
    expect(within(form).getByTestId('field-error-permissions')).toHaveTextContent('at least one permission');
  });

  it('edits a custom role', async () => {
    const f = renderView([...builtIns, { name: 'api-designer', description: 'Designs APIs', permissions: ['api:create'], builtIn: false, userCount: 0 }]);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit api-designer' }));
    const form = screen.getByRole('form', { name: 'Edit role api-designer' });
    expect(within(form).getByLabelText('Name')).toHaveValue('api-designer');
    expect(within(form).getByRole('checkbox', { name: 'api:create' })).toBeChecked();
    await userEvent.click(within(form).getByRole('checkbox', { name: 'api:publish' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save role' }));
    expect(await screen.findByText('Saved role api-designer.')).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'AdminUpdateRole')?.body).toMatchObject({
      variables: { name: 'api-designer', input: { name: 'api-designer', permissions: ['api:create', 'api:publish'] } },
    });
    expect(await screen.findByRole('row', { name: /^api-designer/ })).toHaveTextContent('api:publish');
  });

  it('deletes a custom role after a confirmation', async () => {
    const f = renderView([...builtIns, { name: 'tester', description: '', permissions: ['apps:manage'], builtIn: false, userCount: 0 }]);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete tester' }));
    expect(f.calls.some((c) => op(c) === 'AdminDeleteRole')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Confirm delete' }));
    expect(await screen.findByText('Deleted role tester.')).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'AdminDeleteRole')?.body).toMatchObject({ variables: { name: 'tester' } });
    await vi.waitFor(() => expect(screen.queryByRole('row', { name: /^tester/ })).not.toBeInTheDocument());
  });

  it('says why a role in use cannot be deleted, next to its button', async () => {
    renderView([...builtIns, { name: 'api-designer', description: '', permissions: ['api:create'], builtIn: false, userCount: 2 }], {
      AdminDeleteRole: () => ({ body: { data: null, errors: [{ message: 'role api-designer is held by 2 user(s)', extensions: { code: 'CONFLICT' } }] } }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete api-designer' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm delete' }));
    const row = screen.getByRole('row', { name: /^api-designer/ });
    expect(await within(row).findByRole('alert')).toHaveTextContent('role api-designer is held by 2 user(s)');
  });
});
