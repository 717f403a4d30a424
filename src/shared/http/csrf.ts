import type { Context } from 'hono';

/** Name of the hidden form field and of the header (for scripts) that carry the CSRF token. */
export const csrfFieldName = '_csrf';
export const csrfHeaderName = 'x-csrf-token';

// Contexts whose page rendered a CSRF field: the accounts middleware then makes sure an
// anonymous visitor has the matching double-submit cookie.
const used = new WeakSet<object>();

export function markCsrfTokenUsed(c: Context): void {
  used.add(c);
}

export function wasCsrfTokenUsed(c: Context): boolean {
  return used.has(c);
}
