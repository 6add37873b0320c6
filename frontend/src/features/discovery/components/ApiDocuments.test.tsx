import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiDocuments, type ApiDocument } from './ApiDocuments';

const doc = (over: Partial<ApiDocument>): ApiDocument => ({
  id: over.name ?? 'd',
  name: 'Doc',
  summary: '',
  docType: 'HOWTO',
  sourceType: 'INLINE',
  content: '',
  url: '',
  fileName: '',
  fileURL: null,
  ...over,
});

describe('ApiDocuments', () => {
  it('renders markdown without raw HTML, links URL documents and offers files for download', () => {
    const { container } = render(
      <ApiDocuments
        documents={[
          doc({ name: 'Guide', content: '# Getting started\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>\n\n[bad](javascript:alert(3)) **bold**' }),
          doc({ name: 'Spec site', sourceType: 'URL', url: 'https://example.com/spec' }),
          doc({ name: 'Sneaky', sourceType: 'URL', url: 'javascript:alert(4)' }),
          doc({ name: 'Handbook', sourceType: 'FILE', fileName: 'handbook.pdf', fileURL: '/api/publisher/v1/documents/d4/file' }),
        ]}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Getting started' }).tagName).toBe('H3');
    expect(screen.getByText('bold').tagName).toBe('STRONG');
    expect(container.querySelector('script, img')).toBeNull();
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
    expect(screen.getByRole('link', { name: 'Spec site' })).toHaveAttribute('href', 'https://example.com/spec');
    expect(screen.queryByRole('link', { name: 'Sneaky' })).toBeNull();
    const file = screen.getByRole('link', { name: 'Handbook' });
    expect(file).toHaveAttribute('href', '/api/publisher/v1/documents/d4/file');
    expect(file).toHaveAttribute('download', 'handbook.pdf');
  });
});
