import { formatDate } from '../../shared/i18n/format.js';
import { format } from '../../shared/i18n/i18n.js';
import { CountCells, DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Notice, PostForm } from '../../shared/views/form.js';
import { msg } from './academy.messages.js';
import type { CertificateDto, OfferingReport, OrgRef } from './academy.service.js';
import { AcademyPage, DemoMark, text, topicLabel, type FormError, type PageBase } from './academy.views.js';

/** An organisation's academy: what it offers with its firms' enrolments and completions, and the shared catalogue to pick from. */
export function OrganisationAcademyPage(props: PageBase & { report: OfferingReport; notice?: string; error?: FormError }) {
  const l = props.locale;
  const r = props.report;
  const base = `/academy/organisations/${r.organisation.id}`;
  return (
    <AcademyPage {...props} title={format(msg.academyOf[l], { name: r.organisation.name })}>
      <h1>{format(msg.academyOf[l], { name: r.organisation.name })}</h1>
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      <p>{format(msg.firmCompletionsTotal[l], { n: r.firmCourseCompletions })}</p>
      <h2>{msg.offeredCourses[l]}</h2>
      <DataTable
        label={msg.offeredCourses[l]}
        headers={[
          msg.course[l],
          msg.madeBy[l],
          { text: msg.enrolled[l], class: 'num' },
          { text: msg.completed[l], class: 'num' },
          { text: msg.firmsCompleted[l], class: 'num' },
          r.canManage ? msg.actions[l] : null,
        ]}
        empty={{ isEmpty: r.offered.length === 0, text: msg.nothingOffered[l] }}
      >
        {r.offered.map((c) => (
          <tr>
            <td>
              <a href={`/academy/courses/${c.id}?lang=${l}`}>{text(c.title, l)}</a> <DemoMark locale={l} isDemo={c.isDemo} />
            </td>
            <td>{c.author.name}</td>
            <CountCells locale={l} counts={[c.enrolled, c.completed, c.firmsCompleted]} />
            {r.canManage ? (
              <td>
                {c.author.id === r.organisation.id ? (
                  msg.ownCourse[l]
                ) : (
                  <PostForm
                    action={`${base}/offerings/${c.id}/remove?lang=${l}`}
                    csrf={props.csrf}
                    class="inline-form"
                    label={`${msg.stopOffering[l]}: ${text(c.title, l)}`}
                  >
                    <button type="submit">{msg.stopOffering[l]}</button>
                  </PostForm>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      <h2>{msg.ourFirms[l]}</h2>
      <DataTable
        label={msg.ourFirms[l]}
        headers={[msg.firm[l], msg.course[l], { text: msg.enrolled[l], class: 'num' }, { text: msg.completed[l], class: 'num' }, msg.firstCompletion[l]]}
        empty={{ isEmpty: r.firms.length === 0, text: msg.noFirmsYet[l] }}
      >
        {r.firms.map((f) => (
          <tr>
            <td>{f.firm.name}</td>
            <td>{text(f.course.title, l)}</td>
            <CountCells locale={l} counts={[f.enrolled, f.completed]} />
            <td>{f.completedAt ? formatDate(f.completedAt, l) : '—'}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{msg.sharedCatalogue[l]}</h2>
      <p>{msg.sharedCatalogueIntro[l]}</p>
      <DataTable
        label={msg.sharedCatalogue[l]}
        headers={[msg.course[l], msg.topic[l], msg.madeBy[l], msg.offeredBy[l], r.canManage ? msg.actions[l] : null]}
        empty={{ isEmpty: r.notOffered.length === 0, text: msg.allOffered[l] }}
      >
        {r.notOffered.map((c) => (
          <tr>
            <td>
              <a href={`/academy/courses/${c.id}?lang=${l}`}>{text(c.title, l)}</a> <DemoMark locale={l} isDemo={c.isDemo} />
            </td>
            <td>{topicLabel(c.topic, l)}</td>
            <td>{c.author.name}</td>
            <td>{c.offeredBy.map((o) => o.name).join(', ')}</td>
            {r.canManage ? (
              <td>
                <PostForm action={`${base}/offerings?lang=${l}`} csrf={props.csrf} class="inline-form" label={`${msg.offerCourse[l]}: ${text(c.title, l)}`}>
                  <input type="hidden" name="course_id" value={String(c.id)} />
                  <button type="submit">{msg.offerCourse[l]}</button>
                </PostForm>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </AcademyPage>
  );
}

export function OrganisationPickerPage(props: PageBase & { organisations: OrgRef[] }) {
  const l = props.locale;
  return (
    <AcademyPage {...props} title={msg.forOrganisations[l]}>
      <h1>{msg.forOrganisations[l]}</h1>
      {props.organisations.length === 0 ? <p>{msg.noOrganisations[l]}</p> : null}
      <ul>
        {props.organisations.map((o) => (
          <li>
            <a href={`/academy/organisations/${o.id}?lang=${l}`}>{o.name}</a>
          </li>
        ))}
      </ul>
    </AcademyPage>
  );
}

function CertificateBody(props: PageBase & { cert: CertificateDto }) {
  const l = props.locale;
  const c = props.cert;
  return (
    <div class="certificate">
      <p class="certificate-kicker">{msg.certificateOfCompletion[l]}</p>
      <p class="certificate-name">{c.learnerName}</p>
      <p>{msg.hasCompleted[l]}</p>
      <p class="certificate-course">{text(c.courseTitle, l)}</p>
      <dl class="course-facts">
        <dt>{msg.completedAt[l]}</dt>
        <dd>{formatDate(c.completedAt, l)}</dd>
        {c.firmName ? (
          <>
            <dt>{msg.firm[l]}</dt>
            <dd>{c.firmName}</dd>
          </>
        ) : null}
        <dt>{msg.madeBy[l]}</dt>
        <dd>{c.course.author.name}</dd>
        <dt>{msg.version[l]}</dt>
        <dd>{c.version}</dd>
        <dt>{msg.certificateCode[l]}</dt>
        <dd>
          <code>{c.code}</code>
        </dd>
      </dl>
    </div>
  );
}

export function CertificatePage(props: PageBase & { cert: CertificateDto; verifyUrl: string }) {
  const l = props.locale;
  const c = props.cert;
  return (
    <AcademyPage {...props} title={msg.certificate[l]} crumbs={[[`/academy/courses/${c.course.id}?lang=${l}`, text(c.courseTitle, l)]]}>
      <h1>{msg.certificate[l]}</h1>
      <CertificateBody {...props} />
      <p>
        <a class="button" href={`/academy/courses/${c.course.id}/certificate.pdf`}>
          {msg.downloadPdf[l]}
        </a>
      </p>
      <p>
        {msg.verificationLink[l]}: <a href={props.verifyUrl}>{props.verifyUrl}</a>
      </p>
    </AcademyPage>
  );
}

export function VerifyPage(props: PageBase & { cert: CertificateDto }) {
  const l = props.locale;
  return (
    <AcademyPage {...props} title={msg.verifyTitle[l]}>
      <h1>{msg.verifyTitle[l]}</h1>
      <p class="notice" role="status">
        {msg.certificateValid[l]}
      </p>
      <CertificateBody {...props} />
    </AcademyPage>
  );
}
