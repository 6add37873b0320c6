import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../../lib/session';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { SignUpView } from './SignUpView';

function renderAt(reply: (req: Recorded) => { status?: number; body?: unknown }, path = '/signup', left: string[] = []) {
  const f = fakeFetch(reply);
  vi.stubGlobal('fetch', f.fetch);
  render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider initial={null} leave={(url) => left.push(url)}>
        <Routes>
          <Route path="/signup" element={<SignUpView />} />
          <Route path="/devportal" element={<p>Developer Portal home</p>} />
          <Route path="/devportal/apis/:id" element={<p>The API page</p>} />
        </Routes>
      </SessionProvider>
    </MemoryRouter>,
  );
  return f;
}

function op(req: Recorded) {
  return (req.body as { operationName?: string } | undefined)?.operationName;
}

afterEach(() => vi.unstubAllGlobals());

describe('SignUpView', () => {
  it('shows the server’s password complaint next to the field', async () => {
    renderAt((req) => {
      if (op(req) === 'SignUpMode') return { body: { data: { signUpMode: 'ENABLED' } } };
      return { body: { errors: [{ message: 'this password is among the most common ones; choose another', extensions: { code: 'BAD_USER_INPUT', field: 'password' } }] } };
    });
    await userEvent.type(await screen.findByLabelText('Username'), 'newbie');
    await userEvent.type(screen.getByLabelText('Email'), 'n@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'password1234');
    await userEvent.type(screen.getByLabelText('Repeat the password'), 'password1234');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByTestId('field-error-password')).toHaveTextContent('among the most common');
  });

  it('checks length and repetition before asking the server', async () => {
    const f = renderAt(() => ({ body: { data: { signUpMode: 'ENABLED' } } }));
    await userEvent.type(await screen.findByLabelText('Username'), 'newbie');
    await userEvent.type(screen.getByLabelText('Email'), 'n@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.type(screen.getByLabelText('Repeat the password'), 'other');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByTestId('field-error-password')).toHaveTextContent('At least 12 characters.');
    expect(screen.getByTestId('field-error-confirm')).toHaveTextContent('The passwords differ.');
    expect(f.calls.some((c) => op(c) === 'SignUp')).toBe(false);
  });

  it('tells a pending user to wait for approval', async () => {
    renderAt((req) => {
      if (op(req) === 'SignUpMode') return { body: { data: { signUpMode: 'APPROVAL' } } };
      return { body: { data: { signUp: { __typename: 'SignUpResult', username: 'newbie', pendingApproval: true } } } };
    });
    await userEvent.type(await screen.findByLabelText('Username'), 'newbie');
    await userEvent.type(screen.getByLabelText('Email'), 'n@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'violet-kettle-drums');
    await userEvent.type(screen.getByLabelText('Repeat the password'), 'violet-kettle-drums');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText(/An administrator approves new accounts/)).toBeInTheDocument();
  });

  it('says so when sign-up is off', async () => {
    renderAt(() => ({ body: { data: { signUpMode: 'DISABLED' } } }));
    expect(await screen.findByText(/Self sign-up is turned off/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Sign up' })).not.toBeInTheDocument();
  });
});

describe('SignUpView coming back', () => {
  const session = { user: { id: 'u9', username: 'newbie', displayName: 'newbie' }, roles: ['subscriber'], roleNames: ['subscriber'], permissions: ['apps:manage'], csrfToken: 'c' };
  const server = (req: Recorded) => {
    if (req.url === '/auth/login') return { body: session };
    if (op(req) === 'SignUpMode') return { body: { data: { signUpMode: 'ENABLED' } } };
    return { body: { data: { signUp: { __typename: 'SignUpResult', username: 'newbie', pendingApproval: false } } } };
  };
  async function fill() {
    await userEvent.type(await screen.findByLabelText('Username'), 'newbie');
    await userEvent.type(screen.getByLabelText('Email'), 'n@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'violet-kettle-drums');
    await userEvent.type(screen.getByLabelText('Repeat the password'), 'violet-kettle-drums');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
  }

  it('returns to the API page it was started from', async () => {
    renderAt(server, '/signup?next=%2Fdevportal%2Fapis%2Fapi-1');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/signin?next=%2Fdevportal%2Fapis%2Fapi-1');
    await fill();
    expect(await screen.findByText('The API page')).toBeInTheDocument();
  });

  it('ignores a way back off the portal', async () => {
    renderAt(server, '/signup?next=https%3A%2F%2Fevil.example');
    await fill();
    expect(await screen.findByText('Developer Portal home')).toBeInTheDocument();
  });

  it('from the Key Manager login page, resumes the pending authorization request', async () => {
    const left: string[] = [];
    renderAt(server, '/signup?next=%2Foauth2%2Fauthorize%3Fclient_id%3Dgatehouse-portal%26state%3Ds', left);
    await fill();
    await vi.waitFor(() => expect(left).toEqual(['/oauth2/authorize?client_id=gatehouse-portal&state=s']));
  });
});
