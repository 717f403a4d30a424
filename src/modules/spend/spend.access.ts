import { definePolicies, hasRoleIn, isStaffAnywhere } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * Local spend: a buyer's ledger is read by the analysts and admins of its own organisation and of
 * the organisations it shares it with; only its own analysts and admins bring ledgers and confirm
 * supplier matches; only its admins share and publish. Nobody else — the network admin included
 * (purchase ledgers are the buyer's business). The public sees only what a buyer publishes (the
 * public page reads the publication, not the ledger).
 */
const analysts: readonly StaffRole[] = ['analyst', 'org_admin'];
const admins: readonly StaffRole[] = ['org_admin'];

/** A ledger read: the owning organisation and the organisations it shares its spend with. */
export interface LedgerScope {
  organisationId: number;
  sharedWith: number[];
}

export const spendAccess = definePolicies({
  'spend.overview.list': (u: SessionUser, _: undefined) => isStaffAnywhere(u, analysts),
  'spend.ledger.read': (u: SessionUser, s: LedgerScope) => hasRoleIn(u, s.organisationId, analysts) || s.sharedWith.some((id) => hasRoleIn(u, id, analysts)),
  'spend.ledger.upload': (u: SessionUser, organisationId: number) => hasRoleIn(u, organisationId, analysts),
  'spend.supplier.confirm': (u: SessionUser, organisationId: number) => hasRoleIn(u, organisationId, analysts),
  'spend.sharing.manage': (u: SessionUser, organisationId: number) => hasRoleIn(u, organisationId, admins),
  'spend.publication.manage': (u: SessionUser, organisationId: number) => hasRoleIn(u, organisationId, admins),
});

export type SpendAction = (typeof spendAccess.actions)[number];
export const spendAnalysts = analysts;
