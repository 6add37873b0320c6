// A real third-party OpenID Connect provider (panva's oidc-provider) for
// federation tests. It registers one confidential client and signs in
// without a form: the interaction route logs the current test account in
// and grants what the client asked for, so a browser or an HTTP client
// with a cookie jar just follows redirects.
//
// Environment: IDP_PORT (0 picks a free port), IDP_CLIENT_ID,
// IDP_CLIENT_SECRET, IDP_REDIRECT_URIS (comma-separated), IDP_JWT=1 for JWT
// client_credentials access tokens.
// Prints one JSON line {"issuer": "..."} on stdout once it listens.
// POST /_test/account?sub=NAME switches the account the next sign-in uses.
import http from 'node:http';
import Provider from 'oidc-provider';

const accounts = {
  alice: { email: 'alice@idp.test', email_verified: true, preferred_username: 'alice', name: 'Alice Federated', groups: ['api-admins', 'staff'] },
  bob: { email: 'bob@idp.test', email_verified: true, preferred_username: 'bob', name: 'Bob Federated', groups: ['staff'] },
  carol: { email: 'carol@idp.test', email_verified: true, preferred_username: 'carol', name: 'Carol Federated', groups: [] },
};
let current = process.env.IDP_ACCOUNT || 'alice';

const server = http.createServer();
server.listen(Number(process.env.IDP_PORT || 0), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: process.env.IDP_CLIENT_ID || 'gatehouse',
        client_secret: process.env.IDP_CLIENT_SECRET || 'gatehouse-secret',
        redirect_uris: (process.env.IDP_REDIRECT_URIS || 'http://127.0.0.1/callback').split(','),
        grant_types: ['authorization_code', 'client_credentials'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
      groups: ['groups'],
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // IDP_JWT=1 (the side-by-side benchmark): client_credentials tokens
      // are RS256 JWT access tokens for one resource server.
      ...(process.env.IDP_JWT === '1' && {
        resourceIndicators: {
          enabled: true,
          defaultResource: () => 'urn:gatehouse:bench',
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({ scope: 'api', audience: 'urn:gatehouse:bench', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
        },
      }),
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (ctx, sub) =>
      accounts[sub] && { accountId: sub, claims: () => ({ sub, ...accounts[sub] }) },
    cookies: { keys: ['federation-test-only-cookie-key'] },
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url, issuer);
      if (req.method === 'POST' && url.pathname === '/_test/account') {
        const sub = url.searchParams.get('sub');
        if (!accounts[sub]) {
          res.writeHead(404).end('unknown account');
          return;
        }
        current = sub;
        res.writeHead(204).end();
        return;
      }
      if (url.pathname.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        let result;
        if (details.prompt.name === 'login') {
          result = { login: { accountId: current } };
        } else {
          const grant = details.grantId
            ? await provider.Grant.find(details.grantId)
            : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
          if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
          if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
          result = { consent: { grantId: await grant.save() } };
        }
        await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
        return;
      }
      callback(req, res);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  process.stdout.write(JSON.stringify({ issuer }) + '\n');
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
