import type { StaffRole } from '../../shared/http/auth.js';
import { msg } from './network.messages.js';
import type { OrganisationDto } from './network.schemas.js';
import type { StaffMemberDto } from './network.staff.service.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, PostForm, RowAction, SelectField } from '../../shared/views/form.js';
import { codeLabel, OrgPage, type FormError, type PageBase } from './network.views.js';

const roles: StaffRole[] = ['org_admin', 'coach', 'editor', 'analyst'];
export const roleLabel = codeLabel('role');

export function StaffPage(
  props: PageBase & {
    org: OrganisationDto;
    staff: StaffMemberDto[];
    invitations: { email: string; role: string | null; expiresAt: string }[];
    canEdit: boolean;
    error?: FormError;
    notice?: string;
  },
) {
  const l = props.locale;
  const base = `/network/organisations/${props.org.id}/staff`;
  const roleOptions = roles.map((r) => ({ value: r, label: roleLabel(l, r) }));
  return (
    <OrgPage {...props} title={msg.staff[l]} current="staff">
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      {props.staff.length === 0 ? (
        <p>{msg.noStaff[l]}</p>
      ) : (
        <DataTable label={msg.staff[l]} headers={[msg.name[l], msg.email[l], msg.role[l], props.canEdit ? msg.actions[l] : null]}>
          {props.staff.map((s) => (
            <tr>
              <td>{s.name}</td>
              <td>{s.email}</td>
              <td>{roleLabel(l, s.role)}</td>
              {props.canEdit ? (
                <td>
                  <PostForm action={`${base}/${s.userId}/role`} csrf={props.csrf} class="inline-form" label={`${msg.changeRole[l]}: ${s.name || s.email}`}>
                    <label for={`role-${s.userId}`} class="visually-hidden">
                      {msg.role[l]}
                    </label>
                    <select id={`role-${s.userId}`} name="role">
                      {roleOptions.map((o) => (
                        <option value={o.value} selected={o.value === s.role}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit">{msg.changeRole[l]}</button>
                  </PostForm>
                  <RowAction action={`${base}/${s.userId}/remove`} csrf={props.csrf} label={`${msg.remove[l]}: ${s.name || s.email}`} button={msg.remove[l]} />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {props.canEdit ? (
        <>
          {props.invitations.length ? (
            <section aria-labelledby="pending-invitations">
              <h2 id="pending-invitations">{msg.pendingInvitations[l]}</h2>
              <ul>
                {props.invitations.map((i) => (
                  <li>
                    {i.email} – {i.role ? roleLabel(l, i.role) : ''}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="add-staff">
            <h2 id="add-staff">{msg.addStaff[l]}</h2>
            <p>{msg.addStaffHint[l]}</p>
            <PostForm action={base} csrf={props.csrf}>
              <Field issues={props.error?.issues} label={msg.email[l]} name="email" type="email" required autocomplete="off" />
              <SelectField issues={props.error?.issues} label={msg.role[l]} name="role" value="coach" options={roleOptions} />
              <button type="submit">{msg.add[l]}</button>
            </PostForm>
          </section>
        </>
      ) : null}
    </OrgPage>
  );
}
