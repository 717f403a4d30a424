import type { Texts } from './surveys.tables.js';

/**
 * The sectors a resident picks when saying what they miss locally, and the NACE codes of the firms
 * that could answer that need (a firm sees the answers of its sector: its NACE code starts with
 * one of the prefixes, dots ignored, so '47.24' and '4724' match the prefix '472').
 * Reviewed data: the choice follows what needs surveys in the Nordic buy-local projects ask about.
 */
export interface NeedSector {
  code: string;
  label: Required<Texts>;
  nace: string[];
}

export const needSectors: NeedSector[] = [
  {
    code: 'food',
    label: { nb: 'Mat og dagligvarer', sv: 'Mat och dagligvaror', fi: 'Ruoka ja päivittäistavarat', en: 'Food and groceries' },
    nace: ['10', '11', '471', '472', '0'],
  },
  { code: 'cafe', label: { nb: 'Kafé og restaurant', sv: 'Kafé och restaurang', fi: 'Kahvila ja ravintola', en: 'Café and restaurant' }, nace: ['56'] },
  {
    code: 'clothing',
    label: { nb: 'Klær og sko', sv: 'Kläder och skor', fi: 'Vaatteet ja kengät', en: 'Clothing and shoes' },
    nace: ['14', '15', '4771', '4772'],
  },
  {
    code: 'hardware',
    label: { nb: 'Byggevarer og jernvare', sv: 'Byggvaror och järnhandel', fi: 'Rauta- ja rakennustarvikkeet', en: 'Hardware and building supplies' },
    nace: ['4752', '4753', '4759', '41', '43'],
  },
  {
    code: 'health',
    label: { nb: 'Helse og velvære', sv: 'Hälsa och välmående', fi: 'Terveys ja hyvinvointi', en: 'Health and wellbeing' },
    nace: ['86', '96', '4773', '4775'],
  },
  {
    code: 'repairs',
    label: { nb: 'Reparasjon og service', sv: 'Reparation och service', fi: 'Korjaus ja huolto', en: 'Repairs and service' },
    nace: ['45', '95', '33'],
  },
  {
    code: 'leisure',
    label: { nb: 'Kultur, sport og fritid', sv: 'Kultur, sport och fritid', fi: 'Kulttuuri, urheilu ja vapaa-aika', en: 'Culture, sport and leisure' },
    nace: ['90', '91', '93', '476', '79'],
  },
  { code: 'lodging', label: { nb: 'Overnatting', sv: 'Boende', fi: 'Majoitus', en: 'Accommodation' }, nace: ['55'] },
  { code: 'transport', label: { nb: 'Transport', sv: 'Transport', fi: 'Liikenne', en: 'Transport' }, nace: ['49'] },
  {
    code: 'crafts',
    label: { nb: 'Håndverk og gaver', sv: 'Hantverk och presenter', fi: 'Käsityöt ja lahjat', en: 'Crafts and gifts' },
    nace: ['32', '4778', '4779'],
  },
  { code: 'other', label: { nb: 'Noe annet', sv: 'Något annat', fi: 'Jotain muuta', en: 'Something else' }, nace: [] },
];

export const needSectorCodes = needSectors.map((s) => s.code);

/** The need sectors a firm with this NACE code answers (longest prefixes first do not matter: any match counts). */
export function needSectorsOfNace(naceCode: string | null | undefined): string[] {
  if (!naceCode) return [];
  const digits = naceCode.replace(/\D/g, '');
  return needSectors.filter((s) => s.nace.some((p) => digits.startsWith(p))).map((s) => s.code);
}
