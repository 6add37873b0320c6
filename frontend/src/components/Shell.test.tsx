import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { portalsFor } from '../lib/access';
import type { Session } from '../lib/auth';
import { sessionAs } from '../test/sessions';
import { Shell } from './Shell';

function Where() {
  return <p data-testid="location">{useLocation().pathname}</p>;
}

const as = sessionAs;

function renderShell(path: string, session: Session | null = as('admin'), onSignOut = vi.fn()) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route
          path="*"
          element={
            <Shell
              allowed={portalsFor(session)}
              username={session?.user.username ?? null}
              onSignOut={onSignOut}
              signInTo="/signin?next=%2Fdevportal"
              signUpTo="/signup?next=%2Fdevportal"
            >
              <Where />
            </Shell>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
  return { onSignOut };
}

function tabs() {
  const nav = screen.getByRole('navigation', { name: 'Areas' });
  return Array.from(nav.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
}

describe('Shell', () => {
  it('shows the product, the areas an admin may use and who is signed in', () => {
    renderShell('/publisher');
    expect(screen.getByText('Gatehouse')).toBeInTheDocument();
    expect(tabs()).toEqual([
      ['Publisher', '/publisher'],
      ['Developer Portal', '/devportal'],
      ['Service Catalog', '/catalog'],
      ['Admin', '/admin'],
    ]);
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('admin');
  });

  const perRole: [string, Session | null, string[]][] = [
    ['subscriber', as('subscriber'), ['Developer Portal']],
    ['publisher', as('publisher'), ['Publisher', 'Developer Portal', 'Service Catalog']],
    ['admin', as('admin'), ['Publisher', 'Developer Portal', 'Service Catalog', 'Admin']],
    ['anonymous', null, ['Developer Portal']],
  ];
  for (const [who, session, want] of perRole) {
    it(`shows a ${who} only the areas they may use`, () => {
      renderShell('/devportal', session);
      expect(tabs().map(([label]) => label)).toEqual(want);
    });
  }

  it('offers an anonymous visitor Sign in and Sign up that come back here', () => {
    renderShell('/devportal', null);
    expect(screen.queryByTestId('signed-in-user')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/signin?next=%2Fdevportal');
    expect(screen.getByRole('link', { name: 'Sign up' })).toHaveAttribute('href', '/signup?next=%2Fdevportal');
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
