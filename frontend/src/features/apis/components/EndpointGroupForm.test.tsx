import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { EndpointGroupForm, endpointInputOf, endpointValuesOf, type EndpointGroupValues } from './EndpointGroupForm';

function Harness({ initial, errors = {}, onValues }: { initial: EndpointGroupValues; errors?: Record<string, string>; onValues: (v: EndpointGroupValues) => void }) {
  const [v, setV] = useState(initial);
  return (
    <EndpointGroupForm
      prefix="production"
      values={v}
      onChange={(n) => {
        setV(n);
        onValues(n);
      }}
      errors={errors}
    />
  );
}

describe('EndpointGroupForm', () => {
  it('builds a group input and leaves a stored secret out when not retyped', async () => {
    let last = endpointValuesOf({
      type: 'SINGLE',
      urls: ['http://a'],
      timeoutMs: 0,
      retries: 0,
      auth: { type: 'BASIC', username: 'gw', scopes: [], hasSecret: true },
    });
    render(<Harness initial={last} onValues={(v) => (last = v)} />);
    const user = userEvent.setup();
    expect(screen.getByText('Stored; leave empty to keep it.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Endpoint type'), 'LOAD_BALANCED');
    await user.type(screen.getByLabelText('URLs'), '\nhttp://b');
    await user.clear(screen.getByLabelText('Retries'));
    await user.type(screen.getByLabelText('Retries'), '2');
    expect(endpointInputOf(last)).toEqual({
      type: 'LOAD_BALANCED',
      urls: ['http://a', 'http://b'],
      timeoutMs: 0,
      retries: 2,
      auth: { type: 'BASIC', username: 'gw' },
      breaker: null,
    });
    await user.clear(screen.getByLabelText('Circuit breaker: failures'));
    await user.type(screen.getByLabelText('Circuit breaker: failures'), '3');
    expect(endpointInputOf(last).breaker).toEqual({ failures: 3, cooldownMs: 0 });
    await user.type(screen.getByLabelText('Password'), 'new');
    expect(endpointInputOf(last).auth).toEqual({ type: 'BASIC', username: 'gw', password: 'new' });
  });

  it('shows server errors of its own group next to the field', () => {
    render(
      <Harness
        initial={endpointValuesOf(null)}
        errors={{ 'production.urls.1': 'endpoint must be an http or https URL', 'sandbox.retries': 'not mine' }}
        onValues={() => {}}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('endpoint must be an http or https URL');
  });
});
