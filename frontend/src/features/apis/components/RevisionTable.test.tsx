import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RevisionTable } from './RevisionTable';

describe('RevisionTable', () => {
  it('deploys, restores, and deletes only undeployed revisions', async () => {
    const onDeploy = vi.fn();
    const onRestore = vi.fn();
    const onDelete = vi.fn();
    render(
      <RevisionTable
        revisions={[
          { id: 'r2', number: 2, description: 'new', createdBy: 'publisher', createdAt: '2026-01-01T00:00:00Z', environments: [] },
          { id: 'r1', number: 1, description: 'old', createdBy: 'publisher', createdAt: '2026-01-01T00:00:00Z', environments: ['Default'] },
        ]}
        environments={[{ name: 'Default', label: 'Default' }]}
        onDeploy={onDeploy}
        onRestore={onRestore}
        onDelete={onDelete}
        busy={false}
      />,
    );
    const user = userEvent.setup();
    const r1 = within(screen.getByTestId('revision-1'));
    expect(r1.getByRole('button', { name: 'Deploy to Default' })).toBeDisabled();
    expect(r1.getByRole('button', { name: 'Delete' })).toBeDisabled();
    const r2 = within(screen.getByTestId('revision-2'));
    await user.click(r2.getByRole('button', { name: 'Deploy to Default' }));
    expect(onDeploy).toHaveBeenCalledWith('r2', 'Default');
    await user.click(r1.getByRole('button', { name: 'Restore' }));
    expect(onRestore).toHaveBeenCalledWith('r1');
    await user.click(r2.getByRole('button', { name: 'Delete' }));
    expect(onDelete).toHaveBeenCalledWith('r2');
  });

  it('lets a deployed revision move to another virtual host', async () => {
    const onDeploy = vi.fn();
    const row = {
      id: 'r1', number: 1, description: '', createdBy: 'publisher', createdAt: '2026-01-01T00:00:00Z',
      environments: ['Default'], deployedHosts: { Default: 'a.example.com' },
    };
    const props = { revisions: [row], environments: [{ name: 'Default', label: 'Default' }], onDeploy, onRestore: vi.fn(), onDelete: vi.fn(), busy: false };
    const { rerender } = render(<RevisionTable {...props} pickedHosts={{ Default: 'a.example.com' }} />);
    expect(screen.getByRole('button', { name: 'Deploy to Default' })).toBeDisabled();
    rerender(<RevisionTable {...props} pickedHosts={{ Default: 'b.example.com' }} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Deploy to Default' }));
    expect(onDeploy).toHaveBeenCalledWith('r1', 'Default');
  });
});
