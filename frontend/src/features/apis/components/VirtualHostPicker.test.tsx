import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { VirtualHostPicker } from './VirtualHostPicker';

describe('VirtualHostPicker', () => {
  it('offers the virtual hosts of environments that have some, defaulting to any host', async () => {
    const onChange = vi.fn();
    render(
      <VirtualHostPicker
        environments={[
          { name: 'Default', label: 'Default', virtualHosts: ['a.example.com', 'b.example.com'] },
          { name: 'eu', label: 'Europe', virtualHosts: [] },
        ]}
        value={{}}
        onChange={onChange}
      />,
    );
    const select = screen.getByLabelText('Virtual host in Default');
    expect(select).toHaveValue('');
    expect(screen.getByRole('option', { name: 'Any host (environment default)' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Virtual host in Europe')).not.toBeInTheDocument();
    await userEvent.setup().selectOptions(select, 'b.example.com');
    expect(onChange).toHaveBeenCalledWith('Default', 'b.example.com');
  });

  it('renders nothing when no environment has virtual hosts', () => {
    const { container } = render(<VirtualHostPicker environments={[{ name: 'Default', label: 'Default', virtualHosts: [] }]} value={{}} onChange={vi.fn()} />);
    expect(container).toBeEmptyDOMElement();
  });
});
