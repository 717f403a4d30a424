// The shape of one support offer, as the data file (data/offers.json), the import/export and the
// `navigator_offers.record` column hold it. Import-free: the table types read it.

export const offerKinds = ['grant', 'loan', 'guarantee', 'equity', 'advice', 'training', 'network', 'voucher', 'tax_incentive'] as const;
export type OfferKind = (typeof offerKinds)[number];
export const offerCountries = ['NO', 'SE', 'FI', 'EU'] as const;
export type OfferCountry = (typeof offerCountries)[number];
export const stateAidKinds = ['de_minimis', 'block_exemption', 'not_aid', 'mixed'] as const;
export type StateAidKind = (typeof stateAidKinds)[number];

/** Where an offer applies, as codes: countries ('SE'), counties ('SE:24'), municipalities ('NO:1149'). */
export interface OfferArea {
  countries: string[];
  counties: string[];
  municipalities: string[];
}

/**
 * The project's reviewed reading of the provider's words as codes (only where the words say it
 * exactly; otherwise null or empty and the words are shown for a person to judge).
 */
export interface OfferMatchRules {
  area: OfferArea | null;
  /** NACE sections ('I'), divisions ('56'), groups ('56.1') or classes ('56.10') the offer is for; empty = no coded limit. */
  nace_included: string[];
  /** Codes ruled out, also inside an included section (exclusions win). */
  nace_excluded: string[];
  /** Last day to apply (in the provider's time zone), or null. */
  deadline_date: string | null;
  opens_date: string | null;
  open_all_year: boolean;
  /** The source says the offer is no longer offered (discontinued, historical, closed to new applicants). */
  no_longer_offered: boolean;
  state_aid: StateAidKind | null;
  /** "at most N years" (true) or "younger than N years" (false) for age_bounds.max_years. */
  age_max_inclusive: boolean;
}

export interface OfferSizeBounds {
  employees_min?: number;
  employees_max?: number;
  turnover_or_balance_max_eur?: number;
  turnover_or_balance_max_sek?: number;
  text?: string;
}

export interface OfferAgeBounds {
  min_years?: number;
  max_years?: number;
  exception_max_years?: number;
  text?: string;
}

export interface OfferRecord {
  id: string;
  provider: string;
  provider_national_id: string | null;
  name: string;
  name_en: string | null;
  country: OfferCountry;
  kind: OfferKind;
  areas: string[];
  sectors_included: string | null;
  sectors_excluded: string | null;
  size_bounds: OfferSizeBounds | null;
  age_bounds: OfferAgeBounds | null;
  stage: string | null;
  /** Whole units of `currency`. */
  amount_min: number | null;
  amount_max: number | null;
  currency: string | null;
  aid_intensity: string | null;
  deadline: string | null;
  state_aid_basis: string | null;
  url: string | null;
  /** In English (as compiled). */
  description: string | null;
  /** In the provider's language, where seen. */
  description_local: string | null;
  source: string[];
  source_type: string | null;
  status_as_seen: string | null;
  notes: string | null;
  /** The day the facts were last checked against the sources (YYYY-MM-DD). */
  checked: string | null;
  verified: boolean | null;
  match: OfferMatchRules;
}
