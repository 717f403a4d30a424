export const up = /* sql */ `
-- A picture per storefront product (issue 16): re-encoded WebP from shared/images (never the uploaded bytes).
create table storefront_product_images (
  product_id bigint primary key references storefront_products(id) on delete cascade,
  content_type text not null,
  width integer not null,
  height integer not null,
  data bytea not null,
  thumb_data bytea not null,
  thumb_width integer not null,
  thumb_height integer not null,
  sha256 text not null,
  updated_at timestamptz not null default now()
);
`;
