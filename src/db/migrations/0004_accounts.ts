/**
 * People and sign-in (issue 4, accounts half). Organisations live in 0005 (network module);
 * staff_roles.organisation_id gets its foreign key there.
 */
export const up = /* sql */ `
create table users (
  id bigint generated always as identity primary key,
  -- normalised (trimmed, lower-cased); unique
  email text not null,
  display_name text not null default '',
  -- "scrypt$ln=15,r=8,p=1$salt$hash"; null for OIDC-only accounts and erased people
  password_hash text,
  email_verified_at timestamptz,
  is_network_admin boolean not null default false,
  locale text not null default 'en' check (locale in ('nb', 'sv', 'fi', 'en')),
  erased_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (email);

-- The cookie carries a random token; the database keeps only its SHA-256, so a leaked
-- table does not hand out live sessions.
create table sessions (
  id text primary key,
  user_id bigint not null references users(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

create table staff_roles (
  user_id bigint not null references users(id) on delete cascade,
  organisation_id bigint not null,
  role text not null check (role in ('org_admin', 'coach', 'editor')),
  created_at timestamptz not null default now(),
  primary key (user_id, organisation_id, role)
);
create index staff_roles_org_idx on staff_roles (organisation_id);

create table firm_managers (
  user_id bigint not null references users(id) on delete cascade,
  firm_id bigint not null references firms(id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'revoked')),
  decided_by bigint references users(id),
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (user_id, firm_id)
);
create index firm_managers_firm_idx on firm_managers (firm_id);

-- Single-use, expiring links (password reset, e-mail verification); only the hash is kept.
create table account_tokens (
  token_hash text primary key,
  user_id bigint not null references users(id) on delete cascade,
  purpose text not null check (purpose in ('reset_password', 'verify_email')),
  email text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index account_tokens_user_idx on account_tokens (user_id);

create table invitations (
  id bigint generated always as identity primary key,
  token_hash text not null unique,
  email text not null,
  organisation_id bigint,
  organisation_name text,
  role text check (role in ('org_admin', 'coach', 'editor')),
  grants_network_admin boolean not null default false,
  locale text not null default 'en' check (locale in ('nb', 'sv', 'fi', 'en')),
  invited_by bigint references users(id),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by bigint references users(id),
  created_at timestamptz not null default now(),
  check (role is null or organisation_id is not null)
);
create index invitations_email_idx on invitations (email);
create index invitations_org_idx on invitations (organisation_id);

-- Failed sign-ins, kept in the database so the limit holds across instances (sliding window).
create table failed_sign_ins (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  attempted_at timestamptz not null default now()
);
create index failed_sign_ins_email_idx on failed_sign_ins (email, attempted_at);
create index failed_sign_ins_ip_idx on failed_sign_ins (ip, attempted_at);

-- A person's identity at an OpenID Connect provider (issuer + subject).
create table oidc_identities (
  issuer text not null,
  subject text not null,
  user_id bigint not null references users(id) on delete cascade,
  email text,
  created_at timestamptz not null default now(),
  primary key (issuer, subject)
);
create index oidc_identities_user_idx on oidc_identities (user_id);

-- An OIDC sign-in in progress: state, nonce and PKCE verifier, keyed by the hash of a cookie token.
create table oidc_flows (
  id text primary key,
  state text not null,
  nonce text not null,
  code_verifier text not null,
  return_to text not null default '/account',
  expires_at timestamptz not null
);

-- Secrets the instances share (e.g. the key that signs anonymous CSRF tokens), made on first use.
create table app_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

-- Development outbox: mail goes here, not out, when SMTP_URL is not set.
create table mail_outbox (
  id bigint generated always as identity primary key,
  to_address text not null,
  subject text not null,
  text_body text not null,
  created_at timestamptz not null default now()
);
`;
