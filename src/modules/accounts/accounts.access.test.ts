import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionUser } from '../../shared/http/auth.js';
import { AppError } from '../../shared/errors.js';
import { canManageFirm, hasOrgRole, organisationIdsWithRole, requireFirmManager, requireNetworkAdmin, requireOrgAdmin, requireOrgRole, requireStaff, requireVerifiedEmail } from './accounts.access.js';

const base: SessionUser = { id: 1, email: 'a@example.no', displayName: 'A', isEmailVerified: true, isNetworkAdmin: false, roles: [], managedFirmIds: [], sessionId: 's' };
const coach: SessionUser = { ...base, roles: [{ organisationId: 1, role: 'coach' }, { organisationId: 2, role: 'org_admin' }] };
const admin: SessionUser = { ...base, isNetworkAdmin: true };
const owner: SessionUser = { ...base, managedFirmIds: [10], isEmailVerified: false };

const forbidden = (fn: () => unknown) => assert.throws(fn, (e: unknown) => e instanceof AppError && e.status === 403);

describe('access checks', () => {
  it('grants organisation roles only where they are held', () => {
    assert.equal(hasOrgRole(coach, 1, ['coach']), true);
    assert.equal(hasOrgRole(coach, 1, ['org_admin']), false);
    assert.equal(hasOrgRole(coach, 3), false);
    assert.deepEqual(organisationIdsWithRole(coach, ['org_admin']), [2]);
    assert.equal(requireOrgRole(coach, 1, ['coach']), coach);
    forbidden(() => requireOrgRole(coach, 3));
    forbidden(() => requireOrgAdmin(coach, 1));
    assert.equal(requireOrgAdmin(coach, 2), coach);
  });

  it('lets network admins through organisation and firm checks unless told not to', () => {
    assert.equal(requireOrgAdmin(admin, 99), admin);
    assert.equal(requireFirmManager(admin, 10), admin);
    forbidden(() => requireOrgRole(admin, 99, ['coach'], { allowNetworkAdmin: false }));
    assert.equal(requireNetworkAdmin(admin), admin);
    forbidden(() => requireNetworkAdmin(coach));
  });

  it('limits firm management to the firm\'s approved people', () => {
    assert.equal(canManageFirm(owner, 10), true);
    assert.equal(canManageFirm(owner, 11), false);
    forbidden(() => requireFirmManager(owner, 11));
    forbidden(() => requireFirmManager(coach, 10));
    forbidden(() => requireStaff(owner));
    assert.equal(requireStaff(coach), coach);
    forbidden(() => requireVerifiedEmail(owner));
  });
});
