import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { listAuditTrail, recordAudit, type Actor, type AuditEntryDto } from '../audit/audit.service.js';
import { can, networkAccess, requireAccess } from './network.access.js';
import { msg } from './network.messages.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import * as repo from './network.repository.js';
import { findMunicipality, municipalityKey, municipalityNames } from '../places/places.service.js';
import { findFirmByNationalId, firmSummaries, type FirmSummary } from '../registry/registry.service.js';
import {
  toOrganisationDto,
  type CoverageAdd,
  type CoverageDto,
  type CoverageRequestDto,
  type MembershipOfferDto,
  type MemberFilter,
  type MembershipDto,
  type MembershipInput,
  type MembershipVersionDto,
  type OrganisationDto,
  type OrganisationInput,
  type SharingAgreementDto,
  type SharingInput,
} from './network.schemas.js';

/** Today's date in UTC as 'YYYY-MM-DD' (dates of coverage, memberships and agreements are calendar days). */
export const today = () => new Date().toISOString().slice(0, 10);

const actorOf = (user: SessionUser, requestId?: string | null): Actor => ({ userId: user.id, requestId });

/** Runs work in one transaction (PGlite: its transaction API, which serialises correctly). */
const inTransaction = <T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>) => db.transaction().execute(work);

async function loadOrganisation(db: Kysely<DB>, id: number): Promise<OrganisationDto> {
  const row = await repo.findOrganisation(db, id);
  if (!row) throw new AppError('not_found', msg.noSuchOrganisation);
  return toOrganisationDto(row);
}

const organisationFields = (o: repo.OrganisationValues) => ({
  name: o.name,
  type: o.type,
  country: o.country,
  email: o.email,
  phone: o.phone,
  website: o.website,
});

// ---- organisations ---------------------------------------------------------------

/** Network admins see every organisation; staff see the ones they work for. */
export async function listOrganisationsFor(db: Kysely<DB>, user: SessionUser | undefined): Promise<OrganisationDto[]> {
  const u = requireAccess(user, 'network.organisation.list');
  const ids = u.isNetworkAdmin ? undefined : [...new Set(u.roles.map((r) => r.organisationId))];
  return (await repo.listOrganisations(db, ids)).map(toOrganisationDto);
}

/** Every organisation (public facts only), e.g. to pick a partner for a sharing agreement. */
export async function listAllOrganisations(db: Kysely<DB>): Promise<OrganisationDto[]> {
  return (await repo.listOrganisations(db)).map(toOrganisationDto);
}

export async function getOrganisation(db: Kysely<DB>, user: SessionUser | undefined, id: number): Promise<OrganisationDto> {
  requireAccess(user, 'network.organisation.read', id);
  return loadOrganisation(db, id);
}

export async function createOrganisation(db: Kysely<DB>, user: SessionUser | undefined, input: OrganisationInput, requestId?: string): Promise<number> {
  const u = requireAccess(user, 'network.organisation.create');
  return inTransaction(db, async (trx) => {
    const id = await repo.insertOrganisation(trx, input);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.organisation.create',
      entityType: 'organisation',
      entityId: id,
      organisationId: id,
      before: null,
      after: organisationFields(input),
    });
    return id;
  });
}

export async function updateOrganisation(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  id: number,
  input: OrganisationInput,
  requestId?: string,
): Promise<void> {
  const u = requireAccess(user, 'network.organisation.update', id);
  await inTransaction(db, async (trx) => {
    await repo.lockOrganisation(trx, id);
    const before = await loadOrganisation(trx, id);
    // Only the network admin moves an organisation to another country.
    const values = can(u, 'network.organisation.change-country', id) ? input : { ...input, country: before.country };
    await repo.updateOrganisation(trx, id, values);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.organisation.update',
      entityType: 'organisation',
      entityId: id,
      organisationId: id,
      before: organisationFields(before),
      after: organisationFields(values),
    });
  });
}

export async function setOrganisationLogo(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  id: number,
  image: { data: Uint8Array; contentType: string; sha256: string } | null,
  requestId?: string,
): Promise<void> {
  const u = requireAccess(user, 'network.organisation.update', id);
  await inTransaction(db, async (trx) => {
    await repo.lockOrganisation(trx, id);
    const before = await loadOrganisation(trx, id);
    await repo.setOrganisationLogo(trx, id, image?.data ?? null, image?.contentType ?? null);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.organisation.logo',
      entityType: 'organisation',
      entityId: id,
      organisationId: id,
      before: { logo: before.hasLogo ? 'previous' : null },
      after: { logo: image ? image.sha256 : null },
    });
  });
}

/** Logos are public (they appear beside the organisation's name). */
export async function getOrganisationLogo(db: Kysely<DB>, id: number) {
  const row = await repo.findOrganisationLogo(db, id);
  if (!row?.logo || !row.logo_content_type) throw new AppError('not_found', msg.noLogo);
  return { data: row.logo, contentType: row.logo_content_type, updatedAt: new Date(row.updated_at) };
}

// ---- coverage ----------------------------------------------------------------------

type CoverageRow = Awaited<ReturnType<typeof repo.listCoverage>>[number];
const toCoverageDto = (r: CoverageRow, names: Map<string, string>): CoverageDto => ({
  id: Number(r.id),
  country: r.country,
  municipalityCode: r.municipality_code,
  municipalityName: names.get(municipalityKey(r.country, r.municipality_code)) ?? r.municipality_code,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  status: r.status,
});

/** The whole coverage history of an organisation (every period of every municipality). */
export async function listCoverageHistory(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number): Promise<CoverageDto[]> {
  requireAccess(user, 'network.organisation.read', organisationId);
  const rows = await repo.listCoverage(db, organisationId);
  const names = await municipalityNames(
    db,
    rows.map((r) => ({ country: r.country, code: r.municipality_code })),
  );
  // By start, then the municipality's name (the places module has the names).
  return rows
    .map((r) => toCoverageDto(r, names))
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : a.municipalityName.localeCompare(b.municipalityName)));
}

/** The municipalities an organisation covers on a date (no access check: coverage is not secret, callers check). */
export async function coverageOn(db: Kysely<DB>, organisationId: number, date: string): Promise<CoverageDto[]> {
  const rows = await repo.listCoverageOn(db, organisationId, date);
  const names = await municipalityNames(
    db,
    rows.map((r) => ({ country: r.country, code: r.municipality_code })),
  );
  return rows.map((r) => toCoverageDto(r, names)).sort((a, b) => a.municipalityName.localeCompare(b.municipalityName));
}

/** Organisations covering a municipality on a date; e.g. who approves a firm's request to manage it. */
export function organisationsCovering(db: Kysely<DB>, country: string, municipalityCode: string, date: string = today()): Promise<number[]> {
  return repo.organisationIdsCovering(db, country, municipalityCode, date);
}

/**
 * Adds a coverage period. When another organisation's approved coverage of the same
 * municipality overlaps the period, the period is only a request ('pending'): it counts for
 * nothing (no claims to review, no members without consent) until the network admin or an
 * admin of the other organisation approves it. Returns the period's id and whether it waits.
 */
export async function addCoverage(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  input: CoverageAdd,
  requestId?: string,
): Promise<{ id: number; isPending: boolean; municipalityName: string }> {
  const u = requireAccess(user, 'network.coverage.update', organisationId);
  return inTransaction(db, async (trx) => {
    const org = await loadOrganisation(trx, organisationId);
    const code = org.country === 'FI' ? input.municipality.padStart(3, '0') : input.municipality.padStart(4, '0');
    const municipality = await findMunicipality(trx, org.country, code);
    if (!municipality)
      throw new AppError('validation', msg.unknownMunicipality, [{ field: 'municipality', label: msg.municipality, message: msg.unknownMunicipalityField }], {
        code,
      });
    await repo.lockMunicipalityCoverage(trx, org.country, code);
    const overlaps = await repo.findOverlappingCoverage(trx, organisationId, org.country, code, input.valid_from, input.valid_to);
    if (overlaps.length)
      throw new AppError('conflict', msg.alreadyCovered, [{ field: 'valid_from', label: msg.validFrom, message: msg.overlapsPeriod }], {
        municipality: municipality.name,
      });
    const others = await repo.otherOrganisationsCoveringDuring(trx, organisationId, org.country, code, input.valid_from, input.valid_to);
    const status = others.length ? 'pending' : 'approved';
    const id = await repo.insertCoverage(trx, {
      organisation_id: organisationId,
      country: org.country,
      municipality_code: code,
      valid_from: input.valid_from,
      valid_to: input.valid_to,
      status,
      requested_by: u.id,
    });
    await recordAudit(trx, actorOf(u, requestId), {
      action: status === 'pending' ? 'network.coverage.request' : 'network.coverage.add',
      entityType: 'coverage',
      entityId: id,
      organisationId,
      before: null,
      after: {
        municipality: `${org.country}-${code}`,
        valid_from: input.valid_from,
        valid_to: input.valid_to,
        status,
        ...(others.length ? { overlaps_organisations: others } : {}),
      },
    });
    return { id, isPending: status === 'pending', municipalityName: municipality.name };
  });
}

const coverageRequestScope = (row: { organisation_id: number | string; requested_by: number | string | null }, overlapped: number[]) => ({
  requestingOrganisationId: Number(row.organisation_id),
  requestedBy: row.requested_by === null ? null : Number(row.requested_by),
  overlappedOrganisationIds: overlapped,
});

/**
 * The coverage requests the person may decide (network admin: all; an organisation admin: those
 * overlapping their organisation's coverage), plus their own organisations' waiting requests
 * (shown without the decision buttons).
 */
export async function listCoverageRequests(db: Kysely<DB>, user: SessionUser | undefined): Promise<CoverageRequestDto[]> {
  const u = networkAccess.requireAccess(user, 'network.coverage-request.list', undefined);
  const rows = await repo.listPendingCoverage(db);
  const names = new Map((await repo.listOrganisations(db)).map((o) => [Number(o.id), o.name]));
  const placeNames = await municipalityNames(
    db,
    rows.map((r) => ({ country: r.country, code: r.municipality_code })),
  );
  const out: CoverageRequestDto[] = [];
  for (const r of rows) {
    const overlapped = await repo.otherOrganisationsCoveringDuring(db, Number(r.organisation_id), r.country, r.municipality_code, r.valid_from, r.valid_to);
    const canDecide = networkAccess.can(u, 'network.coverage-request.decide', coverageRequestScope(r, overlapped));
    const isOwn = u.roles.some((x) => x.organisationId === Number(r.organisation_id));
    if (!canDecide && !isOwn) continue;
    out.push({
      ...toCoverageDto(r, placeNames),
      organisation: { id: Number(r.organisation_id), name: r.organisation_name },
      overlapped: overlapped.map((id) => ({ id, name: names.get(id) ?? String(id) })),
      requestedAt: new Date(r.created_at).toISOString(),
      canDecide,
    });
  }
  return out;
}

/** Approves or rejects a pending coverage period (row-locked: two deciders at once cannot both act). */
export async function decideCoverageRequest(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  coverageId: number,
  approve: boolean,
  requestId?: string,
): Promise<void> {
  networkAccess.requireAccess(user, 'network.coverage-request.list', undefined);
  await inTransaction(db, async (trx) => {
    const row = await repo.lockCoverage(trx, coverageId);
    if (!row || row.status !== 'pending') throw new AppError('not_found', msg.noSuchCoverageRequest);
    await repo.lockMunicipalityCoverage(trx, row.country, row.municipality_code);
    const overlapped = await repo.otherOrganisationsCoveringDuring(
      trx,
      Number(row.organisation_id),
      row.country,
      row.municipality_code,
      row.valid_from,
      row.valid_to,
    );
    const u = networkAccess.requireAccess(user, 'network.coverage-request.decide', coverageRequestScope(row, overlapped));
    const status = approve ? 'approved' : 'rejected';
    await repo.decideCoverage(trx, coverageId, status, u.id);
    await recordAudit(trx, actorOf(u, requestId), {
      action: approve ? 'network.coverage.approve' : 'network.coverage.reject',
      entityType: 'coverage',
      entityId: coverageId,
      organisationId: Number(row.organisation_id),
      before: { status: 'pending' },
      after: { status },
    });
  });
}

/**
 * The asking organisation takes back its pending coverage request. The coverage status allows no
 * 'withdrawn' (migration 0007), and a pending row has never counted for anything, so the row is
 * deleted; the audit entry keeps what was asked. Row lock first, then the municipality's lock
 * (the order decideCoverageRequest takes them in): withdraw and decide at once have one winner —
 * a decided request cannot be withdrawn (409), a withdrawn one cannot be decided (404).
 */
export async function withdrawCoverageRequest(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  coverageId: number,
  requestId?: string,
): Promise<void> {
  const u = requireAccess(user, 'network.coverage-request.withdraw', organisationId);
  await inTransaction(db, async (trx) => {
    const row = await repo.lockCoverage(trx, coverageId);
    if (!row || Number(row.organisation_id) !== organisationId) throw new AppError('not_found', msg.noSuchCoverageRequest);
    if (row.status !== 'pending') throw new AppError('conflict', msg.requestAlreadyDecided);
    await repo.lockMunicipalityCoverage(trx, row.country, row.municipality_code);
    await repo.deleteCoverage(trx, coverageId);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.coverage.withdraw',
      entityType: 'coverage',
      entityId: coverageId,
      organisationId,
      before: {
        municipality: `${row.country}-${row.municipality_code}`,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
        status: 'pending',
        requested_by: row.requested_by === null ? null : Number(row.requested_by),
      },
      after: null,
    });
  });
}

/** Ends a period on a date (the organisation stopped covering the municipality); history stays. */
export async function endCoverage(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  coverageId: number,
  validTo: string,
  requestId?: string,
): Promise<void> {
  const u = requireAccess(user, 'network.coverage.update', organisationId);
  await inTransaction(db, async (trx) => {
    // Row lock, then the municipality's lock (the order decideCoverageRequest takes them in): a
    // decision, another end and an added period of the municipality wait for this change.
    const row = await repo.lockCoverage(trx, coverageId);
    if (!row || Number(row.organisation_id) !== organisationId) throw new AppError('not_found', errorMessages.notFound);
    if (validTo < row.valid_from)
      throw new AppError(
        'validation',
        errorMessages.invalidInput,
        [{ field: 'valid_to', label: msg.validTo, message: errorMessages.tooSmall, values: { min: row.valid_from } }],
        { fields: 'valid_to' },
      );
    await repo.lockMunicipalityCoverage(trx, row.country, row.municipality_code);
    // A later end may reach into another period of the same municipality (added meanwhile).
    if (
      row.status !== 'rejected' &&
      (await repo.findOverlappingCoverage(trx, organisationId, row.country, row.municipality_code, row.valid_from, validTo, coverageId)).length
    )
      throw new AppError('conflict', errorMessages.invalidInput, [{ field: 'valid_to', label: msg.validTo, message: msg.overlapsPeriod }], {
        fields: 'valid_to',
      });
    // Moving an end later must not reach into another organisation's coverage: that would be an
    // overlap nobody agreed to (the way around "coverage that overlaps needs agreement").
    if (row.status === 'approved' && row.valid_to !== null && validTo > row.valid_to) {
      const others = await repo.otherOrganisationsCoveringDuring(trx, organisationId, row.country, row.municipality_code, row.valid_to, validTo);
      if (others.length)
        throw new AppError('conflict', msg.extensionNeedsAgreement, [{ field: 'valid_to', label: msg.validTo, message: msg.overlapsOtherOrganisation }]);
    }
    await repo.setCoverageEnd(trx, coverageId, validTo);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.coverage.end',
      entityType: 'coverage',
      entityId: coverageId,
      organisationId,
      before: { valid_to: row.valid_to },
      after: { valid_to: validTo },
    });
  });
}

// ---- memberships -------------------------------------------------------------------

/** The firms of these rows from the registry, with their municipality's name from places. */
async function firmsOf(db: Kysely<DB>, firmIds: (number | string)[]) {
  const firms = await firmSummaries(db, firmIds.map(Number));
  const places = await municipalityNames(
    db,
    [...firms.values()].map((f) => ({ country: f.country, code: f.municipalityCode })),
  );
  return (id: number | string) => {
    const f: FirmSummary = firms.get(Number(id)) ?? { id: Number(id), name: '', nationalId: '', country: '', municipalityCode: null, website: null };
    return { ...f, municipalityName: f.municipalityCode ? (places.get(municipalityKey(f.country, f.municipalityCode)) ?? null) : null };
  };
}
type FirmOf = Awaited<ReturnType<typeof firmsOf>>;

const toMembershipDto = (r: NonNullable<repo.MembershipRow>, firmOf: FirmOf): MembershipDto => {
  const f = firmOf(r.firm_id);
  return {
    id: Number(r.id),
    organisationId: Number(r.organisation_id),
    firm: { id: f.id, name: f.name, orgnr: f.nationalId, country: f.country, municipalityCode: f.municipalityCode, municipalityName: f.municipalityName },
    tier: r.tier,
    status: r.status,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    feeMinor: r.fee_minor === null ? null : Number(r.fee_minor),
    currency: r.currency,
  };
};

const membershipFields = (m: {
  tier: string;
  status: string;
  valid_from?: string;
  validFrom?: string;
  valid_to?: string | null;
  validTo?: string | null;
  fee_minor?: number | null;
  feeMinor?: number | null;
  currency: string | null;
}) => ({
  tier: m.tier,
  status: m.status,
  valid_from: m.valid_from ?? m.validFrom,
  valid_to: m.valid_to ?? m.validTo ?? null,
  fee_minor: m.fee_minor ?? m.feeMinor ?? null,
  currency: m.currency,
});

const membershipValues = (input: MembershipInput): repo.MembershipValues => ({
  tier: input.tier,
  status: input.status,
  valid_from: input.valid_from,
  valid_to: input.valid_to,
  fee_minor: input.fee,
  currency: input.fee === null ? null : input.currency,
});

export async function listMembers(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, filter: MemberFilter): Promise<MembershipDto[]> {
  requireAccess(user, 'network.membership.read', organisationId);
  const rows = await repo.listMemberships(db, organisationId, filter);
  const firmOf = await firmsOf(
    db,
    rows.map((r) => r.firm_id),
  );
  return rows
    .map((r) => toMembershipDto(r, firmOf))
    .filter((m) => !filter.municipality || m.firm.municipalityCode === filter.municipality)
    .sort((a, b) => a.firm.name.localeCompare(b.firm.name) || a.id - b.id)
    .slice(0, 5000);
}

export async function listMemberTiers(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number): Promise<string[]> {
  requireAccess(user, 'network.membership.read', organisationId);
  return repo.listTiers(db, organisationId);
}

export async function getMembership(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, membershipId: number) {
  requireAccess(user, 'network.membership.read', organisationId);
  const row = await repo.findMembership(db, membershipId);
  if (!row || Number(row.organisation_id) !== organisationId) throw new AppError('not_found', msg.noSuchMembership);
  const versions: MembershipVersionDto[] = (await repo.listMembershipVersions(db, membershipId)).map((v) => ({
    version: v.version,
    tier: v.tier,
    status: v.status,
    validFrom: v.valid_from,
    validTo: v.valid_to,
    feeMinor: v.fee_minor === null ? null : Number(v.fee_minor),
    currency: v.currency,
    changedBy: v.changed_by === null ? null : Number(v.changed_by),
    changedAt: new Date(v.changed_at).toISOString(),
  }));
  return { membership: toMembershipDto(row, await firmsOf(db, [row.firm_id])), versions };
}

/**
 * Adds a firm as a member. A firm in a municipality the organisation covers (approved coverage
 * overlapping the membership's period) becomes a member at once; any other firm gets an offer
 * that one of its approved managers must accept — until then it is not a member.
 */
export async function addMember(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  orgnr: string,
  input: MembershipInput,
  requestId?: string,
): Promise<{ kind: 'member'; id: number } | { kind: 'offered'; id: number; firmName: string }> {
  const u = requireAccess(user, 'network.membership.manage', organisationId);
  return inTransaction(db, async (trx) => {
    // One add per organisation at a time: "no open membership / no pending offer yet" stays true until the insert.
    await repo.lockOrganisation(trx, organisationId);
    const org = await loadOrganisation(trx, organisationId);
    const firm = await findFirmByNationalId(trx, org.country, orgnr.replace(/[\s]/g, ''));
    if (!firm) throw new AppError('validation', msg.noSuchFirm, [{ field: 'orgnr', label: msg.orgnr, message: msg.noSuchFirmField }], { orgnr });
    const firmId = Number(firm.id);
    if (input.status !== 'ended' && (await repo.findOpenMembership(trx, organisationId, firmId)))
      throw new AppError('conflict', msg.alreadyMember, [{ field: 'orgnr', label: msg.orgnr, message: msg.alreadyMemberField }], { name: firm.name });
    const values = membershipValues(input);
    const isCovered =
      !!firm.municipalityCode && (await repo.coversDuring(trx, organisationId, firm.country, firm.municipalityCode, values.valid_from, values.valid_to));
    if (!isCovered) {
      if (await repo.findPendingMembershipRequest(trx, organisationId, firmId))
        throw new AppError('conflict', msg.offerAlreadyPending, [{ field: 'orgnr', label: msg.orgnr, message: msg.offerAlreadyPending }], { name: firm.name });
      const id = await repo.insertMembershipRequest(trx, { ...values, organisation_id: organisationId, firm_id: firmId, requested_by: u.id });
      await recordAudit(trx, actorOf(u, requestId), {
        action: 'network.membership.offer',
        entityType: 'membership_request',
        entityId: id,
        organisationId,
        firmId,
        before: null,
        after: values as unknown as Record<string, unknown>,
      });
      return { kind: 'offered', id, firmName: firm.name };
    }
    const id = await repo.insertMembership(trx, { ...values, organisation_id: organisationId, firm_id: firmId });
    await repo.insertMembershipVersion(trx, id, values, u.id);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.membership.create',
      entityType: 'membership',
      entityId: id,
      organisationId,
      firmId,
      before: null,
      after: values as unknown as Record<string, unknown>,
    });
    return { kind: 'member', id };
  });
}

const toOfferDto = (r: repo.MembershipRequestRow, firmOf: FirmOf): MembershipOfferDto => ({
  id: Number(r.id),
  organisation: { id: Number(r.organisation_id), name: r.organisation_name },
  firm: { id: Number(r.firm_id), name: firmOf(r.firm_id).name, orgnr: firmOf(r.firm_id).nationalId },
  tier: r.tier,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  feeMinor: r.fee_minor === null ? null : Number(r.fee_minor),
  currency: r.currency,
  requestedAt: new Date(r.created_at).toISOString(),
});

/** Offers waiting for an answer from the firms the person manages (for their "my firms" page). */
export async function listMembershipOffersForMe(db: Kysely<DB>, user: SessionUser | undefined): Promise<MembershipOfferDto[]> {
  const u = networkAccess.requireAccess(user, 'network.membership-offer.list', undefined);
  const rows = await repo.listPendingMembershipRequestsForFirms(db, u.managedFirmIds);
  const firmOf = await firmsOf(
    db,
    rows.map((r) => r.firm_id),
  );
  return rows.map((r) => toOfferDto(r, firmOf));
}

/** Offers an organisation has made that the firms have not answered yet. */
export async function listPendingOffersOf(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number): Promise<MembershipOfferDto[]> {
  requireAccess(user, 'network.membership.read', organisationId);
  const rows = await repo.listPendingMembershipRequestsOf(db, organisationId);
  const firmOf = await firmsOf(
    db,
    rows.map((r) => r.firm_id),
  );
  return rows.map((r) => toOfferDto(r, firmOf));
}

/** The firm's approved manager accepts (the membership is created) or declines an offer. */
export async function answerMembershipOffer(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  firmId: number,
  offerId: number,
  accept: boolean,
  requestId?: string,
): Promise<void> {
  const u = networkAccess.requireAccess(user, 'network.membership-offer.respond', firmId);
  await inTransaction(db, async (trx) => {
    const row = await repo.lockMembershipRequest(trx, offerId);
    if (!row || Number(row.firm_id) !== firmId || row.state !== 'pending') throw new AppError('not_found', msg.noSuchOffer);
    const organisationId = Number(row.organisation_id);
    let membershipId: number | null = null;
    if (accept) {
      const values: repo.MembershipValues = {
        tier: row.tier,
        status: row.status,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
        fee_minor: row.fee_minor === null ? null : Number(row.fee_minor),
        currency: row.currency,
      };
      if (values.status !== 'ended' && (await repo.findOpenMembership(trx, organisationId, firmId)))
        throw new AppError('conflict', msg.alreadyMember, [], { name: (await firmsOf(trx, [row.firm_id]))(row.firm_id).name });
      membershipId = await repo.insertMembership(trx, { ...values, organisation_id: organisationId, firm_id: firmId });
      await repo.insertMembershipVersion(trx, membershipId, values, u.id);
      await recordAudit(trx, actorOf(u, requestId), {
        action: 'network.membership.create',
        entityType: 'membership',
        entityId: membershipId,
        organisationId,
        firmId,
        before: null,
        after: { ...values, offer: offerId },
      });
    }
    await repo.setMembershipRequestState(trx, offerId, accept ? 'accepted' : 'declined', u.id, membershipId);
    await recordAudit(trx, actorOf(u, requestId), {
      action: accept ? 'network.membership.offer_accept' : 'network.membership.offer_decline',
      entityType: 'membership_request',
      entityId: offerId,
      organisationId,
      firmId,
      before: { state: 'pending' },
      after: { state: accept ? 'accepted' : 'declined' },
    });
  });
}

/**
 * The offering organisation takes back an offer the firm has not answered (row-locked: withdraw
 * and the firm's answer at once have one winner — an answered offer cannot be withdrawn (409),
 * a withdrawn one cannot be answered (404)). The offer stays, marked 'withdrawn'.
 */
export async function withdrawMembershipOffer(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  offerId: number,
  requestId?: string,
): Promise<void> {
  const u = requireAccess(user, 'network.membership-offer.withdraw', organisationId);
  await inTransaction(db, async (trx) => {
    const row = await repo.lockMembershipRequest(trx, offerId);
    if (!row || Number(row.organisation_id) !== organisationId) throw new AppError('not_found', msg.noSuchOffer);
    if (row.state !== 'pending') throw new AppError('conflict', msg.offerAlreadyAnswered);
    await repo.setMembershipRequestState(trx, offerId, 'withdrawn', u.id, null);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.membership.offer_withdraw',
      entityType: 'membership_request',
      entityId: offerId,
      organisationId,
      firmId: Number(row.firm_id),
      before: { state: 'pending' },
      after: { state: 'withdrawn' },
    });
  });
}

/** Changes tier, status, dates or fee; the previous version stays in the history. */
export async function updateMember(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  membershipId: number,
  input: MembershipInput,
  requestId?: string,
): Promise<void> {
  const u = requireAccess(user, 'network.membership.manage', organisationId);
  await inTransaction(db, async (trx) => {
    const row = await repo.lockMembership(trx, membershipId);
    if (!row || Number(row.organisation_id) !== organisationId) throw new AppError('not_found', msg.noSuchMembership);
    const values = membershipValues(input);
    if (row.status === 'ended' && values.status !== 'ended' && (await repo.findOpenMembership(trx, organisationId, Number(row.firm_id))))
      throw new AppError('conflict', msg.anotherMembershipOpen, [{ field: 'status', label: msg.status, message: msg.anotherMembershipOpenField }]);
    const before = membershipFields({ ...row, fee_minor: row.fee_minor === null ? null : Number(row.fee_minor) });
    const changed = await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.membership.update',
      entityType: 'membership',
      entityId: membershipId,
      organisationId,
      firmId: Number(row.firm_id),
      before,
      after: membershipFields(values),
    });
    if (!changed) return;
    await repo.updateMembership(trx, membershipId, values);
    await repo.insertMembershipVersion(trx, membershipId, values, u.id);
  });
}

// ---- sharing agreements ------------------------------------------------------------

const toSharingDto = (r: NonNullable<Awaited<ReturnType<typeof repo.findSharingAgreement>>>): SharingAgreementDto => ({
  id: Number(r.id),
  from: { id: Number(r.from_organisation_id), name: r.from_name },
  to: { id: Number(r.to_organisation_id), name: r.to_name },
  scope: r.scope,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  note: r.note,
});

export async function listSharingAgreements(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number): Promise<SharingAgreementDto[]> {
  requireAccess(user, 'network.sharing.read', organisationId);
  return (await repo.listSharingAgreements(db, organisationId)).map(toSharingDto);
}

/** The organisation shares its data of `scope` with another; made by the sharing organisation's admin. */
export async function createSharingAgreement(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  fromOrganisationId: number,
  input: SharingInput,
  requestId?: string,
): Promise<number> {
  const u = requireAccess(user, 'network.sharing.manage', fromOrganisationId);
  if (input.to_organisation_id === fromOrganisationId)
    throw new AppError('validation', msg.cannotShareWithSelf, [{ field: 'to_organisation_id', label: msg.to, message: msg.mustBeAnotherOrganisation }]);
  return inTransaction(db, async (trx) => {
    await loadOrganisation(trx, fromOrganisationId);
    if (!(await repo.findOrganisation(trx, input.to_organisation_id)))
      throw new AppError('validation', msg.noSuchOrganisation, [{ field: 'to_organisation_id', label: msg.to, message: msg.noSuchOrganisationField }]);
    const values = {
      from_organisation_id: fromOrganisationId,
      to_organisation_id: input.to_organisation_id,
      scope: input.scope,
      valid_from: input.valid_from,
      valid_to: input.valid_to,
      note: input.note,
    };
    const id = await repo.insertSharingAgreement(trx, values);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.sharing.create',
      entityType: 'sharing_agreement',
      entityId: id,
      organisationId: fromOrganisationId,
      before: null,
      after: values,
    });
    return id;
  });
}

export async function endSharingAgreement(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  agreementId: number,
  validTo: string,
  requestId?: string,
): Promise<void> {
  const u = requireAccess(user, 'network.sharing.manage', organisationId);
  await inTransaction(db, async (trx) => {
    const row = await repo.lockSharingAgreement(trx, agreementId);
    if (!row || Number(row.from_organisation_id) !== organisationId) throw new AppError('not_found', msg.noSuchAgreement);
    const end = validTo < row.valid_from ? row.valid_from : validTo;
    await repo.setSharingAgreementEnd(trx, agreementId, end);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'network.sharing.end',
      entityType: 'sharing_agreement',
      entityId: agreementId,
      organisationId,
      before: { valid_to: row.valid_to },
      after: { valid_to: end },
    });
  });
}

/**
 * The organisations that share `scope` with `organisationId` on `date` — e.g. the coaching
 * module asks which organisations' cases a coach of `organisationId` may see. No access
 * check: the caller decides what to do with the answer.
 */
/**
 * A firm's memberships in every organisation (organisation, tier, status, period), for the staff
 * firm page; the calling module checks who may see the firm.
 */
export async function membershipsOfFirm(db: Kysely<DB>, firmId: number) {
  return (await repo.membershipsOfFirm(db, firmId)).map((r) => ({
    id: Number(r.id),
    organisationId: Number(r.organisation_id),
    tier: r.tier,
    status: r.status,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export function organisationsSharingWith(db: Kysely<DB>, organisationId: number, scope: string, date: string = today()): Promise<number[]> {
  return repo.organisationIdsSharingWith(db, organisationId, scope, date);
}

// ---- audit trail -------------------------------------------------------------------

/** Entity types of a firm's public profile (registry/profile), the only firm entries an organisation's trail shows. */
const firmProfileEntityTypes = ['firm', 'product', 'firm_link', 'firm_image'];

/** The organisation's own changes and every change to a firm that is or was its member. */
export async function organisationAuditTrail(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  beforeId?: number,
): Promise<AuditEntryDto[]> {
  requireAccess(user, 'network.audit.read', organisationId);
  const firmIds = await repo.memberFirmIds(db, organisationId);
  // Of a member firm's own entries only its public profile changes; requests to manage it and
  // other organisations' facts (memberships, fees, tiers, offers) stay with whoever they belong to.
  return listAuditTrail(db, { organisationId, firmIds, firmEntityTypes: firmProfileEntityTypes }, { limit: 200, beforeId });
}

export { can };

/** Is the firm a member (membership not ended) of any of these organisations? For other modules' audience rules (events). */
export async function isMemberOfAny(db: Kysely<DB>, organisationIds: number[], firmId: number): Promise<boolean> {
  for (const id of organisationIds) if (await repo.findOpenMembership(db, id, firmId)) return true;
  return false;
}

/** Ids of the firms with a membership (of any status) in the organisation (no access check: callers decide what it opens). */
export function memberFirmIdsOf(db: Kysely<DB>, organisationId: number): Promise<number[]> {
  return repo.memberFirmIds(db, organisationId);
}

/**
 * Funder reporting: member firms of these organisations at some time in [fromDay, toDay] and the
 * first day of their membership (a business garden's "in the programme from the agreement's start").
 */
export async function membersInPeriod(db: Kysely<DB>, organisationIds: number[], fromDay: string, toDay: string) {
  const rows = await repo.membershipsOverlapping(db, organisationIds, fromDay, toDay);
  return rows.map((r) => ({ firmId: Number(r.firm_id), validFrom: r.valid_from }));
}
