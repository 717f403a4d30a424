/**
 * The authorization matrix: every route of the app × every role, with the expected answer.
 * test/authorization-matrix.test.ts enumerates `app.routes` and FAILS when a route is missing
 * here — add an entry for every route you add (copy a line, pick a preset or spell out the six
 * outcomes). Entries for routes that are not (yet) in the app are skipped, so other branches
 * can add theirs before they merge.
 *
 * Outcomes:
 *   'ok'       the request gets past the access check: any status < 500 except 401, 403, 404
 *              and a redirect to /sign-in (a POST with an empty body answers 400 — that is fine);
 *   'public'   like 'ok', but 404 is fine too (a static file or a link token that does not exist);
 *   'signin'   401 (API) or a redirect to /sign-in (pages);
 *   'denied'   403;
 *   'hidden'   404 (where existence itself is private);
 *   a number   exactly that status.
 */
export type Role = 'anonymous' | 'firmMember' | 'otherCoach' | 'coach' | 'orgAdmin' | 'networkAdmin';
export const roles: Role[] = ['anonymous', 'firmMember', 'otherCoach', 'coach', 'orgAdmin', 'networkAdmin'];

export type Outcome = 'ok' | 'public' | 'signin' | 'denied' | 'hidden' | number;
export type Who = Record<Role, Outcome>;

/** The fixture the test builds: org A covers firm F's municipality; org B does not. */
export interface MatrixFixture {
  orgId: number; // org A
  otherOrgId: number; // org B
  firmId: number; // firm F, managed by firmMember
  establishmentId: number; // F's shop (its own profile: the branch editor)
  listingId: number; // F's listing in the public directory
  membershipId: number; // F in A
  coverageId: number; // a coverage period of A
  agreementId: number; // A shares with B
  spareStaffId: number; // an editor of A, target of staff changes
  claimantId: number; // someone with a pending request for F
  productId: number;
  linkId: number;
  imageId: number;
  token: string; // an invalid token for link routes
  offerId: number; // a pending membership offer of A to firm F
  caseId: number; // a coaching case of A on firm F (A shares with B only under scope 'coaching_cases', so B's coach does not see it)
  entryId: number; // a (non-private) note on that case
  documentEntryId: number; // a document (a small PDF in the store) on that case
  spareDocumentEntryId: number; // a document whose file a role may erase (prepare: 'coachingDocument')
  referralId: number; // a referral of that case from A to B
  contactId: number; // a contact person on that case
  consentId: number; // a consent of F recorded on that case
  navigatorOfferKey: string; // a support offer of the navigator's data file
  eventId: number; // a published event of org A (events)
  registrationId: number; // a sign-up for that event
  academyCourseId: number; // a published course of A; firmMember completed it (for F)
  academyLessonId: number; // its lesson, with a stored video
  academyVideoFileId: string;
  academyCertificateCode: string; // firmMember's certificate
  academyOtherCourseId: number; // a second published course of A (the enrol route's target)
  academySpareLessonId: number; // a lesson of the course to take out (prepare: 'academyLesson')
  spendUploadId: number; // a ledger upload of A awaiting review (local spend)
  spendFileId: number; // its one file (unreadable: no mapping to save)
  spendTable: string; // a result table that can be exported
  noticeId: number; // an open procurement notice in F's county
  tenderGroupId: number; // a bidding group led by F (firmMember's firm)
  buyerCountry: string; // the notice's buyer
  buyerNationalId: string;
  giftProgrammeId: number; // A's gift-card programme, firm F a member shop
  giftShopId: number; // F as a shop of that programme
  giftBatchId: number;
  giftCardId: number;
  giftEntryId: number; // a redemption at F
  giftSettlementId: number;
  surveyId: number; // an open, published survey of A (public link) with one answer and one contact
  surveyToken: string;
  questionId: number;
  answerId: number;
  surveyContactId: number;
  sfShopId: number; // firm F as a shop of A's storefront
  sfProductId: number;
  sfSpareProductId: number; // a second product (the unpublish route's target)
  sfReservationId: number; // an open reservation at F's shop
  sfReservationToken: string;
  sfBasketToken: string;
  reportScope: string; // org A's own funder reports ('org-<id>')
  reportTemplate: string; // a funder template ('erdf')
  reportProjectId: number; // a reporting project led by org A
  frozenReportId: number; // a frozen ERDF report of org A
}

export interface MatrixEntry {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ALL';
  /** Exactly as Hono lists it in app.routes. */
  path: string;
  /** Middleware registered with app.use (not a page of its own): listed, never requested. */
  middleware?: true;
  who?: Who;
  /** For ALL routes (static files): what to request instead. */
  probe?: { method: 'GET'; path: string };
  /** Route parameter → fixture key, when the default (same name) does not fit. */
  params?: Record<string, keyof MatrixFixture>;
  /** The request ends the session (sign-out): the test signs everybody in again afterwards. */
  endsSession?: true;
  /** Runs before each role's request (re-creates what an allowed role deleted); may override params. */
  prepare?: 'product' | 'link' | 'image' | 'spareStaff' | 'offer' | 'shopProduct' | 'shopImage' | 'academyLesson' | 'coachingDocument';
  note?: string;
}

/** Coaches and admins of any organisation; the network admin has no standing right to coaching's personal data. */
const coachesAnywhere: Who = { anonymous: 'signin', firmMember: 'denied', otherCoach: 'ok', coach: 'ok', orgAdmin: 'ok', networkAdmin: 'denied' };
/** Coaches and admins of org A (the case's organisation). */
const caseTeam: Who = { anonymous: 'signin', firmMember: 'denied', otherCoach: 'denied', coach: 'ok', orgAdmin: 'ok', networkAdmin: 'denied' };
const all = (o: Outcome): Who => ({ anonymous: o, firmMember: o, otherCoach: o, coach: o, orgAdmin: o, networkAdmin: o });
/** Anyone, signed in or not. */
export const publicRoute = all('public');
/** Anyone, and the page or file must exist (200). */
export const publicPage = all('ok');
/** Any signed-in person. */
export const signedIn: Who = { ...all('ok'), anonymous: 'signin' };
/** Staff of any organisation (each sees their own). */
const staffOfAnyOrg: Who = { anonymous: 'signin', firmMember: 'denied', otherCoach: 'ok', coach: 'ok', orgAdmin: 'ok', networkAdmin: 'ok' };
/** Any staff of org A (admin, coach, editor) and the network admin. */
export const staffOfOrg: Who = { anonymous: 'signin', firmMember: 'denied', otherCoach: 'denied', coach: 'ok', orgAdmin: 'ok', networkAdmin: 'ok' };
/** The admin of org A and the network admin. */
export const orgAdminOnly: Who = { ...staffOfOrg, coach: 'denied' };
export const networkAdminOnly: Who = { ...orgAdminOnly, orgAdmin: 'denied' };
/** The firm's own people (and the network admin). */
export const firmPeople: Who = { anonymous: 'signin', firmMember: 'ok', otherCoach: 'denied', coach: 'denied', orgAdmin: 'denied', networkAdmin: 'ok' };
/** Staff (admin or coach) of an organisation covering the firm's municipality, and the network admin. */
/** The managers of the shop's firm (firm F) — nobody else, the network admin included (the gift-card counter). */
export const shopStaff: Who = { anonymous: 'signin', firmMember: 'ok', otherCoach: 'denied', coach: 'denied', orgAdmin: 'denied', networkAdmin: 'denied' };
export const coveringReviewers: Who = { anonymous: 'signin', firmMember: 'denied', otherCoach: 'denied', coach: 'ok', orgAdmin: 'ok', networkAdmin: 'ok' };
/** A bidding group led by firm F: only its members' people (and an invited coach); others do not learn it exists. */
const groupOnly: Who = { anonymous: 'signin', firmMember: 'ok', otherCoach: 'hidden', coach: 'hidden', orgAdmin: 'hidden', networkAdmin: 'hidden' };

export const matrix: MatrixEntry[] = [
  // ---- app shell and middleware -------------------------------------------------------
  {
    method: 'ALL',
    path: '/*',
    middleware: true,
    note: 'observability, security headers, locale, body limits, control-character guard, accounts session + CSRF',
  },
  { method: 'ALL', path: '/static/*', who: publicRoute, probe: { method: 'GET', path: '/static/app.css' } },
  {
    method: 'ALL',
    path: '/vendor/leaflet/*',
    who: publicRoute,
    probe: { method: 'GET', path: '/vendor/leaflet/leaflet.css' },
    note: '404 until leaflet is installed; public either way',
  },
  { method: 'GET', path: '/healthz', who: publicPage },
  { method: 'GET', path: '/readyz', who: publicPage },
  { method: 'GET', path: '/metrics', who: publicPage, note: 'Prometheus; restrict at the proxy in production' },

  // ---- accounts -----------------------------------------------------------------------
  { method: 'GET', path: '/sign-in', who: publicPage },
  { method: 'POST', path: '/sign-in', who: publicRoute },
  { method: 'GET', path: '/sign-in/oidc', who: publicRoute, note: 'only with OIDC configured' },
  { method: 'GET', path: '/sign-in/oidc/callback', who: publicRoute, note: 'only with OIDC configured' },
  { method: 'POST', path: '/sign-out', who: publicRoute, endsSession: true },
  { method: 'GET', path: '/sign-up', who: publicPage },
  { method: 'POST', path: '/sign-up', who: publicRoute },
  { method: 'GET', path: '/forgot-password', who: publicPage },
  { method: 'POST', path: '/forgot-password', who: publicRoute },
  { method: 'GET', path: '/reset-password/:token', who: publicRoute },
  { method: 'POST', path: '/reset-password/:token', who: publicRoute },
  { method: 'GET', path: '/verify-email/:token', who: publicRoute },
  { method: 'POST', path: '/verify-email/:token', who: publicRoute },
  { method: 'GET', path: '/invitations/:token', who: publicRoute },
  { method: 'POST', path: '/invitations/:token', who: publicRoute },
  { method: 'GET', path: '/account', who: signedIn },
  { method: 'GET', path: '/account/export', who: signedIn },
  { method: 'POST', path: '/account/profile', who: signedIn },
  { method: 'POST', path: '/account/verify-email', who: signedIn },
  {
    method: 'POST',
    path: '/account/invitations/:invitationId/accept',
    who: { ...all('hidden'), anonymous: 'signin' },
    params: { invitationId: 'token' },
    note: 'only the verified invitee; anyone else (and an unknown id) 404',
  },
  {
    method: 'POST',
    path: '/account/sign-out-everywhere',
    who: { ...all(303), anonymous: 'signin' },
    endsSession: true,
    note: 'success sends the person to /sign-in',
  },
  { method: 'POST', path: '/account/erase', who: signedIn, note: 'an empty body is refused (the address must be typed)' },
  {
    method: 'GET',
    path: '/dev/outbox',
    who: { ...all('hidden'), networkAdmin: 'ok' },
    note: 'development outbox (LOKALKRAFT_DEV_OUTBOX, on in tests): the loopback address or a network admin; 404 for everyone else',
  },
  {
    method: 'GET',
    path: '/demo',
    who: all('hidden'),
    note: 'demo sign-in: only with the demo on, outside production, for the loopback address (tests have no socket) or LOKALKRAFT_DEMO_SIGNIN=true; 404 otherwise',
  },
  { method: 'POST', path: '/demo/sign-in', who: all('hidden'), note: 'demo sign-in, as GET /demo' },
  { method: 'POST', path: '/api/v1/session', who: publicRoute, note: 'JSON sign-in' },
  { method: 'DELETE', path: '/api/v1/session', who: publicRoute, endsSession: true, note: 'signing out is idempotent (204 for anyone)' },
  { method: 'GET', path: '/api/v1/me', who: signedIn },

  // ---- network: organisations ---------------------------------------------------------
  { method: 'GET', path: '/network', who: staffOfAnyOrg },
  { method: 'POST', path: '/network/organisations', who: networkAdminOnly },
  { method: 'GET', path: '/network/organisations/:orgId', who: staffOfOrg },
  { method: 'GET', path: '/network/organisations/:orgId/edit', who: orgAdminOnly },
  { method: 'POST', path: '/network/organisations/:orgId/edit', who: orgAdminOnly },
  { method: 'POST', path: '/network/organisations/:orgId/logo', who: orgAdminOnly },
  { method: 'GET', path: '/network/organisations/:orgId/logo', who: publicPage, note: 'logos are public' },
  { method: 'GET', path: '/network/organisations/:orgId/coverage', who: staffOfOrg },
  { method: 'POST', path: '/network/organisations/:orgId/coverage', who: orgAdminOnly },
  { method: 'POST', path: '/network/organisations/:orgId/coverage/:coverageId/end', who: orgAdminOnly },
  {
    method: 'POST',
    path: '/network/organisations/:orgId/coverage/:coverageId/withdraw',
    who: orgAdminOnly,
    note: "the fixture's period is approved: the allowed roles get past the check and meet 409 (a decided request is not withdrawn)",
  },
  { method: 'GET', path: '/network/organisations/:orgId/staff', who: staffOfOrg },
  { method: 'POST', path: '/network/organisations/:orgId/staff', who: orgAdminOnly },
  { method: 'POST', path: '/network/organisations/:orgId/staff/:userId/role', who: orgAdminOnly, params: { userId: 'spareStaffId' } },
  { method: 'POST', path: '/network/organisations/:orgId/staff/:userId/remove', who: orgAdminOnly, params: { userId: 'spareStaffId' }, prepare: 'spareStaff' },
  { method: 'GET', path: '/network/organisations/:orgId/members', who: staffOfOrg },
  { method: 'GET', path: '/network/organisations/:orgId/members.csv', who: staffOfOrg },
  { method: 'POST', path: '/network/organisations/:orgId/members', who: orgAdminOnly },
  { method: 'GET', path: '/network/organisations/:orgId/members/:membershipId', who: staffOfOrg },
  { method: 'POST', path: '/network/organisations/:orgId/members/:membershipId', who: orgAdminOnly },
  { method: 'POST', path: '/network/organisations/:orgId/offers/:offerId/withdraw', who: orgAdminOnly, prepare: 'offer' },
  { method: 'GET', path: '/network/organisations/:orgId/sharing', who: staffOfOrg },
  { method: 'POST', path: '/network/organisations/:orgId/sharing', who: orgAdminOnly },
  { method: 'POST', path: '/network/organisations/:orgId/sharing/:agreementId/end', who: orgAdminOnly },
  { method: 'GET', path: '/network/organisations/:orgId/audit', who: orgAdminOnly },
  { method: 'GET', path: '/network/claims', who: staffOfAnyOrg, note: 'each reviewer sees the requests of the municipalities their organisations cover' },
  { method: 'POST', path: '/network/claims/:firmId/:userId', who: coveringReviewers, params: { userId: 'claimantId' } },
  {
    method: 'GET',
    path: '/network/coverage-requests',
    who: orgAdminOnly,
    note: "each admin sees the requests overlapping their coverage and their own organisation's",
  },
  {
    method: 'POST',
    path: '/network/coverage-requests/:coverageId',
    who: orgAdminOnly,
    note: 'the service then refuses the requester and admins of neither side',
  },
  {
    method: 'POST',
    path: '/firms/:firmId/manage/membership-offers',
    who: { anonymous: 'signin', firmMember: 'ok', otherCoach: 'denied', coach: 'denied', orgAdmin: 'denied', networkAdmin: 'denied' },
    note: "only the firm's approved managers answer an organisation's membership offer",
  },

  // ---- firms managing themselves ----------------------------------------------------------
  { method: 'GET', path: '/firms/:firmId/manage', who: publicPage, note: "claim page for everyone, the editor for the firm's people" },
  { method: 'POST', path: '/firms/:firmId/manage/claim', who: signedIn },
  { method: 'POST', path: '/firms/:firmId/manage/profile', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/hours', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/hours/exceptions', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/hours/exceptions/remove', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/products', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/products/:productId', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/products/:productId/delete', who: firmPeople, prepare: 'product' },
  { method: 'POST', path: '/firms/:firmId/manage/links', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/links/:linkId/delete', who: firmPeople, prepare: 'link' },
  { method: 'POST', path: '/firms/:firmId/manage/images', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/images/:imageId/delete', who: firmPeople, prepare: 'image' },
  { method: 'GET', path: '/firms/:firmId/manage/audit', who: firmPeople },
  // A shop's own profile (issue 9): the same forms under /establishments/:establishmentId; links stay firm-wide.
  {
    method: 'GET',
    path: '/firms/:firmId/manage/establishments/:establishmentId',
    who: { ...all(303), firmMember: 'ok', networkAdmin: 'ok' },
    note: "the shop's editor for the firm's people; everyone else is sent to the firm's claim page",
  },
  { method: 'POST', path: '/firms/:firmId/manage/establishments/:establishmentId/profile', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/establishments/:establishmentId/hours', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/establishments/:establishmentId/hours/exceptions', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/establishments/:establishmentId/hours/exceptions/remove', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/establishments/:establishmentId/products', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/establishments/:establishmentId/products/:productId', who: firmPeople, prepare: 'shopProduct' },
  { method: 'POST', path: '/firms/:firmId/manage/establishments/:establishmentId/products/:productId/delete', who: firmPeople, prepare: 'shopProduct' },
  { method: 'POST', path: '/firms/:firmId/manage/establishments/:establishmentId/images', who: firmPeople },
  { method: 'POST', path: '/firms/:firmId/manage/establishments/:establishmentId/images/:imageId/delete', who: firmPeople, prepare: 'shopImage' },
  { method: 'GET', path: '/my/firms', who: signedIn },
  { method: 'GET', path: '/media/firm-images/:imageId', who: publicPage },
  { method: 'GET', path: '/media/firm-images/:imageId/thumb', who: publicPage },

  // ---- file store (owners are declared by the modules that use it; src/shared/files/files.test.ts checks
  // each refusal with a declared owner — here no module owns files yet, so unknown ids/owners answer 404)
  { method: 'GET', path: '/files/:fileId', who: all('hidden'), params: { fileId: 'token' } },
  { method: 'POST', path: '/api/v1/files/:owner/:ownerId', who: all('hidden'), params: { owner: 'token', ownerId: 'firmId' } },

  // ---- register imports ---------------------------------------------------------------
  { method: 'GET', path: '/admin/imports', who: { ...networkAdminOnly, coach: 'denied', orgAdmin: 'denied' } },
  // ---- background jobs ----------------------------------------------------------------
  { method: 'GET', path: '/admin/jobs', who: { ...networkAdminOnly, coach: 'denied', orgAdmin: 'denied' } },
  {
    method: 'POST',
    path: '/admin/jobs/retry',
    who: { ...networkAdminOnly, coach: 'denied', orgAdmin: 'denied' },
    note: 'empty body: 400 for the network admin',
  },

  // ---- public directory and API v1 ------------------------------------------------------------
  { method: 'GET', path: '/', who: publicPage },
  { method: 'GET', path: '/firms', who: publicPage },
  { method: 'GET', path: '/firms/:id', who: publicPage, params: { id: 'listingId' } },
  { method: 'GET', path: '/firms/by-firm/:firmId', who: all(302), note: 'redirects to the listing of the firm' },
  { method: 'GET', path: '/api/docs', who: publicPage },
  { method: 'GET', path: '/api/openapi.json', who: publicPage },
  { method: 'GET', path: '/api/v1/firms', who: publicPage },
  { method: 'ALL', path: '/api/v1/*', middleware: true, note: 'CORS for the public API' },
  { method: 'GET', path: '/api/v1/firms/:id', who: publicPage, params: { id: 'listingId' } },
  { method: 'GET', path: '/api/v1/places/municipalities', who: publicPage },
  { method: 'GET', path: '/api/v1/places/counties', who: publicPage },
  { method: 'GET', path: '/api/v1/sectors', who: publicPage },
  { method: 'GET', path: '/api/v1/categories', who: publicPage },
  { method: 'GET', path: '/sitemap.xml', who: publicPage },
  { method: 'GET', path: '/sitemaps/:file', who: publicRoute, params: { file: 'token' }, note: 'an unknown page answers 404 (public: fine)' },
  { method: 'GET', path: '/robots.txt', who: publicPage },
  { method: 'GET', path: '/manifest.webmanifest', who: publicPage },
  { method: 'GET', path: '/favicon.svg', who: publicPage },
  { method: 'GET', path: '/favicon.ico', who: all(301) },
  { method: 'GET', path: '/brand.css', who: publicPage },

  // ---- coaching --------------------------------------------------------------------------
  { method: 'GET', path: '/coaching', who: coachesAnywhere },
  { method: 'GET', path: '/coaching/cases', who: coachesAnywhere },
  { method: 'GET', path: '/coaching/cases/export', who: coachesAnywhere },
  { method: 'GET', path: '/coaching/cases/new', who: coachesAnywhere },
  { method: 'POST', path: '/coaching/cases', who: coachesAnywhere, note: 'empty body: 400; refused per organisation in the service' },
  { method: 'GET', path: '/coaching/cases/:caseId', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/status', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/coaches', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/entries', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/contacts', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/consents', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/outcomes', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/referrals', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/entries/:entryId/done', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/contacts/:contactId/erase', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/consents/:consentId/revoke', who: caseTeam },
  { method: 'GET', path: '/coaching/cases/:caseId/entries/:entryId', who: caseTeam },
  { method: 'POST', path: '/coaching/cases/:caseId/documents', who: caseTeam, note: 'empty body: 400 (choose a file)' },
  {
    method: 'GET',
    path: '/coaching/cases/:caseId/entries/:entryId/file',
    who: caseTeam,
    params: { entryId: 'documentEntryId' },
    note: 'the document, read like a note (logged)',
  },
  {
    method: 'POST',
    path: '/coaching/cases/:caseId/entries/:entryId/erase-file',
    who: caseTeam,
    params: { entryId: 'spareDocumentEntryId' },
    prepare: 'coachingDocument',
  },
  { method: 'GET', path: '/coaching/referrals', who: coachesAnywhere },
  { method: 'GET', path: '/coaching/referrals/:referralId', who: coachesAnywhere, note: 'sender (A) and receiver (B)' },
  {
    method: 'POST',
    path: '/coaching/referrals/:referralId/decide',
    who: { ...caseTeam, otherCoach: 'ok', coach: 'denied', orgAdmin: 'denied' },
    note: 'the receiving organisation (B) only',
  },
  { method: 'POST', path: '/coaching/referrals/:referralId/result', who: coachesAnywhere },
  { method: 'GET', path: '/coaching/organisations/:orgId/note-reads', who: { ...caseTeam, coach: 'denied' } },
  { method: 'GET', path: '/coaching/my-firms', who: { ...firmPeople, networkAdmin: 'denied' }, note: 'redirects a firm person to their firm page' },
  { method: 'GET', path: '/coaching/firms/:firmId', who: signedIn },
  { method: 'GET', path: '/coaching/calendar', who: coachesAnywhere },
  { method: 'POST', path: '/coaching/calendar/activities', who: coachesAnywhere, note: 'empty body: 400' },
  { method: 'GET', path: '/coaching/calendar/feeds', who: coachesAnywhere },
  { method: 'POST', path: '/coaching/calendar/feeds', who: coachesAnywhere, note: "empty body renews the person's own feed" },
  { method: 'GET', path: '/coaching/feeds/:file', who: publicRoute, params: { file: 'token' }, note: 'the secret token is the key; unknown tokens 404' },

  // ---- support navigator ------------------------------------------------------------------
  { method: 'GET', path: '/navigator', who: publicPage },
  { method: 'GET', path: '/navigator/offers.json', who: publicPage },
  { method: 'GET', path: '/navigator/offers.csv', who: publicPage },
  { method: 'GET', path: '/navigator/offers/:key', who: publicPage, params: { key: 'navigatorOfferKey' } },
  { method: 'POST', path: '/navigator/notify', who: publicRoute, note: 'empty body: 400 (the facts and an e-mail are needed)' },
  { method: 'GET', path: '/navigator/notify/:token', who: publicRoute, note: 'an unknown link token: 404' },
  { method: 'POST', path: '/navigator/notify/:token/confirm', who: publicRoute, note: 'an unknown link token: 404' },
  { method: 'POST', path: '/navigator/notify/:token/stop', who: publicRoute, note: 'an unknown link token: 404' },
  {
    method: 'GET',
    path: '/navigator/firms/:firmId',
    who: coveringReviewers,
    note: "the firm's de minimis ledger: coaches and admins of organisations covering it",
  },
  { method: 'POST', path: '/navigator/firms/:firmId/de-minimis', who: coveringReviewers, note: 'empty body: 400' },
  {
    method: 'POST',
    path: '/navigator/rates',
    who: { anonymous: 'signin', firmMember: 'denied', otherCoach: 'ok', coach: 'ok', orgAdmin: 'ok', networkAdmin: 'ok' },
    note: 'any coach or organisation admin adds a missing ECB rate (never changes one); empty body: 400',
  },
  { method: 'GET', path: '/navigator/admin', who: networkAdminOnly, note: "and the providers' contact people (none in the fixture)" },
  { method: 'GET', path: '/navigator/admin/offers/:key', who: networkAdminOnly, params: { key: 'navigatorOfferKey' } },
  { method: 'POST', path: '/navigator/admin/offers/:key', who: networkAdminOnly, params: { key: 'navigatorOfferKey' }, note: 'empty body: 400' },
  { method: 'POST', path: '/navigator/admin/import', who: networkAdminOnly, note: 'empty body: 400' },
  { method: 'POST', path: '/navigator/admin/contacts', who: networkAdminOnly, note: 'empty body: 400' },

  // ---- events -------------------------------------------------------------------------------
  { method: 'GET', path: '/events', who: publicPage },
  { method: 'GET', path: '/events/feed.ics', who: publicPage },
  { method: 'GET', path: '/events/organisations/:orgId', who: publicPage },
  { method: 'GET', path: '/events/organisations/:orgId/feed.ics', who: publicPage },
  { method: 'GET', path: '/events/r/:token', who: publicRoute, note: "a person's own registration by the secret in their e-mail; unknown tokens 404" },
  { method: 'POST', path: '/events/r/:token/cancel', who: publicRoute, note: 'cancel link from the e-mail; unknown tokens 404' },
  { method: 'GET', path: '/events/manage', who: { ...staffOfOrg, otherCoach: 'ok' }, note: 'each organiser sees the events of their organisations' },
  { method: 'GET', path: '/events/manage/new', who: { ...staffOfOrg, otherCoach: 'ok' } },
  { method: 'POST', path: '/events/manage/new', who: { ...staffOfOrg, otherCoach: 'ok' }, note: 'the service then checks the chosen organisation' },
  { method: 'GET', path: '/events/manage/:eventId', who: staffOfOrg },
  { method: 'POST', path: '/events/manage/:eventId', who: staffOfOrg },
  { method: 'POST', path: '/events/manage/:eventId/publish', who: staffOfOrg },
  {
    method: 'POST',
    path: '/events/manage/:eventId/cancel',
    who: staffOfOrg,
    note: 'after the first allowed role the event is cancelled; later ones meet 303 (nothing to do)',
  },
  { method: 'POST', path: '/events/manage/:eventId/duplicate', who: staffOfOrg },
  { method: 'GET', path: '/events/manage/:eventId/participants', who: staffOfOrg },
  { method: 'GET', path: '/events/manage/:eventId/participants.csv', who: staffOfOrg },
  { method: 'GET', path: '/events/manage/:eventId/participants.xlsx', who: staffOfOrg },
  { method: 'POST', path: '/events/manage/:eventId/message', who: staffOfOrg },
  { method: 'GET', path: '/events/manage/:eventId/check-in', who: staffOfOrg },
  { method: 'POST', path: '/events/manage/:eventId/check-in', who: staffOfOrg },
  { method: 'POST', path: '/events/manage/:eventId/check-in/:registrationId/undo', who: staffOfOrg },
  { method: 'POST', path: '/events/manage/:eventId/walk-in', who: staffOfOrg },
  { method: 'POST', path: '/events/manage/:eventId/no-shows', who: staffOfOrg },
  { method: 'GET', path: '/events/:eventId', who: publicPage },
  { method: 'GET', path: '/events/:eventId/event.ics', who: publicPage },
  { method: 'POST', path: '/events/:eventId/sign-up', who: publicRoute, note: 'an empty body is refused (400); the audience is checked by the service' },

  // ---- academy ----------------------------------------------------------------------------------
  { method: 'GET', path: '/academy', who: publicPage },
  { method: 'GET', path: '/academy/courses/:courseId', who: publicPage, params: { courseId: 'academyCourseId' } },
  { method: 'GET', path: '/academy/my', who: signedIn },
  {
    method: 'GET',
    path: '/academy/courses/:courseId/lessons/:lessonId',
    who: signedIn,
    params: { courseId: 'academyCourseId', lessonId: 'academyLessonId' },
    note: 'a signed-in person not enrolled is sent (303) to the course page to enrol',
  },
  ...(['progress', 'quiz', 'watched-external'] as const).map(
    (tail): MatrixEntry => ({
      method: 'POST',
      path: `/academy/courses/:courseId/lessons/:lessonId/${tail}`,
      who: { anonymous: 'signin', firmMember: 'ok', otherCoach: 'denied', coach: 'denied', orgAdmin: 'denied', networkAdmin: 'denied' },
      params: { courseId: 'academyCourseId', lessonId: 'academyLessonId' },
      note: "the learner's own records: 400 for an empty report, 400 'not an external film', 200 quiz",
    }),
  ),
  {
    method: 'GET',
    path: '/academy/lessons/:lessonId/files/:fileId',
    who: { anonymous: 'signin', firmMember: 'ok', otherCoach: 'denied', coach: 'denied', orgAdmin: 'ok', networkAdmin: 'ok' },
    params: { lessonId: 'academyLessonId', fileId: 'academyVideoFileId' },
    note: 'learners of the course and its authors (org A admins and editors)',
  },
  ...(['certificate', 'certificate.pdf'] as const).map(
    (tail): MatrixEntry => ({
      method: 'GET',
      path: `/academy/courses/:courseId/${tail}`,
      who: { anonymous: 'signin', firmMember: 'ok', otherCoach: 'hidden', coach: 'hidden', orgAdmin: 'hidden', networkAdmin: 'hidden' },
      params: { courseId: 'academyCourseId' },
      note: 'one’s own certificate; others have none for this course',
    }),
  ),
  { method: 'GET', path: '/academy/verify/:code', who: publicPage, params: { code: 'academyCertificateCode' } },
  { method: 'GET', path: '/academy/author', who: { ...orgAdminOnly, otherCoach: 'denied' } },
  { method: 'POST', path: '/academy/author/courses', who: { ...orgAdminOnly, otherCoach: 'denied' }, note: 'empty body: 400 for authors' },
  ...(['', '/lessons', '/publish'] as const).map(
    (tail): MatrixEntry => ({
      method: 'POST',
      path: `/academy/author/courses/:courseId${tail}`,
      who: orgAdminOnly,
      params: { courseId: 'academyCourseId' },
      note: 'authors of org A (admins, editors): empty bodies answer 400; publish makes a new version',
    }),
  ),
  { method: 'GET', path: '/academy/author/courses/:courseId', who: orgAdminOnly, params: { courseId: 'academyCourseId' } },
  { method: 'GET', path: '/academy/author/lessons/:lessonId', who: orgAdminOnly, params: { lessonId: 'academyLessonId' } },
  { method: 'GET', path: '/academy/author/lessons/:lessonId/preview', who: orgAdminOnly, params: { lessonId: 'academyLessonId' } },
  ...(['', '/video', '/video-file', '/captions', '/move'] as const).map(
    (tail): MatrixEntry => ({
      method: 'POST',
      path: `/academy/author/lessons/:lessonId${tail}`,
      who: orgAdminOnly,
      params: { lessonId: 'academyLessonId' },
      note: 'empty bodies: 400 for the authors',
    }),
  ),
  {
    method: 'POST',
    path: '/academy/author/lessons/:lessonId/remove',
    who: orgAdminOnly,
    params: { lessonId: 'academySpareLessonId' },
    prepare: 'academyLesson',
  },
  { method: 'GET', path: '/academy/organisations', who: signedIn },
  { method: 'GET', path: '/academy/organisations/:orgId', who: staffOfOrg },
  { method: 'POST', path: '/academy/organisations/:orgId/offerings', who: orgAdminOnly, note: 'empty body: 400 for the admin' },
  {
    method: 'POST',
    path: '/academy/organisations/:orgId/offerings/:courseId/remove',
    who: orgAdminOnly,
    params: { courseId: 'academyCourseId' },
    note: "A's own course: 409 (the author always offers it)",
  },
  {
    method: 'POST',
    path: '/academy/courses/:courseId/enrol',
    who: signedIn,
    params: { courseId: 'academyOtherCourseId' },
    note: 'enrols in the second course, so the first keeps only the firm member enrolled',
  },

  // ---- local spend (issue 14): analysts and admins of the buyer (and of organisations it shares with); not coaches, not the network admin
  { method: 'GET', path: '/spend/public', who: publicPage },
  { method: 'GET', path: '/spend/public/:orgId', who: publicRoute, params: { orgId: 'orgId' }, note: '404 until the buyer publishes a year' },
  { method: 'GET', path: '/spend', who: { ...staffOfOrg, coach: 'denied', networkAdmin: 'denied' } },
  { method: 'GET', path: '/spend/:orgId', who: { ...orgAdminOnly, networkAdmin: 'denied' } },
  { method: 'POST', path: '/spend/:orgId/uploads', who: { ...orgAdminOnly, networkAdmin: 'denied' }, note: 'no files: 400' },
  { method: 'GET', path: '/spend/:orgId/uploads/:uploadId', who: { ...orgAdminOnly, networkAdmin: 'denied' }, params: { uploadId: 'spendUploadId' } },
  { method: 'GET', path: '/spend/:orgId/uploads/:uploadId/status', who: { ...orgAdminOnly, networkAdmin: 'denied' }, params: { uploadId: 'spendUploadId' } },
  {
    method: 'POST',
    path: '/spend/:orgId/uploads/:uploadId/files/:fileId/mapping',
    who: { ...orgAdminOnly, networkAdmin: 'denied' },
    params: { uploadId: 'spendUploadId', fileId: 'spendFileId' },
    note: 'the fixture file is unreadable: 400',
  },
  {
    method: 'POST',
    path: '/spend/:orgId/uploads/:uploadId/import',
    who: { ...orgAdminOnly, networkAdmin: 'denied' },
    params: { uploadId: 'spendUploadId' },
    note: 'empty body: 400',
  },
  { method: 'POST', path: '/spend/:orgId/uploads/:uploadId/discard', who: { ...orgAdminOnly, networkAdmin: 'denied' }, params: { uploadId: 'spendUploadId' } },
  { method: 'GET', path: '/spend/:orgId/suppliers', who: { ...orgAdminOnly, networkAdmin: 'denied' } },
  { method: 'POST', path: '/spend/:orgId/suppliers/confirm', who: { ...orgAdminOnly, networkAdmin: 'denied' }, note: 'empty body: 400' },
  { method: 'GET', path: '/spend/:orgId/results', who: { ...orgAdminOnly, networkAdmin: 'denied' } },
  { method: 'GET', path: '/spend/:orgId/report', who: { ...orgAdminOnly, networkAdmin: 'denied' } },
  {
    method: 'GET',
    path: '/spend/:orgId/export/:table',
    who: { ...orgAdminOnly, networkAdmin: 'denied' },
    params: { table: 'spendTable' },
    note: 'no format: 400',
  },
  { method: 'POST', path: '/spend/:orgId/lm3', who: { ...orgAdminOnly, networkAdmin: 'denied' } },
  { method: 'GET', path: '/spend/:orgId/sharing', who: { ...orgAdminOnly, networkAdmin: 'denied' } },
  { method: 'POST', path: '/spend/:orgId/sharing', who: { ...orgAdminOnly, networkAdmin: 'denied' }, note: 'empty body: 400' },
  { method: 'POST', path: '/spend/:orgId/publish', who: { ...orgAdminOnly, networkAdmin: 'denied' }, note: 'empty body: 400' },

  // ---- procurement (/tenders): public notices; a firm's matches; staff views; bidding groups ---------
  { method: 'GET', path: '/tenders', who: publicPage },
  { method: 'GET', path: '/tenders/:noticeId', who: publicPage },
  { method: 'GET', path: '/tenders/my', who: signedIn, note: "the firm's people are sent to their firm's page" },
  { method: 'GET', path: '/tenders/area', who: staffOfAnyOrg },
  { method: 'GET', path: '/tenders/buyers', who: staffOfAnyOrg },
  { method: 'GET', path: '/tenders/buyers/:country/:nationalId', who: staffOfAnyOrg, params: { country: 'buyerCountry', nationalId: 'buyerNationalId' } },
  {
    method: 'GET',
    path: '/tenders/firms/:firmId',
    who: { ...coveringReviewers, firmMember: 'ok' },
    note: "the firm's people, staff covering it, the network admin",
  },
  { method: 'POST', path: '/tenders/firms/:firmId/interests', who: firmPeople, note: 'empty body: 400 for those allowed' },
  {
    method: 'POST',
    path: '/tenders/:noticeId/groups',
    who: { anonymous: 'signin', firmMember: 'ok', otherCoach: 'denied', coach: 'denied', orgAdmin: 'denied', networkAdmin: 'denied' },
    note: 'a firm of ones own leads; empty body: 400',
  },
  {
    method: 'GET',
    path: '/tenders/groups/:groupId',
    who: groupOnly,
    params: { groupId: 'tenderGroupId' },
    note: 'to outsiders (network admin included) a group does not exist',
  },
  { method: 'POST', path: '/tenders/groups/:groupId/members', who: groupOnly, params: { groupId: 'tenderGroupId' } },
  { method: 'POST', path: '/tenders/groups/:groupId/members/:firmId/answer', who: groupOnly, params: { groupId: 'tenderGroupId' } },
  { method: 'POST', path: '/tenders/groups/:groupId/messages', who: groupOnly, params: { groupId: 'tenderGroupId' } },
  { method: 'POST', path: '/tenders/groups/:groupId/checklist', who: groupOnly, params: { groupId: 'tenderGroupId' } },
  { method: 'POST', path: '/tenders/groups/:groupId/checklist/:itemId', who: groupOnly, params: { groupId: 'tenderGroupId', itemId: 'tenderGroupId' } },
  { method: 'POST', path: '/tenders/groups/:groupId/status', who: groupOnly, params: { groupId: 'tenderGroupId' } },
  { method: 'POST', path: '/tenders/groups/:groupId/coach', who: groupOnly, params: { groupId: 'tenderGroupId' } },

  // ---- city gift card (issue 17) ----------------------------------------------------------------
  { method: 'GET', path: '/giftcard', who: publicPage },
  { method: 'POST', path: '/giftcard/balance', who: publicRoute, note: 'empty body: 400 for everyone' },
  { method: 'GET', path: '/giftcard/my', who: signedIn },
  { method: 'GET', path: '/giftcard/programmes/:programmeId/buy', who: publicPage, params: { programmeId: 'giftProgrammeId' } },
  { method: 'POST', path: '/giftcard/programmes/:programmeId/buy', who: publicRoute, params: { programmeId: 'giftProgrammeId' } },
  { method: 'GET', path: '/giftcard/pay/test/:ref', who: publicRoute, params: { ref: 'token' }, note: 'the test payment provider: 404 for an unknown payment' },
  { method: 'POST', path: '/giftcard/pay/test/:ref', who: publicRoute, params: { ref: 'token' } },
  { method: 'GET', path: '/giftcard/orders/:reference', who: publicRoute, params: { reference: 'token' } },
  {
    method: 'GET',
    path: '/giftcard/admin',
    who: { anonymous: 'signin', firmMember: 'denied', otherCoach: 'ok', coach: 'ok', orgAdmin: 'ok', networkAdmin: 'ok' },
  },
  { method: 'POST', path: '/giftcard/organisations/:orgId/programmes', who: orgAdminOnly },
  { method: 'GET', path: '/giftcard/programmes/:programmeId', who: staffOfOrg, params: { programmeId: 'giftProgrammeId' } },
  { method: 'POST', path: '/giftcard/programmes/:programmeId/shops', who: orgAdminOnly, params: { programmeId: 'giftProgrammeId' } },
  {
    method: 'POST',
    path: '/giftcard/programmes/:programmeId/shops/:shopId/leave',
    who: orgAdminOnly,
    params: { programmeId: 'giftProgrammeId', shopId: 'giftShopId' },
  },
  { method: 'POST', path: '/giftcard/programmes/:programmeId/batches', who: staffOfOrg, params: { programmeId: 'giftProgrammeId' } },
  {
    method: 'GET',
    path: '/giftcard/programmes/:programmeId/batches/:batchId',
    who: staffOfOrg,
    params: { programmeId: 'giftProgrammeId', batchId: 'giftBatchId' },
  },
  {
    method: 'GET',
    path: '/giftcard/programmes/:programmeId/batches/:batchId/codes.csv',
    who: staffOfOrg,
    params: { programmeId: 'giftProgrammeId', batchId: 'giftBatchId' },
  },
  { method: 'GET', path: '/giftcard/programmes/:programmeId/cards/:cardId', who: staffOfOrg, params: { programmeId: 'giftProgrammeId', cardId: 'giftCardId' } },
  { method: 'POST', path: '/giftcard/programmes/:programmeId/settlements', who: orgAdminOnly, params: { programmeId: 'giftProgrammeId' } },
  {
    method: 'GET',
    path: '/giftcard/programmes/:programmeId/settlements/:settlementId',
    who: staffOfOrg,
    params: { programmeId: 'giftProgrammeId', settlementId: 'giftSettlementId' },
  },
  {
    method: 'GET',
    path: '/giftcard/programmes/:programmeId/settlements/:settlementId/pain001.xml',
    who: orgAdminOnly,
    params: { programmeId: 'giftProgrammeId', settlementId: 'giftSettlementId' },
  },
  {
    method: 'GET',
    path: '/giftcard/programmes/:programmeId/settlements/:settlementId/report.csv',
    who: staffOfOrg,
    params: { programmeId: 'giftProgrammeId', settlementId: 'giftSettlementId' },
  },
  { method: 'GET', path: '/giftcard/programmes/:programmeId/reports', who: staffOfOrg, params: { programmeId: 'giftProgrammeId' } },
  { method: 'GET', path: '/giftcard/counter', who: signedIn },
  { method: 'GET', path: '/giftcard/counter/:shopId', who: shopStaff, params: { shopId: 'giftShopId' } },
  { method: 'POST', path: '/giftcard/counter/:shopId/lookup', who: shopStaff, params: { shopId: 'giftShopId' } },
  { method: 'POST', path: '/giftcard/counter/:shopId/redeem', who: shopStaff, params: { shopId: 'giftShopId' } },
  { method: 'POST', path: '/giftcard/counter/:shopId/reverse', who: shopStaff, params: { shopId: 'giftShopId' } },
  { method: 'GET', path: '/giftcard/counter/:shopId/receipts/:entryId', who: shopStaff, params: { shopId: 'giftShopId', entryId: 'giftEntryId' } },
  { method: 'POST', path: '/giftcard/counter/:shopId/receipts/:entryId/mail', who: shopStaff, params: { shopId: 'giftShopId', entryId: 'giftEntryId' } },
  // ---- surveys (src/modules/surveys): answering is public and anonymous; building needs a builder of the survey's organisation
  { method: 'GET', path: '/surveys', who: publicPage },
  {
    method: 'GET',
    path: '/surveys/s/:token',
    who: all('ok'),
    params: { token: 'surveyToken' },
    note: 'an open public survey: 200 (409 once a builder closed it)',
  },
  { method: 'POST', path: '/surveys/s/:token', who: all('ok'), params: { token: 'surveyToken' }, note: 'no answers: 400 naming them' },
  { method: 'GET', path: '/surveys/i/:invitation', who: all('hidden'), params: { invitation: 'token' }, note: 'an unknown invitation' },
  { method: 'POST', path: '/surveys/i/:invitation', who: all('hidden'), params: { invitation: 'token' } },
  { method: 'GET', path: '/surveys/:surveyId/results', who: publicPage, note: 'published results' },
  {
    method: 'GET',
    path: '/surveys/firms/:firmId',
    who: { ...signedIn, firmMember: 'ok', otherCoach: 'ok' },
    note: "what customers miss: the firm's people and the network's staff",
  },
  { method: 'GET', path: '/surveys/manage', who: staffOfAnyOrg },
  { method: 'GET', path: '/surveys/manage/new', who: staffOfAnyOrg },
  { method: 'POST', path: '/surveys/manage/new', who: staffOfAnyOrg, note: 'empty body: 400' },
  { method: 'GET', path: '/surveys/manage/:surveyId', who: staffOfOrg },
  { method: 'GET', path: '/surveys/manage/:surveyId/edit', who: staffOfOrg, note: 'builders: admin, editor, coach' },
  { method: 'POST', path: '/surveys/manage/:surveyId/edit', who: staffOfOrg, note: 'empty body: 400' },
  { method: 'POST', path: '/surveys/manage/:surveyId/questions', who: staffOfOrg, note: 'answered already: 409' },
  { method: 'POST', path: '/surveys/manage/:surveyId/questions/:questionId/delete', who: staffOfOrg, note: 'answered already: 409' },
  { method: 'POST', path: '/surveys/manage/:surveyId/open', who: staffOfOrg },
  { method: 'POST', path: '/surveys/manage/:surveyId/close', who: staffOfOrg },
  { method: 'POST', path: '/surveys/manage/:surveyId/invitations', who: staffOfOrg, note: 'empty body: 400' },
  { method: 'GET', path: '/surveys/manage/:surveyId/qr.svg', who: staffOfOrg },
  { method: 'GET', path: '/surveys/manage/:surveyId/results', who: staffOfOrg },
  { method: 'GET', path: '/surveys/manage/:surveyId/results.csv', who: staffOfOrg },
  { method: 'GET', path: '/surveys/manage/:surveyId/results.xlsx', who: staffOfOrg },
  { method: 'GET', path: '/surveys/manage/:surveyId/texts', who: staffOfOrg },
  { method: 'POST', path: '/surveys/manage/:surveyId/texts/:answerId/tags', who: staffOfOrg },
  {
    method: 'GET',
    path: '/surveys/manage/:surveyId/contacts',
    who: { ...orgAdminOnly, networkAdmin: 'denied' },
    note: "personal data: the organisation's admins only",
  },
  { method: 'POST', path: '/surveys/manage/:surveyId/contacts', who: { ...orgAdminOnly, networkAdmin: 'denied' }, note: 'no purpose: 400' },
  {
    method: 'POST',
    path: '/surveys/manage/:surveyId/contacts/:contactId/erase',
    params: { contactId: 'surveyContactId' },
    who: { ...orgAdminOnly, networkAdmin: 'denied', orgAdmin: 'public' },
    note: 'the first erasure removes the contact (later ones 404)',
  },

  // ---- storefront (issue 16) ----------------------------------------------------------
  { method: 'GET', path: '/storefront', who: publicPage },
  { method: 'GET', path: '/storefront/products/:productId', who: publicPage, params: { productId: 'sfProductId' } },
  { method: 'GET', path: '/storefront/basket', who: publicPage },
  { method: 'GET', path: '/storefront/images/:productId', who: publicRoute, params: { productId: 'sfProductId' }, note: 'no picture: 404' },
  { method: 'GET', path: '/storefront/images/:productId/thumb', who: publicRoute, params: { productId: 'sfProductId' } },
  { method: 'POST', path: '/storefront/basket/add', who: publicRoute, note: 'empty body: 400 for everyone' },
  { method: 'POST', path: '/storefront/basket/remove', who: publicRoute },
  { method: 'POST', path: '/storefront/basket/reserve', who: publicRoute, note: 'empty basket: 400' },
  { method: 'GET', path: '/storefront/baskets/:token', who: publicPage, params: { token: 'sfBasketToken' }, note: 'the secret link is the key' },
  { method: 'GET', path: '/storefront/reservations/:token', who: publicPage, params: { token: 'sfReservationToken' } },
  { method: 'POST', path: '/storefront/reservations/:token/cancel', who: publicRoute, note: 'an unknown token: 404' },
  { method: 'GET', path: '/storefront/shop', who: signedIn },
  { method: 'POST', path: '/storefront/shop/setup', who: signedIn, note: 'empty body: 400; the firm is checked on a valid one' },
  { method: 'GET', path: '/storefront/shop/:shopId', who: shopStaff, params: { shopId: 'sfShopId' } },
  {
    method: 'POST',
    path: '/storefront/shop/:shopId/reservations/:reservationId/step',
    who: shopStaff,
    params: { shopId: 'sfShopId', reservationId: 'sfReservationId' },
    note: 'empty body: 400 for the shop',
  },
  {
    method: 'POST',
    path: '/storefront/shop/:shopId/reservations/:reservationId/decline',
    who: shopStaff,
    params: { shopId: 'sfShopId', reservationId: 'sfReservationId' },
  },
  { method: 'GET', path: '/storefront/shop/:shopId/products', who: shopStaff, params: { shopId: 'sfShopId' } },
  { method: 'POST', path: '/storefront/shop/:shopId/products', who: shopStaff, params: { shopId: 'sfShopId' } },
  {
    method: 'POST',
    path: '/storefront/shop/:shopId/products/:productId/unpublish',
    who: shopStaff,
    params: { shopId: 'sfShopId', productId: 'sfSpareProductId' },
  },
  { method: 'POST', path: '/storefront/shop/:shopId/stock', who: shopStaff, params: { shopId: 'sfShopId' } },
  {
    method: 'POST',
    path: '/storefront/shop/:shopId/products/:productId/image',
    who: shopStaff,
    params: { shopId: 'sfShopId', productId: 'sfProductId' },
    note: 'no file: 400',
  },
  { method: 'POST', path: '/storefront/shop/:shopId/settings', who: shopStaff, params: { shopId: 'sfShopId' } },
  { method: 'POST', path: '/storefront/shop/:shopId/import', who: shopStaff, params: { shopId: 'sfShopId' }, note: 'no file: 400' },
  { method: 'GET', path: '/storefront/activity', who: staffOfAnyOrg },
  // ---- reporting (src/modules/reporting): figures for the organisation's staff; the firms behind them for its admins and coaches only
  { method: 'GET', path: '/reports', who: staffOfAnyOrg },
  { method: 'GET', path: '/reports/r/:scope/:template', who: staffOfOrg, params: { scope: 'reportScope', template: 'reportTemplate' } },
  {
    method: 'GET',
    path: '/reports/r/:scope/:template/firms',
    who: caseTeam,
    params: { scope: 'reportScope', template: 'reportTemplate' },
    note: 'the network admin has no standing right to see who had coaching (as in coaching)',
  },
  { method: 'GET', path: '/reports/r/:scope/:template/report.csv', who: staffOfOrg, params: { scope: 'reportScope', template: 'reportTemplate' } },
  { method: 'GET', path: '/reports/r/:scope/:template/report.xlsx', who: staffOfOrg, params: { scope: 'reportScope', template: 'reportTemplate' } },
  { method: 'POST', path: '/reports/r/:scope/:template/freeze', who: orgAdminOnly, params: { scope: 'reportScope', template: 'reportTemplate' } },
  { method: 'GET', path: '/reports/frozen/:frozenId', who: staffOfOrg, params: { frozenId: 'frozenReportId' } },
  { method: 'GET', path: '/reports/projects/new', who: orgAdminOnly },
  { method: 'POST', path: '/reports/projects', who: orgAdminOnly, note: 'empty body: 400' },
  { method: 'GET', path: '/reports/projects/:projectId', who: staffOfOrg, params: { projectId: 'reportProjectId' } },
  {
    method: 'POST',
    path: '/reports/projects/:projectId/tags',
    who: staffOfOrg,
    params: { projectId: 'reportProjectId' },
    note: 'admins and coaches of the lead organisation; empty body: 400',
  },
  { method: 'GET', path: '/reports/firm-facts', who: staffOfAnyOrg, note: 'admins and coaches anywhere' },
  { method: 'POST', path: '/reports/firm-facts', who: staffOfAnyOrg, note: 'empty body: 400' },
];
