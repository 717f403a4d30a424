export const up = /* sql */ `
-- The file store's own table: metadata of every stored file (documents on cases, course videos
-- and captions, notice documents …). The bytes live in the blob store (LOKALKRAFT_DATA_DIR/files
-- or an S3 bucket) under the file's id. Owning modules reference file ids and never write here.
create table files (
  id uuid primary key,
  -- What owns the file, e.g. ('cases.case', '17'): text, so owners with uuid or bigint ids fit.
  owner text not null check (owner ~ '^[a-z]+(\\.[a-z-]+)+$'),
  owner_id text not null check (length(owner_id) between 1 and 100),
  name text not null check (length(name) between 1 and 255),
  content_type text not null check (length(content_type) between 3 and 200),
  byte_size bigint not null check (byte_size >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  created_by bigint,
  created_at timestamptz not null default now()
);
-- deleteFilesOf(owner, ownerId) and the owner's file lists.
create index files_owner_idx on files (owner, owner_id, created_at);
`;
