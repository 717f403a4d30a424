/**
 * The directory's read model: one row per place where a firm meets customers (each active
 * establishment, otherwise the active firm itself), denormalised for search, filters, facets
 * and sorting; kept in step with the registry by directory.sync.ts. See docs/adr/0003-search-design.md.
 */
export const up = /* sql */ `
-- The stemming configuration of a firm's language.
create or replace function lk_ts_config(lang text) returns regconfig
  language sql immutable parallel safe
  as $$ select (case lang when 'nb' then 'norwegian' when 'nn' then 'norwegian' when 'sv' then 'swedish' when 'fi' then 'finnish' else 'english' end)::regconfig $$;

-- Unaccented, unstemmed text without the language's stop words ("Røros" → roros, "og" dropped):
-- the second half of every indexed text, so that queries typed without diacritics match.
create text search dictionary lk_stop_nb (template = simple, stopwords = norwegian, accept = false);
create text search dictionary lk_stop_sv (template = simple, stopwords = swedish, accept = false);
create text search dictionary lk_stop_fi (template = simple, stopwords = finnish, accept = false);
create text search dictionary lk_stop_en (template = simple, stopwords = english, accept = false);
create text search configuration lk_plain_nb (copy = simple);
create text search configuration lk_plain_sv (copy = simple);
create text search configuration lk_plain_fi (copy = simple);
create text search configuration lk_plain_en (copy = simple);
alter text search configuration lk_plain_nb alter mapping for asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart with lk_stop_nb, unaccent, simple;
alter text search configuration lk_plain_sv alter mapping for asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart with lk_stop_sv, unaccent, simple;
alter text search configuration lk_plain_fi alter mapping for asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart with lk_stop_fi, unaccent, simple;
alter text search configuration lk_plain_en alter mapping for asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart with lk_stop_en, unaccent, simple;

create or replace function lk_plain_config(lang text) returns regconfig
  language sql immutable parallel safe
  as $$ select (case lang when 'nb' then 'lk_plain_nb' when 'nn' then 'lk_plain_nb' when 'sv' then 'lk_plain_sv' when 'fi' then 'lk_plain_fi' else 'lk_plain_en' end)::regconfig $$;

-- The document vector of a listing. Every text twice: stemmed in its language and plain
-- (unaccented). Weights: name A (legal-form suffixes such as AS/AB/Oy/Tmi dropped), products B,
-- product details and descriptions C (each description in its own language), place names D.
-- plpgsql: one call per row with cheap branches (wrapping SQL functions cost more than the work).
create or replace function lk_listing_vector(lang text, name text, products text, details text, description jsonb, place tsvector)
  returns tsvector language plpgsql immutable parallel safe
  as $$
  declare
    cfg regconfig := lk_ts_config(lang);
    plain regconfig := lk_plain_config(lang);
    clean text := regexp_replace(name, '(^tmi\\s+)|(\\s+(as|asa|ab|abp|oy|oyj|ky|ay|osk|ans|da|hb|kb|nuf|sa|ltd|ek\\.?\\s*för\\.?)$)', '', 'gi');
    v tsvector := setweight(to_tsvector(cfg, clean) || to_tsvector(plain, clean), 'A');
    t text;
  begin
    if products is not null then v := v || setweight(to_tsvector(cfg, products) || to_tsvector(plain, products), 'B'); end if;
    if details is not null then v := v || setweight(to_tsvector(cfg, left(details, 2000)) || to_tsvector(plain, left(details, 2000)), 'C'); end if;
    if jsonb_typeof(description) = 'object' then
      t := description->>'nb';
      if t <> '' then v := v || setweight(to_tsvector('norwegian', left(t, 2000)) || to_tsvector('lk_plain_nb', left(t, 2000)), 'C'); end if;
      t := description->>'sv';
      if t <> '' then v := v || setweight(to_tsvector('swedish', left(t, 2000)) || to_tsvector('lk_plain_sv', left(t, 2000)), 'C'); end if;
      t := description->>'fi';
      if t <> '' then v := v || setweight(to_tsvector('finnish', left(t, 2000)) || to_tsvector('lk_plain_fi', left(t, 2000)), 'C'); end if;
      t := description->>'en';
      if t <> '' then v := v || setweight(to_tsvector('english', left(t, 2000)) || to_tsvector('lk_plain_en', left(t, 2000)), 'C'); end if;
    end if;
    if place is not null then v := v || place; end if;
    return v;
  end $$;

-- "HH:MM" → minutes; NULL when malformed (bad input must not break a sync).
create or replace function lk_minutes(t text) returns integer
  language sql immutable parallel safe
  as $$ select case when t ~ '^\\d{1,2}:\\d{2}$' then split_part(t, ':', 1)::int * 60 + split_part(t, ':', 2)::int end $$;

-- Weekly opening hours (day 1 = Monday … 7, local "HH:MM") → minutes since Monday 00:00 local
-- time, as one multirange; an interval past midnight (22:00–02:00) runs into the next day and
-- Sunday night wraps to Monday. "Open now" is then weekly_open @> minute_of_week.
create or replace function lk_weekly_open(hours jsonb) returns int4multirange
  language plpgsql immutable parallel safe
  as $$
  declare
    x jsonb; d int; o int; c int; s int; e int;
    parts int4range[] := '{}';
  begin
    if jsonb_typeof(hours->'weekly') is distinct from 'array' then return '{}'::int4multirange; end if;
    for x in select * from jsonb_array_elements(hours->'weekly') loop
      continue when coalesce(x->>'day', '') !~ '^[1-7]$';
      d := (x->>'day')::int;
      o := lk_minutes(x->>'opens');
      c := lk_minutes(x->>'closes');
      continue when o is null or c is null or o > 1440 or c > 1440;
      s := (d - 1) * 1440 + o;
      e := (d - 1) * 1440 + case when c > o then c else c + 1440 end;
      parts := parts || int4range(s, least(e, 10080));
      if e > 10080 then parts := parts || int4range(0, e - 10080); end if;
    end loop;
    return int4multirange(variadic parts);
  end $$;

-- Open at a given local moment, with the exceptions of that date (holidays) taking precedence.
create or replace function lk_is_open(weekly int4multirange, exceptions jsonb, local_date text, minute_of_week integer)
  returns boolean language sql immutable parallel safe
  as $$
  select case
    when weekly is null then null
    when exceptions is null or not exists (select 1 from jsonb_array_elements(exceptions) x where x->>'date' = local_date) then weekly @> minute_of_week
    else exists (
      select 1 from jsonb_array_elements(exceptions) x
      where x->>'date' = local_date and coalesce((x->>'closed')::boolean, false) = false
        and lk_minutes(x->>'opens') <= minute_of_week % 1440
        and minute_of_week % 1440 < coalesce(nullif(lk_minutes(x->>'closes'), 0), 1440))
  end $$;

create table directory_listings (
  -- 2 × firm id for a firm, 2 × establishment id + 1 for an establishment: stable across rebuilds (shareable URLs)
  id bigint primary key,
  kind text not null check (kind in ('firm', 'establishment')),
  firm_id bigint not null,
  establishment_id bigint,
  country text not null,
  orgnr text not null,
  name text not null,
  sort_name text collate "C" not null,
  municipality_code text,
  county_code text,
  nace_division text,
  nace_section text,
  lat double precision,
  lon double precision,
  language text not null,
  is_demo boolean not null default false,
  address text,
  -- start of the description per language, for result lists
  snippets jsonb,
  time_zone text not null,
  weekly_open int4multirange,
  hours_exceptions jsonb,
  -- profile completeness (description, products, hours): a tie-break that rewards firms who tell their story
  boost smallint not null default 0,
  tsv tsvector not null
);
create index directory_listings_tsv_idx on directory_listings using gin (tsv) with (fastupdate = off);
create index directory_listings_firm_idx on directory_listings (firm_id);
create index directory_listings_order_idx on directory_listings (boost desc, sort_name, id);
create index directory_listings_municipality_idx on directory_listings (municipality_code, boost desc, sort_name, id);
create index directory_listings_county_idx on directory_listings (county_code, boost desc, sort_name, id);
create index directory_listings_section_idx on directory_listings (nace_section, boost desc, sort_name, id);
create index directory_listings_division_idx on directory_listings (nace_division, boost desc, sort_name, id);
create index directory_listings_position_idx on directory_listings (lat, lon);
create index directory_listings_hours_idx on directory_listings (boost desc, sort_name, id) where weekly_open is not null;
-- A 1-in-8 sample (by a hash of the id): facets and totals of very large result sets (a common word,
-- a dense city radius) are counted on it and scaled, instead of visiting every match.
create index directory_listings_tsv_sample_idx on directory_listings using gin (tsv) with (fastupdate = off) where (hashint8(id) & 7) = 0;
create index directory_listings_position_sample_idx on directory_listings (lat, lon) where (hashint8(id) & 7) = 0;

-- Listings per (country, county, municipality, sector): facets and totals of queries without
-- words come from here instead of counting a million rows; kept exact by every sync.
create table directory_facet_counts (
  country text not null,
  county_code text not null,
  municipality_code text not null,
  nace_section text not null,
  nace_division text not null,
  listings integer not null,
  primary key (country, municipality_code, nace_division)
);
create index directory_facet_counts_county_idx on directory_facet_counts (country, county_code);
create index directory_facet_counts_section_idx on directory_facet_counts (nace_section);
create index directory_facet_counts_division_idx on directory_facet_counts (nace_division);

-- The same, rolled up per facet value and country (facet: municipality | county | section | total):
-- the unfiltered facets of the search page in a few hundred rows.
create table directory_facet_totals (
  facet text not null,
  country text not null,
  code text not null,
  listings integer not null,
  primary key (facet, country, code)
);

-- The corpus' distinct lexemes (stemmed and unaccented words) with their document frequency:
-- query words not found here are replaced by their nearest entries by trigram similarity (typos),
-- and the frequencies estimate how many listings a query matches before running it.
create table directory_words (
  word text primary key,
  doc_count integer not null
);
create index directory_words_trgm_idx on directory_words using gin (word gin_trgm_ops);
`;
