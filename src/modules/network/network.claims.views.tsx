import { formatDate } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { publicFirmPath } from '../directory/directory.service.js';
import type { ClaimRequestDto } from '../registry/profile/profile.claims.service.js';
import { msg } from './network.messages.js';
import { DataTable } from '../../shared/views/data-table.js';
import { PostForm } from '../../shared/views/form.js';
import { NetworkQueuePage, type PageBase } from './network.views.js';

export function ClaimsQueuePage(props: PageBase & { claims: ClaimRequestDto[]; notice?: string }) {
  const l: Locale = props.locale;
  return (
    <NetworkQueuePage {...props} title={msg.claims[l]} intro={msg.personalDataNotice[l]}>
      <DataTable
        empty={{ isEmpty: props.claims.length === 0, text: msg.noClaims[l] }}
        label={msg.claims[l]}
        headers={[msg.firm[l], msg.municipality[l], msg.person[l], msg.requestedAt[l], msg.actions[l]]}
      >
        {props.claims.map((r) => {
          const hidden = format(msg.personHidden[l], { id: r.person.id });
          const who = r.person.name || r.person.email || `#${r.person.id}`;
          return (
            <tr>
              <td>
                <a href={publicFirmPath(r.firm.id)}>{r.firm.name}</a> ({r.firm.orgnr})
                {r.firm.website ? (
                  <>
                    <br />
                    {r.firm.website}
                  </>
                ) : null}
              </td>
              <td>{r.firm.municipality ?? ''}</td>
              <td>
                {r.person.email === null ? (
                  hidden
                ) : (
                  <>
                    {r.person.name}
                    <br />
                    {r.person.email}
                  </>
                )}{' '}
                ({r.person.isEmailVerified ? msg.emailVerified[l] : msg.emailUnverified[l]})
              </td>
              <td>
                <time datetime={r.requestedAt}>{formatDate(r.requestedAt, l)}</time>
              </td>
              <td>
                <PostForm action={`/network/claims/${r.firm.id}/${r.person.id}`} csrf={props.csrf} class="inline-form" label={`${r.firm.name}: ${who}`}>
                  <button type="submit" name="decision" value="approve">
                    {msg.approve[l]}
                  </button>{' '}
                  <button type="submit" name="decision" value="reject" class="secondary">
                    {msg.reject[l]}
                  </button>
                </PostForm>
              </td>
            </tr>
          );
        })}
      </DataTable>
    </NetworkQueuePage>
  );
}
