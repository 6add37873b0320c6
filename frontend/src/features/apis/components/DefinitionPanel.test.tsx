import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DefinitionPanel } from './DefinitionPanel';

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
});
