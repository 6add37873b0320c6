import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ThumbnailForm } from './ThumbnailForm';

describe('ThumbnailForm', () => {
  it('sends the chosen image as base64', async () => {
    const onUpload = vi.fn();
    render(<ThumbnailForm url={null} onUpload={onUpload} onRemove={vi.fn()} error={null} busy={false} />);
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'logo.png', { type: 'image/png' });
    await userEvent.setup().upload(screen.getByLabelText('Thumbnail file'), png);
    await waitFor(() => expect(onUpload).toHaveBeenCalledWith('logo.png', 'iVBORw=='));
  });

  it('refuses an image over 1 MiB without sending it', async () => {
    const onUpload = vi.fn();
    render(<ThumbnailForm url="/x.png" onUpload={onUpload} onRemove={vi.fn()} error={null} busy={false} />);
    const big = new File([new Uint8Array((1 << 20) + 1)], 'big.png', { type: 'image/png' });
    await userEvent.setup().upload(screen.getByLabelText('Thumbnail file'), big);
    expect(await screen.findByRole('alert')).toHaveTextContent('larger than 1 MiB');
    expect(onUpload).not.toHaveBeenCalled();
    expect(screen.getByRole('img', { name: 'API thumbnail' })).toHaveAttribute('src', '/x.png');
  });
});
