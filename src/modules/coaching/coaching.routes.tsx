import { Hono, type Context } from 'hono';
import { DateTime } from 'luxon';
import type { SessionUser } from '../../shared/http/auth.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, idParam, type FormError } from '../../shared/http/forms.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { AppError } from '../../shared/errors.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { timeZoneFor, type TimeZone } from '../../shared/i18n/format.js';
import { organisationIdsWithRole } from '../../shared/access/access.js';
import { loadFirmRecord } from '../../shared/views/firm-record.js';
import { publicBaseUrl } from '../accounts/accounts.http.js';
import { coverageOn, membershipsOfFirm } from '../network/network.service.js';
import { listMunicipalitiesOf, municipalityNames } from '../places/places.service.js';
import { createSectorLabeller, firmSummaries, publicFirmFacts } from '../registry/registry.service.js';
import { coachingAccess, coachRoles } from './coaching.access.js';
import { type CaseForm, CasePage, EntryPage } from './coaching.case.views.js';
import { casesToCsv, casesToXlsx, toICalendar } from './coaching.export.js';
import { msg } from './coaching.messages.js';
import { CalendarPage, FeedsPage, FirmPage, NoteLogPage, ReferralPage, ReferralsPage } from './coaching.more.views.js';
import { registerCoachingPrivacy } from './coaching.privacy.js';
import { fileStoreFor } from '../../shared/files/file-store.js';
import { serveFile } from '../../shared/files/serve-file.js';
import type { BodyLimitRule } from '../../shared/http/input-guard.js';
import {
  activitySchema,
  addCoachSchema,
  beforeQuerySchema,
  calendarQuerySchema,
  caseCreateSchema,
  caseListQuerySchema,
  caseStatusSchema,
  consentSchema,
  contactSchema,
  documentSchema,
  entrySchema,
  feedRenewSchema,
  fieldLabels,
  homeQuerySchema,
  outcomeSchema,
  referralDecisionSchema,
  referralResultSchema,
  referralSchema,
} from './coaching.schemas.js';
import * as service from './coaching.service.js';
import { CaseListPage, HomePage, NewCasePage } from './coaching.views.js';

type C = Context<AppEnv>;
const caseForms: CaseForm[] = ['status', 'meeting', 'note', 'email', 'task', 'document', 'contact', 'consent', 'outcome', 'referral', 'coach'];

/** A document on a case's timeline comes in a multipart form: the use's 25 MB and room for the other fields. */
export const coachingBodyLimits: BodyLimitRule[] = [{ path: '/coaching/cases/:caseId/documents', maxBytes: 25 * 1024 * 1024 + 64 * 1024 }];
const opts = { labels: fieldLabels };
const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const signedInCoach = coachingAccess.middleware('coaching.home.read', () => undefined);

/** A form's fields; fields sent several times (checkbox groups) become arrays, files are left out. */
async function readFormAll(c: C): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}
const asArray = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const flat = (form: Record<string, string | string[]>): Record<string, string> =>
  Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : v]));

/** The zone a person's pages use: their first organisation's country, else their language's. */
function zoneOfUser(c: C, orgCountry: Map<number, { country: string }>): TimeZone {
  const first = organisationIdsWithRole(c.var.user, coachRoles)[0];
  return timeZoneFor(c.var.locale, first ? orgCountry.get(first)?.country : undefined);
}

// Reference data (NACE labels, municipality lists) is loaded at start and does not change while
// the process runs: built once per language / country instead of on every list page.
const sectorLabellers = new Map<string, ReturnType<typeof createSectorLabeller>>();
const municipalityLists = new Map<string, ReturnType<typeof listMunicipalitiesOf>>();
function cachedLabeller(db: AppDeps['db'], locale: string) {
  let x = sectorLabellers.get(locale);
  if (!x) sectorLabellers.set(locale, (x = createSectorLabeller(db, locale as never)));
  x.catch(() => sectorLabellers.delete(locale));
  return x;
}
function cachedMunicipalities(db: AppDeps['db'], country: string) {
  let x = municipalityLists.get(country);
  if (!x) municipalityLists.set(country, (x = listMunicipalitiesOf(db, country)));
  x.catch(() => municipalityLists.delete(country));
  return x;
}

/** Coaching: the coach's home, cases and their timeline, referrals, the staff firm page, the joint calendar and its feeds. */
export function coachingRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const store = fileStoreFor(env);
  registerCoachingPrivacy();
  const app = new Hono<AppEnv>();

  // ---- home ---------------------------------------------------------------------------
  app.get('/', signedInCoach, async (c) => {
    const { months } = parseOrThrow(homeQuerySchema, c.req.query(), opts);
    const data = await service.coachHome(db, c.var.user, months);
    const places = await municipalityNames(
      db,
      [...data.open, ...data.notContacted].map((x) => ({ country: x.country, code: x.municipalityCode })),
    );
    return c.html(<HomePage {...base(c)} data={data} months={months} municipalityNames={places} />);
  });

  // ---- case lists and exports ----------------------------------------------------------
  const listOptions = async (c: C) => {
    const user = c.var.user!;
    const own = organisationIdsWithRole(user, coachRoles);
    const names = await service.namesFor(db, {});
    const countries = [...new Set(own.map((id) => names.organisations.get(id)?.country).filter((x): x is string => !!x))];
    const municipalities = (await Promise.all(countries.map((k) => cachedMunicipalities(db, k)))).flat();
    const coaches = (await Promise.all(own.map((id) => service.coachesOfOrganisation(db, id)))).flat();
    const labeller = await cachedLabeller(db, c.var.locale);
    return {
      names,
      options: {
        organisations: own.map((id) => ({ value: String(id), label: names.organisations.get(id)?.name ?? String(id) })),
        municipalities: municipalities.map((m) => ({ value: m.code, label: m.name })),
        coaches: [...new Map(coaches.map((x) => [x.id, x])).values()].map((x) => ({ value: String(x.id), label: x.name })),
        sectors: Array.from({ length: 99 }, (_, i) => String(i + 1).padStart(2, '0'))
          .map((d) => ({ d, s: labeller(d) }))
          .filter((x) => x.s)
          .map((x) => ({ value: x.d, label: `${x.d} ${x.s!.name}` })),
      },
    };
  };

  app.get('/cases', signedInCoach, async (c) => {
    const q = parseOrThrow(caseListQuerySchema, c.req.query(), opts);
    const [{ items, hasMore }, { names, options }] = await Promise.all([service.listCasesFor(db, c.var.user, q), listOptions(c)]);
    // (names: the organisations for the table, from the options' lookup)
    const places = await municipalityNames(
      db,
      items.map((x) => ({ country: x.country, code: x.municipalityCode })),
    );
    const query = Object.fromEntries(Object.entries(c.req.query()).filter(([k]) => k !== 'lang'));
    return c.html(
      <CaseListPage
        {...base(c)}
        items={items}
        hasMore={hasMore}
        query={query}
        options={options}
        municipalityNames={places}
        organisationNames={new Map([...names.organisations].map(([id, o]) => [id, o.name]))}
      />,
    );
  });

  app.get('/cases/export', signedInCoach, async (c) => {
    const q = parseOrThrow(caseListQuerySchema, c.req.query(), opts);
    const { items } = await service.listCasesFor(db, c.var.user, { ...q, page: 1 }, 10_000);
    const [places, names] = await Promise.all([
      municipalityNames(
        db,
        items.map((x) => ({ country: x.country, code: x.municipalityCode })),
      ),
      service.namesFor(db, {}),
    ]);
    const orgs = new Map([...names.organisations].map(([id, o]) => [id, o.name]));
    const stamp = service.today();
    if (q.format === 'xlsx') {
      const bytes = await casesToXlsx(items, c.var.locale, places, orgs);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="cases-${stamp}.xlsx"`,
      });
    }
    return c.body(casesToCsv(items, c.var.locale, places, orgs), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="cases-${stamp}.csv"`,
    });
  });

  // ---- opening a case -------------------------------------------------------------------
  const renderNew = async (c: C, error?: FormError, values?: Record<string, string | string[]>) => {
    const user = c.var.user!;
    const own = organisationIdsWithRole(user, coachRoles);
    const names = await service.namesFor(db, {});
    const coaches = (await Promise.all(own.map((id) => service.coachesOfOrganisation(db, id)))).flat().filter((x) => x.id !== user.id);
    const firmIdRaw = c.req.query('firmId') ?? (typeof values?.firm_id === 'string' ? values.firm_id : undefined);
    let firm: { id: number; name: string } | undefined;
    if (firmIdRaw && /^\d{1,15}$/.test(firmIdRaw)) {
      const f = (await firmSummaries(db, [Number(firmIdRaw)])).get(Number(firmIdRaw));
      if (f) firm = { id: f.id, name: f.name };
    }
    return c.html(
      <NewCasePage
        {...base(c)}
        organisations={own.map((id) => ({ value: String(id), label: names.organisations.get(id)?.name ?? String(id) }))}
        coaches={[...new Map(coaches.map((x) => [x.id, x])).values()].map((x) => ({ value: String(x.id), label: x.name }))}
        firm={firm}
        values={values}
        error={error}
        today={service.today()}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/cases/new', signedInCoach, (c) => renderNew(c));
  app.post('/cases', signedInCoach, async (c) => {
    const form = await readFormAll(c);
    try {
      const input = parseOrThrow(caseCreateSchema, { ...flat(form), needs: asArray(form.needs) }, opts);
      const id = await service.openCase(db, c.var.user, input);
      return c.redirect(`/coaching/cases/${id}?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderNew(c, fe, form);
    }
  });

  // ---- one case -------------------------------------------------------------------------
  const renderCase = async (c: C, form?: CaseForm, error?: FormError, values?: Record<string, string>) => {
    const caseId = idParam(c, 'caseId');
    const data = await service.getCase(db, c.var.user, caseId);
    const places = await municipalityNames(db, [{ country: data.row.firm_country, code: data.row.municipality_code }]);
    const partners = [...data.names.organisations]
      .filter(([id]) => id !== Number(data.row.organisation_id))
      .sort((a, b) => Number(b[1].type === 'partner_body') - Number(a[1].type === 'partner_body') || a[1].name.localeCompare(b[1].name))
      .map(([id, o]) => ({ value: String(id), label: o.name }));
    return c.html(
      <CasePage
        {...base(c)}
        data={data}
        partnerOrganisations={partners}
        municipalityName={
          data.row.municipality_code ? (places.get(`${data.row.firm_country}:${data.row.municipality_code}`) ?? data.row.municipality_code) : '–'
        }
        notice={c.req.query('saved') ? msg.saved[c.var.locale] : undefined}
        form={form ?? caseForms.find((f) => f === c.req.query('form'))}
        error={error}
        values={values}
        today={service.today()}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/cases/:caseId', signedInCoach, (c) => renderCase(c));

  /** A case form: parse, act, back to the case (or the case again with the form's errors). */
  const caseForm =
    (name: CaseForm | ((form: Record<string, string>) => CaseForm), act: (c: C, caseId: number, form: Record<string, string>) => Promise<unknown>) =>
    async (c: C) => {
      const caseId = idParam(c, 'caseId');
      const form = await readFormAll(c);
      const values = flat(form);
      try {
        await act(c, caseId, values);
        return c.redirect(`/coaching/cases/${caseId}?saved=1&lang=${c.var.locale}`, 303);
      } catch (err) {
        const fe = asFormError(err, c.var.locale);
        if (!fe) throw err;
        const which = typeof name === 'function' ? name(values) : name;
        return renderCase(c, which, fe, values);
      }
    };
  const entryForm = (f: Record<string, string>): CaseForm => (['meeting', 'note', 'email', 'task'].includes(f.kind ?? '') ? (f.kind as CaseForm) : 'note');

  app.post(
    '/cases/:caseId/status',
    signedInCoach,
    caseForm('status', (c, id, f) => service.changeCaseStatus(db, c.var.user, id, parseOrThrow(caseStatusSchema, f, opts))),
  );
  app.post(
    '/cases/:caseId/coaches',
    signedInCoach,
    caseForm('coach', (c, id, f) => service.addCoachToCase(db, c.var.user, id, parseOrThrow(addCoachSchema, f, opts).user_id)),
  );
  app.post(
    '/cases/:caseId/entries',
    signedInCoach,
    caseForm(entryForm, (c, id, f) => service.addEntry(db, c.var.user, id, parseOrThrow(entrySchema, f, opts))),
  );
  app.post(
    '/cases/:caseId/contacts',
    signedInCoach,
    caseForm('contact', (c, id, f) => service.addContact(db, c.var.user, id, parseOrThrow(contactSchema, f, opts))),
  );
  app.post(
    '/cases/:caseId/consents',
    signedInCoach,
    caseForm('consent', (c, id, f) => service.recordConsent(db, c.var.user, id, parseOrThrow(consentSchema, f, opts))),
  );
  app.post(
    '/cases/:caseId/outcomes',
    signedInCoach,
    caseForm('outcome', (c, id, f) => service.recordOutcome(db, c.var.user, id, parseOrThrow(outcomeSchema, f, opts))),
  );
  app.post(
    '/cases/:caseId/referrals',
    signedInCoach,
    caseForm('referral', (c, id, f) => service.referFirm(db, c.var.user, id, parseOrThrow(referralSchema, f, opts))),
  );
  app.post('/cases/:caseId/entries/:entryId/done', signedInCoach, async (c) => {
    const caseId = idParam(c, 'caseId');
    await service.completeTask(db, c.var.user, caseId, idParam(c, 'entryId'));
    return c.redirect(`/coaching/cases/${caseId}?saved=1&lang=${c.var.locale}`, 303);
  });
  app.post('/cases/:caseId/contacts/:contactId/erase', signedInCoach, async (c) => {
    const caseId = idParam(c, 'caseId');
    await service.eraseContact(db, c.var.user, caseId, idParam(c, 'contactId'));
    return c.redirect(`/coaching/cases/${caseId}?saved=1&lang=${c.var.locale}`, 303);
  });
  app.post('/cases/:caseId/consents/:consentId/revoke', signedInCoach, async (c) => {
    const caseId = idParam(c, 'caseId');
    await service.revokeConsent(db, c.var.user, caseId, idParam(c, 'consentId'));
    return c.redirect(`/coaching/cases/${caseId}?saved=1&lang=${c.var.locale}`, 303);
  });
  app.get('/cases/:caseId/entries/:entryId', signedInCoach, async (c) => {
    const data = await service.readEntry(db, c.var.user, idParam(c, 'caseId'), idParam(c, 'entryId'));
    return c.html(<EntryPage {...base(c)} data={data} notice={c.req.query('saved') ? msg.saved[c.var.locale] : undefined} />);
  });

  // ---- documents: attached through the case's form, read (and logged) through the case ----------
  app.post('/cases/:caseId/documents', signedInCoach, async (c) => {
    const caseId = idParam(c, 'caseId');
    // The named check first: a refused person gets 403 whatever they sent.
    await service.requireCaseAccess(db, c.var.user, caseId, 'coaching.case.update');
    const body = await c.req.parseBody();
    const values = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
    try {
      const input = parseOrThrow(documentSchema, values, opts);
      const f = body.file;
      const file = f && typeof f !== 'string' && f.size > 0 ? { name: f.name, body: f, size: f.size } : undefined;
      const entryId = await service.attachDocument(db, store, c.var.user, caseId, input, file);
      return c.redirect(`/coaching/cases/${caseId}/entries/${entryId}?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderCase(c, 'document', fe, values);
    }
  });
  app.get('/cases/:caseId/entries/:entryId/file', signedInCoach, async (c) => {
    // A viewer's follow-up range requests (bytes=N- with N > 0) are the same reading: checked, not logged again.
    const continues = /^bytes=[1-9]/.test(c.req.header('range') ?? '');
    const file = await service.openDocument(db, c.var.user, idParam(c, 'caseId'), idParam(c, 'entryId'), !continues);
    return serveFile(c, store, file, { cache: 'private', logger: deps.logger.child({ reqId: c.var.requestId }) });
  });
  app.post('/cases/:caseId/entries/:entryId/erase-file', signedInCoach, async (c) => {
    const caseId = idParam(c, 'caseId');
    const entryId = idParam(c, 'entryId');
    await service.eraseDocument(db, store, c.var.user, caseId, entryId);
    return c.redirect(`/coaching/cases/${caseId}/entries/${entryId}?saved=1&lang=${c.var.locale}`, 303);
  });

  // ---- referrals ------------------------------------------------------------------------
  app.get('/referrals', signedInCoach, async (c) => c.html(<ReferralsPage {...base(c)} data={await service.listReferralsFor(db, c.var.user)} />));
  const renderReferral = async (c: C, error?: FormError) => {
    const data = await service.getReferral(db, c.var.user, idParam(c, 'referralId'));
    const caseRow = { organisation_id: Number(data.r.from_organisation_id), firm_id: Number(data.r.firm_id) };
    const caseVisible = coachingAccess.can(c.var.user, 'coaching.case.read', await service.caseScopeFor(db, c.var.user, caseRow));
    return c.html(
      <ReferralPage
        {...base(c)}
        data={data}
        canReport={coachingAccess.can(c.var.user, 'coaching.referral.report', {
          fromOrganisationId: Number(data.r.from_organisation_id),
          toOrganisationId: data.r.to_organisation_id === null ? null : Number(data.r.to_organisation_id),
        })}
        caseVisible={caseVisible}
        error={error}
        today={service.today()}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/referrals/:referralId', signedInCoach, (c) => renderReferral(c));
  const referralForm =
    (action: 'coaching.referral.decide' | 'coaching.referral.report', act: (c: C, id: number, f: Record<string, string>) => Promise<unknown>) =>
    async (c: C) => {
      const id = idParam(c, 'referralId');
      await service.requireReferralAccess(db, c.var.user, id, action);
      const form = flat(await readFormAll(c));
      try {
        await act(c, id, form);
        return c.redirect(`/coaching/referrals/${id}?lang=${c.var.locale}`, 303);
      } catch (err) {
        const fe = asFormError(err, c.var.locale);
        if (!fe) throw err;
        return renderReferral(c, fe);
      }
    };
  app.post(
    '/referrals/:referralId/decide',
    signedInCoach,
    referralForm('coaching.referral.decide', (c, id, f) => service.decideReferral(db, c.var.user, id, parseOrThrow(referralDecisionSchema, f, opts))),
  );
  app.post(
    '/referrals/:referralId/result',
    signedInCoach,
    referralForm('coaching.referral.report', (c, id, f) => service.reportReferralResult(db, c.var.user, id, parseOrThrow(referralResultSchema, f, opts))),
  );

  // ---- note-read log (organisation admin) -------------------------------------------------
  app.get('/organisations/:orgId/note-reads', async (c) => {
    const orgId = idParam(c, 'orgId');
    const { before } = parseOrThrow(beforeQuerySchema, c.req.query(), opts);
    const data = await service.noteReadLog(db, c.var.user, orgId, before);
    const org = data.names.organisations.get(orgId);
    const last = data.rows.at(-1);
    return c.html(
      <NoteLogPage
        {...base(c)}
        organisation={org?.name ?? ''}
        data={data}
        zone={timeZoneFor(c.var.locale, org?.country)}
        olderHref={data.rows.length === 100 && last ? `/coaching/organisations/${orgId}/note-reads?before=${last.id}&lang=${c.var.locale}` : undefined}
      />,
    );
  });

  // ---- the staff firm page ("one identity per firm") ------------------------------------------
  app.get('/my-firms', async (c) => {
    const user = c.var.user;
    if (!user) throw new AppError('unauthorized', errorMessages.signInRequired);
    const first = user.managedFirmIds[0];
    if (first === undefined) throw new AppError('forbidden', errorMessages.notAllowed);
    return c.redirect(`/coaching/firms/${first}?lang=${c.var.locale}`, 302);
  });
  app.get('/firms/:firmId', async (c) => {
    const firmId = idParam(c, 'firmId');
    coachingAccess.requireAccess(c.var.user, 'coaching.firm.read', firmId);
    const facts = await publicFirmFacts(db, firmId, null);
    if (!facts.firm) throw new AppError('not_found', errorMessages.notFound);
    const f = facts.firm;
    const summary = (await firmSummaries(db, [firmId])).get(firmId);
    const [places, labeller, memberships, sections, names] = await Promise.all([
      municipalityNames(db, [{ country: f.country, code: summary?.municipalityCode ?? null }]),
      cachedLabeller(db, c.var.locale),
      membershipsOfFirm(db, firmId),
      loadFirmRecord(db, c.var.user, firmId, c.var.locale, 'staff'),
      service.namesFor(db, {}),
    ]);
    const user = c.var.user as SessionUser;
    return c.html(
      <FirmPage
        {...base(c)}
        firmId={firmId}
        facts={{
          name: f.name,
          nationalId: f.national_id,
          country: f.country,
          legalForm: f.legal_form,
          naceCode: f.nace_code,
          sectorLabel: labeller(f.nace_code?.slice(0, 2))?.name ?? null,
          employees: f.employees,
          address: [f.street, [f.postcode, f.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
          municipality: summary?.municipalityCode ? (places.get(`${f.country}:${summary.municipalityCode}`) ?? summary.municipalityCode) : '',
          website: f.website,
        }}
        memberships={memberships.map((m) => ({ ...m, organisation: names.organisations.get(m.organisationId)?.name ?? '' }))}
        sections={sections}
        isFirmPerson={user.managedFirmIds.includes(firmId)}
        canOpenCase={organisationIdsWithRole(user, coachRoles).length > 0}
      />,
    );
  });

  // ---- the joint calendar -------------------------------------------------------------
  const renderCalendar = async (c: C, error?: FormError, values?: Record<string, string | string[]>, notice?: string) => {
    const q = parseOrThrow(calendarQuerySchema, c.req.query(), opts);
    const user = c.var.user!;
    const names0 = await service.namesFor(db, {});
    const zone = zoneOfUser(c, names0.organisations);
    const anchor = DateTime.fromISO(q.date ?? DateTime.now().setZone(zone).toISODate()!, { zone });
    let first: DateTime;
    let last: DateTime;
    let periodStart: DateTime;
    let periodEnd: DateTime;
    let prev: DateTime;
    let next: DateTime;
    if (q.view === 'week') {
      periodStart = first = anchor.startOf('week');
      periodEnd = last = anchor.endOf('week').startOf('day');
      prev = anchor.minus({ weeks: 1 });
      next = anchor.plus({ weeks: 1 });
    } else {
      periodStart = anchor.startOf('month');
      periodEnd = anchor.endOf('month').startOf('day');
      first = periodStart.startOf('week');
      last = periodEnd.endOf('week').startOf('day');
      prev = anchor.minus({ months: 1 });
      next = anchor.plus({ months: 1 });
    }
    if (q.view === 'list') {
      first = periodStart;
      last = periodEnd;
    }
    const days: { day: string; inPeriod: boolean }[] = [];
    for (let d = first; d <= last; d = d.plus({ days: 1 })) days.push({ day: d.toISODate()!, inPeriod: d >= periodStart && d <= periodEnd });
    const data = await service.listActivities(db, user, first.toJSDate(), last.plus({ days: 1 }).toJSDate());
    const own = organisationIdsWithRole(user, coachRoles);
    const responsibles = (await Promise.all(own.map((id) => service.coachesOfOrganisation(db, id)))).flat();
    const countries = [...new Set(own.map((id) => names0.organisations.get(id)?.country).filter((x): x is string => !!x))];
    const coverage = (await Promise.all(own.map((id) => coverageOn(db, id, service.today())))).flat();
    const munis = coverage.length
      ? [...new Map(coverage.map((m) => [m.municipalityCode, { value: m.municipalityCode, label: m.municipalityName }])).values()]
      : (await Promise.all(countries.map((k) => cachedMunicipalities(db, k)))).flat().map((m) => ({ value: m.code, label: m.name }));
    const title =
      q.view === 'week'
        ? `${msg.week[c.var.locale]} ${anchor.weekNumber}, ${anchor.weekYear}`
        : new Intl.DateTimeFormat(c.var.locale === 'en' ? 'en-GB' : c.var.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
            new Date(`${periodStart.toISODate()}T12:00:00Z`),
          );
    return c.html(
      <CalendarPage
        {...base(c)}
        view={q.view}
        date={anchor.toISODate()!}
        title={title}
        days={days}
        prev={prev.toISODate()!}
        next={next.toISODate()!}
        data={data}
        zone={zone}
        dayOf={(at) => DateTime.fromJSDate(at, { zone }).toISODate()!}
        organisations={own.map((id) => ({ value: String(id), label: names0.organisations.get(id)?.name ?? String(id) }))}
        responsibles={[...new Map(responsibles.map((x) => [x.id, x])).values()].map((x) => ({ value: String(x.id), label: x.name }))}
        municipalities={munis}
        placeNames={
          new Map([
            ...munis.map((m) => [m.value, m.label] as const),
            ...(await Promise.all(countries.map((k) => cachedMunicipalities(db, k)))).flat().map((m) => [m.code, m.name] as const),
          ])
        }
        error={error}
        values={values}
        notice={notice}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/calendar', signedInCoach, (c) => renderCalendar(c));
  app.post('/calendar/activities', signedInCoach, async (c) => {
    const form = await readFormAll(c);
    try {
      await service.planActivity(db, c.var.user, parseOrThrow(activitySchema, { ...flat(form), municipalities: asArray(form.municipalities) }, opts));
      return c.redirect(`/coaching/calendar?view=list&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderCalendar(c, fe, form);
    }
  });

  // ---- iCalendar feeds --------------------------------------------------------------------
  app.get('/calendar/feeds', signedInCoach, async (c) =>
    c.html(<FeedsPage {...base(c)} data={await service.feedsOverview(db, c.var.user)} baseUrl={publicBaseUrl(env)} />),
  );
  app.post('/calendar/feeds', signedInCoach, async (c) => {
    const { organisation_id } = parseOrThrow(feedRenewSchema, flat(await readFormAll(c)), opts);
    const token = await service.renewFeed(db, c.var.user, organisation_id);
    const url = `${publicBaseUrl(env)}/coaching/feeds/${token}.ics`;
    return c.html(<FeedsPage {...base(c)} data={await service.feedsOverview(db, c.var.user)} newUrl={url} baseUrl={publicBaseUrl(env)} />);
  });
  // No session: whoever holds the secret URL reads the feed (calendar programs cannot sign in).
  app.get('/feeds/:file', async (c) => {
    const file = c.req.param('file');
    const token = file.endsWith('.ics') ? file.slice(0, -4) : file;
    const feed = await service.feedContent(db, token);
    const names = await service.namesFor(db, {});
    const l = c.var.locale;
    const events = [
      ...feed.activities.map((a) => ({
        id: `activity-${a.id}@lokalkraft`,
        start: new Date(a.starts_at),
        end: new Date(a.ends_at),
        summary: a.title + (a.is_demo ? ` ${msg.demo[l]}` : ''),
        description: a.description,
        location: names.organisations.get(Number(a.organisation_id))?.name,
      })),
      ...feed.meetings.map((m) => ({
        id: `meeting-${m.id}@lokalkraft`,
        start: new Date(m.meeting_at!),
        end: new Date(new Date(m.meeting_at!).getTime() + (m.duration_minutes ?? 60) * 60_000),
        summary: msg.meetingWith[l].replace('{title}', m.title),
      })),
    ];
    const name = feed.kind === 'organisation' ? (names.organisations.get(feed.ownerId)?.name ?? msg.calendar[l]) : msg.myFeed[l];
    return c.body(toICalendar(name, events), 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' });
  });

  return app;
}
