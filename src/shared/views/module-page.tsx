import type { Child } from 'hono/jsx';
import type { LocalisedIssue } from '../errors.js';
import type { Locale } from '../i18n/i18n.js';
import { ErrorSummary, Notice } from './form.js';
import { Layout } from './layout.js';

/** What every page of a module gets from its route. */
export interface PageBase {
  locale: Locale;
  currentUrl: string;
  csrf: string;
}

/** A refused form's problem above the page's content: `asFormError`'s message and its localised issues. */
export interface PageError {
  message: string;
  issues: LocalisedIssue[];
}

export interface ModulePageProps {
  locale: Locale;
  title: string;
  currentUrl: string;
  /** The module's stylesheet in /static (strict CSP: no inline style), e.g. `giftcard.css`. */
  stylesheet: string;
  /** More for the head after the stylesheet: the module's script, a map's files, a refresh. */
  head?: Child;
  /** A line saying what just happened ("Saved"), as a status. */
  notice?: string;
  error?: PageError;
  children?: Child;
}

/**
 * A module's page shell: the platform's layout with the module's stylesheet, then the notice and
 * the error summary (when there are any) above the page's content.
 */
export function ModulePage(props: ModulePageProps) {
  return (
    <Layout
      locale={props.locale}
      title={props.title}
      currentUrl={props.currentUrl}
      head={
        <>
          <link rel="stylesheet" href={`/static/${props.stylesheet}`} />
          {props.head}
        </>
      }
    >
      <Notice text={props.notice} />
      {props.error ? <ErrorSummary locale={props.locale} message={props.error.message} issues={props.error.issues} /> : null}
      {props.children}
    </Layout>
  );
}
