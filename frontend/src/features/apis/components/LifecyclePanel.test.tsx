import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LifecyclePanel } from './LifecyclePanel';

describe('LifecyclePanel', () => {
  it('offers the new-version options when publishing a later version', async () => {
    const onAction = vi.fn().mockResolvedValue(true);
    render(<LifecyclePanel status="CREATED" actions={['PUBLISH', 'DEPLOY_AS_PROTOTYPE']} history={[]} onAction={onAction} pending={null} error={null} previousVersion="1.0.0" />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Deprecate older versions'));
    await user.click(screen.getByLabelText(/Require re-subscription/));
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(onAction).toHaveBeenCalledWith('PUBLISH', '', { deprecateOlderVersions: true, requireResubscription: false });
    await user.click(screen.getByRole('button', { name: 'Deploy as prototype' }));
    expect(onAction).toHaveBeenLastCalledWith('DEPLOY_AS_PROTOTYPE', '', undefined);
  });

  it('has no new-version options for a first version', () => {
    render(<LifecyclePanel status="CREATED" actions={['PUBLISH']} history={[]} onAction={vi.fn()} pending={null} error={null} />);
    expect(screen.queryByLabelText('Deprecate older versions')).toBeNull();
  });
});
