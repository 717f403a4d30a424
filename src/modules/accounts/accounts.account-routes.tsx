import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { requireUser } from '../../shared/http/auth.js';
import { AccountPage } from './accounts.account-views.js';
import { getAccountOverview } from './accounts.privacy.js';

export function accountPageRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/account', async (c) => {
    const user = requireUser(c);
    const overview = await getAccountOverview(db, user.id);
    return c.html(<AccountPage locale={c.var.locale} currentUrl={c.req.url} user={user} overview={overview} notice={c.req.query('notice')} />);
  });

  return app;
}
