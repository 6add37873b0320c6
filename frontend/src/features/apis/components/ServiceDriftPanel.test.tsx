import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ServiceDriftPanel } from './ServiceDriftPanel';

const service = { id: 's1', name: 'pets', version: '1.0.0' };

describe('ServiceDriftPanel', () => {
  it('lists what changed in the service and updates on request', async () => {
    const onUpdate = vi.fn();
    render(
      <ServiceDriftPanel
        service={service}
        drift={{ outOfDate: true, added: ['DELETE /pets/{id}'], removed: ['POST /pets'], changed: [] }}
        onUpdate={onUpdate}
        updating={false}
        error={null}
      />,
    );
    expect(screen.getByText('Out of date')).toBeInTheDocument();
    expect(screen.getByText('Added DELETE /pets/{id}')).toBeInTheDocument();
    expect(screen.getByText('Removed POST /pets')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Update from service' }));
    expect(onUpdate).toHaveBeenCalledOnce();
  });

  it('offers no update when the API is up to date', () => {
    render(
      <ServiceDriftPanel
        service={service}
        drift={{ outOfDate: false, added: [], removed: [], changed: [] }}
        onUpdate={() => {}}
        updating={false}
        error={null}
      />,
    );
    expect(screen.getByText('Up to date')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Update from service' })).toBeNull();
  });
});
