import type { ColumnType, Generated } from 'kysely';
import type { LocalizedNames } from '../places/places.tables.js';

type Json<T> = ColumnType<T, T | string, T | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string | Date, string | Date>;

/** Weekly hours: day 1 = Monday … 7 = Sunday, times local "HH:MM"; exceptions by date. */
export interface OpeningHours {
  weekly: { day: number; opens: string; closes: string }[];
  exceptions?: { date: string; closed?: boolean; opens?: string; closes?: string; note?: string }[];
  timeZone?: string;
  /** Open by appointment: the weekly hours are when to call or book (guides, cabin hosts, craftspeople). */
  byAppointment?: boolean;
}

export interface FirmTable {
  id: Generated<number>;
  country: string;
  national_id: string;
  name: string;
  legal_form: string | null;
  nace_code: string | null;
  nace_division: string | null;
  employees: number | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  municipality_code: string | null;
  postal_street: string | null;
  postal_postcode: string | null;
  postal_city: string | null;
  lat: number | null;
  lon: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  /** Parallel, auxiliary and foreign-language names from the register (imports overwrite them). */
  other_names: ColumnType<string[], string[] | undefined, string[]>;
  /** The register's own description of the activity (imports overwrite it). */
  activity: string | null;
  status: ColumnType<'active' | 'closed', 'active' | 'closed' | undefined, 'active' | 'closed'>;
  closed_on: DateCol | null;
  registered_on: DateCol | null;
  language: ColumnType<string, string | undefined, string>;
  description: ColumnType<Record<string, string>, Record<string, string> | string | undefined, Record<string, string> | string>;
  opening_hours: Json<OpeningHours> | null;
  /** The firm's own everyday category (overrides the one its NACE code maps to; migration 0020). */
  category: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EstablishmentTable
  extends Omit<FirmTable, 'legal_form' | 'postal_street' | 'postal_postcode' | 'postal_city' | 'language' | 'other_names' | 'activity'> {
  /** Null while the parent firm is not in the registry (an import of establishments alone). */
  firm_id: number | null;
  parent_national_id: string | null;
}

export interface ProductTable {
  id: Generated<number>;
  firm_id: number;
  establishment_id: number | null;
  kind: ColumnType<'product' | 'service', 'product' | 'service' | undefined, 'product' | 'service'>;
  name: string;
  description: string | null;
  language: ColumnType<string, string | undefined, string>;
  price_minor: number | null;
  currency: string | null;
  /** 'storefront': mirrored from a shop's storefront catalogue (migration 0110), replaced by it as a whole. */
  origin: ColumnType<'profile' | 'storefront', 'profile' | 'storefront' | undefined, 'profile' | 'storefront'>;
  created_at: Timestamp;
}

export interface RegistryTables {
  nace_sections: { code: string; names: Json<LocalizedNames> };
  nace_divisions: { code: string; section: string; names: Json<LocalizedNames> };
  firms: FirmTable;
  establishments: EstablishmentTable;
  products: ProductTable;
  registry_firm_changes: FirmChangeTable;
}

/** The registry's change log (migration 0008): firms whose register facts or profile changed. */
export interface FirmChangeTable {
  id: Generated<number>;
  firm_ids: ColumnType<number[], number[], number[]>;
  /** Establishments without a parent firm in the registry (migration 0020). */
  establishment_ids: ColumnType<number[], number[] | undefined, number[]>;
  recorded_at: Timestamp;
}
