import { Hono, type Context, type MiddlewareHandler } from 'hono';
import QRCode from 'qrcode';
import { publicBaseUrl } from '../../config/env.js';
import { AppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, idParam, readForm, type FormError } from '../../shared/http/forms.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { format, pickName } from '../../shared/i18n/i18n.js';
import { eventsAccess } from './events.access.js';
import { CheckInPage } from './events.checkin.views.js';
import { participantRows, participantsCsv, participantsXlsx } from './events.export.js';
import { eventsToIcs } from './events.ics.js';
import { EventFormPage, ManageListPage, ParticipantsPage } from './events.manage.views.js';
import { msg } from './events.messages.js';
import { CalendarPage, EventPage, OrganisationEventsPage, RegistrationPage } from './events.public.views.js';
import { calendarFilterSchema, codeSchema, eventFieldLabels, eventInputSchema, messageSchema, signUpSchema, walkInSchema } from './events.schemas.js';
import * as attendance from './events.attendance.service.js';
import * as service from './events.service.js';
import * as signup from './events.signup.service.js';

type C = Context<AppEnv>;

const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const labels = { labels: eventFieldLabels };
const co = (form: Record<string, string>) =>
  Object.keys(form)
    .map((k) => /^co_(\d{1,9})$/.exec(k)?.[1])
    .filter((v): v is string => !!v)
    .map(Number);
const answersOf = (form: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => /^answer_q\d{1,2}$/.test(k))
      .map(([k, v]) => [k.slice('answer_'.length), v]),
  );
const icsHeaders = (name: string) => ({
  'Content-Type': 'text/calendar; charset=utf-8',
  'Content-Disposition': `inline; filename="${name}"`,
  'Cache-Control': 'public, max-age=300',
});

/**
 * Events: the public calendar, event pages, sign-up and the person's own registration page
 * (cancel link, QR code), feeds; under /events/manage the organisers' pages.
 * Mounted at /events. Static paths come before /:eventId.
 */
export function eventsRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const baseUrl = publicBaseUrl(env);
  const app = new Hono<AppEnv>();

  /** Organisers of the event in the path (before anything is parsed). */
  const guard =
    (action: 'events.event.manage' | 'events.participants.read' | 'events.checkin.record'): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      await service.requireEventAccess(db, c.var.user, idParam(c, 'eventId'), action);
      await next();
    };
  const listGuard = eventsAccess.middleware('events.event.list', () => undefined);

  // ---- public calendar and feeds -------------------------------------------------------------
  app.get('/', async (c) => {
    const filter = parseOrThrow(calendarFilterSchema, c.req.query(), labels);
    const [events, options] = await Promise.all([service.listCalendar(db, filter), service.calendarOptions(db)]);
    return c.html(<CalendarPage {...base(c)} events={events} filter={filter} options={options} />);
  });
  app.get('/feed.ics', async (c) => {
    const filter = parseOrThrow(calendarFilterSchema, c.req.query(), labels);
    const events = await service.listCalendar(db, { ...filter, past: false }, new Date(Date.now() - 90 * 24 * 3600 * 1000), 500);
    return c.body(eventsToIcs(events, { baseUrl, locale: c.var.locale, name: msg.calendar[c.var.locale] }), 200, icsHeaders('events.ics'));
  });
  app.get('/organisations/:orgId', async (c) => {
    const orgId = idParam(c, 'orgId');
    const name = await service.organisationName(db, orgId);
    const [coming, past] = await Promise.all([
      service.listCalendar(db, { org: orgId, past: false, free: false }),
      service.listCalendar(db, { org: orgId, past: true, free: false }, new Date(), 50),
    ]);
    return c.html(<OrganisationEventsPage {...base(c)} name={name} orgId={orgId} coming={coming} past={past} />);
  });
  app.get('/organisations/:orgId/feed.ics', async (c) => {
    const orgId = idParam(c, 'orgId');
    const name = await service.organisationName(db, orgId);
    const events = await service.listCalendar(db, { org: orgId, free: false }, new Date(), 500);
    return c.body(eventsToIcs(events, { baseUrl, locale: c.var.locale, name }), 200, icsHeaders(`events-${orgId}.ics`));
  });

  // ---- a person's own registration (the link in their e-mail) ------------------------------------
  const renderRegistration = async (c: C, notice?: string, isNew = false) => {
    const token = c.req.param('token') ?? '';
    const { registration, position } = await signup.findRegistrationByToken(db, token);
    const event = await service.getEvent(db, undefined, registration.eventId).catch(() => null);
    if (!event) throw new AppError('not_found', msg.noSuchRegistration);
    if (isNew && registration.status === 'confirmed') notice = msg.youAreConfirmed[c.var.locale];
    const qr = registration.status === 'confirmed' ? await QRCode.toDataURL(registration.code, { margin: 1, width: 200 }) : null;
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(<RegistrationPage {...base(c)} event={event} registration={registration} position={position} token={token} qrDataUrl={qr} notice={notice} />);
  };
  app.get('/r/:token', (c) => renderRegistration(c, undefined, !!c.req.query('new')));
  app.post('/r/:token/cancel', async (c) => {
    await signup.cancelRegistration(db, c.req.param('token'));
    return renderRegistration(c, msg.registrationCancelled[c.var.locale]);
  });

  // ---- organisers --------------------------------------------------------------------------------
  app.get('/manage', listGuard, async (c) => {
    const events = await service.listEventsToManage(db, c.var.user);
    const choices = await service.organisationChoices(db, c.var.user);
    return c.html(
      <ManageListPage
        {...base(c)}
        events={events}
        canCreate={choices.lead.length > 0}
        notice={c.req.query('cancelled') ? msg.status_cancelled[c.var.locale] : undefined}
      />,
    );
  });
  const renderForm = async (c: C, eventId: number | undefined, values?: Record<string, string>, error?: FormError, notice?: string) => {
    const choices = await service.organisationChoices(db, c.var.user);
    const event = eventId ? await service.getEventToManage(db, c.var.user, eventId) : undefined;
    const leadId = event ? event.organisers[0]?.id : Number(values?.organisation_id ?? choices.lead[0]?.id);
    const page = (
      <EventFormPage
        {...base(c)}
        event={event}
        leadChoices={choices.lead}
        coChoices={choices.all.filter((o) => o.id !== leadId)}
        values={values ?? (event ? service.formValuesOf(event) : { kind: 'workshop', audience: 'public' })}
        error={error}
        notice={notice}
        canManage
      />
    );
    return c.html(page, (error?.status ?? 200) as 200);
  };
  app.get('/manage/new', listGuard, (c) => renderForm(c, undefined));
  app.post('/manage/new', listGuard, async (c) => {
    const form = await readForm(c);
    try {
      const id = await service.createEvent(db, c.var.user, parseOrThrow(eventInputSchema, form, labels), co(form), c.var.requestId);
      return c.redirect(`/events/manage/${id}?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderForm(c, undefined, form, fe);
    }
  });
  app.get('/manage/:eventId', guard('events.event.manage'), (c) =>
    renderForm(c, idParam(c, 'eventId'), undefined, undefined, c.req.query('saved') ? msg.saved[c.var.locale] : undefined),
  );
  app.post('/manage/:eventId', guard('events.event.manage'), async (c) => {
    const id = idParam(c, 'eventId');
    const form = await readForm(c);
    try {
      await service.updateEvent(db, c.var.user, id, parseOrThrow(eventInputSchema, form, labels), co(form));
      return c.redirect(`/events/manage/${id}?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderForm(c, id, form, fe);
    }
  });
  app.post('/manage/:eventId/publish', guard('events.event.manage'), async (c) => {
    const id = idParam(c, 'eventId');
    await service.publishEvent(db, c.var.user, id);
    return c.redirect(`/events/manage/${id}?saved=1&lang=${c.var.locale}`, 303);
  });
  app.post('/manage/:eventId/cancel', guard('events.event.manage'), async (c) => {
    const id = idParam(c, 'eventId');
    await service.cancelEvent(db, c.var.user, id, c.var.requestId);
    return c.redirect(`/events/manage/${id}?saved=1&lang=${c.var.locale}`, 303);
  });
  app.post('/manage/:eventId/duplicate', guard('events.event.manage'), async (c) => {
    const copy = await service.duplicateEvent(db, c.var.user, idParam(c, 'eventId'));
    return c.redirect(`/events/manage/${copy}?saved=1&lang=${c.var.locale}`, 303);
  });

  const renderParticipants = async (c: C, notice?: string, error?: FormError) => {
    const id = idParam(c, 'eventId');
    const { event, registrations } = await attendance.listParticipants(db, c.var.user, id);
    const attended = await attendance.attendanceCount(db, id);
    c.header('Cache-Control', 'no-store');
    return c.html(
      <ParticipantsPage {...base(c)} event={event} registrations={registrations} attended={attended} notice={notice} error={error} />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/manage/:eventId/participants', guard('events.participants.read'), (c) => renderParticipants(c));
  app.get('/manage/:eventId/participants.csv', guard('events.participants.read'), async (c) => {
    const id = idParam(c, 'eventId');
    const { event, registrations } = await attendance.participantsForExport(db, c.var.user, id, 'csv', c.var.requestId);
    return c.body(participantsCsv(participantRows(event, registrations, c.var.locale)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="participants-${id}.csv"`,
      'Cache-Control': 'no-store',
    });
  });
  app.get('/manage/:eventId/participants.xlsx', guard('events.participants.read'), async (c) => {
    const id = idParam(c, 'eventId');
    const { event, registrations } = await attendance.participantsForExport(db, c.var.user, id, 'xlsx', c.var.requestId);
    const bytes = await participantsXlsx(participantRows(event, registrations, c.var.locale), pickName(event.title, c.var.locale));
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="participants-${id}.xlsx"`,
      'Cache-Control': 'no-store',
    });
  });
  app.post('/manage/:eventId/message', guard('events.event.manage'), async (c) => {
    try {
      const n = await attendance.writeToParticipants(db, c.var.user, idParam(c, 'eventId'), parseOrThrow(messageSchema, await readForm(c), labels));
      return renderParticipants(c, format(msg.messageQueued[c.var.locale], { n }));
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderParticipants(c, undefined, fe);
    }
  });

  // ---- check-in at the door ----------------------------------------------------------------------
  const renderCheckIn = async (c: C, notice?: string, error?: FormError) => {
    const id = idParam(c, 'eventId');
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const { event, registrations } = await attendance.listParticipants(db, c.var.user, id, q || undefined);
    c.header('Cache-Control', 'no-store');
    return c.html(<CheckInPage {...base(c)} event={event} registrations={registrations} q={q} notice={notice} error={error} />, (error?.status ?? 200) as 200);
  };
  app.get('/manage/:eventId/check-in', guard('events.checkin.record'), (c) => renderCheckIn(c));
  app.post('/manage/:eventId/check-in', guard('events.checkin.record'), async (c) => {
    const id = idParam(c, 'eventId');
    const form = await readForm(c);
    try {
      const registrationId = form.registration_id;
      const target =
        registrationId && /^\d{1,15}$/.test(registrationId)
          ? { registrationId: Number(registrationId) }
          : { code: parseOrThrow(codeSchema, form, labels).code };
      const done = await attendance.checkIn(db, c.var.user, id, target);
      return renderCheckIn(c, `${msg.checkedIn[c.var.locale]}: ${done.name}`);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderCheckIn(c, undefined, fe);
    }
  });
  app.post('/manage/:eventId/check-in/:registrationId/undo', guard('events.checkin.record'), async (c) => {
    await attendance.undoCheckIn(db, c.var.user, idParam(c, 'eventId'), idParam(c, 'registrationId'));
    return c.redirect(`/events/manage/${idParam(c, 'eventId')}/check-in?lang=${c.var.locale}`, 303);
  });
  app.post('/manage/:eventId/walk-in', guard('events.checkin.record'), async (c) => {
    try {
      const input = parseOrThrow(walkInSchema, await readForm(c), labels);
      await attendance.addWalkIn(db, c.var.user, idParam(c, 'eventId'), input, c.var.locale);
      return renderCheckIn(c, `${msg.checkedIn[c.var.locale]}: ${input.name}`);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderCheckIn(c, undefined, fe);
    }
  });
  app.post('/manage/:eventId/no-shows', guard('events.checkin.record'), async (c) => {
    const n = await attendance.markNoShows(db, c.var.user, idParam(c, 'eventId'));
    return renderCheckIn(c, `${msg.noShow[c.var.locale]}: ${n}`);
  });

  // ---- an event's public page, its .ics and sign-up ----------------------------------------------
  const renderEvent = async (c: C, error?: FormError, values?: Record<string, string>) => {
    const id = idParam(c, 'eventId');
    const event = await service.getEvent(db, c.var.user, id);
    const choice = await signup.signUpChoice(db, c.var.user);
    return c.html(
      <EventPage
        {...base(c)}
        event={event}
        pageUrl={`${baseUrl}/events/${id}`}
        canManage={service.canManage(c.var.user, event)}
        signUpOpen={signup.isSignUpOpen(event)}
        choice={choice}
        error={error}
        values={values}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/:eventId', (c) => renderEvent(c));
  app.get('/:eventId/event.ics', async (c) => {
    const event = await service.getEvent(db, c.var.user, idParam(c, 'eventId'));
    return c.body(eventsToIcs([event], { baseUrl, locale: c.var.locale, name: pickName(event.title, c.var.locale) }), 200, icsHeaders(`event-${event.id}.ics`));
  });
  app.post('/:eventId/sign-up', async (c) => {
    const id = idParam(c, 'eventId');
    const form = await readForm(c);
    try {
      const input = parseOrThrow(signUpSchema, form, labels);
      const result = await signup.signUp(db, c.var.user, id, { ...input, answers: answersOf(form) }, c.var.locale);
      return c.redirect(`/events/r/${result.token}?new=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderEvent(c, fe, form);
    }
  });

  return app;
}
