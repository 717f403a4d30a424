import { formatCount, formatMoney } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import type { FormError } from '../../shared/http/forms.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, PostForm, SelectField } from '../../shared/views/form.js';
import type { MatchReason } from './procurement.matching.js';
import { firmCount, msg } from './procurement.messages.js';
import type { NoticeDto, NoticeMatchDto } from './procurement.schemas.js';
import { Deadline, type PageBase, placeText, ProcurementPage, Reasons } from './procurement.views.js';

export interface GroupSummary {
  id: number;
  name: string;
  status: string;
  noticeTitle: string;
  deadline: string | null;
  isDemo: boolean;
}

export function GroupList(props: { locale: Locale; groups: GroupSummary[] }) {
  const l = props.locale;
  return (
    <DataTable label={msg.myGroups[l]} headers={[msg.group[l], msg.title[l], msg.status[l]]} empty={{ isEmpty: !props.groups.length, text: msg.noGroups[l] }}>
      {props.groups.map((g) => (
        <tr>
          <td>
            <a href={`/tenders/groups/${g.id}?lang=${l}`}>{g.name}</a>
            {g.isDemo ? ` ${msg.demo[l]}` : ''}
          </td>
          <td>{g.noticeTitle}</td>
          <td>{msg[`status_${g.status as 'forming'}`]?.[l] ?? g.status}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function MyFirmsPage(props: PageBase & { firms: { id: number; name: string }[]; groups: GroupSummary[] }) {
  const l = props.locale;
  return (
    <ProcurementPage {...props} title={msg.myFirmsTenders[l]}>
      <ul>
        {props.firms.map((f) => (
          <li>
            <a href={`/tenders/firms/${f.id}?lang=${l}`}>{f.name}</a>
          </li>
        ))}
      </ul>
      <h2>{msg.myGroups[l]}</h2>
      <GroupList locale={l} groups={props.groups} />
    </ProcurementPage>
  );
}

export function FirmTendersPage(
  props: PageBase & {
    firm: { id: number; name: string };
    matches: NoticeMatchDto[];
    interests: { cpvCodes: string[]; keywords: string[]; digest: string };
    canEdit: boolean;
    groups: GroupSummary[];
    placeNames: Map<string, string>;
    flash?: string;
    error?: FormError;
    values?: Record<string, string>;
  },
) {
  const l = props.locale;
  const v = props.values;
  return (
    <ProcurementPage
      {...props}
      title={format(msg.firmTenders[l], { firm: props.firm.name })}
      flash={props.flash}
      breadcrumb={{ href: `/tenders?lang=${l}`, text: msg.tenders[l] }}
    >
      <h2>{msg.matchingOpen[l]}</h2>
      <DataTable
        label={msg.matchingOpen[l]}
        headers={[msg.title[l], msg.deadline[l], msg.place[l], msg.why[l]]}
        empty={{ isEmpty: !props.matches.length, text: msg.noMatches[l] }}
      >
        {props.matches.map((m) => (
          <tr>
            <td>
              <a href={`/tenders/${m.notice.id}?lang=${l}`}>{m.notice.title}</a>
              {m.notice.isDemo ? ` ${msg.demo[l]}` : ''}
              <br />
              <small>{m.notice.buyer.name ?? ''}</small>
            </td>
            <td>
              <Deadline locale={l} at={m.notice.deadline} country={m.notice.buyer.country} />
            </td>
            <td>{placeText(l, m.notice, props.placeNames)}</td>
            <td>
              <Reasons locale={l} reasons={m.reasons} />
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>{msg.myGroups[l]}</h2>
      <GroupList locale={l} groups={props.groups} />
      {props.canEdit ? (
        <section aria-labelledby="interests">
          <h2 id="interests">{msg.interests[l]}</h2>
          <p>{msg.interestsHint[l]}</p>
          <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
          <PostForm action={`/tenders/firms/${props.firm.id}/interests`} csrf={props.csrf} label={msg.interests[l]}>
            <Field label={msg.cpvFollowed[l]} name="cpv" value={v?.cpv ?? props.interests.cpvCodes.join(', ')} max={500} issues={props.error?.issues} />
            <Field label={msg.keywords[l]} name="keywords" value={v?.keywords ?? props.interests.keywords.join(', ')} max={500} issues={props.error?.issues} />
            <SelectField
              label={msg.digest[l]}
              name="digest"
              value={v?.digest ?? props.interests.digest}
              issues={props.error?.issues}
              options={(['off', 'daily', 'weekly'] as const).map((d) => ({ value: d, label: msg[`digest_${d}`][l] }))}
            />
            <p>
              <button type="submit">{msg.save[l]}</button>
            </p>
          </PostForm>
        </section>
      ) : null}
    </ProcurementPage>
  );
}

export function AreaPage(
  props: PageBase & {
    municipalities: number;
    notices: { notice: NoticeDto; firms: { id: number; name: string; municipalityCode: string | null; country: string; reasons: MatchReason[] | null }[] }[];
    groups: GroupSummary[];
    placeNames: Map<string, string>;
  },
) {
  const l = props.locale;
  return (
    <ProcurementPage {...props} title={msg.areaTitle[l]}>
      <p>{props.municipalities ? msg.areaIntro[l] : msg.noArea[l]}</p>
      <DataTable
        label={msg.areaTitle[l]}
        headers={[msg.title[l], msg.deadline[l], msg.place[l], msg.matchingFirms[l]]}
        empty={{ isEmpty: !props.notices.length, text: msg.noNotices[l] }}
      >
        {props.notices.map(({ notice: n, firms }) => (
          <tr>
            <td>
              <a href={`/tenders/${n.id}?lang=${l}`}>{n.title}</a>
              {n.isDemo ? ` ${msg.demo[l]}` : ''}
              <br />
              <small>{n.buyer.name ?? ''}</small>
            </td>
            <td>
              <Deadline locale={l} at={n.deadline} country={n.buyer.country} />
            </td>
            <td>{placeText(l, n, props.placeNames)}</td>
            <td>
              {firms.length ? (
                <details>
                  <summary>{formatCount(firms.length, l, firmCount)}</summary>
                  <ul>
                    {firms.map((f) => (
                      <li>
                        <a href={`/tenders/firms/${f.id}?lang=${l}`}>{f.name}</a> (
                        {props.placeNames.get(`${f.country}:${f.municipalityCode}`) ?? f.municipalityCode})
                      </li>
                    ))}
                  </ul>
                </details>
              ) : (
                formatCount(0, l, firmCount)
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>{msg.coachGroups[l]}</h2>
      <GroupList locale={l} groups={props.groups} />
    </ProcurementPage>
  );
}

export function BuyersPage(props: PageBase & { buyers: { country: string; nationalId: string; name: string; notices: number }[] }) {
  const l = props.locale;
  return (
    <ProcurementPage {...props} title={msg.buyers[l]}>
      <p>{msg.buyersIntro[l]}</p>
      <DataTable
        label={msg.buyers[l]}
        headers={[msg.buyer[l], msg.nationalId[l], msg.notices[l]]}
        empty={{ isEmpty: !props.buyers.length, text: msg.noBuyers[l] }}
      >
        {props.buyers.map((b) => (
          <tr>
            <td>
              <a href={`/tenders/buyers/${b.country}/${encodeURIComponent(b.nationalId)}?lang=${l}`}>{b.name}</a>
            </td>
            <td>{b.nationalId}</td>
            <td class="num">{b.notices}</td>
          </tr>
        ))}
      </DataTable>
    </ProcurementPage>
  );
}

export function BuyerPage(
  props: PageBase & {
    view: {
      buyer: { name: string | null; nationalId: string };
      capacity: { notice: NoticeDto; total: number; byMunicipality: { key: string; name: string; firms: number }[] }[];
      share: { totalMinor: number; localMinor: number; currency: string | null; percent: number | null };
      awarded: { noticeId: number; title: string; winner: string | null; valueMinor: number; currency: string | null; isLocal: boolean }[];
    };
  },
) {
  const l = props.locale;
  const v = props.view;
  return (
    <ProcurementPage {...props} title={v.buyer.name ?? v.buyer.nationalId} breadcrumb={{ href: `/tenders/buyers?lang=${l}`, text: msg.buyers[l] }}>
      <h2>{msg.localCapacity[l]}</h2>
      <DataTable
        label={msg.localCapacity[l]}
        headers={[msg.title[l], msg.deadline[l], msg.localFirms[l], msg.byMunicipality[l]]}
        empty={{ isEmpty: !v.capacity.length, text: msg.noNotices[l] }}
      >
        {v.capacity.map((c) => (
          <tr>
            <td>
              <a href={`/tenders/${c.notice.id}?lang=${l}`}>{c.notice.title}</a>
            </td>
            <td>
              <Deadline locale={l} at={c.notice.deadline} country={c.notice.buyer.country} />
            </td>
            <td class="num">{formatCount(c.total, l, firmCount)}</td>
            <td>
              <ul class="plain">
                {c.byMunicipality.slice(0, 15).map((m) => (
                  <li>
                    {m.name}: {m.firms}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>{msg.localShare[l]}</h2>
      {v.share.totalMinor && v.share.currency ? (
        <p>
          {format(msg.localShareText[l], {
            local: formatMoney(v.share.localMinor, v.share.currency, l),
            total: formatMoney(v.share.totalMinor, v.share.currency, l),
            percent: String(v.share.percent ?? 0),
          })}
        </p>
      ) : (
        <p>{msg.noAwards[l]}</p>
      )}
      {v.awarded.length ? (
        <DataTable label={msg.award[l]} headers={[msg.title[l], msg.winner[l], msg.value[l], msg.local[l]]}>
          {v.awarded.map((a) => (
            <tr>
              <td>
                <a href={`/tenders/${a.noticeId}?lang=${l}`}>{a.title}</a>
              </td>
              <td>{a.winner ?? ''}</td>
              <td>{a.currency ? formatMoney(a.valueMinor, a.currency, l) : ''}</td>
              <td>{a.isLocal ? '✓' : ''}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </ProcurementPage>
  );
}
