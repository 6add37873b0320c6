import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DocumentEditor, emptyDocument } from './DocumentEditor';

describe('DocumentEditor', () => {
  it('previews markdown and sends the chosen source', async () => {
    const onSubmit = vi.fn();
    render(<DocumentEditor initial={emptyDocument} onSubmit={onSubmit} onCancel={vi.fn()} errors={{ fields: {}, banner: null }} submitting={false} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Guide');
    await user.type(screen.getByLabelText('Markdown'), '# Hello');
    expect(screen.getByTestId('markdown-preview')).toContainHTML('<h1>Hello</h1>');
    await user.selectOptions(screen.getByLabelText('Source'), 'URL');
    expect(screen.queryByLabelText('Markdown')).toBeNull();
    await user.type(screen.getByLabelText('URL'), 'https://docs.example.com');
    await user.click(screen.getByRole('button', { name: 'Save document' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'Guide', sourceType: 'URL', url: 'https://docs.example.com' }));
  });

  it('refuses a file over 5 MiB before sending it', async () => {
    render(
      <DocumentEditor
        initial={{ ...emptyDocument, sourceType: 'FILE' }}
        onSubmit={vi.fn()}
        onCancel={vi.fn()}
        errors={{ fields: {}, banner: null }}
        submitting={false}
      />,
    );
    const big = new File([new Uint8Array((5 << 20) + 1)], 'big.pdf', { type: 'application/pdf' });
    await userEvent.setup().upload(screen.getByLabelText('File'), big);
    expect(await screen.findByText('The file is larger than 5 MiB.')).toBeInTheDocument();
  });

  it('shows the server error next to the field', () => {
    render(
      <DocumentEditor
        initial={{ ...emptyDocument, name: 'Guide' }}
        onSubmit={vi.fn()}
        onCancel={vi.fn()}
        errors={{ fields: { name: 'the API already has a document named Guide' }, banner: null }}
        submitting={false}
      />,
    );
    expect(screen.getByTestId('field-error-name')).toHaveTextContent('already has a document');
  });
});
