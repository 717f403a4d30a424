import type { FileDto } from '../../shared/files/files.service.js';
import { formatBytes } from '../../shared/files/file-uses.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { format } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, Notice, PostForm, SelectField, TextAreaField } from '../../shared/views/form.js';
import { msg } from './academy.messages.js';
import { quizToText } from './academy.quiz.js';
import { courseLanguages, levels, topics } from './academy.schemas.js';
import type { AuthorCourse } from './academy.authoring.service.js';
import type { CourseDto, OrgRef } from './academy.service.js';
import type { LessonSnapshot } from './academy.tables.js';
import { lessonHead } from './academy.lesson.views.js';
import { AcademyPage, DemoMark, languageList, levelLabel, minutes, text, topicLabel, type FormError, type PageBase } from './academy.views.js';

type Values = Record<string, string | undefined>;
/** Films up to this size go with the page form; larger ones the page's script streams to the files API (2 GB). */
const formUploadLimit = 24 * 1024 * 1024;
const langName = (lang: string, l: Locale) => (msg as Record<string, Record<Locale, string>>)[`lang_${lang}`]?.[l] ?? lang;

function TextArea(props: { name: string; label: string; value?: string; hint?: string; rows?: number; error?: FormError }) {
  return <TextAreaField name={props.name} label={props.label} value={props.value} hint={props.hint} rows={props.rows ?? 6} issues={props.error?.issues} />;
}

/** Course fields: titles and summaries per language, topic, level, languages, watch share. */
function CourseFields(props: { locale: Locale; values: Values; error?: FormError }) {
  const l = props.locale;
  const v = props.values;
  return (
    <>
      <fieldset>
        <legend>{msg.titleAndSummary[l]}</legend>
        {courseLanguages.map((lang) => (
          <Field label={`${msg.title[l]} (${langName(lang, l)})`} name={`title_${lang}`} value={v[`title_${lang}`]} max={160} issues={props.error?.issues} />
        ))}
        {courseLanguages.map((lang) => (
          <TextArea name={`summary_${lang}`} label={`${msg.summary[l]} (${langName(lang, l)})`} value={v[`summary_${lang}`]} rows={2} error={props.error} />
        ))}
      </fieldset>
      <SelectField
        label={msg.topic[l]}
        name="topic"
        value={v.topic}
        options={topics.map((t) => ({ value: t, label: topicLabel(t, l) }))}
        issues={props.error?.issues}
      />
      <SelectField
        label={msg.level[l]}
        name="level"
        value={v.level}
        options={levels.map((t) => ({ value: t, label: levelLabel(t, l) }))}
        issues={props.error?.issues}
      />
      <fieldset>
        <legend>{msg.languages[l]}</legend>
        {courseLanguages.map((lang) => (
          <p class="field checkbox">
            <input type="checkbox" id={`f-lang_${lang}`} name={`lang_${lang}`} checked={v[`lang_${lang}`] === 'on'} />
            <label for={`f-lang_${lang}`}>{langName(lang, l)}</label>
          </p>
        ))}
      </fieldset>
      <Field
        label={msg.watchShare[l]}
        name="watch_share_percent"
        type="number"
        value={v.watch_share_percent ?? '90'}
        hint={msg.watchShareHint[l]}
        issues={props.error?.issues}
      />
    </>
  );
}

export const courseValues = (c: CourseDto): Values => ({
  ...Object.fromEntries(
    courseLanguages.flatMap((lang) => [
      [`title_${lang}`, c.title[lang]],
      [`summary_${lang}`, c.summary[lang]],
    ]),
  ),
  ...Object.fromEntries(c.languages.map((lang) => [`lang_${lang}`, 'on'])),
  topic: c.topic,
  level: c.level,
  watch_share_percent: String(c.watchSharePercent),
});

export function DeskPage(props: PageBase & { courses: CourseDto[]; organisations: OrgRef[]; values?: Values; error?: FormError }) {
  const l = props.locale;
  return (
    <AcademyPage {...props} title={msg.authoring[l]}>
      <h1>{msg.authoring[l]}</h1>
      <DataTable
        label={msg.yourCourses[l]}
        headers={[msg.title[l], msg.topic[l], msg.madeBy[l], msg.version[l]]}
        empty={{ isEmpty: props.courses.length === 0, text: msg.noCoursesYet[l] }}
      >
        {props.courses.map((c) => (
          <tr>
            <td>
              <a href={`/academy/author/courses/${c.id}?lang=${l}`}>{text(c.title, l)}</a> <DemoMark locale={l} isDemo={c.isDemo} />
            </td>
            <td>{topicLabel(c.topic, l)}</td>
            <td>{c.author.name}</td>
            <td>{c.publishedVersion ?? msg.notPublished[l]}</td>
          </tr>
        ))}
      </DataTable>
      <h2 id="new-course">{msg.newCourse[l]}</h2>
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      <PostForm action={`/academy/author/courses?lang=${l}`} csrf={props.csrf} label={msg.newCourse[l]}>
        <SelectField
          label={msg.organisation[l]}
          name="organisation_id"
          value={props.values?.organisation_id}
          options={props.organisations.map((o) => ({ value: String(o.id), label: o.name }))}
          issues={props.error?.issues}
        />
        <CourseFields locale={l} values={props.values ?? { lang_sv: 'on', topic: 'instagram', level: 'beginner' }} error={props.error} />
        <button type="submit">{msg.createCourse[l]}</button>
      </PostForm>
    </AcademyPage>
  );
}

function LessonFields(props: { locale: Locale; values: Values; error?: FormError }) {
  const l = props.locale;
  const v = props.values;
  return (
    <>
      {courseLanguages.map((lang) => (
        <Field label={`${msg.title[l]} (${langName(lang, l)})`} name={`title_${lang}`} value={v[`title_${lang}`]} max={160} issues={props.error?.issues} />
      ))}
      <Field
        label={msg.duration[l]}
        name="duration_seconds"
        type="number"
        value={v.duration_seconds}
        hint={msg.durationHint[l]}
        required
        issues={props.error?.issues}
      />
      <Field label={msg.videoUrl[l]} name="video_url" type="url" value={v.video_url} hint={msg.videoUrlHint[l]} issues={props.error?.issues} />
      <TextArea name="body" label={msg.body[l]} value={v.body} rows={8} hint={msg.bodyHint[l]} error={props.error} />
      <TextArea name="quiz" label={msg.quiz[l]} value={v.quiz} rows={8} hint={msg.quizHint[l]} error={props.error} />
    </>
  );
}

export const lessonValues = (x: LessonSnapshot): Values => ({
  ...Object.fromEntries(courseLanguages.map((lang) => [`title_${lang}`, x.title[lang]])),
  duration_seconds: String(x.durationSeconds),
  video_url: x.videoUrl ?? '',
  body: x.body,
  quiz: quizToText(x.quiz),
});

export function CourseEditPage(
  props: PageBase & { view: AuthorCourse; values?: Values; lessonValues?: Values; error?: FormError; lessonError?: FormError; notice?: string },
) {
  const l = props.locale;
  const { course, lessons } = props.view;
  const base = `/academy/author/courses/${course.id}`;
  return (
    <AcademyPage {...props} title={text(course.title, l)} crumbs={[[`/academy/author?lang=${l}`, msg.authoring[l]]]}>
      <h1>
        {text(course.title, l)} <DemoMark locale={l} isDemo={course.isDemo} />
      </h1>
      <Notice text={props.notice} />
      <p>
        {format(msg.authoredBy[l], { name: course.author.name })}.{' '}
        {course.publishedVersion ? format(msg.publishedVersionN[l], { n: course.publishedVersion }) : msg.notPublished[l]}.{' '}
        {format(msg.enrolledCount[l], { n: props.view.enrolledCount })}
        {course.publishedVersion ? (
          <>
            {' '}
            <a href={`/academy/courses/${course.id}?lang=${l}`}>{msg.seeAsLearner[l]}</a>
          </>
        ) : null}
      </p>
      <section aria-labelledby="publish-h" class="publish-box">
        <h2 id="publish-h">{msg.publish[l]}</h2>
        <p>{props.view.hasUnpublishedChanges ? msg.hasChanges[l] : msg.noChanges[l]}</p>
        <p class="hint">{msg.publishHint[l]}</p>
        <PostForm action={`${base}/publish?lang=${l}`} csrf={props.csrf} label={msg.publish[l]}>
          <button type="submit">{msg.publishButton[l]}</button>
        </PostForm>
      </section>
      <h2>{msg.lessons[l]}</h2>
      <DataTable
        label={msg.lessons[l]}
        headers={['#', msg.title[l], msg.duration[l], msg.video[l], msg.order[l]]}
        empty={{ isEmpty: lessons.length === 0, text: msg.noLessonsYet[l] }}
      >
        {lessons.map((x, i) => (
          <tr>
            <td>{i + 1}</td>
            <td>
              <a href={`/academy/author/lessons/${x.id}?lang=${l}`}>{text(x.title, l)}</a>
            </td>
            <td>{minutes(x.durationSeconds, l)}</td>
            <td>{x.videoFileId ? msg.uploaded[l] : x.videoUrl ? msg.external[l] : msg.missing[l]}</td>
            <td class="row-actions">
              <PostForm
                action={`/academy/author/lessons/${x.id}/move?lang=${l}`}
                csrf={props.csrf}
                class="inline-form"
                label={`${msg.moveUp[l]}: ${text(x.title, l)}`}
              >
                <input type="hidden" name="direction" value="up" />
                <button type="submit" disabled={i === 0} aria-label={`${msg.moveUp[l]}: ${text(x.title, l)}`}>
                  ↑
                </button>
              </PostForm>
              <PostForm
                action={`/academy/author/lessons/${x.id}/move?lang=${l}`}
                csrf={props.csrf}
                class="inline-form"
                label={`${msg.moveDown[l]}: ${text(x.title, l)}`}
              >
                <input type="hidden" name="direction" value="down" />
                <button type="submit" disabled={i === lessons.length - 1} aria-label={`${msg.moveDown[l]}: ${text(x.title, l)}`}>
                  ↓
                </button>
              </PostForm>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2 id="new-lesson">{msg.newLesson[l]}</h2>
      <ErrorSummary locale={l} message={props.lessonError?.message} issues={props.lessonError?.issues} />
      <PostForm action={`${base}/lessons?lang=${l}`} csrf={props.csrf} label={msg.newLesson[l]}>
        <LessonFields locale={l} values={props.lessonValues ?? {}} error={props.lessonError} />
        <button type="submit">{msg.addLesson[l]}</button>
      </PostForm>
      <h2 id="course-details">{msg.courseDetails[l]}</h2>
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      <PostForm action={`${base}?lang=${l}`} csrf={props.csrf} label={msg.courseDetails[l]}>
        <CourseFields locale={l} values={props.values ?? courseValues(course)} error={props.error} />
        <button type="submit">{msg.save[l]}</button>
      </PostForm>
      <p class="hint">
        {topicLabel(course.topic, l)} · {levelLabel(course.level, l)} · {languageList(course.languages)}
      </p>
    </AcademyPage>
  );
}

export function LessonEditPage(
  props: PageBase & {
    course: CourseDto;
    lesson: LessonSnapshot;
    videos: FileDto[];
    values?: Values;
    error?: FormError;
    uploadError?: FormError;
    notice?: string;
  },
) {
  const l = props.locale;
  const { course, lesson } = props;
  const base = `/academy/author/lessons/${lesson.id}`;
  return (
    <AcademyPage
      {...props}
      title={text(lesson.title, l)}
      head={lessonHead}
      crumbs={[
        [`/academy/author?lang=${l}`, msg.authoring[l]],
        [`/academy/author/courses/${course.id}?lang=${l}`, text(course.title, l)],
      ]}
    >
      <h1>{text(lesson.title, l)}</h1>
      <Notice text={props.notice} />
      <p>
        <a href={`${base}/preview?lang=${l}`}>{msg.preview[l]}</a>
      </p>
      <section aria-labelledby="media-h">
        <h2 id="media-h">{msg.videoAndCaptions[l]}</h2>
        <ErrorSummary locale={l} message={props.uploadError?.message} issues={props.uploadError?.issues} />
        <p>
          {lesson.videoFileId
            ? format(msg.currentVideo[l], { name: props.videos.find((v) => v.id === lesson.videoFileId)?.name ?? lesson.videoFileId })
            : msg.noVideoYet[l]}
        </p>
        <div
          class="video-upload"
          data-api={`/api/v1/files/academy.lesson-video/${lesson.id}`}
          data-limit={String(formUploadLimit)}
          data-msg-uploading={msg.uploading[l]}
          data-msg-failed={msg.uploadFailed[l]}
        >
          <PostForm action={`${base}/video?lang=${l}`} csrf={props.csrf} upload label={msg.uploadVideo[l]}>
            <p class="field">
              <label for="f-video">{msg.video[l]}</label>
              <span class="hint" id="f-video-hint">
                {format(msg.videoHint[l], { max: formatBytes(2048 * 1024 * 1024) })}
              </span>
              <input type="file" id="f-video" name="video" accept="video/mp4,video/webm" aria-describedby="f-video-hint" required />
            </p>
            <button type="submit">{msg.uploadVideo[l]}</button>
            <p class="upload-status" role="status" />
          </PostForm>
          <PostForm action={`${base}/video-file?lang=${l}`} csrf={props.csrf} class="use-video-form">
            <input type="hidden" name="file_id" value="" />
          </PostForm>
        </div>
        {props.videos.length > 1 ? (
          <DataTable label={msg.uploadedVideos[l]} headers={[msg.video[l], msg.size[l], msg.actions[l]]}>
            {props.videos.map((v) => (
              <tr>
                <td>{v.name}</td>
                <td>{formatBytes(v.size)}</td>
                <td>
                  {v.id === lesson.videoFileId ? (
                    msg.inUse[l]
                  ) : (
                    <PostForm action={`${base}/video-file?lang=${l}`} csrf={props.csrf} class="inline-form" label={`${msg.useVideo[l]}: ${v.name}`}>
                      <input type="hidden" name="file_id" value={v.id} />
                      <button type="submit">{msg.useVideo[l]}</button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        <p>
          {msg.captions[l]}:{' '}
          {Object.keys(lesson.captions)
            .map((x) => langName(x, l))
            .join(', ') || msg.none[l]}
        </p>
        <PostForm action={`${base}/captions?lang=${l}`} csrf={props.csrf} upload label={msg.uploadCaptions[l]}>
          <SelectField
            label={msg.captionLanguage[l]}
            name="language"
            value={course.languages[0]}
            options={course.languages.map((x) => ({ value: x, label: langName(x, l) }))}
          />
          <p class="field">
            <label for="f-captions">{msg.captions[l]}</label>
            <span class="hint" id="f-captions-hint">
              {msg.captionsHint[l]}
            </span>
            <input type="file" id="f-captions" name="captions" accept=".vtt,text/vtt" aria-describedby="f-captions-hint" required />
          </p>
          <button type="submit">{msg.uploadCaptions[l]}</button>
        </PostForm>
      </section>
      <h2 id="lesson-details">{msg.lessonDetails[l]}</h2>
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      <PostForm action={`${base}?lang=${l}`} csrf={props.csrf} label={msg.lessonDetails[l]}>
        <LessonFields locale={l} values={props.values ?? lessonValues(lesson)} error={props.error} />
        <button type="submit">{msg.save[l]}</button>
      </PostForm>
      <h2>{msg.removeLesson[l]}</h2>
      <p class="hint">{msg.removeHint[l]}</p>
      <PostForm action={`${base}/remove?lang=${l}`} csrf={props.csrf} label={msg.removeLesson[l]}>
        <button type="submit" class="danger">
          {msg.removeLesson[l]}
        </button>
      </PostForm>
    </AcademyPage>
  );
}
