import { definePolicies, hasRoleIn, isNetworkAdmin, isStaffAnywhere } from '../../shared/access/access.js';
import type { SessionUser } from '../../shared/http/auth.js';

/**
 * Who may do what with funder reports. A report's scope is its organisations: an organisation's own
 * report, or a project's lead organisation first and then its participating organisations.
 */
export interface ReportAccessScope {
  leadOrganisationId: number;
  organisationIds: number[];
}

export const reportingAccess = definePolicies({
  // The reports page: staff of any organisation (each sees their own) and the network admin.
  'reporting.report.list': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u),
  // A report's figures (no firm named): any staff of the lead or a participating organisation, and the network admin.
  'reporting.report.read': (u: SessionUser, s: ReportAccessScope) => isNetworkAdmin(u) || s.organisationIds.some((id) => hasRoleIn(u, id)),
  // The firms behind a figure (who had coaching, who came): the lead organisation's admins and coaches only,
  // the network admin included in none of it (no standing right to coaching's data); every read is logged.
  'reporting.firms.read': (u: SessionUser, s: ReportAccessScope) => hasRoleIn(u, s.leadOrganisationId, ['org_admin', 'coach']),
  // Freezing a report for the funder: the lead organisation's admins and the network admin.
  'reporting.report.freeze': (u: SessionUser, s: ReportAccessScope) => isNetworkAdmin(u) || hasRoleIn(u, s.leadOrganisationId, ['org_admin']),
  // Creating a project (led by an organisation; undefined: the form, for an admin of any organisation).
  'reporting.project.create': (u: SessionUser, organisationId: number | undefined) =>
    isNetworkAdmin(u) || (organisationId === undefined ? isStaffAnywhere(u, ['org_admin']) : hasRoleIn(u, organisationId, ['org_admin'])),
  // Tagging cases, events and courses to a project: the lead organisation's admins and coaches, and the network admin.
  'reporting.project.manage': (u: SessionUser, s: ReportAccessScope) => isNetworkAdmin(u) || hasRoleIn(u, s.leadOrganisationId, ['org_admin', 'coach']),
  // Recording a firm's size, turnover and leaders on a day: admins and coaches anywhere, and the network admin.
  'reporting.facts.record': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u, ['org_admin', 'coach']),
});

export const { requireAccess, can } = reportingAccess;
