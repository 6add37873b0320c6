import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DefinitionPanel } from './DefinitionPanel';
import type { DefinitionReport } from './DefinitionReportPanel';

const sdlReport: DefinitionReport = {
  valid: true,
  kind: 'GRAPHQL_SDL',
  specVersion: '',
  title: '',
  version: '',
  description: null,
  servers: [],
  operations: [],
  problems: [],
};

describe('DefinitionPanel', () => {
  it('shows a SOAP API with its WSDL operations, text and download link', async () => {
    render(
      <DefinitionPanel
        type="SOAP"
        definitionType="WSDL"
        definitionURL="/api/publisher/v1/apis/1/definition"
        definition="<definitions/>"
        operations={[{ method: 'SOAP', target: 'GetLastTradePrice', summary: null }]}
      />,
    );
    expect(screen.getByText('SOAP pass-through')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download definition' })).toHaveAttribute('href', '/api/publisher/v1/apis/1/definition');
    expect(screen.getByText('GetLastTradePrice')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show definition' }));
    expect(screen.getByTestId('definition-text')).toHaveTextContent('<definitions/>');
  });

  it('says a scratch WebSocket API has no definition', () => {
    render(<DefinitionPanel type="WS" definitionType="NONE" definitionURL={null} definition="" operations={[]} />);
    expect(screen.getByText('WebSocket')).toBeInTheDocument();
    expect(screen.getByText(/No definition/)).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('edits a GraphQL API\'s SDL as its text: validate, save, back to the panel', async () => {
    const user = userEvent.setup();
    const onValidate = vi.fn(async () => sdlReport);
    const onSave = vi.fn(async () => null);
    render(
      <DefinitionPanel
        type="GRAPHQL"
        definitionType="GRAPHQL_SDL"
        definitionURL={null}
        definition="type Query { hello: String }"
        operations={[{ method: 'QUERY', target: 'hello' }]}
        onValidate={onValidate}
        onSave={onSave}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Edit definition' }));
    const text = 'type Query { hello: String menu: [String] }';
    // fireEvent: userEvent.type reads { and [ as key descriptors.
    fireEvent.change(screen.getByLabelText('Definition text'), { target: { value: text } });
    await user.click(screen.getByRole('button', { name: 'Validate' }));
    await user.click(screen.getByRole('button', { name: 'Save definition' }));
    expect(onSave).toHaveBeenCalledWith(text);
    expect(await screen.findByRole('button', { name: 'Edit definition' })).toBeInTheDocument();
  });

  it('leaves an OpenAPI definition to the enforced-definition editor', () => {
    render(
      <DefinitionPanel type="HTTP" definitionType="OAS3" definitionURL={null} definition="{}" operations={[]} onValidate={vi.fn()} onSave={vi.fn()} />,
    );
    expect(screen.queryByRole('button', { name: 'Edit definition' })).toBeNull();
  });
});
