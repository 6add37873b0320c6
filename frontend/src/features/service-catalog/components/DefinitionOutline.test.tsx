import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DefinitionOutline } from './DefinitionOutline';

describe('DefinitionOutline', () => {
  it('lists the operations of the definition', () => {
    render(
      <DefinitionOutline
        outline={{
          kind: 'OAS3',
          specVersion: '3.0.3',
          title: 'Items',
          version: '1.0.0',
          operations: [
            { method: 'GET', target: '/items', summary: 'List items', scopes: [] },
            { method: 'POST', target: '/items', summary: null, scopes: ['items:write'] },
          ],
        }}
      />,
    );
    expect(screen.getByText('Items · 1.0.0 · OAS3 3.0.3')).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('items:write')).toBeInTheDocument();
  });

  it('renders nothing until the outline is known', () => {
    const { container } = render(<DefinitionOutline outline={null} />);
    expect(container).toBeEmptyDOMElement();
  });
});
