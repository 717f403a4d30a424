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
  surveyId: number; // an open, published survey of A (public link) with one answer and one contact
  surveyToken: string;
  questionId: number;
  answerId: number;
  contactId: number;
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
  prepare?: 'product' | 'link' | 'image' | 'spareStaff' | 'offer';
  note?: string;
}

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
export const coveringReviewers: Who = { anonymous: 'signin', firmMember: 'denied', otherCoach: 'denied', coach: 'ok', orgAdmin: 'ok', networkAdmin: 'ok' };

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
    who: { ...orgAdminOnly, networkAdmin: 'denied', orgAdmin: 'public' },
    note: 'the first erasure removes the contact (later ones 404)',
  },
];
