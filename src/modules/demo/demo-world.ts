import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { StaffRole } from '../../shared/http/session-user.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { demoEmailDomain, ensureDemoPerson } from '../accounts/accounts.demo.js';
import { ensureDemoMembership, ensureDemoOrganisation, ensureDemoSharing, type DemoOrganisationSpec } from '../network/network.demo.js';
import { countDemoFirms } from '../registry/demo/demo.service.js';
import { findDemoFirmIn } from '../registry/registry.service.js';
import type { DemoFirm, DemoFirmKey, DemoOrgKey, DemoPersonKey, DemoWorld } from './demo-world.types.js';

/**
 * The demo region's organisations, people and story firms (see demo-world.types.ts), built on the
 * demo firms through the network, accounts and registry modules. Everything is fictional and
 * marked: organisation names end in "(demo)", people have @demo.lokalkraft.example addresses.
 */
const region10 = ['2425', '2463', '2462', '2481', '2421', '2422', '2418', '2417', '2505', '2506'];
const fjellregionen = ['5025', '5026', '3430', '3426', '3427', '3429', '3428', '3424'];
const eastLapland = ['320', '732', '742', '583', '614'];

const organisations: Record<DemoOrgKey, DemoOrganisationSpec> = {
  region10: { name: 'Region 10 – NiMR (demo)', type: 'inter_municipal_project', country: 'SE', municipalities: region10 },
  sorsele: { name: 'Sorsele kommun, näringsliv (demo)', type: 'municipal_business_office', country: 'SE', municipalities: ['2422'] },
  arjeplog: { name: 'Arjeplogs kommun, näringsliv (demo)', type: 'municipal_business_office', country: 'SE', municipalities: ['2506'] },
  fjellregionen: { name: 'Fjellregionen næringshage (demo)', type: 'business_garden', country: 'NO', municipalities: fjellregionen },
  'roros-handel': { name: 'Røros Handel og Næring (demo)', type: 'retail_association', country: 'NO', municipalities: ['5025'] },
  'east-lapland': { name: 'Osta paikallista – Itä-Lappi (demo)', type: 'inter_municipal_project', country: 'FI', municipalities: eastLapland },
  kemijarvi: { name: 'Kemijärven elinkeinopalvelut (demo)', type: 'municipal_business_office', country: 'FI', municipalities: ['320'] },
  'orebro-city': { name: 'Örebro City (demo)', type: 'city_centre_partnership', country: 'SE', municipalities: ['1880'] },
  'linkoping-city': { name: 'Linköping City (demo)', type: 'city_centre_partnership', country: 'SE', municipalities: ['0580'] },
};

/** Which firm each story needs: country, municipality, NACE prefixes to try in order. */
const storyFirms: Record<DemoFirmKey, { country: 'NO' | 'SE' | 'FI'; municipality: string; nace: string[] }> = {
  'cafe-sorsele': { country: 'SE', municipality: '2422', nace: ['561'] },
  'bakery-roros': { country: 'NO', municipality: '5025', nace: ['10.71', '47.24', '56'] },
  'bookshop-roros': { country: 'NO', municipality: '5025', nace: ['47.6', '47.7', '47'] },
  'wool-roros': { country: 'NO', municipality: '5025', nace: ['47.78', '32.99', '47'] },
  'builder-kemijarvi': { country: 'FI', municipality: '320', nace: ['412', '43', '41'] },
  'bakery-salla': { country: 'FI', municipality: '732', nace: ['1071', '56'] },
};

type PersonSpec = { name: string; locale: Locale; networkAdmin?: boolean; staff?: [DemoOrgKey, StaffRole]; firm?: DemoFirmKey };
const people: Record<DemoPersonKey, PersonSpec> = {
  admin: { name: 'Demo Admin', locale: 'en', networkAdmin: true },
  'coordinator-region10': { name: 'Karin Lundqvist', locale: 'sv', staff: ['region10', 'org_admin'] },
  'coach-sorsele': { name: 'Anna Sjödin', locale: 'sv', staff: ['sorsele', 'coach'] },
  'coach-arjeplog': { name: 'Erik Holmberg', locale: 'sv', staff: ['arjeplog', 'coach'] },
  'admin-fjellregionen': { name: 'Ingrid Haugen', locale: 'nb', staff: ['fjellregionen', 'org_admin'] },
  'coach-tynset': { name: 'Ola Bakken', locale: 'nb', staff: ['fjellregionen', 'coach'] },
  'admin-roros-handel': { name: 'Marit Støen', locale: 'nb', staff: ['roros-handel', 'org_admin'] },
  'admin-east-lapland': { name: 'Leena Koskinen', locale: 'fi', staff: ['east-lapland', 'org_admin'] },
  'analyst-east-lapland': { name: 'Mikko Virtanen', locale: 'fi', staff: ['east-lapland', 'analyst'] },
  'coach-kemijarvi': { name: 'Sari Heikkinen', locale: 'fi', staff: ['kemijarvi', 'coach'] },
  'editor-orebro': { name: 'Johan Berg', locale: 'sv', staff: ['orebro-city', 'editor'] },
  'admin-linkoping': { name: 'Sofia Ek', locale: 'sv', staff: ['linkoping-city', 'org_admin'] },
  'owner-cafe-sorsele': { name: 'Lisa Nilsson', locale: 'sv', firm: 'cafe-sorsele' },
  'owner-bakery-roros': { name: 'Kari Aas', locale: 'nb', firm: 'bakery-roros' },
  'owner-bookshop-roros': { name: 'Per Grønn', locale: 'nb', firm: 'bookshop-roros' },
  'owner-wool-roros': { name: 'Siri Moen', locale: 'nb', firm: 'wool-roros' },
  'owner-builder-kemijarvi': { name: 'Juha Mäkelä', locale: 'fi', firm: 'builder-kemijarvi' },
  'owner-bakery-salla': { name: 'Aino Laine', locale: 'fi', firm: 'bakery-salla' },
};

/** Who is a member of which organisation among the story firms. */
const memberships: [DemoOrgKey, DemoFirmKey][] = [
  ['sorsele', 'cafe-sorsele'],
  ['region10', 'cafe-sorsele'],
  ['roros-handel', 'bakery-roros'],
  ['roros-handel', 'bookshop-roros'],
  ['roros-handel', 'wool-roros'],
  ['fjellregionen', 'bakery-roros'],
  ['east-lapland', 'builder-kemijarvi'],
  ['kemijarvi', 'builder-kemijarvi'],
  ['east-lapland', 'bakery-salla'],
];

const sharing: [DemoOrgKey, DemoOrgKey][] = [
  ['sorsele', 'arjeplog'],
  ['sorsele', 'region10'],
  ['arjeplog', 'region10'],
  ['fjellregionen', 'roros-handel'],
  ['east-lapland', 'kemijarvi'],
];

/** Seeds (once; later calls find what is there) and returns the demo world; undefined when the registry holds no demo firms. */
export async function ensureDemoWorld(db: Kysely<DB>): Promise<DemoWorld | undefined> {
  if ((await countDemoFirms(db)) === 0) return undefined;
  return db.transaction().execute(async (trx) => {
    const firms = {} as Record<DemoFirmKey, DemoFirm>;
    const picked: number[] = [];
    for (const [key, want] of Object.entries(storyFirms) as [DemoFirmKey, (typeof storyFirms)[DemoFirmKey]][]) {
      const found = await findDemoFirmIn(trx, want.country, want.municipality, want.nace, picked);
      if (!found) return undefined; // a registry without the standard demo set (only extra firms): no stories to tell
      picked.push(found.firmId);
      firms[key] = { ...found, country: want.country, municipality: want.municipality };
    }
    const orgs = {} as DemoWorld['orgs'];
    for (const [key, spec] of Object.entries(organisations) as [DemoOrgKey, DemoOrganisationSpec][])
      orgs[key] = { id: await ensureDemoOrganisation(trx, spec), name: spec.name, country: spec.country, municipalities: spec.municipalities };
    for (const [a, b] of sharing) await ensureDemoSharing(trx, orgs[a].id, orgs[b].id, 'coaching');
    for (const [org, firm] of memberships) await ensureDemoMembership(trx, orgs[org].id, firms[firm].firmId, 'Demo');
    const persons = {} as DemoWorld['people'];
    for (const [key, spec] of Object.entries(people) as [DemoPersonKey, PersonSpec][]) {
      const email = `${key}@${demoEmailDomain}`;
      const id = await ensureDemoPerson(trx, {
        email,
        name: spec.name,
        locale: spec.locale,
        isNetworkAdmin: spec.networkAdmin,
        roles: spec.staff ? [{ organisationId: orgs[spec.staff[0]].id, role: spec.staff[1] }] : [],
        managedFirmIds: spec.firm ? [firms[spec.firm].firmId] : [],
      });
      persons[key] = { id, email, name: spec.name };
    }
    return { orgs, people: persons, firms };
  });
}
