import { createServer, type Server } from 'node:http';
import { expect, test } from '../fixtures';
import { freePort } from '../support/net';

// Hole 9 (login CSRF): a page from another origin (another loopback port: same site, other
// origin, so even SameSite=Strict cookies would be set) auto-submits a text/plain form whose body
// is the JSON of /auth/login with the attacker's credentials, and sends the same body with
// fetch(credentials: 'include'). The browser must not end up signed in.
let foreign: Server | undefined;
test.afterAll(() => foreign?.close());

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;');

test('a foreign page cannot sign the browser in (text/plain form post and credentialed fetch)', async ({ page, gatehouse }) => {
  const login = `${gatehouse.baseURL}/auth/login`;
  const password = gatehouse.credentials.users.subscriber.password;
  // enctype=text/plain sends "name=value": the name holds the JSON up to the '=', the value closes it.
  const name = `{"username":"subscriber","password":${JSON.stringify(password)},"x":"`;
  const body = JSON.stringify({ username: 'subscriber', password });
  const pages: Record<string, string> = {
    '/form': `<!doctype html><form id="f" method="POST" enctype="text/plain" action="${login}">` +
      `<input type="hidden" name='${escapeAttr(name)}' value='"}'></form><script>document.getElementById('f').submit()</script>`,
    '/fetch': `<!doctype html><title>pending</title><script>
      Promise.allSettled([
        fetch(${JSON.stringify(login)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(body)} }),
        fetch(${JSON.stringify(login)}, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: ${JSON.stringify(body)} }),
      ]).then(() => { document.title = 'done'; });
    </script>`,
  };
  const port = await freePort();
  foreign = createServer((req, res) => {
    const html = pages[req.url ?? ''];
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((done) => foreign!.listen(port, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${port}`;

  const refused = page.waitForResponse((r) => r.url() === login && r.request().method() === 'POST');
  await page.goto(`${origin}/form`);
  expect((await refused).status()).toBe(403);

  await page.goto(`${origin}/fetch`);
  await expect(page).toHaveTitle('done');

  // Not signed in: no session cookie, /auth/session answers 401, the portal asks to sign in.
  const cookies = await page.context().cookies(gatehouse.baseURL);
  expect(cookies.filter((c) => c.name.includes('session')).map((c) => c.name)).toEqual([]);
  expect((await page.context().request.get(`${gatehouse.baseURL}/auth/session`)).status()).toBe(401);
  await page.goto(`${gatehouse.baseURL}/devportal/applications`, { waitUntil: 'commit' });
  await expect(page).not.toHaveURL(/\/devportal\/applications$/);
});
