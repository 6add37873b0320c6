import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DefinitionEditor } from './DefinitionEditor';
import type { DefinitionReport } from './DefinitionReportPanel';

const exported = JSON.stringify({ openapi: '3.0.3', paths: { '/pets': { get: { 'x-gatehouse-auth-required': true } } } }, null, 2);

function report(valid: boolean): DefinitionReport {
  return {
    valid,
    kind: 'OAS3',
    specVersion: '3.0.3',
    title: 'Pets',
    version: '1',
    description: null,
    servers: [],
    operations: [{ method: 'GET', target: '/pets', operationId: null, summary: null, scopes: [], secured: false }],
    problems: valid
      ? []
      : [{ severity: 'error', message: 'x-gatehouse-auth-required must be true or false', pointer: '/paths/~1pets/get', line: 3, column: 5 }],
  };
}

function edit(text: string) {
  // fireEvent: userEvent.type reads { and [ as key descriptors.
  fireEvent.change(screen.getByLabelText('Definition text'), { target: { value: text } });
}

describe('DefinitionEditor', () => {
  it('saves the edited text only after it validated, as it is now', async () => {
    const user = userEvent.setup();
    const onValidate = vi.fn(async () => report(true));
    const onSave = vi.fn(async () => null);
    render(<DefinitionEditor initial={exported} onValidate={onValidate} onSave={onSave} onCancel={vi.fn()} />);
    expect(screen.getByLabelText('Definition text')).toHaveValue(exported);
    const save = screen.getByRole('button', { name: 'Save definition' });
    expect(save).toBeDisabled();

    const noAuth = exported.replace('"x-gatehouse-auth-required": true', '"x-gatehouse-auth-required": false');
    edit(noAuth);
    await user.click(screen.getByRole('button', { name: 'Validate' }));
    expect(onValidate).toHaveBeenCalledWith(noAuth);
    expect(screen.getByTestId('report-verdict')).toHaveTextContent('The definition is valid.');
    expect(save).toBeEnabled();

    // Changed since the report: validate again before saving.
    edit(noAuth + ' ');
    expect(save).toBeDisabled();
    expect(screen.getByTestId('report-verdict')).toHaveTextContent('validate it again');
    edit(noAuth);
    expect(save).toBeEnabled();
    await user.click(save);
    expect(onSave).toHaveBeenCalledWith(noAuth);
  });

  it('keeps Save off for an invalid definition and shows its problems', async () => {
    const user = userEvent.setup();
    render(<DefinitionEditor initial={exported} onValidate={async () => report(false)} onSave={vi.fn()} onCancel={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Validate' }));
    expect(screen.getByText(/must be true or false/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save definition' })).toBeDisabled();
  });

  it('shows what the server refused on save, and cancels', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(
      <DefinitionEditor
        initial={exported}
        onValidate={async () => report(true)}
        onSave={async () => 'GET /pets: x-throttling-tier: the organization has no API or subscription tier named "Platinum"'}
        onCancel={onCancel}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Validate' }));
    await user.click(screen.getByRole('button', { name: 'Save definition' }));
    expect(screen.getByText(/no API or subscription tier named "Platinum"/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });
});
