/**
 * Requests that make the app send mail to an address (forgot-password, sign-up, resending the
 * verification link), counted per kind, per e-mail address and per client address so they can be throttled (issue 7, 9b): nobody can
 * mail-bomb an address through the app. A row is written for every request, whether or not the
 * address has an account, so the throttle itself does not tell who has one.
 */
export const up = /* sql */ `
create table mail_requests (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('reset_password', 'sign_up', 'verify_email')),
  -- normalised address as typed; not a reference to users (most may not exist)
  email text not null,
  ip text not null,
  requested_at timestamptz not null default now()
);
create index mail_requests_email_idx on mail_requests (kind, email, requested_at);
create index mail_requests_ip_idx on mail_requests (kind, ip, requested_at);
`;
