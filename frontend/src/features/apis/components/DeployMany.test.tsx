import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DeployMany, DeploymentList } from './DeployMany';

const envs = [
  { name: 'Default', label: 'Default' },
  { name: 'staging', label: 'Staging' },
];

describe('DeployMany', () => {
  it('deploys the chosen revision to every ticked environment', async () => {
    const onDeploy = vi.fn();
    render(<DeployMany revisions={[{ id: 'r2', number: 2 }, { id: 'r1', number: 1 }]} environments={envs} onDeploy={onDeploy} busy={false} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Revision'), 'r1');
    await user.click(screen.getByLabelText('Default'));
    await user.click(screen.getByLabelText('Staging'));
    await user.click(screen.getByRole('button', { name: 'Deploy to selected environments' }));
    expect(onDeploy).toHaveBeenCalledWith('r1', ['Default', 'staging']);
  });
  it('asks for an environment before deploying', async () => {
    const onDeploy = vi.fn();
    render(<DeployMany revisions={[{ id: 'r1', number: 1 }]} environments={envs} onDeploy={onDeploy} busy={false} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Deploy to selected environments' }));
    expect(onDeploy).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Pick at least one environment.');
  });
});

describe('DeploymentList', () => {
  it('undeploys from one environment', async () => {
    const onUndeploy = vi.fn();
    render(<DeploymentList deployments={[{ environment: 'staging', label: 'Staging', revision: 1 }]} onUndeploy={onUndeploy} busy={false} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Undeploy from Staging' }));
    expect(onUndeploy).toHaveBeenCalledWith('staging');
  });
});
