import { pmsg } from './profile.messages.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../shared/errors.js';
import type { SessionUser } from '../../../shared/http/auth.js';
import { recordAudit } from '../../audit/audit.service.js';
import { networkAccess } from '../../network/network.access.js';
import { msg as nmsg } from '../../network/network.messages.js';
import { errorMessages } from '../../../shared/i18n/error.messages.js';
import { organisationsCovering, today } from '../../network/network.service.js';
import { registryAccess } from '../registry.access.js';
import { organisationIdsWithRole } from '../../../shared/access/access.js';
import * as claims from '../../accounts/accounts.staff.service.js';
import { emailDomain, isEmailAtFirmDomain, isUntrustedDomain, websiteHost } from './profile.domain.js';
import * as repo from './profile.repository.js';
import { municipalityKey, municipalityNames } from '../../places/places.service.js';
import { firmSummaries } from '../registry.service.js';

export type ClaimStatus = claims.ManagerStatus;

/** The organisations that may decide on requests for this firm: those covering its municipality today (approved coverage only). */
async function reviewingOrganisations(db: Kysely<DB>, firm: { country: string; municipality_code: string | null }): Promise<number[]> {
  if (!firm.municipality_code) return [];
  return organisationsCovering(db, firm.country, firm.municipality_code, today());
}

/** May the person decide this person's request for a firm covered by these organisations? Never their own. */
export function canDecideClaim(user: SessionUser | undefined, coveringOrganisationIds: number[], claimantId: number): boolean {
  return networkAccess.can(user, 'network.claim.decide', { coveringOrganisationIds, claimantId });
}

export interface ClaimState {
  status: ClaimStatus | null;
  /** The firm's own domain, when it has a website (shown as the auto-approval hint). */
  firmDomain: string | null;
  /** True when the person's verified address is at that domain. */
  isDomainMatch: boolean;
}

export async function getClaimState(db: Kysely<DB>, user: SessionUser | undefined, firmId: number): Promise<ClaimState> {
  const firm = await repo.findFirm(db, firmId);
  if (!firm) throw new AppError('not_found', pmsg.noSuchFirm, [], { id: firmId });
  const row = user ? await claims.findFirmManager(db, user.id, firmId) : undefined;
  const host = websiteHost(firm.website);
  return {
    status: row?.status ?? null,
    firmDomain: host && !isUntrustedDomain(host) ? host : null,
    isDomainMatch: !!user && user.isEmailVerified && isEmailAtFirmDomain(user.email, firm.website),
  };
}

/**
 * A signed-in person asks to manage a firm. Approved at once when their VERIFIED address's domain
 * is exactly the host of the firm's website (minus `www.`) and not a shared, public-sector or
 * tourism domain (profile.domain.ts); otherwise pending until the covering organisation decides.
 * Asking again after a rejection makes a new pending request; an approved person stays approved.
 */
export async function requestToManage(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, requestId?: string): Promise<ClaimStatus> {
  const u = registryAccess.requireAccess(user, 'registry.profile.claim', firmId);
  return db.transaction().execute(async (trx) => {
    const firm = await repo.findFirm(trx, firmId);
    if (!firm) throw new AppError('not_found', pmsg.noSuchFirm, [], { id: firmId });
    const existing = await claims.findFirmManager(trx, u.id, firmId);
    if (existing?.status === 'approved' || existing?.status === 'pending') return existing.status;
    const isAuto = u.isEmailVerified && isEmailAtFirmDomain(u.email, firm.website);
    const status: ClaimStatus = isAuto ? 'approved' : 'pending';
    await claims.recordFirmManager(trx, u.id, firmId, status, null);
    await recordAudit(
      trx,
      { userId: u.id, requestId },
      {
        action: isAuto ? 'registry.claim.auto_approve' : 'registry.claim.request',
        entityType: 'firm_manager',
        entityId: `${firmId}:${u.id}`,
        firmId,
        before: existing ? { status: existing.status } : null,
        after: { status, user_id: u.id, ...(isAuto ? { by_domain: emailDomain(u.email) } : {}) },
      },
    );
    return status;
  });
}

export interface ClaimRequestDto {
  firm: { id: number; name: string; orgnr: string; municipality: string | null; website: string | null };
  /** Name and e-mail only for reviewers of an organisation covering the firm (null otherwise). */
  person: { id: number; name: string | null; email: string | null; isEmailVerified: boolean };
  requestedAt: string;
}

/**
 * The review queue: pending requests the person may decide — for firms in municipalities their
 * organisations cover today (approved coverage), or any firm for the network admin — never their
 * own. Claimants' names and e-mails are personal data: shown only to reviewers of a covering
 * organisation (the network admin: only where no organisation covers the firm), and every
 * showing is written to the audit log with its purpose.
 */
export async function listClaimsToReview(db: Kysely<DB>, user: SessionUser | undefined, requestId?: string): Promise<ClaimRequestDto[]> {
  const u = registryAccess.requireAccess(user, 'registry.claim.list', undefined);
  const reviewerOrgs = organisationIdsWithRole(u, ['org_admin', 'coach']);
  const requests = await claims.listPendingFirmManagerRequests(db);
  const firms = await firmSummaries(
    db,
    requests.map((r) => Number(r.firm_id)),
  );
  const places = await municipalityNames(
    db,
    [...firms.values()].map((f) => ({ country: f.country, code: f.municipalityCode })),
  );
  const rows = requests.flatMap((r) => {
    const f = firms.get(Number(r.firm_id));
    const municipalityName = f?.municipalityCode ? (places.get(municipalityKey(f.country, f.municipalityCode)) ?? null) : null;
    return f
      ? [
          {
            ...r,
            firm_name: f.name,
            firm_orgnr: f.nationalId,
            firm_country: f.country,
            municipality_code: f.municipalityCode,
            municipality_name: municipalityName,
            firm_website: f.website,
          },
        ]
      : [];
  });
  const coverCache = new Map<string, number[]>();
  const out: ClaimRequestDto[] = [];
  const shown: { firmId: number; personId: number; organisationId: number | null }[] = [];
  for (const r of rows) {
    const key = `${r.firm_country}:${r.municipality_code}`;
    if (!coverCache.has(key)) coverCache.set(key, await reviewingOrganisations(db, { country: r.firm_country, municipality_code: r.municipality_code }));
    const scope = { coveringOrganisationIds: coverCache.get(key)!, claimantId: Number(r.user_id) };
    if (!canDecideClaim(user, scope.coveringOrganisationIds, scope.claimantId)) continue;
    const mayRead = networkAccess.can(user, 'network.claim.personal-data', scope);
    out.push({
      firm: { id: Number(r.firm_id), name: r.firm_name, orgnr: r.firm_orgnr, municipality: r.municipality_name, website: r.firm_website },
      person: {
        id: Number(r.user_id),
        name: mayRead ? r.user_name : null,
        email: mayRead ? r.user_email : null,
        isEmailVerified: r.email_verified_at !== null,
      },
      requestedAt: new Date(r.created_at).toISOString(),
    });
    if (mayRead)
      shown.push({
        firmId: Number(r.firm_id),
        personId: Number(r.user_id),
        organisationId: scope.coveringOrganisationIds.find((id) => reviewerOrgs.includes(id)) ?? null,
      });
  }
  if (shown.length) {
    await db.transaction().execute(async (trx) => {
      for (const s of shown)
        await recordAudit(
          trx,
          { userId: u.id, requestId },
          {
            action: 'registry.claim.personal_data_read',
            entityType: 'firm_manager',
            entityId: `${s.firmId}:${s.personId}`,
            firmId: s.firmId,
            organisationId: s.organisationId,
            before: null,
            after: { purpose: 'claim_review', fields: ['name', 'email'], user_id: s.personId },
          },
        );
    });
  }
  return out;
}

/** 403 unless the person may decide requests for this firm (its covering organisation's admin or coach, or network admin). */
export async function requireReviewerFor(db: Kysely<DB>, user: SessionUser | undefined, firmId: number): Promise<SessionUser> {
  const u = registryAccess.requireAccess(user, 'registry.claim.list', undefined);
  const firm = await repo.findFirm(db, firmId);
  if (!firm) {
    if (u.isNetworkAdmin) throw new AppError('not_found', errorMessages.notFound);
    throw new AppError('forbidden', errorMessages.notAllowed);
  }
  // claimantId 0 matches nobody: here only the organisation side of the rule is checked.
  if (!canDecideClaim(u, await reviewingOrganisations(db, firm), 0)) throw new AppError('forbidden', nmsg.notCovering);
  return u;
}

/**
 * Approves or rejects a pending request. Only staff (admin or coach) of an organisation covering
 * the firm's municipality today (approved coverage), or the network admin; never the person who
 * asked (403), whatever their roles.
 */
export async function decideClaim(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  firmId: number,
  personId: number,
  approve: boolean,
  requestId?: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const reviewer = await requireReviewerFor(trx, user, firmId);
    if (reviewer.id === personId) throw new AppError('forbidden', nmsg.ownClaim);
    const firm = (await repo.findFirm(trx, firmId))!;
    const covering = await reviewingOrganisations(trx, firm);
    networkAccess.requireAccess(reviewer, 'network.claim.decide', { coveringOrganisationIds: covering, claimantId: personId });
    const row = await claims.lockFirmManager(trx, personId, firmId);
    if (!row || row.status !== 'pending') throw new AppError('not_found', nmsg.noPendingClaim);
    const status: ClaimStatus = approve ? 'approved' : 'rejected';
    await claims.recordFirmManager(trx, personId, firmId, status, reviewer.id);
    await recordAudit(
      trx,
      { userId: reviewer.id, requestId },
      {
        action: approve ? 'registry.claim.approve' : 'registry.claim.reject',
        entityType: 'firm_manager',
        entityId: `${firmId}:${personId}`,
        firmId,
        // The deciding organisation's own fact (its trail shows it); null when the network admin decided.
        organisationId: covering.find((id) => reviewer.roles.some((r) => r.organisationId === id)) ?? null,
        before: { status: 'pending' },
        after: { status, user_id: personId },
      },
    );
  });
}

/** The firms the person manages or has asked to manage. */
export async function listMyFirms(db: Kysely<DB>, user: SessionUser | undefined) {
  const u = registryAccess.requireAccess(user, 'registry.my-firms.read', undefined);
  const rows = await claims.listFirmsManagedBy(db, u.id);
  const firms = await firmSummaries(
    db,
    rows.map((r) => Number(r.firm_id)),
  );
  return rows
    .flatMap((r) => {
      const f = firms.get(Number(r.firm_id));
      return f ? [{ firmId: Number(r.firm_id), name: f.name, orgnr: f.nationalId, status: r.status }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The people of a firm (for its editors). */
export async function listFirmPeople(db: Kysely<DB>, user: SessionUser | undefined, firmId: number) {
  registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  return (await claims.listFirmPeople(db, firmId)).map((r) => ({ userId: Number(r.user_id), name: r.display_name, email: r.email, status: r.status }));
}

/** Display names for audit and history tables. */
export async function userNames(db: Kysely<DB>, ids: (number | null)[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((x): x is number => x !== null))];
  const rows = await claims.findUserNames(db, unique);
  return new Map(rows.map((r) => [Number(r.id), r.display_name || r.email]));
}
