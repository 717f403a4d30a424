/**
 * Forgot-password requests, counted per e-mail address and per client address so the form
 * can be throttled (issue 7, 9b). A row is written for every request, whether or not the
 * address has an account, so the throttle itself does not tell who has one.
 */
export const up = /* sql */ `
create table password_reset_requests (
  id bigint generated always as identity primary key,
  -- normalised address as typed; not a reference to users (most may not exist)
  email text not null,
  ip text not null,
  requested_at timestamptz not null default now()
);
create index password_reset_requests_email_idx on password_reset_requests (email, requested_at);
create index password_reset_requests_ip_idx on password_reset_requests (ip, requested_at);
`;
