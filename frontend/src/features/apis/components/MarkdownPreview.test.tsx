import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MarkdownPreview } from './MarkdownPreview';

describe('MarkdownPreview', () => {
  it('renders markdown', () => {
    render(<MarkdownPreview source={'# Getting started\n\nOrder a **pizza**.'} />);
    expect(screen.getByRole('heading', { name: 'Getting started' })).toBeInTheDocument();
    expect(screen.getByText('pizza').tagName).toBe('STRONG');
  });

  it('does not render raw HTML or script links', () => {
    const { container } = render(
      <MarkdownPreview source={'<img src=x onerror="alert(1)"><script>alert(2)</script>\n\n[click](javascript:alert(3))'} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('a')?.getAttribute('href') ?? '').not.toContain('javascript:');
  });
});
