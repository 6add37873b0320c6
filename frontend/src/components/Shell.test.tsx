import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { Shell } from './Shell';

function Where() {
  return <p data-testid="location">{useLocation().pathname}</p>;
}

function renderShell(path: string, onSignOut = vi.fn()) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route
          path="*"
          element={
            <Shell username="publisher" onSignOut={onSignOut}>
              <Where />
            </Shell>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
  return { onSignOut };
}

describe('Shell', () => {
  it('shows the product, the four areas and who is signed in', () => {
    renderShell('/publisher');
    expect(screen.getByText('Gatehouse')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    const tabs = Array.from(nav.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
    expect(tabs).toEqual([
      ['Publisher', '/publisher'],
      ['Developer Portal', '/devportal'],
      ['Service Catalog', '/catalog'],
      ['Admin', '/admin'],
    ]);
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('publisher');
  });

  it('marks the current area, also on a deep page', () => {
    renderShell('/publisher/apis/new');
    expect(screen.getByRole('link', { name: 'Publisher' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Admin' })).not.toHaveAttribute('aria-current');
  });

  it('moves between areas', async () => {
    renderShell('/publisher');
    const user = userEvent.setup();
    await user.click(screen.getByRole('link', { name: 'Service Catalog' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/catalog');
    expect(screen.getByRole('link', { name: 'Service Catalog' })).toHaveAttribute('aria-current', 'page');
    await user.click(screen.getByRole('link', { name: 'Developer Portal' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/devportal');
  });

  it('signs out', async () => {
    const { onSignOut } = renderShell('/admin');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    expect(onSignOut).toHaveBeenCalledOnce();
  });
});
