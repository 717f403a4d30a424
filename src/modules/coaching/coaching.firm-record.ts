import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { formatMoney } from '../../shared/i18n/format.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import type { FirmRecordEntry, FirmRecordSection } from '../../shared/views/firm-record.js';
import { caseTypes, closeReasons, outcomeKinds, referralResults, referralStatuses, statuses } from './coaching.codes.js';
import { msg } from './coaching.messages.js';
import { firmCoachingRecord } from './coaching.service.js';

type Code = Record<string, Record<Locale, string>>;
const label = (list: Code, code: string | null, l: Locale) => (code ? (list[code]?.[l] ?? code) : '');
const demo = (isDemo: boolean, l: Locale, text = '') => (isDemo && !text.includes('(demo)') ? ` ${msg.demo[l]}` : '');

/**
 * What coaching holds about a firm, for the staff firm page. Staff see the cases they may read
 * (linked); the firm's own people see the same facts — type, status, organisation, dates,
 * referrals and outcomes — but never a coach's note and no links into the cases.
 */
async function load(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, l: Locale, part: 'cases' | 'referrals' | 'outcomes' | 'activities') {
  const record = await firmCoachingRecord(db, user, firmId);
  if (!record) return null;
  const org = (id: number | string | null) => (id === null ? '' : (record.organisations.get(Number(id))?.name ?? ''));
  const link = (href: string) => (record.isFirmPerson ? undefined : href);
  if (part === 'cases')
    return record.cases.map(
      (c): FirmRecordEntry => ({
        label: `${label(caseTypes, c.type, l)} – ${org(c.organisation_id)}${demo(c.is_demo, l, org(c.organisation_id))}`,
        href: link(`/coaching/cases/${c.id}?lang=${l}`),
        at: c.opened_on,
        detail: `${label(statuses, c.status, l)}${c.close_reason ? ` (${label(closeReasons, c.close_reason, l)})` : ''}${record.isFirmPerson ? '' : ` · ${c.title}`}`,
      }),
    );
  if (part === 'referrals')
    return record.referrals.map(
      (r): FirmRecordEntry => ({
        label: `${org(r.from_organisation_id)} → ${r.to_organisation_id ? org(r.to_organisation_id) : r.to_body}${demo(r.is_demo, l, r.purpose)}`,
        href: link(`/coaching/referrals/${r.id}?lang=${l}`),
        at: new Date(r.created_at).toISOString(),
        detail: `${label(referralStatuses, r.status, l)}${r.result ? ` · ${label(referralResults, r.result, l)}` : ''} · ${r.purpose.slice(0, 120)}`,
      }),
    );
  if (part === 'outcomes')
    return record.outcomes.map(
      (o): FirmRecordEntry => ({
        label: `${label(outcomeKinds, o.kind, l)}${o.programme ? ` – ${o.programme}` : ''}${demo(o.is_demo, l, o.programme)}`,
        at: o.occurred_on,
        detail: [
          o.quantity !== null ? String(o.quantity) : '',
          o.amount_minor !== null ? formatMoney(Number(o.amount_minor), o.currency, l) : '',
          org(o.organisation_id),
        ]
          .filter(Boolean)
          .join(' · '),
      }),
    );
  return record.activities.map(
    (a): FirmRecordEntry => ({ label: `${a.title}${demo(a.is_demo, l, a.title)}`, at: new Date(a.starts_at).toISOString(), detail: org(a.organisation_id) }),
  );
}

export const coachingFirmRecordSections: FirmRecordSection[] = [
  { key: 'coaching-cases', audience: 'staff', title: msg.casesSection, order: 30, load: (db, u, f, l) => load(db, u, f, l, 'cases') },
  { key: 'coaching-referrals', audience: 'staff', title: msg.referralsSection, order: 31, load: (db, u, f, l) => load(db, u, f, l, 'referrals') },
  { key: 'coaching-outcomes', audience: 'staff', title: msg.outcomesSection, order: 32, load: (db, u, f, l) => load(db, u, f, l, 'outcomes') },
  { key: 'coaching-activities', audience: 'staff', title: msg.activitiesSection, order: 33, load: (db, u, f, l) => load(db, u, f, l, 'activities') },
];

/** Work-menu entries: coaches see the coaching pages; a firm's people see what the network holds about their firm. */
export const coachingNavLabels = { coaching: msg.coaching, myFirmRecord: msg.firmPage };
