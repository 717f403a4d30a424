import { tryGetContext } from 'hono/context-storage';
import type { AppEnv } from '../http/context.js';
import { csrfFieldName, markCsrfTokenUsed } from '../http/csrf.js';

/**
 * The hidden CSRF field every state-changing form carries: `<form method="post"><CsrfField />…`.
 * It reads the token of the current request (session token when signed in, signed double-submit
 * token otherwise); pass `token` explicitly outside a request.
 */
export function CsrfField(props: { token?: string }) {
  const c = tryGetContext<AppEnv>();
  const token = props.token ?? c?.var.csrfToken ?? '';
  if (c) markCsrfTokenUsed(c);
  return <input type="hidden" name={csrfFieldName} value={token} />;
}
