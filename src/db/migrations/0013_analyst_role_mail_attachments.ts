export const up = /* sql */ `
-- A fourth staff role: analysts read and upload purchase ledgers (local spend) and reports
-- without running cases or editing the organisation.
alter table staff_roles drop constraint if exists staff_roles_role_check;
alter table staff_roles add constraint staff_roles_role_check check (role in ('org_admin', 'coach', 'editor', 'analyst'));
alter table invitations drop constraint if exists invitations_role_check;
alter table invitations add constraint invitations_role_check check (role in ('org_admin', 'coach', 'editor', 'analyst'));

-- Mail may carry small attachments (an event's .ics, a receipt); the development outbox keeps them too.
alter table mail_outbox add column attachments jsonb;
`;
