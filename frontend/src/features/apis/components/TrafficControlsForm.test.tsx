import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { noFormErrors } from '../../../lib/errors';
import { TrafficControlsForm } from './TrafficControlsForm';

const fields = [
  { type: 'Query', field: 'orders', returns: '[Order!]!', scope: 'orders:read' },
  { type: 'Customer', field: 'email', returns: 'String', scope: null },
];

describe('TrafficControlsForm', () => {
  it('sends GraphQL limits and the scopes set per field', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(
      <TrafficControlsForm kind="GRAPHQL" initial={{ graphql: null }} fields={fields} onSubmit={onSubmit} errors={noFormErrors} submitting={false} />,
    );
    await user.clear(screen.getByLabelText('Maximum query depth'));
    await user.type(screen.getByLabelText('Maximum query depth'), '6');
    await user.type(screen.getByLabelText('Scope for Customer.email'), 'pii');
    await user.click(screen.getByRole('button', { name: 'Save traffic controls' }));
    expect(onSubmit).toHaveBeenCalledWith({
      graphql: {
        maxDepth: 6,
        maxComplexity: 0,
        listMultiplier: 1,
        fieldScopes: [
          { type: 'Query', field: 'orders', scope: 'orders:read' },
          { type: 'Customer', field: 'email', scope: 'pii' },
        ],
      },
    });
  });

  it('refuses a message limit without a unit, and shows server field errors', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(
      <TrafficControlsForm kind="WS" initial={{}} fields={[]} onSubmit={onSubmit} errors={noFormErrors} submitting={false} />,
    );
    await user.type(screen.getByLabelText('Messages per connection'), '5');
    await user.clear(screen.getByLabelText('Per (seconds)'));
    await user.type(screen.getByLabelText('Per (seconds)'), '0');
    await user.click(screen.getByRole('button', { name: 'Save traffic controls' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('A message limit needs a unit of at least one second.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Per (seconds)'));
    await user.type(screen.getByLabelText('Per (seconds)'), '60');
    await user.selectOptions(screen.getByLabelText('Over the limit'), 'DROP');
    await user.click(screen.getByRole('button', { name: 'Save traffic controls' }));
    expect(onSubmit).toHaveBeenCalledWith({
      webSocket: { messageCount: 5, unitSeconds: 60, countSubscription: false, overLimit: 'DROP' },
    });
    rerender(
      <TrafficControlsForm
        kind="WS"
        initial={{}}
        fields={[]}
        onSubmit={onSubmit}
        errors={{ fields: { messageCount: 'too many' }, banner: null }}
        submitting={false}
      />,
    );
    expect(screen.getByText('too many')).toBeInTheDocument();
  });
});
