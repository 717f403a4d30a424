export const up = /* sql */ `
-- A redemption is one statement (entry, guarded debit, postings). When the entry was inserted but
-- the card could not cover the amount, this aborts the statement, so the entry goes with it.
create or replace function giftcard_require_debit(entry_inserted boolean, debited boolean) returns boolean language plpgsql as $$
begin
  if entry_inserted and not debited then
    raise exception 'giftcard: the card cannot cover the amount' using errcode = 'GC001';
  end if;
  return true;
end $$;
`;
