import type { ColumnType } from 'kysely';

/** The directory's read model (migration 0002); written only by directory.sync.ts. */
export interface DirectoryListingTable {
  id: number;
  kind: 'firm' | 'establishment';
  /** Null for an establishment whose parent firm is not in the registry (yet). */
  firm_id: number | null;
  establishment_id: number | null;
  country: string;
  orgnr: string;
  name: string;
  sort_name: string;
  municipality_code: string | null;
  county_code: string | null;
  nace_division: string | null;
  nace_section: string | null;
  lat: number | null;
  lon: number | null;
  language: string;
  is_demo: boolean;
  address: string | null;
  snippets: ColumnType<Record<string, string> | null, string | null, string | null>;
  time_zone: string;
  weekly_open: string | null;
  hours_exceptions: ColumnType<unknown, string | null, string | null>;
  boost: number;
  tsv: string;
  /** Everyday category key (directory/data/categories.ts); migration 0020. */
  category: string | null;
}

export interface DirectoryTables {
  directory_listings: DirectoryListingTable;
  directory_facet_counts: {
    country: string;
    county_code: string;
    municipality_code: string;
    nace_section: string;
    nace_division: string;
    category: string;
    listings: number;
  };
  directory_facet_totals: { facet: 'municipality' | 'county' | 'section' | 'category' | 'total'; country: string; code: string; listings: number };
  directory_words: { word: string; doc_count: number };
}
