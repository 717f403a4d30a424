import { formatDate, formatMoney } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { msg } from './network.messages.js';
import { type CoverageRequestDto, type MembershipOfferDto } from './network.schemas.js';
import { DataTable } from '../../shared/views/data-table.js';
import { Notice, PostForm } from '../../shared/views/form.js';
import { NetworkQueuePage, type PageBase } from './network.views.js';

const period = (l: Locale, from: string, to: string | null) => `${from} – ${to ?? msg.openEnded[l]}`;

/** The queue of coverage that overlaps another organisation's: decided by the network admin or the other organisation. */
export function CoverageRequestsPage(props: PageBase & { requests: CoverageRequestDto[]; notice?: string }) {
  const l = props.locale;
  return (
    <NetworkQueuePage {...props} title={msg.coverageRequests[l]} intro={msg.coverageRequestsIntro[l]}>
      <DataTable
        empty={{ isEmpty: props.requests.length === 0, text: msg.noCoverageRequests[l] }}
        label={msg.coverageRequests[l]}
        headers={[msg.requestingOrganisation[l], msg.municipality[l], msg.period[l], msg.overlapsWith[l], msg.requestedAt[l], msg.decision[l]]}
      >
        {props.requests.map((r) => (
          <tr>
            <td>{r.organisation.name}</td>
            <td>
              {r.municipalityName} ({r.municipalityCode})
            </td>
            <td>{period(l, r.validFrom, r.validTo)}</td>
            <td>{r.overlapped.map((o) => o.name).join(', ')}</td>
            <td>
              <time datetime={r.requestedAt}>{formatDate(r.requestedAt, l)}</time>
            </td>
            <td>
              {r.canDecide ? (
                <PostForm
                  action={`/network/coverage-requests/${r.id}`}
                  csrf={props.csrf}
                  class="inline-form"
                  label={`${r.organisation.name}: ${r.municipalityName}`}
                >
                  <button type="submit" name="decision" value="approve">
                    {msg.approve[l]}
                  </button>{' '}
                  <button type="submit" name="decision" value="reject" class="secondary">
                    {msg.reject[l]}
                  </button>
                </PostForm>
              ) : (
                msg.coverage_pending[l]
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </NetworkQueuePage>
  );
}

/** On the firm manager's "my firms" page: organisations that want the firm as a member. */
export function MembershipOffersSection(props: { locale: Locale; csrf: string; offers: MembershipOfferDto[]; notice?: string }) {
  const l = props.locale;
  if (props.offers.length === 0 && !props.notice) return null;
  return (
    <section aria-labelledby="membership-offers">
      <h2 id="membership-offers">{msg.membershipOffers[l]}</h2>
      <Notice text={props.notice} />
      {props.offers.length ? (
        <>
          <p>{msg.membershipOffersIntro[l]}</p>
          <DataTable label={msg.membershipOffers[l]} headers={[msg.firm[l], msg.offeredBy[l], msg.tier[l], msg.period[l], msg.fee[l], msg.actions[l]]}>
            {props.offers.map((o) => (
              <tr>
                <td>
                  {o.firm.name} ({o.firm.orgnr})
                </td>
                <td>{o.organisation.name}</td>
                <td>{o.tier}</td>
                <td>{period(l, o.validFrom, o.validTo)}</td>
                <td>{formatMoney(o.feeMinor, o.currency, l)}</td>
                <td>
                  <PostForm
                    action={`/firms/${o.firm.id}/manage/membership-offers`}
                    csrf={props.csrf}
                    class="inline-form"
                    label={`${o.organisation.name}: ${o.firm.name}`}
                  >
                    <input type="hidden" name="offer" value={String(o.id)} />
                    <button type="submit" name="decision" value="accept">
                      {msg.accept[l]}
                    </button>{' '}
                    <button type="submit" name="decision" value="decline" class="secondary">
                      {msg.decline[l]}
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </section>
  );
}

/** On the organisation's members page: offers the firms have not answered yet. */
export function PendingOffersList(props: {
  locale: Locale;
  offers: MembershipOfferDto[];
  /** With a withdraw button on each row (the offering organisation's admin). */
  withdraw?: { action: (offerId: number) => string; csrf: string };
}) {
  const l = props.locale;
  const w = props.withdraw;
  if (props.offers.length === 0) return null;
  return (
    // No landmark of its own: the table's scroll region already carries the name (axe: landmark-unique).
    <section>
      <h2 id="pending-offers">{msg.pendingOffers[l]}</h2>
      <DataTable label={msg.pendingOffers[l]} headers={[msg.firm[l], msg.orgnr[l], msg.tier[l], msg.period[l], msg.requestedAt[l], w ? msg.actions[l] : null]}>
        {props.offers.map((o) => (
          <tr>
            <td>{o.firm.name}</td>
            <td>{o.firm.orgnr}</td>
            <td>{o.tier}</td>
            <td>{period(l, o.validFrom, o.validTo)}</td>
            <td>
              <time datetime={o.requestedAt}>{formatDate(o.requestedAt, l)}</time>
            </td>
            {w ? (
              <td>
                <PostForm action={w.action(o.id)} csrf={w.csrf} class="inline-form" label={format(msg.withdrawOffer[l], { name: o.firm.name })}>
                  <button type="submit">{msg.withdraw[l]}</button>
                </PostForm>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
