import { Hono } from 'hono';
import { AppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { isLoopbackAddress, isOutboxEnabled } from '../../shared/mail/mailer.js';
import { accountsAccess } from './accounts.access.js';
import { clientAddress } from './accounts.http.js';
import { listOutboxMessages } from '../../shared/mail/outbox.repository.js';
import { accountsText as t } from './accounts.messages.js';
import { AccountsPage } from './accounts.views.js';

/** Splits text into plain parts and http(s) links; JSX escapes both, so mail content stays text. */
function linkify(text: string) {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part));
}

/**
 * /dev/outbox: the mail that would have been sent. Exists only with LOKALKRAFT_DEV_OUTBOX on (never
 * in production, never with SMTP); answers only the machine itself — the socket's peer address,
 * X-Forwarded-For only behind TRUST_PROXY — or a signed-in network admin. Everyone else gets 404.
 */
export function outboxRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/dev/outbox', async (c) => {
    const mayRead =
      isOutboxEnabled(deps.env) && (isLoopbackAddress(clientAddress(c, deps.env)) || accountsAccess.can(c.var.user, 'accounts.outbox.read', undefined));
    if (!mayRead) throw new AppError('not_found', errorMessages.notFound);
    const l = c.var.locale;
    const messages = await listOutboxMessages(deps.db, 50);
    c.header('Cache-Control', 'no-store');
    return c.html(
      <AccountsPage locale={l} currentUrl={c.req.url} title={t.outboxTitle[l]}>
        <h1>{t.outboxTitle[l]}</h1>
        <p>{t.outboxIntro[l]}</p>
        {messages.length === 0 ? <p>{t.outboxEmpty[l]}</p> : null}
        {messages.map((m) => (
          <article class="outbox-message" aria-labelledby={`mail-${m.id}`}>
            <h2 id={`mail-${m.id}`}>{m.subject}</h2>
            <p>
              {t.to[l]}: {m.to_address} · {t.sentAt[l]}: {new Date(m.created_at).toISOString().slice(0, 19).replace('T', ' ')} UTC
            </p>
            <pre>{linkify(m.text_body)}</pre>
          </article>
        ))}
      </AccountsPage>,
    );
  });
  return app;
}
