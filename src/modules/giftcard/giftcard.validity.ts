import { DateTime } from 'luxon';

/**
 * How long a card is valid, as data: a programme may state its own period (months); where it
 * states none, the holder's claim lasts as long as the country's general limitation period for
 * debts. Sources in docs/adr/0018-giftcard-ledger.md.
 */
export const legalDefaultValidity = {
  NO: { months: 36, source: 'Foreldelsesloven (LOV-1979-05-18-18) § 2: alminnelig foreldelsesfrist 3 år' },
  SE: { months: 120, source: 'Preskriptionslagen (SFS 1981:130) 2 §: tio år' },
  FI: { months: 36, source: 'Laki velan vanhentumisesta (728/2003) 4 §: kolme vuotta' },
} as const satisfies Record<'NO' | 'SE' | 'FI', { months: number; source: string }>;

export type ProgrammeCountry = keyof typeof legalDefaultValidity;

export interface ValidityRule {
  country: ProgrammeCountry;
  /** A stated period; null → the country's default. */
  validityMonths: number | null;
}

export const validityMonthsOf = (rule: ValidityRule) => rule.validityMonths ?? legalDefaultValidity[rule.country].months;

/** The first day the card no longer works: the issue day (local) plus the period. */
export function expiryDate(rule: ValidityRule, issuedOn: string): string {
  return DateTime.fromISO(issuedOn, { zone: 'UTC' })
    .plus({ months: validityMonthsOf(rule) })
    .toISODate()!;
}

/** A card works on `day` (local date) when day < expires_on. */
export const isExpiredOn = (expiresOn: string, day: string) => day >= expiresOn;
