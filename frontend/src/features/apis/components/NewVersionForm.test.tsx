import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { NewVersionForm } from './NewVersionForm';

describe('NewVersionForm', () => {
  it('asks for the version and whether it becomes the default', async () => {
    const onCreate = vi.fn();
    render(<NewVersionForm currentVersion="1.0.0" onCreate={onCreate} creating={false} versionError={null} error={null} />);
    await userEvent.type(screen.getByLabelText('New version'), ' 2.0.0 ');
    await userEvent.click(screen.getByLabelText(/Make it the default/));
    await userEvent.click(screen.getByRole('button', { name: 'Create new version' }));
    expect(onCreate).toHaveBeenCalledWith('2.0.0', true);
  });

  it('shows a server error next to the version', () => {
    render(
      <NewVersionForm currentVersion="1.0.0" onCreate={() => {}} creating={false} versionError="version 2.0.0 of /pets already exists" error={null} />,
    );
    expect(screen.getByLabelText('New version')).toHaveAccessibleDescription('version 2.0.0 of /pets already exists');
  });
});
