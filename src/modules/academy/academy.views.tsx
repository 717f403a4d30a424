import type { Child } from 'hono/jsx';
import type { LocalisedIssue } from '../../shared/errors.js';
import { formatCount, formatDate, formatNumber } from '../../shared/i18n/format.js';
import { format, localeNames, pickName, type Locale } from '../../shared/i18n/i18n.js';
import { ErrorSummary, Notice, PostForm, SelectField } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { msg } from './academy.messages.js';
import { topics } from './academy.schemas.js';
import type { CourseDto, LearnerCourse, OrgRef } from './academy.service.js';
import type { LocalisedText } from './academy.tables.js';

export const academyHead = <link rel="stylesheet" href="/static/academy.css" />;

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  csrf: string;
}

export interface FormError {
  message: string;
  issues: LocalisedIssue[];
}

export const text = (t: LocalisedText, l: Locale) => pickName(t, l, '—');
const label = (key: string, l: Locale) => (msg as Record<string, Record<Locale, string>>)[key]?.[l] ?? key;
export const topicLabel = (topic: string, l: Locale) => label(`topic_${topic}`, l);
export const levelLabel = (level: string, l: Locale) => label(`level_${level}`, l);
export const languageList = (langs: string[]) => langs.map((x) => localeNames[x as Locale] ?? x).join(', ');
export const minutes = (seconds: number, l: Locale) => formatCount(Math.max(1, Math.round(seconds / 60)), l, { one: msg.minuteOne, other: msg.minuteOther });

export function AcademyPage(props: PageBase & { title: string; children?: Child; head?: Child; crumbs?: [string, string][] }) {
  const l = props.locale;
  return (
    <Layout locale={l} title={props.title} currentUrl={props.currentUrl} head={props.head ?? academyHead}>
      <p class="breadcrumb">
        <a href={`/academy?lang=${l}`}>{msg.academy[l]}</a>
        {(props.crumbs ?? []).map(([href, t]) => (
          <>
            {' › '}
            <a href={href}>{t}</a>
          </>
        ))}
      </p>
      {props.children}
    </Layout>
  );
}

export function DemoMark(props: { locale: Locale; isDemo: boolean }) {
  return props.isDemo ? <span class="demo-mark">{msg.demoMark[props.locale]}</span> : null;
}

function CourseFacts(props: { locale: Locale; course: CourseDto; lessonCount?: number; totalSeconds?: number }) {
  const l = props.locale;
  const c = props.course;
  return (
    <dl class="course-facts">
      <dt>{msg.topic[l]}</dt>
      <dd>{topicLabel(c.topic, l)}</dd>
      <dt>{msg.level[l]}</dt>
      <dd>{levelLabel(c.level, l)}</dd>
      <dt>{msg.languages[l]}</dt>
      <dd>{languageList(c.languages)}</dd>
      {props.lessonCount !== undefined ? (
        <>
          <dt>{msg.lessons[l]}</dt>
          <dd>
            {formatCount(props.lessonCount, l, { one: msg.lessonOne, other: msg.lessonOther })}
            {props.totalSeconds ? `, ${minutes(props.totalSeconds, l)}` : ''}
          </dd>
        </>
      ) : null}
      <dt>{msg.madeBy[l]}</dt>
      <dd>{c.author.name}</dd>
      <dt>{msg.offeredBy[l]}</dt>
      <dd>{c.offeredBy.map((o) => o.name).join(', ') || '—'}</dd>
    </dl>
  );
}

export function CataloguePage(
  props: PageBase & {
    courses: (CourseDto & { lessonCount: number; totalSeconds: number })[];
    topic?: string;
    signedIn: boolean;
    canAuthor: boolean;
    orgs: OrgRef[];
  },
) {
  const l = props.locale;
  return (
    <Layout locale={l} title={msg.academy[l]} currentUrl={props.currentUrl} head={academyHead}>
      <h1>{msg.academy[l]}</h1>
      <p class="lead">{msg.academyIntro[l]}</p>
      <nav class="sub-nav" aria-label={msg.topics[l]}>
        <ul>
          <li>
            <a href={`/academy?lang=${l}`} aria-current={props.topic ? undefined : 'page'}>
              {msg.allTopics[l]}
            </a>
          </li>
          {topics.map((t) => (
            <li>
              <a href={`/academy?topic=${t}&lang=${l}`} aria-current={props.topic === t ? 'page' : undefined}>
                {topicLabel(t, l)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="academy-links">
        {props.signedIn ? <a href={`/academy/my?lang=${l}`}>{msg.myCourses[l]}</a> : null}
        {props.canAuthor ? <a href={`/academy/author?lang=${l}`}>{msg.authoring[l]}</a> : null}
        {props.orgs.map((o) => (
          <a href={`/academy/organisations/${o.id}?lang=${l}`}>{format(msg.academyOf[l], { name: o.name })}</a>
        ))}
      </p>
      {props.courses.length === 0 ? <p>{msg.noCourses[l]}</p> : null}
      <ul class="course-cards">
        {props.courses.map((c) => (
          <li class="course-card">
            <h2>
              <a href={`/academy/courses/${c.id}?lang=${l}`}>{text(c.title, l)}</a> <DemoMark locale={l} isDemo={c.isDemo} />
            </h2>
            <p>{text(c.summary, l) === '—' ? '' : text(c.summary, l)}</p>
            <CourseFacts locale={l} course={c} lessonCount={c.lessonCount} totalSeconds={c.totalSeconds} />
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function CoursePage(
  props: PageBase & { view: LearnerCourse; signedIn: boolean; firms: OrgRef[]; notice?: string; error?: FormError; signInHref: string },
) {
  const l = props.locale;
  const { course, lessons, enrolment, progress } = props.view;
  const done = lessons.filter((x) => progress.get(x.id)?.isDone).length;
  return (
    <AcademyPage {...props} title={text(course.title, l)}>
      <h1>
        {text(course.title, l)} <DemoMark locale={l} isDemo={course.isDemo} />
      </h1>
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      {text(course.summary, l) !== '—' ? <p class="lead">{text(course.summary, l)}</p> : null}
      <CourseFacts locale={l} course={course} lessonCount={lessons.length} totalSeconds={lessons.reduce((n, x) => n + x.durationSeconds, 0)} />
      <p class="hint">{format(msg.watchShareRule[l], { share: course.watchSharePercent })}</p>
      {enrolment ? (
        <section aria-labelledby="progress-h" class="progress-box">
          <h2 id="progress-h">{msg.yourProgress[l]}</h2>
          <p>
            <progress max={lessons.length} value={done} aria-labelledby="progress-h" /> {format(msg.doneOf[l], { done, total: lessons.length })}
          </p>
          {enrolment.completedAt ? (
            <p>
              {format(msg.completedOn[l], { date: formatDate(enrolment.completedAt, l) })}{' '}
              <a href={`/academy/courses/${course.id}/certificate?lang=${l}`}>{msg.certificate[l]}</a>
            </p>
          ) : props.view.nextLessonId ? (
            <p>
              <a class="button" href={`/academy/courses/${course.id}/lessons/${props.view.nextLessonId}?lang=${l}`}>
                {done === 0 && !progress.size ? msg.start[l] : msg.continue[l]}
              </a>
            </p>
          ) : null}
        </section>
      ) : props.signedIn ? (
        <PostForm action={`/academy/courses/${course.id}/enrol?lang=${l}`} csrf={props.csrf} label={msg.enrol[l]}>
          {props.firms.length ? (
            <SelectField
              label={msg.firm[l]}
              name="firm_id"
              hint={msg.firmHint[l]}
              includeEmpty={msg.noFirm[l]}
              value={String(props.firms[0].id)}
              options={props.firms.map((f) => ({ value: String(f.id), label: f.name }))}
              issues={props.error?.issues}
            />
          ) : null}
          {course.offeredBy.length > 1 ? (
            <SelectField
              label={msg.organisation[l]}
              name="organisation_id"
              hint={msg.organisationHint[l]}
              includeEmpty={msg.chooseForMe[l]}
              options={course.offeredBy.map((o) => ({ value: String(o.id), label: o.name }))}
              issues={props.error?.issues}
            />
          ) : null}
          <button type="submit">{msg.enrol[l]}</button>
        </PostForm>
      ) : (
        <p>
          <a class="button" href={props.signInHref}>
            {msg.signInToEnrol[l]}
          </a>
        </p>
      )}
      <h2>{msg.lessons[l]}</h2>
      <ol class="lesson-list">
        {lessons.map((x) => {
          const p = progress.get(x.id);
          const state = p?.isDone ? msg.stateDone[l] : p ? msg.stateStarted[l] : msg.stateNotStarted[l];
          return (
            <li>
              {enrolment || props.view.canAuthor ? (
                <a href={`/academy/courses/${course.id}/lessons/${x.id}?lang=${l}`}>{text(x.title, l)}</a>
              ) : (
                text(x.title, l)
              )}{' '}
              <span class="lesson-meta">
                ({minutes(x.durationSeconds, l)}
                {x.quiz.length ? `, ${msg.withQuiz[l]}` : ''}){enrolment ? <span class={p?.isDone ? 'state done' : 'state'}> {state}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
      {props.view.canAuthor ? (
        <p>
          <a href={`/academy/author/courses/${course.id}?lang=${l}`}>{msg.editCourse[l]}</a>
        </p>
      ) : null}
    </AcademyPage>
  );
}

export function MyCoursesPage(
  props: PageBase & {
    items: { enrolment: { completedAt: string | null; courseId: number }; course?: CourseDto; lessonCount: number; doneCount: number; nextLessonId?: number }[];
  },
) {
  const l = props.locale;
  return (
    <AcademyPage {...props} title={msg.myCourses[l]}>
      <h1>{msg.myCourses[l]}</h1>
      {props.items.length === 0 ? (
        <p>
          {msg.noEnrolments[l]} <a href={`/academy?lang=${l}`}>{msg.browseCourses[l]}</a>
        </p>
      ) : (
        <ul class="course-cards">
          {props.items.map((i) => (
            <li class="course-card">
              <h2>
                <a href={`/academy/courses/${i.enrolment.courseId}?lang=${l}`}>{i.course ? text(i.course.title, l) : '—'}</a>
              </h2>
              <p>
                <progress max={i.lessonCount} value={i.doneCount} aria-label={msg.yourProgress[l]} />{' '}
                {format(msg.doneOf[l], { done: i.doneCount, total: i.lessonCount })}
              </p>
              <p>
                {i.enrolment.completedAt ? (
                  <a href={`/academy/courses/${i.enrolment.courseId}/certificate?lang=${l}`}>{msg.certificate[l]}</a>
                ) : i.nextLessonId ? (
                  <a class="button" href={`/academy/courses/${i.enrolment.courseId}/lessons/${i.nextLessonId}?lang=${l}`}>
                    {msg.continue[l]}
                  </a>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </AcademyPage>
  );
}

export { formatNumber };
