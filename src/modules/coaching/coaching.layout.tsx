import type { Child } from 'hono/jsx';
import type { FormError } from '../../shared/http/forms.js';
import type { Locale, Message } from '../../shared/i18n/i18n.js';
import { ErrorSummary, Notice } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { msg } from './coaching.messages.js';

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  csrf: string;
}

const tabs: { href: string; label: Message }[] = [
  { href: '/coaching', label: msg.home },
  { href: '/coaching/cases', label: msg.cases },
  { href: '/coaching/referrals', label: msg.referrals },
  { href: '/coaching/calendar', label: msg.calendar },
  { href: '/coaching/calendar/feeds', label: msg.feeds },
];

/** Every coaching page: the module's sub-navigation, title, notice and form errors. */
export function CoachingPage(props: PageBase & { title: string; notice?: string; error?: FormError; children?: Child; current?: string }) {
  const l = props.locale;
  const path = new URL(props.currentUrl, 'http://x').pathname;
  return (
    <Layout locale={l} title={props.title} currentUrl={props.currentUrl} head={<link rel="stylesheet" href="/static/coaching.css" />}>
      <nav class="sub-nav coaching-nav" aria-label={msg.coaching[l]}>
        <ul>
          {tabs.map((t) => (
            <li>
              <a href={`${t.href}?lang=${l}`} aria-current={(props.current ?? path) === t.href ? 'page' : undefined}>
                {t.label[l]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{props.title}</h1>
      <Notice text={props.notice} />
      {props.error ? <ErrorSummary locale={l} message={props.error.message} issues={props.error.issues} /> : null}
      {props.children}
    </Layout>
  );
}

/** "(demo)" after a demo row's name (unless the name says so already, as the demo register's firms do). */
export const DemoMark = (props: { locale: Locale; isDemo: boolean; text?: string }) =>
  props.isDemo && !props.text?.includes('(demo)') ? <span class="demo-mark"> {msg.demo[props.locale]}</span> : null;

/** A checkbox with its label after it (the shared form field). */
export { CheckboxField } from '../../shared/views/form.js';

/** A labelled textarea (the shared form field). */
export { TextAreaField as TextArea } from '../../shared/views/form.js';
