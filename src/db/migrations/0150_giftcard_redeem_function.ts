export const up = /* sql */ `
-- A redemption as one call of a PL/pgSQL function (replaces the statement of data-modifying CTEs of
-- 0091): the same three steps in the same order — the entry with its idempotency key (a concurrent
-- holder of the key is waited for), the guarded debit of the card (its row lock), the three
-- postings — but the function's statements keep their plans per connection, so a redemption is no
-- longer parsed and planned anew each time (ADR 0018). A raise aborts the calling statement, so the
-- entry goes with a failed debit, as before.
create or replace function giftcard_redeem(
  p_programme bigint, p_key text, p_fingerprint text, p_card bigint, p_shop bigint,
  p_amount bigint, p_fee bigint, p_created_by bigint
) returns table (entry_id bigint, balance_minor bigint) language plpgsql as $$
declare
  e bigint;
  b bigint;
begin
  insert into giftcard_entries (programme_id, kind, idempotency_key, request_fingerprint, card_id, shop_id, amount_minor, fee_minor, created_by)
  values (p_programme, 'redemption', p_key, p_fingerprint, p_card, p_shop, p_amount, p_fee, p_created_by)
  on conflict (programme_id, idempotency_key) do nothing
  returning id into e;
  if e is null then
    -- the key was taken: a retry; the caller answers with the first booking
    return query select null::bigint, null::bigint;
    return;
  end if;
  update giftcard_cards c set balance_minor = c.balance_minor - p_amount
  where c.id = p_card and c.balance_minor >= p_amount
  returning c.balance_minor into b;
  if b is null then
    raise exception 'giftcard: the card cannot cover the amount' using errcode = 'GC001';
  end if;
  insert into giftcard_postings (entry_id, programme_id, account, card_id, shop_id, amount_minor)
  values (e, p_programme, 'card', p_card, null, p_amount),
         (e, p_programme, 'shop', null, p_shop, p_fee - p_amount),
         (e, p_programme, 'fees', null, null, -p_fee);
  return query select e, b;
end $$;
drop function giftcard_require_debit(boolean, boolean);

-- The counter's redemption by the typed code, in the same one call: the card of this programme with
-- that code, refused as 'unknown' or 'expired' (on the programme's local day p_today, as
-- giftcard.validity.ts isExpiredOn) before anything is written, else giftcard_redeem with the
-- fingerprint ledger.redeem gives it. outcome: unknown | expired | booked | replay (the key was taken).
create or replace function giftcard_redeem_code(
  p_programme bigint, p_key text, p_code text, p_shop bigint,
  p_amount bigint, p_fee bigint, p_created_by bigint, p_today date
) returns table (outcome text, card_id bigint, expires_on text, entry_id bigint, balance_minor bigint) language plpgsql as $$
declare
  c record;
  r record;
begin
  select g.id, g.expires_on into c from giftcard_cards g where g.code = p_code and g.programme_id = p_programme;
  if not found then
    return query select 'unknown'::text, null::bigint, null::text, null::bigint, null::bigint;
    return;
  end if;
  if p_today >= c.expires_on then
    return query select 'expired'::text, c.id, to_char(c.expires_on, 'YYYY-MM-DD'), null::bigint, null::bigint;
    return;
  end if;
  select * into r from giftcard_redeem(p_programme, p_key, 'redemption:' || c.id || ':' || p_shop || ':' || p_amount, c.id, p_shop, p_amount, p_fee, p_created_by);
  return query select case when r.entry_id is null then 'replay' else 'booked' end, c.id, to_char(c.expires_on, 'YYYY-MM-DD'), r.entry_id, r.balance_minor;
end $$;
`;
