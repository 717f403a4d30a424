import * as coachingRepo from '../../src/modules/coaching/coaching.repository.js';
import { sql, type Kysely } from 'kysely';
import sharp from 'sharp';
import type { DB } from '../../src/db/types.js';
import { insertMatrixTender } from './procurement-fixtures.js';
import { grantStaffRole, setFirmManagerStatus } from '../../src/modules/accounts/accounts.service.js';
import { findListingIdForFirm } from '../../src/modules/directory/directory.service.js';
import { syncListings } from '../../src/modules/directory/directory.sync.js';
import type { MatrixEntry, MatrixFixture, Role } from '../authorization-matrix.js';
import { createUser } from './auth.js';
import { insertFirm, insertMembership, insertOrganisation } from './network-fixtures.js';
import { insertMatrixEvent } from './events-fixtures.js';
import { buildAcademyFixture, spareAcademyLesson } from './academy-fixture.js';
import { seedGiftcardMatrix } from './giftcard-fixtures.js';
import { seedStorefrontMatrix } from './storefront-fixtures.js';
import { buildSurveysFixture } from './matrix-surveys.js';
import { buildReportingFixture } from './matrix-reporting.js';
import { fileStoreFor } from '../../src/shared/files/file-store.js';
import { fileUses } from '../../src/shared/files/file-uses.js';
import { storeFile } from '../../src/shared/files/files.service.js';
import { testEnv } from './test-env.js';

/** Who plays each signed-in role of the authorization matrix (password: auth.ts defaultPassword). */
export const matrixEmails: Record<Exclude<Role, 'anonymous'>, string> = {
  firmMember: 'owner@bakeri.test',
  otherCoach: 'coach@other-org.test',
  coach: 'coach@org-a.test',
  orgAdmin: 'admin@org-a.test',
  networkAdmin: 'admin@network.test',
};

export interface MatrixWorld {
  fx: MatrixFixture;
  /** Re-creates what an allowed role's request deleted, so each role meets the same world. */
  prepare(what: MatrixEntry['prepare']): Promise<Partial<MatrixFixture>>;
}

/**
 * The world of the authorization matrix (test/authorization-matrix.ts): org A covers firm F's
 * municipality, org B does not; one person per role; a membership, coverage, agreement,
 * product, link and image to aim the routes at. Used by the matrix test and the phone-width
 * browser test, which visit the same pages.
 */
export async function buildMatrixWorld(db: Kysely<DB>): Promise<MatrixWorld> {
  const tenderFixture = async () => {
    const member = await db.selectFrom('users').select('id').where('email', '=', matrixEmails.firmMember).executeTakeFirstOrThrow();
    const t = await insertMatrixTender(db, firmId, Number(member.id));
    return { noticeId: t.noticeId, tenderGroupId: t.groupId, buyerCountry: t.buyerCountry, buyerNationalId: t.buyerNationalId };
  };
  const emails = matrixEmails;
  const orgA = await insertOrganisation(db, { name: 'Org A', coverage: [{ code: '5025', from: '2020-01-01' }] });
  const orgB = await insertOrganisation(db, { name: 'Org B', coverage: [{ code: '5001', from: '2020-01-01' }] });
  const firmId = await insertFirm(db, { name: 'Bakeri F', municipality: '5025', website: 'https://bakeri.test' });
  // F's shop: the branch editor's routes aim at it (F is then listed through it).
  const shop = await db
    .insertInto('establishments')
    .values({
      firm_id: firmId,
      country: 'NO',
      national_id: '973000001',
      parent_national_id: null,
      name: 'Bakeri F Røros',
      municipality_code: '5025',
      nace_code: '10.710',
      nace_division: '10',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await syncListings(db, { firmIds: [firmId] });
  const listingId = (await findListingIdForFirm(db, firmId)) ?? 0;
  const firmMember = await createUser(db, { email: emails.firmMember, managedFirmIds: [firmId] });
  await createUser(db, { email: emails.otherCoach, roles: [{ organisationId: orgB, role: 'coach' }] });
  await createUser(db, { email: emails.coach, roles: [{ organisationId: orgA, role: 'coach' }] });
  await createUser(db, { email: emails.orgAdmin, roles: [{ organisationId: orgA, role: 'org_admin' }] });
  const networkAdmin = await createUser(db, { email: emails.networkAdmin, isNetworkAdmin: true });
  const spare = await createUser(db, { email: 'spare@org-a.test', roles: [{ organisationId: orgA, role: 'editor' }] });
  const claimant = await createUser(db, { email: 'claimant@elsewhere.test' });
  await setFirmManagerStatus(db, claimant.id, firmId, 'pending');
  const membershipId = await insertMembership(db, orgA, firmId);
  const coverage = await db.selectFrom('organisation_coverage').select('id').where('organisation_id', '=', orgA).executeTakeFirstOrThrow();
  const agreement = await db
    .insertInto('sharing_agreements')
    .values({ from_organisation_id: orgA, to_organisation_id: orgB, scope: 'coaching_cases', valid_from: '2024-01-01', valid_to: null, note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const png = new Uint8Array(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .webp()
      .toBuffer(),
  );
  await db.updateTable('organisations').set({ logo: png, logo_content_type: 'image/webp' }).where('id', '=', orgA).execute();
  const spendUpload = await db.insertInto('spend_uploads').values({ organisation_id: orgA, created_by: null }).returning('id').executeTakeFirstOrThrow();
  const spendFile = await db
    .insertInto('spend_files')
    .values({
      upload_id: Number(spendUpload.id),
      organisation_id: orgA,
      position: 1,
      file_name: 'ledger.csv',
      content_hash: '0'.repeat(64),
      bytes: 0,
      stored_path: '/nonexistent',
      status: 'failed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const fx: MatrixFixture = {
    orgId: orgA,
    otherOrgId: orgB,
    firmId,
    establishmentId: Number(shop.id),
    listingId,
    membershipId,
    coverageId: Number(coverage.id),
    agreementId: Number(agreement.id),
    spareStaffId: spare.id,
    claimantId: claimant.id,
    productId: 0,
    linkId: 0,
    imageId: 0,
    token: 'not-a-real-token',
    offerId: 0,
    ...(await coachingFixture(db, { orgA, orgB, firmId })),
    navigatorOfferKey: 'rvb-mikrostod',
    ...(await insertMatrixEvent(db, orgA)),
    ...(await buildAcademyFixture(db, { orgId: orgA, firmId, firmMemberId: firmMember.id, adminId: networkAdmin.id })),
    academySpareLessonId: 0,
    spendUploadId: Number(spendUpload.id),
    spendFileId: Number(spendFile.id),
    spendTable: 'shares',
    ...(await tenderFixture()),
    giftProgrammeId: 0,
    giftShopId: 0,
    giftBatchId: 0,
    giftCardId: 0,
    giftEntryId: 0,
    giftSettlementId: 0,
    sfShopId: 0,
    sfProductId: 0,
    sfSpareProductId: 0,
    sfReservationId: 0,
    sfReservationToken: '',
    sfBasketToken: '',
    ...(await buildSurveysFixture(db, orgA)),
    ...(await buildReportingFixture(db, orgA)),
  };

  async function prepare(what: MatrixEntry['prepare']): Promise<Partial<MatrixFixture>> {
    if (what === 'product') {
      const r = await db.insertInto('products').values({ firm_id: fx.firmId, name: 'Brød', kind: 'product' }).returning('id').executeTakeFirstOrThrow();
      return { productId: Number(r.id) };
    }
    if (what === 'link') {
      const r = await db
        .insertInto('firm_links')
        .values({ firm_id: fx.firmId, label: 'Web', url: 'https://bakeri.test' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { linkId: Number(r.id) };
    }
    if (what === 'shopProduct') {
      const r = await db
        .insertInto('products')
        .values({ firm_id: fx.firmId, establishment_id: fx.establishmentId, name: 'Skillingsbolle', kind: 'product' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { productId: Number(r.id) };
    }
    if (what === 'image' || what === 'shopImage') {
      const r = await db
        .insertInto('firm_images')
        .values({
          firm_id: fx.firmId,
          establishment_id: what === 'shopImage' ? fx.establishmentId : null,
          content_type: 'image/webp',
          width: 8,
          height: 8,
          data: png,
          thumb_data: png,
          thumb_width: 8,
          thumb_height: 8,
          byte_size: png.byteLength,
          sha256: 'x'.repeat(64),
          uploaded_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { imageId: Number(r.id) };
    }
    if (what === 'coachingDocument') {
      const author = await db.selectFrom('coaching_entries').select('author_id').where('id', '=', fx.documentEntryId).executeTakeFirstOrThrow();
      return { spareDocumentEntryId: await coachingDocument(db, fx.caseId, Number(author.author_id)) };
    }
    if (what === 'academyLesson') return { academySpareLessonId: await spareAcademyLesson(db, networkAdmin.id, fx.academyCourseId) };
    if (what === 'spareStaff') await grantStaffRole(db, fx.spareStaffId, fx.orgId, 'editor');
    if (what === 'offer') {
      // One pending offer of A to F at a time: reuse it until an allowed role withdraws it.
      const pending = await db
        .selectFrom('membership_requests')
        .select('id')
        .where('organisation_id', '=', fx.orgId)
        .where('firm_id', '=', fx.firmId)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      const r =
        pending ??
        (await db
          .insertInto('membership_requests')
          .values({
            organisation_id: fx.orgId,
            firm_id: fx.firmId,
            tier: 'Basis',
            status: 'active',
            valid_from: '2024-01-01',
            valid_to: null,
            fee_minor: null,
            currency: null,
            requested_by: fx.spareStaffId,
          })
          .returning('id')
          .executeTakeFirstOrThrow());
      return { offerId: Number(r.id) };
    }
    return {};
  }

  Object.assign(fx, await prepare('product'), await prepare('link'), await prepare('image'), await prepare('offer'));
  Object.assign(fx, await seedGiftcardMatrix(db, fx, emails.orgAdmin));
  Object.assign(fx, await seedStorefrontMatrix(db, fx));
  return { fx, prepare };
}

/** A coaching case of A on F with a note, a referral to B, a contact person and a consent (rows straight into coaching's tables). */
async function coachingFixture(db: Kysely<DB>, ids: { orgA: number; orgB: number; firmId: number }) {
  const coach = await db.selectFrom('users').select('id').where('email', '=', matrixEmails.coach).executeTakeFirstOrThrow();
  const c = await db
    .insertInto('coaching_cases')
    .values({
      organisation_id: ids.orgA,
      firm_id: ids.firmId,
      title: 'Vekst',
      type: 'growth',
      opened_on: '2024-01-01',
      follow_up_on: null,
      firm_country: 'NO',
      municipality_code: '5025',
      nace_division: '47',
      created_by: Number(coach.id),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const caseId = Number(c.id);
  await db
    .insertInto('coaching_case_coaches')
    .values({ case_id: caseId, user_id: Number(coach.id) })
    .execute();
  // The row's copy of its coaches (migration 0132), as the repository keeps it.
  await db
    .updateTable('coaching_cases')
    .set({ coach_ids: sql`${[Number(coach.id)]}::bigint[]` as never })
    .where('id', '=', caseId)
    .execute();
  const e = {
    id: await coachingRepo.insertEntry(db, {
      case_id: caseId,
      kind: 'note',
      author_id: Number(coach.id),
      title: 'Notat',
      body: 'Tekst',
      ...coachingRepo.plainEntry,
    }),
  };
  const r = await db
    .insertInto('coaching_referrals')
    .values({
      case_id: caseId,
      firm_id: ids.firmId,
      from_organisation_id: ids.orgA,
      to_organisation_id: ids.orgB,
      to_body: null,
      purpose: 'Finansiering',
      created_by: Number(coach.id),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await db
    .insertInto('coaching_contacts')
    .values({ case_id: caseId, user_id: null, name: 'Kari', role: null, email: null, phone: null, consent_given_on: '2024-01-01', consent_note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const k = await db
    .insertInto('coaching_consents')
    .values({
      firm_id: ids.firmId,
      organisation_id: ids.orgA,
      scope: 'referral',
      given_on: '2024-01-01',
      valid_to: null,
      given_by: 'Kari',
      recorded_by: Number(coach.id),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const documentEntryId = await coachingDocument(db, caseId, Number(coach.id));
  return {
    caseId,
    entryId: Number(e.id),
    referralId: Number(r.id),
    contactId: Number(p.id),
    consentId: Number(k.id),
    documentEntryId,
    spareDocumentEntryId: documentEntryId,
  };
}

/** A document entry on the case with a small PDF in the test app's default store (the test process's data directory, test-env.ts). */
async function coachingDocument(db: Kysely<DB>, caseId: number, authorId: number): Promise<number> {
  const e = await db
    .insertInto('coaching_entries')
    .values({ case_id: caseId, kind: 'document', author_id: authorId, title: 'Budsjett', body: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const file = await storeFile(db, fileStoreFor(testEnv()), {
    owner: 'coaching.entry',
    ownerId: Number(e.id),
    use: fileUses.document,
    name: 'budsjett.pdf',
    body: pdf,
    createdBy: authorId,
  });
  await db.updateTable('coaching_entries').set({ file_id: file.id }).where('id', '=', Number(e.id)).execute();
  return Number(e.id);
}

/** The URL the matrix requests for an entry, with route parameters filled from the fixture. */
export function matrixUrl(entry: MatrixEntry, values: MatrixFixture): string {
  if (entry.probe) return entry.probe.path;
  return entry.path.replace(/:(\w+)/g, (_, name: string) => {
    const k = (entry.params?.[name] ?? name) as keyof MatrixFixture;
    if (!(k in values)) throw new Error(`matrix: no fixture value for :${name} in ${entry.path} (add params: { ${name}: '…' })`);
    return String(values[k]);
  });
}
