import type { ColumnType } from 'kysely';

export type LocalizedNames = Partial<Record<'nb' | 'nn' | 'sv' | 'fi' | 'en' | 'se' | 'sma' | 'smj' | 'smn' | 'sms' | 'fkv', string>>;
type Json<T> = ColumnType<T, T | string, T | string>;

export interface PlacesTables {
  countries: { code: string; names: Json<LocalizedNames> };
  counties: { country: string; code: string; names: Json<LocalizedNames> };
  municipalities: {
    country: string;
    code: string;
    county_code: string;
    name: string;
    names: Json<LocalizedNames>;
    lat: number | null;
    lon: number | null;
  };
  municipality_code_changes: {
    country: string;
    old_code: string;
    new_code: string;
    changed_on: ColumnType<Date, string | Date, string | Date>;
    is_split: boolean;
  };
}
