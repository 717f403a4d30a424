import type { FieldIssue } from '../../shared/errors.js';
import type { StaffRole } from '../../shared/http/auth.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { msg } from './network.messages.js';
import type { OrganisationDto } from './network.schemas.js';
import type { StaffMemberDto } from './network.staff.service.js';
import { ErrorSummary, Field, OrgPage, PostForm, SelectField, type PageBase } from './network.views.js';

const roles: StaffRole[] = ['org_admin', 'coach', 'editor'];
export const roleLabel = (l: Locale, r: string) => (msg as Record<string, Record<Locale, string>>)[`role_${r}`]?.[l] ?? r;

export function StaffPage(
  props: PageBase & {
    org: OrganisationDto;
    staff: StaffMemberDto[];
    invitations: { email: string; role: string | null; expiresAt: string }[];
    canEdit: boolean;
    error?: { message: string; issues: FieldIssue[] };
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
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{msg.name[l]}</th>
              <th scope="col">{msg.email[l]}</th>
              <th scope="col">{msg.role[l]}</th>
              {props.canEdit ? <th scope="col">{msg.actions[l]}</th> : null}
            </tr>
          </thead>
          <tbody>
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
                    <PostForm action={`${base}/${s.userId}/remove`} csrf={props.csrf} class="inline-form" label={`${msg.remove[l]}: ${s.name || s.email}`}>
                      <button type="submit" class="secondary">
                        {msg.remove[l]}
                      </button>
                    </PostForm>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
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
              <Field label={msg.email[l]} name="email" type="email" required autocomplete="off" />
              <SelectField label={msg.role[l]} name="role" value="coach" options={roleOptions} />
              <button type="submit">{msg.add[l]}</button>
            </PostForm>
          </section>
        </>
      ) : null}
    </OrgPage>
  );
}
