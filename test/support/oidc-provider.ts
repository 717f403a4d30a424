import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * A minimal OpenID Connect provider for tests, on a random localhost port (no network):
 * discovery, JWKS, authorize (signs in `user` at once and redirects back with a code) and
 * token (checks client secret, redirect_uri and the PKCE verifier, returns an RS256 ID token).
 */
export interface TestOidcUser {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next /authorize signs in. */
  user: TestOidcUser;
  /** Requests the provider saw, for assertions. */
  seen: { authorize: URLSearchParams[]; token: URLSearchParams[] };
  close(): Promise<void>;
}

export async function startTestOidcProvider(options: { clientId?: string; clientSecret?: string } = {}): Promise<TestOidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; nonce?: string; user: TestOidcUser }>();
  const clientId = options.clientId ?? 'lokalkraft-test';
  const clientSecret = options.clientSecret ?? 'test-secret-' + randomBytes(8).toString('hex');
  let issuer = '';

  const provider: TestOidcProvider = {
    issuer: '',
    clientId,
    clientSecret,
    user: { sub: 'user-1', email: 'person@example.org', email_verified: true, name: 'Test Person' },
    seen: { authorize: [], token: [] },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      provider.seen.authorize.push(q);
      const redirectUri = q.get('redirect_uri');
      if (
        q.get('client_id') !== clientId ||
        !redirectUri ||
        q.get('response_type') !== 'code' ||
        q.get('code_challenge_method') !== 'S256' ||
        !q.get('code_challenge')
      ) {
        return json(res, 400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, { clientId, redirectUri, challenge: q.get('code_challenge')!, nonce: q.get('nonce') ?? undefined, user: { ...provider.user } });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      if (q.get('state')) back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const body = new URLSearchParams(raw);
      provider.seen.token.push(body);
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
        : [body.get('client_id'), body.get('client_secret')];
      if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: 'invalid_client' });
      const grant = codes.get(body.get('code') ?? '');
      codes.delete(body.get('code') ?? '');
      const verifier = body.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!grant || grant.redirectUri !== body.get('redirect_uri') || grant.challenge !== challenge) return json(res, 400, { error: 'invalid_grant' });
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({ ...grant.user, nonce: grant.nonce })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setAudience(clientId)
        .setSubject(grant.user.sub)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(privateKey);
      return json(res, 200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.issuer = issuer;
  return provider;
}
