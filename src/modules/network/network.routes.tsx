import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, idParam, readForm, readFormFile, type FormError } from '../../shared/http/forms.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { processImage } from '../../shared/images/process-image.js';
import { format } from '../../shared/i18n/i18n.js';
import { AppError, isAppError } from '../../shared/errors.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { publicBaseUrl } from '../accounts/accounts.http.js';
import { AuditTable } from '../audit/audit.views.js';
import { timeZoneFor } from '../../shared/i18n/format.js';
import { decideClaim, listClaimsToReview, requireReviewerFor, userNames } from '../registry/profile/profile.claims.service.js';
import { can, networkAccess, requireAccess, type OrgAction } from './network.access.js';
import { CoveragePage, SharingPage } from './network.area.views.js';
import { ClaimsQueuePage } from './network.claims.views.js';
import { CoverageRequestsPage } from './network.requests.views.js';
import { membersToCsv } from './network.csv.js';
import { MembershipPage, MembersPage } from './network.members.views.js';
import { msg } from './network.messages.js';
import { registerNetworkPrivacy } from './network.privacy.js';
import { listMunicipalitiesOf } from '../places/places.service.js';
import {
  coverageAddSchema,
  coverageEndSchema,
  decisionSchema,
  offerAnswerSchema,
  memberFilterSchema,
  membershipCreateSchema,
  membershipInputSchema,
  organisationInputSchema,
  sharingInputSchema,
  staffAddSchema,
  staffRoleChangeSchema,
} from './network.schemas.js';
import { auditQuerySchema, coverageQuerySchema, fieldLabels } from './network.schemas.js';
import * as service from './network.service.js';
import * as staff from './network.staff.service.js';
import { StaffPage } from './network.staff.views.js';
import { OrgPage, OrganisationDetailPage, OrganisationEditPage, OrganisationListPage } from './network.views.js';

type C = Context<AppEnv>;

/**
 * Declares who may use a route: the named access check runs before anything is read or
 * parsed, so a refused person gets 403 (anonymous: sign-in) whatever they sent.
 */
export const allow =
  (action: OrgAction, param = 'orgId'): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    requireAccess(c.var.user, action, action === 'network.organisation.list' || action === 'network.organisation.create' ? undefined : idParam(c, param));
    await next();
  };

/** Any signed-in person (the registry's claims service narrows further). */
const signedIn = networkAccess.middleware('network.claim.review', () => undefined);

const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const savedNotice = (c: C) => (c.req.query('saved') ? msg.saved[c.var.locale] : c.req.query('withdrawn') ? msg.withdrawn[c.var.locale] : undefined);
const orgUrl = (orgId: number, tail = '') => `/network/organisations/${orgId}${tail}`;

/** Pages of the network: organisations, coverage, staff, members (+CSV), sharing agreements, claims, audit. */
export function networkRoutes(deps: AppDeps) {
  const { db } = deps;
  registerNetworkPrivacy();
  const app = new Hono<AppEnv>();

  // ---- organisations --------------------------------------------------------------
  const renderList = async (c: C, error?: FormError, values?: Record<string, string>) => {
    const organisations = await service.listOrganisationsFor(db, c.var.user);
    const page = (
      <OrganisationListPage
        {...base(c)}
        organisations={organisations}
        canCreate={can(c.var.user, 'network.organisation.create')}
        error={error}
        values={values as never}
      />
    );
    return c.html(page, (error?.status ?? 200) as 200);
  };
  app.get('/', allow('network.organisation.list'), (c) => renderList(c));
  app.post('/organisations', allow('network.organisation.create'), async (c) => {
    const form = await readForm(c);
    try {
      const id = await service.createOrganisation(db, c.var.user, parseOrThrow(organisationInputSchema, form, { labels: fieldLabels }), c.var.requestId);
      return c.redirect(orgUrl(id, '?saved=1'), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderList(c, fe, form);
    }
  });

  app.get('/organisations/:orgId', allow('network.organisation.read'), async (c) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.getOrganisation(db, c.var.user, orgId);
    const coverage = await service.coverageOn(db, orgId, service.today());
    const memberCount = can(c.var.user, 'network.membership.read', orgId)
      ? (await service.listMembers(db, c.var.user, orgId, { status: 'active', tier: undefined, municipality: undefined, on: undefined })).length
      : 0;
    return c.html(
      <OrganisationDetailPage
        {...base(c)}
        org={org}
        coverageToday={coverage}
        memberCount={memberCount}
        canEdit={can(c.var.user, 'network.organisation.update', orgId)}
        notice={savedNotice(c)}
      />,
    );
  });

  const renderEdit = async (c: C, error?: FormError, values?: Record<string, string>) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.getOrganisation(db, c.var.user, orgId);
    return c.html(
      <OrganisationEditPage
        {...base(c)}
        org={org}
        canChangeCountry={can(c.var.user, 'network.organisation.change-country', org.id)}
        error={error}
        values={values as never}
        notice={savedNotice(c)}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/organisations/:orgId/edit', allow('network.organisation.update'), (c) => renderEdit(c));
  app.post('/organisations/:orgId/edit', allow('network.organisation.update'), async (c) => {
    const orgId = idParam(c, 'orgId');
    const form = await readForm(c);
    try {
      await service.updateOrganisation(db, c.var.user, orgId, parseOrThrow(organisationInputSchema, form, { labels: fieldLabels }), c.var.requestId);
      return c.redirect(orgUrl(orgId, '?saved=1'), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderEdit(c, fe, form);
    }
  });
  app.post('/organisations/:orgId/logo', allow('network.organisation.update'), async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      const bytes = await readFormFile(c, 'logo');
      if (!bytes) throw new AppError('validation', msg.chooseImage, [{ field: 'logo', label: msg.logo, message: errorMessages.required }]);
      const image = await processImage(bytes, { maxSide: 600, thumbSide: 200 });
      await service.setOrganisationLogo(db, c.var.user, orgId, { data: image.data, contentType: image.contentType, sha256: image.sha256 }, c.var.requestId);
      return c.redirect(orgUrl(orgId, '/edit?saved=1'), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderEdit(c, fe);
    }
  });
  // Public: logos appear beside the organisation's name.
  app.get('/organisations/:orgId/logo', async (c) => {
    const logo = await service.getOrganisationLogo(db, idParam(c, 'orgId'));
    return c.body(logo.data as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': logo.contentType,
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  // ---- coverage -----------------------------------------------------------------------
  const renderCoverage = async (c: C, error?: FormError, notice?: string) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.getOrganisation(db, c.var.user, orgId);
    const on = parseOrThrow(coverageQuerySchema, c.req.query(), { labels: fieldLabels }).on ?? service.today();
    const [current, history, municipalities] = await Promise.all([
      service.coverageOn(db, orgId, on),
      service.listCoverageHistory(db, c.var.user, orgId),
      listMunicipalitiesOf(db, org.country),
    ]);
    const page = (
      <CoveragePage
        {...base(c)}
        org={org}
        on={on}
        today={service.today()}
        current={current}
        history={history}
        municipalities={municipalities}
        canEdit={can(c.var.user, 'network.coverage.update', orgId)}
        canWithdraw={can(c.var.user, 'network.coverage-request.withdraw', orgId)}
        error={error}
        notice={notice ?? savedNotice(c)}
      />
    );
    return c.html(page, (error?.status ?? 200) as 200);
  };
  app.get('/organisations/:orgId/coverage', allow('network.organisation.read'), (c) => renderCoverage(c));
  app.post('/organisations/:orgId/coverage', allow('network.coverage.update'), async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      const added = await service.addCoverage(
        db,
        c.var.user,
        orgId,
        parseOrThrow(coverageAddSchema, await readForm(c), { labels: fieldLabels }),
        c.var.requestId,
      );
      if (added.isPending) return renderCoverage(c, undefined, format(msg.coverageRequested[c.var.locale], { municipality: added.municipalityName }));
      return c.redirect(orgUrl(orgId, '/coverage?saved=1'), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderCoverage(c, fe);
    }
  });
  app.post('/organisations/:orgId/coverage/:coverageId/end', allow('network.coverage.update'), async (c) => {
    const orgId = idParam(c, 'orgId');
    const { valid_to } = parseOrThrow(coverageEndSchema, await readForm(c), { labels: fieldLabels });
    await service.endCoverage(db, c.var.user, orgId, idParam(c, 'coverageId'), valid_to, c.var.requestId);
    return c.redirect(orgUrl(orgId, '/coverage?saved=1'), 303);
  });

  app.post('/organisations/:orgId/coverage/:coverageId/withdraw', allow('network.coverage-request.withdraw'), async (c) => {
    const orgId = idParam(c, 'orgId');
    await service.withdrawCoverageRequest(db, c.var.user, orgId, idParam(c, 'coverageId'), c.var.requestId);
    return c.redirect(orgUrl(orgId, '/coverage?withdrawn=1'), 303);
  });

  // ---- staff --------------------------------------------------------------------------
  const renderStaff = async (c: C, error?: FormError, notice?: string) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.getOrganisation(db, c.var.user, orgId);
    const canEdit = can(c.var.user, 'network.staff.manage', orgId);
    const [members, invitations] = await Promise.all([
      staff.listStaff(db, c.var.user, orgId),
      canEdit ? staff.listPendingInvitations(db, c.var.user, orgId) : [],
    ]);
    const page = (
      <StaffPage {...base(c)} org={org} staff={members} invitations={invitations} canEdit={canEdit} error={error} notice={notice ?? savedNotice(c)} />
    );
    return c.html(page, (error?.status ?? 200) as 200);
  };
  app.get('/organisations/:orgId/staff', allow('network.staff.read'), (c) => renderStaff(c));
  app.post('/organisations/:orgId/staff', allow('network.staff.manage'), async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      const input = parseOrThrow(staffAddSchema, await readForm(c), { labels: fieldLabels });
      const result = await staff.addStaff(db, c.var.user, orgId, input, {
        env: deps.env,
        baseUrl: publicBaseUrl(deps.env),
        locale: c.var.locale,
        requestId: c.var.requestId,
      });
      return renderStaff(c, undefined, format(msg.invited[c.var.locale], { email: result.email }));
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderStaff(c, fe);
    }
  });
  app.post('/organisations/:orgId/staff/:userId/role', allow('network.staff.manage'), async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      const { role } = parseOrThrow(staffRoleChangeSchema, await readForm(c), { labels: fieldLabels });
      await staff.changeStaffRole(db, c.var.user, orgId, idParam(c, 'userId'), role, c.var.requestId);
      return c.redirect(orgUrl(orgId, '/staff?saved=1'), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderStaff(c, fe);
    }
  });
  app.post('/organisations/:orgId/staff/:userId/remove', allow('network.staff.manage'), async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      await staff.removeStaff(db, c.var.user, orgId, idParam(c, 'userId'), c.var.requestId);
      return c.redirect(orgUrl(orgId, '/staff?saved=1'), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderStaff(c, fe);
    }
  });

  // ---- members ------------------------------------------------------------------------
  const renderMembers = async (c: C, error?: FormError, values?: Record<string, string>, notice?: string) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.getOrganisation(db, c.var.user, orgId);
    const filter = parseOrThrow(memberFilterSchema, c.req.query(), { labels: fieldLabels });
    const [members, tiers, coverage, offers] = await Promise.all([
      service.listMembers(db, c.var.user, orgId, filter),
      service.listMemberTiers(db, c.var.user, orgId),
      service.listCoverageHistory(db, c.var.user, orgId),
      service.listPendingOffersOf(db, c.var.user, orgId),
    ]);
    const municipalities = [...new Map(coverage.map((m) => [m.municipalityCode, { code: m.municipalityCode, name: m.municipalityName }])).values()];
    const v = values
      ? {
          orgnr: values.orgnr,
          tier: values.tier,
          status: values.status as never,
          validFrom: values.valid_from,
          validTo: values.valid_to || null,
          currency: values.currency || null,
        }
      : undefined;
    const page = (
      <MembersPage
        {...base(c)}
        org={org}
        members={members}
        filter={filter}
        tiers={tiers}
        municipalities={municipalities}
        today={service.today()}
        canEdit={can(c.var.user, 'network.membership.manage', orgId)}
        error={error}
        values={v}
        notice={notice ?? savedNotice(c)}
        offers={offers}
        canWithdrawOffers={can(c.var.user, 'network.membership-offer.withdraw', orgId)}
      />
    );
    return c.html(page, (error?.status ?? 200) as 200);
  };
  app.get('/organisations/:orgId/members', allow('network.membership.read'), (c) => renderMembers(c));
  app.get('/organisations/:orgId/members.csv', allow('network.membership.read'), async (c) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.getOrganisation(db, c.var.user, orgId);
    const members = await service.listMembers(db, c.var.user, orgId, parseOrThrow(memberFilterSchema, c.req.query(), { labels: fieldLabels }));
    const fileName = `members-${org.id}-${service.today()}.csv`;
    return c.body(membersToCsv(members, c.var.locale), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    });
  });
  app.post('/organisations/:orgId/members', allow('network.membership.manage'), async (c) => {
    const orgId = idParam(c, 'orgId');
    const form = await readForm(c);
    try {
      const input = parseOrThrow(membershipCreateSchema, form, { labels: fieldLabels });
      const added = await service.addMember(db, c.var.user, orgId, input.orgnr, input, c.var.requestId);
      if (added.kind === 'offered') return renderMembers(c, undefined, undefined, format(msg.offerSent[c.var.locale], { name: added.firmName }));
      return c.redirect(orgUrl(orgId, `/members/${added.id}?saved=1`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderMembers(c, fe, form);
    }
  });
  const renderMembership = async (c: C, error?: FormError) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.getOrganisation(db, c.var.user, orgId);
    const { membership, versions } = await service.getMembership(db, c.var.user, orgId, idParam(c, 'membershipId'));
    const names = await userNames(
      db,
      versions.map((v) => v.changedBy),
    );
    const page = (
      <MembershipPage
        {...base(c)}
        org={org}
        membership={membership}
        versions={versions}
        actorNames={names}
        today={service.today()}
        canEdit={can(c.var.user, 'network.membership.manage', orgId)}
        error={error}
        notice={savedNotice(c)}
      />
    );
    return c.html(page, (error?.status ?? 200) as 200);
  };
  app.get('/organisations/:orgId/members/:membershipId', allow('network.membership.read'), (c) => renderMembership(c));
  app.post('/organisations/:orgId/offers/:offerId/withdraw', allow('network.membership-offer.withdraw'), async (c) => {
    const orgId = idParam(c, 'orgId');
    await service.withdrawMembershipOffer(db, c.var.user, orgId, idParam(c, 'offerId'), c.var.requestId);
    return c.redirect(orgUrl(orgId, '/members?withdrawn=1'), 303);
  });
  app.post('/organisations/:orgId/members/:membershipId', allow('network.membership.manage'), async (c) => {
    const orgId = idParam(c, 'orgId');
    const membershipId = idParam(c, 'membershipId');
    try {
      await service.updateMember(
        db,
        c.var.user,
        orgId,
        membershipId,
        parseOrThrow(membershipInputSchema, await readForm(c), { labels: fieldLabels }),
        c.var.requestId,
      );
      return c.redirect(orgUrl(orgId, `/members/${membershipId}?saved=1`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderMembership(c, fe);
    }
  });

  // ---- sharing agreements -------------------------------------------------------------
  const renderSharing = async (c: C, error?: FormError) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.getOrganisation(db, c.var.user, orgId);
    const [agreements, partners] = await Promise.all([service.listSharingAgreements(db, c.var.user, orgId), service.listAllOrganisations(db)]);
    const page = (
      <SharingPage
        {...base(c)}
        org={org}
        agreements={agreements}
        partners={partners}
        today={service.today()}
        canEdit={can(c.var.user, 'network.sharing.manage', orgId)}
        error={error}
        notice={savedNotice(c)}
      />
    );
    return c.html(page, (error?.status ?? 200) as 200);
  };
  app.get('/organisations/:orgId/sharing', allow('network.sharing.read'), (c) => renderSharing(c));
  app.post('/organisations/:orgId/sharing', allow('network.sharing.manage'), async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      await service.createSharingAgreement(
        db,
        c.var.user,
        orgId,
        parseOrThrow(sharingInputSchema, await readForm(c), { labels: fieldLabels }),
        c.var.requestId,
      );
      return c.redirect(orgUrl(orgId, '/sharing?saved=1'), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderSharing(c, fe);
    }
  });
  app.post('/organisations/:orgId/sharing/:agreementId/end', allow('network.sharing.manage'), async (c) => {
    const orgId = idParam(c, 'orgId');
    const { valid_to } = parseOrThrow(coverageEndSchema, await readForm(c), { labels: fieldLabels });
    await service.endSharingAgreement(db, c.var.user, orgId, idParam(c, 'agreementId'), valid_to, c.var.requestId);
    return c.redirect(orgUrl(orgId, '/sharing?saved=1'), 303);
  });

  // ---- audit trail --------------------------------------------------------------------
  app.get('/organisations/:orgId/audit', allow('network.audit.read'), async (c) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.getOrganisation(db, c.var.user, orgId);
    const { before } = parseOrThrow(auditQuerySchema, c.req.query(), { labels: fieldLabels });
    const entries = await service.organisationAuditTrail(db, c.var.user, orgId, before);
    const names = await userNames(
      db,
      entries.map((e) => e.actorUserId),
    );
    const older = entries.length === 200 ? orgUrl(orgId, `/audit?before=${entries[entries.length - 1].id}`) : undefined;
    return c.html(
      <OrgPage {...base(c)} org={org} title={msg.audit[c.var.locale]} current="audit">
        <p>{msg.auditIntro[c.var.locale]}</p>
        <AuditTable locale={c.var.locale} entries={entries} actorNames={names} olderHref={older} timeZone={timeZoneFor(c.var.locale, org.country)} />
      </OrgPage>,
    );
  });

  // ---- requests to manage firms (reviewed by the covering organisation) ----------------
  app.get('/claims', signedIn, async (c) => {
    const claims = await listClaimsToReview(db, c.var.user, c.var.requestId);
    const done = c.req.query('done');
    const notice = done === 'approve' ? msg.approved[c.var.locale] : done === 'reject' ? msg.rejected[c.var.locale] : undefined;
    return c.html(<ClaimsQueuePage {...base(c)} claims={claims} notice={notice} />);
  });
  app.post('/claims/:firmId/:userId', signedIn, async (c) => {
    await requireReviewerFor(db, c.var.user, idParam(c, 'firmId'));
    const { decision } = parseOrThrow(decisionSchema, await readForm(c), { labels: fieldLabels });
    await decideClaim(db, c.var.user, idParam(c, 'firmId'), idParam(c, 'userId'), decision === 'approve', c.var.requestId);
    return c.redirect(`/network/claims?done=${decision}`, 303);
  });

  // ---- coverage overlapping another organisation's (decided by the network admin or the other organisation) ----
  const coverageRequestsGuard = networkAccess.middleware('network.coverage-request.list', () => undefined);
  app.get('/coverage-requests', coverageRequestsGuard, async (c) => {
    const requests = await service.listCoverageRequests(db, c.var.user);
    const done = c.req.query('done');
    const notice = done === 'approve' ? msg.approved[c.var.locale] : done === 'reject' ? msg.rejected[c.var.locale] : undefined;
    return c.html(<CoverageRequestsPage {...base(c)} requests={requests} notice={notice} />);
  });
  app.post('/coverage-requests/:coverageId', coverageRequestsGuard, async (c) => {
    const { decision } = parseOrThrow(decisionSchema, await readForm(c), { labels: { decision: msg.decision } });
    await service.decideCoverageRequest(db, c.var.user, idParam(c, 'coverageId'), decision === 'approve', c.var.requestId);
    return c.redirect(`/network/coverage-requests?done=${decision}`, 303);
  });

  return app;
}

/** The one network page under a firm's own URL: its approved managers answer membership offers there. */
export function networkFirmRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  // ---- membership offers: the firm's approved managers accept or decline ----------------
  app.post(
    '/firms/:firmId/manage/membership-offers',
    networkAccess.middleware('network.membership-offer.respond', (c) => idParam(c, 'firmId')),
    async (c) => {
      const { offer, decision } = parseOrThrow(offerAnswerSchema, await readForm(c), { labels: fieldLabels });
      await service.answerMembershipOffer(db, c.var.user, idParam(c, 'firmId'), offer, decision === 'accept', c.var.requestId);
      return c.redirect(`/my/firms?offer=${decision === 'accept' ? 'accepted' : 'declined'}`, 303);
    },
  );

  return app;
}
