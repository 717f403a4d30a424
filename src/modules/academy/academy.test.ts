import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createUser, postForm, signIn, testOrigin, type SignedIn } from '../../../test/support/auth.js';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { fakeMp4 } from '../../../test/support/academy-fixture.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { parseWebVtt } from './academy.captions.js';
import { gradeQuiz, parseQuiz } from './academy.quiz.js';
import { countFirmCourseCompletions, reportingCompletions } from './academy.service.js';
import { seedAcademyDemo, seedDemoCompletions } from './academy.demo.js';
import { demoCourses } from './academy.demo-data.js';
import { DiskBlobStore } from '../../shared/files/blob-store.js';
import type { DemoWorld } from '../demo/demo-world.types.js';
import { loadFirmRecord } from '../../shared/views/firm-record.js';
import { addWatched, mergeIntervals } from './academy.watch.js';

const captions = 'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nHej och välkommen!\n\n00:00:04.000 --> 00:00:09.500\nI dag: bilder som säljer.\n';
const quizText =
  '? Vad fungerar bäst på Instagram?\n+ Människor som använder varan\n- Tomma hyllor\n> Människor vill se människor.\n\n? Vilka två saker hjälper?\n+ Regelbundna inlägg\n+ Svar på kommentarer\n- Köpta följare';

describe('watch share, quizzes and captions (pure)', () => {
  it('counts distinct seconds: seeking to the end adds only what was played after the jump', () => {
    assert.deepEqual(
      mergeIntervals([
        [5, 10],
        [0, 3],
        [3, 4],
        [8, 12],
      ]),
      [
        [0, 4],
        [5, 12],
      ],
    );
    const jumped = addWatched(
      [],
      [
        [0, 2.2],
        [97.5, 100],
      ],
      100,
    );
    assert.equal(jumped.seconds, 5, 'two seconds at the start and the last three');
    const twice = addWatched(jumped.watched, [[0, 2.2]], 100);
    assert.equal(twice.seconds, 5, 'watching the same part again does not add up');
    const all = addWatched(twice.watched, [[2, 90.4]], 100);
    assert.equal(all.seconds, 93, '[0, 90) and [97, 100)');
    assert.equal(addWatched([], [[-5, 500]], 100).seconds, 100, 'clipped to the video');
  });

  it('parses quizzes with line numbers and grades single and multiple choice', () => {
    const quiz = parseQuiz(quizText);
    assert.equal(quiz.length, 2);
    assert.equal(quiz[0].kind, 'single');
    assert.equal(quiz[1].kind, 'multiple');
    assert.equal(gradeQuiz(quiz, { q1: ['q1o1'], q2: ['q2o1'] }).passed, false, 'half of a multiple choice is not right');
    assert.equal(gradeQuiz(quiz, { q1: ['q1o1'], q2: ['q2o1', 'q2o2'] }).passed, true);
    assert.throws(
      () => parseQuiz('? Fråga\n- bara fel\n- också fel\n* vad är detta'),
      (err: { issues: { line?: number }[] }) => err.issues.map((i) => i.line).join(',') === '4,1',
    );
  });

  it('parses WebVTT and names the line of a broken cue', () => {
    assert.equal(parseWebVtt(captions).length, 2);
    assert.throws(
      () => parseWebVtt('WEBVTT\n\nNOTE hej\n\n1\n00:00:05.000 --> 00:00:01.000\nbakvänt\n\n00:00:xx --> 00:00:02.000\ntrasig'),
      (err: { issues: { line?: number }[] }) => err.issues.map((i) => i.line).join(',') === '6,9',
    );
  });
});

for (const backend of await backendsUnderTest()) {
  describe(`academy on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let dataDir: string;
    let orebro: number;
    let linkoping: number;
    let firm: number;
    let editor: SignedIn;
    let learner: SignedIn;
    let colleague: SignedIn;
    let stranger: SignedIn;
    let linkopingAdmin: SignedIn;
    let courseId: number;
    let lessonId: number;
    let videoPath: string;

    const upload = (path: string, as: SignedIn, field: string, bytes: Uint8Array, name: string, extra: Record<string, string> = {}) => {
      const form = new FormData();
      form.set('_csrf', as.csrfToken);
      for (const [k, v] of Object.entries(extra)) form.set(k, v);
      form.set(field, new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
      return app.request(path, { method: 'POST', headers: { cookie: as.cookie, origin: testOrigin }, body: form });
    };
    const report = (as: SignedIn, lesson: number, intervals: [number, number][], position: number) =>
      app.request(`/academy/courses/${courseId}/lessons/${lesson}/progress`, {
        method: 'POST',
        headers: as.headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({ intervals, position }),
      });

    before(async () => {
      database = await createTestDatabase(backend);
      dataDir = mkdtempSync(join(tmpdir(), 'academy-test-'));
      app = createTestApp(database, { LOKALKRAFT_DATA_DIR: dataDir });
      const db = database.db;
      orebro = await insertOrganisation(db, {
        name: 'Örebro City',
        type: 'city_centre_partnership',
        country: 'SE',
        coverage: [{ code: '1880', from: '2020-01-01' }],
      });
      linkoping = await insertOrganisation(db, {
        name: 'Linköping City',
        type: 'city_centre_partnership',
        country: 'SE',
        coverage: [{ code: '0580', from: '2020-01-01' }],
      });
      firm = await insertFirm(db, { name: 'Butik Ågatan', country: 'SE', municipality: '1880', nationalId: '5560000001' });
      await createUser(db, { email: 'editor@orebro.test', roles: [{ organisationId: orebro, role: 'editor' }] });
      await createUser(db, { email: 'anna@butik.test', displayName: 'Anna Öberg', managedFirmIds: [firm] });
      await createUser(db, { email: 'bo@butik.test', displayName: 'Bo', managedFirmIds: [firm] });
      await createUser(db, { email: 'stranger@elsewhere.test' });
      await createUser(db, { email: 'admin@linkoping.test', roles: [{ organisationId: linkoping, role: 'org_admin' }] });
      [editor, learner, colleague, stranger, linkopingAdmin] = await Promise.all(
        ['editor@orebro.test', 'anna@butik.test', 'bo@butik.test', 'stranger@elsewhere.test', 'admin@linkoping.test'].map((e) => signIn(app, e)),
      );
    });
    after(async () => {
      await database?.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('an editor creates a course, adds a lesson with a quiz, uploads checked video and captions, and publishes', async () => {
      const created = await postForm(
        app,
        '/academy/author/courses',
        {
          organisation_id: String(orebro),
          title_sv: 'Instagram för butiken',
          title_en: 'Instagram for the shop',
          topic: 'instagram',
          level: 'beginner',
          lang_sv: 'on',
          watch_share_percent: '90',
        },
        editor,
      );
      assert.equal(created.status, 303, await created.text());
      courseId = Number(/courses\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
      const refused = await postForm(
        app,
        '/academy/author/courses',
        { organisation_id: String(orebro), topic: 'instagram', level: 'beginner', lang_sv: 'on' },
        linkopingAdmin,
      );
      assert.equal(refused.status, 403, 'another organisation does not author for Örebro');

      const badQuiz = await postForm(
        app,
        `/academy/author/courses/${courseId}/lessons`,
        { title_sv: 'Bilder', duration_seconds: '100', quiz: '? Fråga\n+ ja\nnej' },
        editor,
      );
      assert.equal(badQuiz.status, 400);
      assert.match(await badQuiz.text(), /raden måste börja med|the line must start with/);
      const added = await postForm(
        app,
        `/academy/author/courses/${courseId}/lessons`,
        { title_sv: 'Bilder som säljer', duration_seconds: '100', body: 'Text.', quiz: quizText },
        editor,
      );
      assert.equal(added.status, 303);
      lessonId = Number(/lessons\/(\d+)/.exec(added.headers.get('location') ?? '')?.[1]);

      const unpublishable = await postForm(app, `/academy/author/courses/${courseId}/publish`, {}, editor);
      assert.equal(unpublishable.status, 400, 'a lesson without a film is not published');

      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);
      const wrongType = await upload(`/academy/author/lessons/${lessonId}/video`, editor, 'video', png, 'film.mp4');
      assert.equal(wrongType.status, 415, 'the type comes from the bytes, not the name');
      // A large film goes raw to the files API (streamed; the lesson's owner rules decide), then becomes the draft's film.
      const rawUpload = (as: SignedIn, bytes: Uint8Array) =>
        app.request(`/api/v1/files/academy.lesson-video/${lessonId}?name=stor.mp4`, {
          method: 'POST',
          headers: as.headers({ 'content-type': 'application/octet-stream' }),
          body: bytes as Uint8Array<ArrayBuffer>,
        });
      assert.equal((await rawUpload(learner, fakeMp4(1000))).status, 403, 'only the authors attach films');
      const raw = await rawUpload(editor, fakeMp4(30_000));
      assert.equal(raw.status, 201);
      const { file } = (await raw.json()) as { file: { id: string } };
      assert.equal((await postForm(app, `/academy/author/lessons/${lessonId}/video-file`, { file_id: file.id }, editor)).status, 303);
      assert.match(
        await (await app.request(`/academy/author/lessons/${lessonId}?lang=en`, { headers: editor.headers() })).text(),
        /Film in the draft: stor\.mp4/,
      );
      const video = await upload(`/academy/author/lessons/${lessonId}/video`, editor, 'video', fakeMp4(10_000), 'bilder.mp4');
      assert.equal(video.status, 303, await video.text());
      const badVtt = await upload(
        `/academy/author/lessons/${lessonId}/captions`,
        editor,
        'captions',
        new TextEncoder().encode('WEBVTT\n\n00:00:09.000 --> 00:00:01.000\nfel'),
        'sv.vtt',
        { language: 'sv' },
      );
      assert.equal(badVtt.status, 400);
      assert.match(await badVtt.text(), /slutar innan den börjar|ends before it starts/);
      const notVtt = await upload(
        `/academy/author/lessons/${lessonId}/captions`,
        editor,
        'captions',
        new TextEncoder().encode('1\n00:00:01,000 --> 00:00:02,000\nSRT'),
        'sv.srt',
        { language: 'sv' },
      );
      assert.equal(notVtt.status, 415);
      const vtt = await upload(`/academy/author/lessons/${lessonId}/captions`, editor, 'captions', new TextEncoder().encode(captions), 'sv.vtt', {
        language: 'sv',
      });
      assert.equal(vtt.status, 303);

      const published = await postForm(app, `/academy/author/courses/${courseId}/publish`, {}, editor);
      assert.equal(published.status, 303);
      const catalogue = await (await app.request('/academy?lang=sv')).text();
      assert.match(catalogue, /Instagram för butiken/);
      assert.match(catalogue, /Örebro City/, 'authorship is visible');
    });

    it('a shop owner enrols; seeking to the end does not count; watching and passing the quiz completes the course', async () => {
      const enrolled = await postForm(app, `/academy/courses/${courseId}/enrol`, { firm_id: String(firm) }, learner);
      assert.equal(enrolled.status, 303);
      const page = await (await app.request(`/academy/courses/${courseId}/lessons/${lessonId}?lang=sv`, { headers: learner.headers() })).text();
      const src = /<video[^>]*src="([^"]+)"/.exec(page)?.[1];
      assert.ok(src, 'the lesson has a video');
      videoPath = src;
      assert.match(page, /<track kind="captions" srclang="sv"/);

      const jumped = (await (
        await report(
          learner,
          lessonId,
          [
            [0, 3],
            [96, 100],
          ],
          100,
        )
      ).json()) as { watchedSeconds: number; isLessonDone: boolean };
      assert.deepEqual([jumped.watchedSeconds, jumped.isLessonDone], [7, false]);
      const watched = (await (
        await report(
          learner,
          lessonId,
          [
            [3, 50.2],
            [50, 96],
          ],
          42,
        )
      ).json()) as { watchedSeconds: number; isLessonDone: boolean };
      assert.deepEqual([watched.watchedSeconds, watched.isLessonDone], [100, false], 'watched, but the quiz is not passed yet');

      const wrong = await postForm(app, `/academy/courses/${courseId}/lessons/${lessonId}/quiz?lang=en`, { q1: 'q1o2', q2: 'q2o1' }, learner);
      const wrongHtml = await wrong.text();
      assert.match(wrongHtml, /Not all answers are right yet/);
      assert.match(wrongHtml, /Människor vill se människor/, 'feedback is shown');
      const body = new URLSearchParams({ _csrf: learner.csrfToken, q1: 'q1o1' });
      body.append('q2', 'q2o1');
      body.append('q2', 'q2o2');
      const right = await app.request(`/academy/courses/${courseId}/lessons/${lessonId}/quiz?lang=en`, {
        method: 'POST',
        headers: { cookie: learner.cookie, origin: testOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      });
      assert.match(await right.text(), /All answers are right/);

      // Another device: the same account sees the place it left off and the course completed.
      const laptop = await signIn(app, 'anna@butik.test');
      const coursePage = await (await app.request(`/academy/courses/${courseId}?lang=en`, { headers: laptop.headers() })).text();
      assert.match(coursePage, /1 of 1 lessons done/);
      assert.match(coursePage, /Completed on/);
      const lessonPage = await (await app.request(`/academy/courses/${courseId}/lessons/${lessonId}`, { headers: laptop.headers() })).text();
      assert.match(lessonPage, /data-position="42"/);
    });

    it('serves the video with ranges (206, suffix, 416) to learners and authors only', async () => {
      const whole = await app.request(videoPath, { headers: learner.headers() });
      assert.equal(whole.status, 200);
      assert.equal(whole.headers.get('accept-ranges'), 'bytes');
      assert.match(whole.headers.get('cache-control') ?? '', /private/);
      assert.equal((await whole.arrayBuffer()).byteLength, 10_000);
      const part = await app.request(videoPath, { headers: learner.headers({ range: 'bytes=100-199' }) });
      assert.equal(part.status, 206);
      assert.equal(part.headers.get('content-range'), 'bytes 100-199/10000');
      const partBytes = new Uint8Array(await part.arrayBuffer());
      assert.deepEqual([partBytes.length, partBytes[0]], [100, 100 % 251]);
      const suffix = await app.request(videoPath, { headers: learner.headers({ range: 'bytes=-500' }) });
      assert.equal(suffix.status, 206);
      assert.equal(suffix.headers.get('content-range'), 'bytes 9500-9999/10000');
      assert.equal((await suffix.arrayBuffer()).byteLength, 500);
      const beyond = await app.request(videoPath, { headers: learner.headers({ range: 'bytes=20000-' }) });
      assert.equal(beyond.status, 416);
      assert.equal(beyond.headers.get('content-range'), 'bytes */10000');
      const etag = whole.headers.get('etag') ?? '';
      assert.equal((await app.request(videoPath, { headers: learner.headers({ 'if-none-match': etag }) })).status, 304);
      assert.equal((await app.request(videoPath, { headers: editor.headers({ range: 'bytes=0-9' }) })).status, 206, 'the author');
      assert.equal((await app.request(videoPath, { headers: stranger.headers() })).status, 403, 'not enrolled');
      const anonymous = await app.request(videoPath);
      assert.equal(anonymous.status, 302);
      assert.match(anonymous.headers.get('location') ?? '', /^\/sign-in/);
    });

    it('certificate: page, PDF and a verification link anyone can open', async () => {
      const page = await app.request(`/academy/courses/${courseId}/certificate?lang=sv`, { headers: learner.headers() });
      const html = await page.text();
      const link = /href="(http[^"]*\/academy\/verify\/([A-Za-z0-9_-]+))"/.exec(html);
      assert.ok(link, 'a verification link');
      const verify = await app.request(`/academy/verify/${link[2]}?lang=sv`);
      assert.equal(verify.status, 200);
      const vhtml = await verify.text();
      assert.match(vhtml, /Anna Öberg/);
      assert.match(vhtml, /Instagram för butiken/);
      assert.doesNotMatch(vhtml, /anna@butik\.test/, 'no e-mail on the public page');
      assert.equal((await app.request(`/academy/verify/${link[2].slice(0, -2)}xx`)).status, 404);
      assert.equal((await app.request('/academy/verify/short')).status, 404);
      const pdf = await app.request(`/academy/courses/${courseId}/certificate.pdf?lang=sv`, { headers: learner.headers() });
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5)), '%PDF-');
      assert.equal((await app.request(`/academy/courses/${courseId}/certificate`, { headers: stranger.headers() })).status, 404, 'no enrolment');
    });

    it('a new version keeps progress by lesson id; the new lesson is still to do', async () => {
      const added = await postForm(
        app,
        `/academy/author/courses/${courseId}/lessons`,
        { title_sv: 'Hashtaggar', duration_seconds: '60', video_url: 'https://video.example/hashtag.mp4' },
        editor,
      );
      assert.equal(added.status, 303);
      const second = Number(/lessons\/(\d+)/.exec(added.headers.get('location') ?? '')?.[1]);
      const edit = await postForm(
        app,
        `/academy/author/lessons/${lessonId}`,
        { title_sv: 'Bilder som säljer (ny)', duration_seconds: '100', body: 'Ny text.', quiz: quizText },
        editor,
      );
      assert.equal(edit.status, 303);
      assert.equal((await postForm(app, `/academy/author/courses/${courseId}/publish`, {}, editor)).status, 303);
      const colleaguePage = await postForm(app, `/academy/courses/${courseId}/enrol`, { firm_id: String(firm) }, colleague);
      assert.equal(colleaguePage.status, 303);
      const page = await (await app.request(`/academy/courses/${courseId}?lang=en`, { headers: learner.headers() })).text();
      assert.match(page, /1 of 2 lessons done/);
      assert.match(page, /Bilder som säljer \(ny\)/);
      assert.match(page, /Completed on/, 'a certificate already earned stays');
      // The external film: the learner's word, then the colleague completes both lessons.
      const ext = await postForm(app, `/academy/courses/${courseId}/lessons/${second}/watched-external`, {}, colleague);
      assert.equal(ext.status, 303);
      await report(colleague, lessonId, [[0, 100]], 100);
      const body = new URLSearchParams({ _csrf: colleague.csrfToken, q1: 'q1o1' });
      body.append('q2', 'q2o1');
      body.append('q2', 'q2o2');
      await app.request(`/academy/courses/${courseId}/lessons/${lessonId}/quiz`, {
        method: 'POST',
        headers: { cookie: colleague.cookie, origin: testOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      });
      assert.match(await (await app.request(`/academy/courses/${courseId}?lang=en`, { headers: colleague.headers() })).text(), /Completed on/);
      assert.equal(await countFirmCourseCompletions(database.db, {}), 1, 'two people of one firm completing one course count once');
      assert.equal(await countFirmCourseCompletions(database.db, { organisationId: orebro }), 1);
      const record = await loadFirmRecord(database.db, undefined, firm, 'sv', 'public');
      const completed = record.find((r) => r.section.key === 'academy.completed-courses');
      assert.deepEqual(
        completed?.entries.map((e) => e.label),
        ['Instagram för butiken'],
        "the firm's public record lists the course once",
      );
    });

    it('Linköping picks the shared course from the catalogue; authorship stays Örebro’s', async () => {
      const before = await (await app.request(`/academy/organisations/${linkoping}?lang=en`, { headers: linkopingAdmin.headers() })).text();
      assert.match(before, /Offer to our firms/);
      assert.equal((await postForm(app, `/academy/organisations/${linkoping}/offerings`, { course_id: String(courseId) }, editor)).status, 403);
      const offered = await postForm(app, `/academy/organisations/${linkoping}/offerings`, { course_id: String(courseId) }, linkopingAdmin);
      assert.equal(offered.status, 303);
      const course = await (await app.request(`/academy/courses/${courseId}?lang=en`)).text();
      assert.match(course, /Made by<\/dt><dd>Örebro City/);
      assert.match(course, /Offered by<\/dt><dd>Örebro City, Linköping City/);
      const orebroAdmin = await createUser(database.db, { email: 'admin@orebro.test', roles: [{ organisationId: orebro, role: 'org_admin' }] });
      const orebroPage = await (
        await app.request(`/academy/organisations/${orebro}?lang=en`, { headers: (await signIn(app, orebroAdmin.email)).headers() })
      ).text();
      assert.match(orebroPage, /Completions \(each firm and course counted once\): 1\./);
      assert.match(
        orebroPage,
        /<td>Butik Ågatan<\/td><td>Instagram for the shop<\/td><td class="num">2<\/td><td class="num">2<\/td>/,
        'the firm: two learners, both completed',
      );
      const report = await (await app.request(`/academy/organisations/${orebro}?lang=en`, { headers: editor.headers() })).status;
      assert.equal(report, 403, 'editors do not read the enrolment report');
      const noJunk = await postForm(app, `/academy/organisations/${linkoping}/offerings`, { course_id: 'x' }, linkopingAdmin);
      assert.equal(noJunk.status, 400);
    });

    it('progress reports from two devices at once are both kept (row lock)', async () => {
      const otherCourse = await postForm(
        app,
        '/academy/author/courses',
        { organisation_id: String(orebro), title_sv: 'Facebook', topic: 'facebook', level: 'beginner', lang_sv: 'on', watch_share_percent: '50' },
        editor,
      );
      const cid = Number(/courses\/(\d+)/.exec(otherCourse.headers.get('location') ?? '')?.[1]);
      const l = await postForm(
        app,
        `/academy/author/courses/${cid}/lessons`,
        { title_sv: 'Sidor', duration_seconds: '200', video_url: 'https://video.example/fb.mp4' },
        editor,
      );
      const lid = Number(/lessons\/(\d+)/.exec(l.headers.get('location') ?? '')?.[1]);
      await postForm(app, `/academy/author/courses/${cid}/publish`, {}, editor);
      await postForm(app, `/academy/courses/${cid}/enrol`, {}, stranger);
      const phone = await signIn(app, 'stranger@elsewhere.test');
      const send = (as: SignedIn, iv: [number, number]) =>
        app.request(`/academy/courses/${cid}/lessons/${lid}/progress`, {
          method: 'POST',
          headers: as.headers({ 'content-type': 'application/json' }),
          body: JSON.stringify({ intervals: [iv], position: iv[1] }),
        });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => send(i % 2 ? phone : stranger, [i * 10, i * 10 + 10])));
      assert.ok(results.every((r) => r.status === 200));
      const last = (await (await send(phone, [0, 1])).json()) as { watchedSeconds: number; isLessonDone: boolean };
      assert.deepEqual([last.watchedSeconds, last.isLessonDone], [100, true]);
      const junk = await app.request(`/academy/courses/${cid}/lessons/${lid}/progress`, {
        method: 'POST',
        headers: phone.headers({ 'content-type': 'application/json' }),
        body: '{"intervals":[[5,1]],"position":"x"}',
      });
      assert.equal(junk.status, 400);
    });

    it('the demo seeds the four CityKompetens courses once, 8–10 lessons each, saying the film is a placeholder', async () => {
      const editorId = Number((await database.db.selectFrom('users').select('id').where('email', '=', 'editor@orebro.test').executeTakeFirstOrThrow()).id);
      const world = {
        orgs: { 'orebro-city': { id: orebro }, 'linkoping-city': { id: linkoping } },
        people: { 'editor-orebro': { id: editorId } },
      } as unknown as DemoWorld;
      const store = new DiskBlobStore(join(dataDir, 'files'));
      assert.deepEqual(
        demoCourses.map((c) => c.topic),
        ['instagram', 'facebook', 'visual_merchandising', 'ecommerce'],
      );
      for (const c of demoCourses) assert.ok(c.lessons.length >= 8 && c.lessons.length <= 10, `${c.topic}: ${c.lessons.length} lessons`);
      // Seeding all 36 films takes seconds; the mechanics are the same for one course of two lessons.
      const sample = [{ ...demoCourses[2], lessons: demoCourses[2].lessons.slice(0, 2) }];
      assert.match((await seedAcademyDemo(database.db, world, store, sample)) ?? '', /^1 courses, 2 lessons/);
      assert.equal(await seedAcademyDemo(database.db, world, store, sample), undefined, 'idempotent');
      const html = await (await app.request('/academy?topic=visual_merchandising&lang=sv')).text();
      assert.match(html, /Visual merchandising i butiken<\/a> <span class="demo-mark">\(demo\)/);
      const courseId = /\/academy\/courses\/(\d+)/.exec(html)?.[1];
      const enrolled = await postForm(app, `/academy/courses/${courseId}/enrol`, {}, stranger);
      const lesson = await (await app.request(enrolled.headers.get('location') ?? '', { headers: stranger.headers() })).text();
      assert.match(lesson, /placeholder generated for the demo/);
      assert.match(lesson, /srclang="en"/);
    });

    it("the demo's firms complete courses in the current half-year, for the funder reports", async () => {
      const db = database.db;
      const firms: Record<string, number> = {};
      const people: Record<string, { id: number }> = {};
      for (const [i, key] of ['cafe-sorsele', 'bakery-roros', 'wool-roros', 'bookshop-roros'].entries()) {
        firms[key] = await insertFirm(db, { name: `Demo ${key} AB`, country: 'SE', municipality: '1880', nationalId: `55600001${i}0` });
        people[`owner-${key}`] = await createUser(db, { email: `owner-${key}@demo.test`, managedFirmIds: [firms[key]!] });
      }
      const world = {
        orgs: { region10: { id: orebro, country: 'SE' }, fjellregionen: { id: linkoping, country: 'SE' } },
        people,
        firms: Object.fromEntries(Object.entries(firms).map(([k, firmId]) => [k, { firmId }])),
      } as unknown as DemoWorld;
      const now = new Date('2026-07-20T12:00:00Z');
      assert.match((await seedDemoCompletions(db, world, now)) ?? '', /^4 course completions/);
      assert.equal(await seedDemoCompletions(db, world, now), undefined, 'once');
      const half = { from: new Date('2026-06-30T22:00:00Z'), to: new Date('2026-12-31T23:00:00Z'), timeZone: 'Europe/Stockholm', courseIds: [] };
      const demoFirms = new Set(Object.values(firms));
      const done = (await reportingCompletions(db, { ...half, organisationIds: [orebro, linkoping] })).filter((d) => demoFirms.has(d.firmId));
      // This test has one demo course: the café's two completions are of the same course, counted once per firm.
      assert.deepEqual(
        done.map((d) => [d.firmId, d.courses]),
        [
          [firms['cafe-sorsele'], 1],
          [firms['bakery-roros'], 1],
          [firms['wool-roros'], 1],
        ],
      );
      // 40 days before 20 July would be June: kept inside the half-year, and never after now.
      assert.ok(done.every((d) => d.firstOn >= '2026-07-01' && d.firstOn <= '2026-07-20'));
      const marked = await db.selectFrom('academy_enrolments').select(['is_demo', 'completed_at']).where('firm_id', 'in', Object.values(firms)).execute();
      assert.equal(marked.length, 4);
      assert.ok(marked.every((m) => m.is_demo));
      assert.equal(marked.filter((m) => m.completed_at === null).length, 1, 'the bookshop has only started');
    });
  });
}
