import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AddResourceForm, pathTemplateError } from './AddResourceForm';
import { ResourceTable } from './ResourceTable';

// Hole 3: every API needs resources, so the publisher adds, edits and deletes them on any API.
describe('AddResourceForm (hole 3)', () => {
  it.each([
    ['orders', 'The path must start with /.'],
    ['/a/../admin', 'The path must not have . or .. segments.'],
    ['/a%2Fb', 'The path must not be percent-encoded.'],
    ['/a//b', 'The path has an empty segment (//).'],
    ['/orders/{id', 'Segment {id must be a whole parameter like {id}.'],
    ['/a/{id}/b/{id}', 'The parameter {id} is named twice.'],
    ['/*/x', '* (any sub-path) may only be the last segment.'],
  ])('refuses the path template %s', (target, message) => {
    expect(pathTemplateError(target)).toBe(message);
  });

  it.each(['/', '/*', '/orders/{orderId}', '/files/*', '/v1/menu.json'])('accepts %s', (target) => {
    expect(pathTemplateError(target)).toBeNull();
  });

  it('adds a resource that requires a token by default', async () => {
    const onAdd = vi.fn().mockResolvedValue(true);
    render(<AddResourceForm onAdd={onAdd} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Method'), 'POST');
    await user.type(screen.getByLabelText('Path'), ' /orders/{{orderId}');
    await user.click(screen.getByRole('button', { name: 'Add resource' }));
    expect(onAdd).toHaveBeenCalledWith({ method: 'POST', target: '/orders/{orderId}', authRequired: true });
    expect(screen.getByLabelText('Path')).toHaveValue('');
  });

  it('shows a bad path next to the field without calling the server', async () => {
    const onAdd = vi.fn();
    render(<AddResourceForm onAdd={onAdd} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Path'), '/a/../b');
    await user.click(screen.getByRole('button', { name: 'Add resource' }));
    expect(onAdd).not.toHaveBeenCalled();
    expect(screen.getByTestId('field-error-target')).toHaveTextContent('. or ..');
    expect(screen.getByLabelText('Path')).toHaveAttribute('aria-invalid', 'true');
  });

  it("shows the server's field error", () => {
    render(<AddResourceForm onAdd={vi.fn()} serverErrors={{ target: 'the API already has the resource GET /menu' }} />);
    expect(screen.getByTestId('field-error-target')).toHaveTextContent('already has the resource GET /menu');
  });
});

describe('ResourceTable add and delete (hole 3)', () => {
  it('warns that an API without resources serves nothing', () => {
    render(<ResourceTable resources={[]} onAdd={vi.fn()} />);
    expect(screen.getByRole('alert')).toHaveTextContent('This API has no resources: the gateway serves nothing for it. Add resources.');
    expect(screen.getByRole('form', { name: 'Add resource' })).toBeInTheDocument();
  });

  it('deletes a resource only after a confirmation', async () => {
    const onDelete = vi.fn().mockResolvedValue(true);
    render(<ResourceTable resources={[{ id: 'op1', method: 'GET', target: '/*', authRequired: true }]} onDelete={onDelete} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete GET /*' }));
    expect(onDelete).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    expect(onDelete).toHaveBeenCalledWith('op1');
  });

  it('moves a resource to another method and path', async () => {
    const onSave = vi.fn().mockResolvedValue(true);
    render(<ResourceTable resources={[{ id: 'op1', method: 'GET', target: '/*', authRequired: true, scopes: [] }]} onSave={onSave} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit GET /*' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Method' }), 'PUT');
    await user.clear(screen.getByRole('textbox', { name: 'Path' }));
    await user.type(screen.getByRole('textbox', { name: 'Path' }), '/menu/{{item}');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith('op1', expect.objectContaining({ method: 'PUT', target: '/menu/{item}', authRequired: true }));
  });
});
