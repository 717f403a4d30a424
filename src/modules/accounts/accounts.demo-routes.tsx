import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { format } from '../../shared/i18n/i18n.js';
import { PostForm } from '../../shared/views/form.js';
import { isDemoEmail, listDemoPeople } from './accounts.demo.js';
import { clientAddress, isDemoSignInOpen, readSessionToken, setSessionCookie } from './accounts.http.js';
import { accountsText as t } from './accounts.messages.js';
import { findUserByEmail, startSession } from './accounts.service.js';
import { AccountsPage } from './accounts.views.js';

const demoSignInSchema = z.object({ email: z.string().trim().max(254).refine(isDemoEmail) });

/**
 * /demo: sign in as one of the demo region's fictional people (they have no password). Open only
 * where isDemoSignInOpen says (demo on, not production, the machine itself or an explicit opt-in);
 * everyone else gets 404, and only @demo.lokalkraft.example people can be signed in this way.
 */
export function demoSignInRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const app = new Hono<AppEnv>();
  const requireOpen = (address: string) => {
    if (!isDemoSignInOpen(env, address)) throw new AppError('not_found', errorMessages.notFound);
  };

  app.get('/demo', async (c) => {
    requireOpen(clientAddress(c, env));
    const l = c.var.locale;
    const people = await listDemoPeople(db);
    c.header('Cache-Control', 'no-store');
    return c.html(
      <AccountsPage locale={l} currentUrl={c.req.url} title={t.demoTitle[l]}>
        <h1>{t.demoTitle[l]}</h1>
        <p>{t.demoIntro[l]}</p>
        {people.length === 0 ? <p>{t.demoNobody[l]}</p> : null}
        <ul class="demo-people">
          {people.map((p) => (
            <li>
              <PostForm action={`/demo/sign-in?lang=${l}`} csrf={c.var.csrfToken} class="inline-form">
                <input type="hidden" name="email" value={p.email} />
                <button type="submit">{format(t.demoSignInAs[l], { name: p.display_name || p.email })}</button>
              </PostForm>{' '}
              <span class="hint">
                {p.email.split('@')[0]}
                {p.is_network_admin ? ` · ${t.demoNetworkAdmin[l]}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </AccountsPage>,
    );
  });

  app.post('/demo/sign-in', async (c) => {
    requireOpen(clientAddress(c, env));
    const form = parseOrThrow(demoSignInSchema, await c.req.parseBody());
    const user = await findUserByEmail(db, form.email);
    if (!user) throw new AppError('not_found', errorMessages.notFound);
    const session = await startSession(db, env, Number(user.id), {
      previousToken: readSessionToken(c),
      ip: clientAddress(c, env),
      userAgent: c.req.header('user-agent'),
    });
    setSessionCookie(c, env, session.token);
    return c.redirect(`/?lang=${c.var.locale}`, 303);
  });
  return app;
}
