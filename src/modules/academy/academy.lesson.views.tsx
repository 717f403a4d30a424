import { format, localeNames, type Locale } from '../../shared/i18n/i18n.js';
import { ErrorSummary, Notice, PostForm } from '../../shared/views/form.js';
import { msg } from './academy.messages.js';
import type { QuizResult } from './academy.quiz.js';
import type { LessonView } from './academy.service.js';
import { AcademyPage, DemoMark, minutes, text, type FormError, type PageBase } from './academy.views.js';

export const lessonHead = (
  <>
    <link rel="stylesheet" href="/static/academy.css" />
    <script src="/static/academy.js" defer />
  </>
);

const fileUrl = (lessonId: number, fileId: string) => `/academy/lessons/${lessonId}/files/${fileId}`;

/** Paragraphs of a lesson's text (blank lines separate them). */
function Paragraphs(props: { body: string }) {
  return (
    <>
      {props.body
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}

/**
 * The lesson: native <video> (keyboard and screen-reader controls of the browser) with captions
 * in every language the lesson has, a caption chooser and skip buttons for keyboards and phones,
 * the transcript, the quiz and the way on. The script reports the stretches actually played.
 */
export function LessonPage(props: PageBase & { view: LessonView; quizResult?: QuizResult; notice?: string; error?: FormError; progressUrl: string }) {
  const l = props.locale;
  const { course, lesson, lessons, progress, isPreview } = props.view;
  const at = lessons.findIndex((x) => x.id === lesson.id);
  const prev = lessons[at - 1];
  const next = lessons[at + 1];
  const courseUrl = `/academy/courses/${course.id}?lang=${l}`;
  const lessonUrl = (id: number) =>
    isPreview && !props.view.enrolment ? `/academy/author/lessons/${id}/preview?lang=${l}` : `/academy/courses/${course.id}/lessons/${id}?lang=${l}`;
  const captionLangs = Object.keys(lesson.captions);
  const defaultCaption = captionLangs.includes(l) ? l : captionLangs[0];
  const watched = progress?.watchedSeconds ?? 0;
  const result = props.quizResult;
  return (
    <AcademyPage {...props} title={`${text(lesson.title, l)} – ${text(course.title, l)}`} head={lessonHead} crumbs={[[courseUrl, text(course.title, l)]]}>
      <h1>
        <span class="lesson-number">{format(msg.lessonNofM[l], { n: at + 1, total: lessons.length })}</span> {text(lesson.title, l)}{' '}
        <DemoMark locale={l} isDemo={course.isDemo} />
      </h1>
      {isPreview ? <p class="notice">{msg.previewNotice[l]}</p> : null}
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      {course.isDemo && lesson.videoFileId ? <p class="placeholder-note">{msg.placeholderVideo[l]}</p> : null}
      {lesson.videoFileId ? (
        <div
          class="player"
          id="player"
          data-progress-url={isPreview ? '' : props.progressUrl}
          data-position={String(progress?.positionSeconds ?? 0)}
          data-duration={String(lesson.durationSeconds)}
          data-needed={String(lesson.secondsNeeded)}
          data-msg-watched={msg.watchedStatus[l]}
          data-msg-done={msg.lessonDone[l]}
          data-msg-offline={msg.notSaved[l]}
        >
          {/* biome-ignore lint/a11y/useMediaCaption: one <track> per language the lesson has captions in, rendered from its captions below */}
          <video id="lesson-video" controls preload="metadata" playsinline src={fileUrl(lesson.id, lesson.videoFileId)} aria-label={text(lesson.title, l)}>
            {captionLangs.map((lang) => (
              <track
                kind="captions"
                srclang={lang}
                label={localeNames[lang as Locale] ?? lang}
                src={fileUrl(lesson.id, lesson.captions[lang])}
                default={lang === defaultCaption}
              />
            ))}
            <a href={fileUrl(lesson.id, lesson.videoFileId)}>{msg.downloadVideo[l]}</a>
          </video>
          <div class="player-controls">
            <button type="button" data-action="toggle">
              {msg.playPause[l]}
            </button>
            <button type="button" data-action="back">
              {msg.back10[l]}
            </button>
            <button type="button" data-action="forward">
              {msg.forward10[l]}
            </button>
            {captionLangs.length ? (
              <span class="caption-choice">
                <label for="caption-lang">{msg.captions[l]}</label>{' '}
                <select id="caption-lang">
                  <option value="">{msg.captionsOff[l]}</option>
                  {captionLangs.map((lang) => (
                    <option value={lang} selected={lang === defaultCaption}>
                      {localeNames[lang as Locale] ?? lang}
                    </option>
                  ))}
                </select>
              </span>
            ) : null}
          </div>
        </div>
      ) : lesson.videoUrl ? (
        <div class="external-video">
          <p>
            <a href={lesson.videoUrl} rel="noopener noreferrer" target="_blank">
              {msg.watchExternal[l]}
            </a>{' '}
            ({minutes(lesson.durationSeconds, l)})
          </p>
          {!isPreview && !progress?.isDone ? (
            <PostForm action={`${props.progressUrl.replace(/\/progress$/, '/watched-external')}?lang=${l}`} csrf={props.csrf} label={msg.markWatched[l]}>
              <button type="submit">{msg.markWatched[l]}</button>
            </PostForm>
          ) : null}
        </div>
      ) : (
        <p>{msg.noVideoYet[l]}</p>
      )}
      {!isPreview ? (
        <PostForm action={`${props.progressUrl}?lang=${l}`} csrf={props.csrf} class="progress-form" label={msg.yourProgress[l]}>
          <p id="watch-status" role="status">
            {progress?.isDone ? msg.lessonDone[l] : format(msg.watchedStatus[l], { watched, needed: lesson.secondsNeeded, total: lesson.durationSeconds })}
          </p>
        </PostForm>
      ) : null}
      <section aria-labelledby="transcript-h" class="transcript">
        <h2 id="transcript-h">{msg.transcript[l]}</h2>
        <Paragraphs body={lesson.body} />
      </section>
      {lesson.quiz.length ? (
        <section aria-labelledby="quiz-h" class="quiz">
          <h2 id="quiz-h">{msg.quizTitle[l]}</h2>
          {progress?.isQuizPassed ? <p class="state done">{msg.quizPassed[l]}</p> : null}
          {result ? (
            <p role="status" class={result.passed ? 'state done' : 'state'}>
              {result.passed ? msg.quizPassedNow[l] : msg.quizNotPassed[l]}
            </p>
          ) : null}
          <PostForm action={`${props.progressUrl.replace(/\/progress$/, '/quiz')}?lang=${l}`} csrf={props.csrf} label={msg.quizTitle[l]}>
            {lesson.quiz.map((q, qi) => {
              const r = result?.questions.find((x) => x.id === q.id);
              return (
                <fieldset class="quiz-question">
                  <legend>
                    {qi + 1}. {q.prompt}
                    {q.kind === 'multiple' ? <span class="hint"> {msg.chooseAllThatApply[l]}</span> : null}
                  </legend>
                  {q.options.map((o) => (
                    <p class="choice">
                      <input
                        type={q.kind === 'multiple' ? 'checkbox' : 'radio'}
                        id={`${o.id}`}
                        name={q.id}
                        value={o.id}
                        checked={r?.chosen.includes(o.id)}
                        disabled={isPreview}
                      />{' '}
                      <label for={o.id}>{o.text}</label>
                    </p>
                  ))}
                  {r ? (
                    <p class={r.isRight ? 'feedback right' : 'feedback wrong'}>
                      <strong>{r.isRight ? msg.answerRight[l] : msg.answerWrong[l]}</strong> {q.feedback}
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
            {isPreview ? null : <button type="submit">{msg.checkAnswers[l]}</button>}
          </PostForm>
        </section>
      ) : null}
      <nav class="lesson-nav" aria-label={msg.lessons[l]}>
        {prev ? (
          <a href={lessonUrl(prev.id)} rel="prev">
            ← {text(prev.title, l)}
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a href={lessonUrl(next.id)} rel="next">
            {text(next.title, l)} →
          </a>
        ) : (
          <a href={courseUrl}>{msg.backToCourse[l]}</a>
        )}
      </nav>
    </AcademyPage>
  );
}
