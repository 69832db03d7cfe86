// A real OpenID provider for the sign-in tests: the certified `oidc-provider` package, with
// one client (the application under test), accounts with a groups claim, and test-only
// controls. Started by the `idp` fixture (tests/people/signin/conftest.py); never deployed.
//
//   IDP_PORT  the port to listen on (127.0.0.1)
//   RP_URL    the application's address (its callback and post-logout pages are registered)
//
// Test-only controls (plain JSON over HTTP, no authentication: this runs on 127.0.0.1 only):
//   PUT  /test/accounts/<login>   {email, name, department, job_title, groups} — add or change
//                                 an account; the next sign-in sees the change
//   PUT  /test/mode               {"mode": "tamper" | "expire" | ""} — what happens to the ID
//                                 token of the next token responses: "tamper" changes a claim
//                                 after signing (the signature no longer fits), "expire"
//                                 re-signs it with the provider's own key as expired an hour
//                                 ago (a valid signature on an expired token)
import { createServer } from 'node:http';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.IDP_PORT);
const rp = process.env.RP_URL.replace(/\/$/, '');
const issuer = `http://127.0.0.1:${port}`;

const accounts = new Map();
let mode = '';

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await jose.exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'livingcode',
      client_secret: 'test-secret',
      redirect_uris: [`${rp}/accounts/oidc/callback/`],
      post_logout_redirect_uris: [`${rp}/`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // mozilla-django-oidc sends the secret in the form body.
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['test-only-cookie-key'] },
  scopes: ['openid', 'email', 'profile'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'department', 'job_title', 'groups', 'teams'],
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    if (!accounts.has(id)) return undefined;
    return {
      accountId: id,
      async claims() {
        const account = accounts.get(id);
        return { sub: id, email_verified: true, ...account };
      },
    };
  },
  // A first-party application: no consent screen.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || ctx.status !== 200 || !ctx.body?.id_token || !mode) return;
  const [header, payload, signature] = ctx.body.id_token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  if (mode === 'tamper') {
    claims.name = 'Mallory';
    const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
    ctx.body = { ...ctx.body, id_token: `${header}.${forged}.${signature}` };
  } else if (mode === 'expire') {
    const now = Math.floor(Date.now() / 1000);
    const key = await jose.importJWK(signingKey, 'RS256');
    const token = await new jose.SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
      .sign(key);
    ctx.body = { ...ctx.body, id_token: token };
  }
});

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString() || '{}');
}

const callback = provider.callback();
const server = createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  if (req.method === 'PUT' && url.pathname.startsWith('/test/accounts/')) {
    accounts.set(decodeURIComponent(url.pathname.slice('/test/accounts/'.length)), await readJson(req));
    res.writeHead(204).end();
  } else if (req.method === 'PUT' && url.pathname === '/test/mode') {
    mode = (await readJson(req)).mode || '';
    res.writeHead(204).end();
  } else {
    callback(req, res);
  }
});
server.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
