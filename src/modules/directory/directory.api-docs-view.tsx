import type { Locale } from '../../shared/i18n/i18n.js';
import { Layout } from '../../shared/views/layout.js';
import { apiMsg, paramMsg } from './directory.messages.js';

interface Endpoint {
  path: string;
  title: keyof typeof apiMsg;
  body?: keyof typeof apiMsg;
  params?: (keyof typeof paramMsg)[];
  examples: string[];
}

const endpoints: Endpoint[] = [
  {
    path: '/api/v1/firms',
    title: 'searchFirms',
    body: 'searchFirmsBody',
    params: ['q', 'municipality', 'county', 'country', 'sector', 'near', 'radius_km', 'open_now', 'page', 'per_page'],
    examples: [
      '/api/v1/firms?q=bakeri&municipality=5025',
      '/api/v1/firms?near=62.575,11.384&radius_km=25&open_now=true',
      '/api/v1/firms?sector=I&county=19&lang=fi',
    ],
  },
  { path: '/api/v1/firms/{id}', title: 'getFirm', body: 'getFirmBody', examples: ['/api/v1/firms/{id}'] },
  {
    path: '/api/v1/places/municipalities',
    title: 'municipalities',
    params: ['country', 'county'],
    examples: ['/api/v1/places/municipalities?country=FI&county=19'],
  },
  { path: '/api/v1/places/counties', title: 'counties', params: ['country'], examples: ['/api/v1/places/counties?country=SE'] },
  { path: '/api/v1/sectors', title: 'sectors', examples: ['/api/v1/sectors?lang=sv'] },
];

const errorExample = JSON.stringify(
  {
    error: {
      code: 'validation',
      message: 'Some fields need fixing: per_page',
      issues: [{ field: 'per_page', label: 'Results per page', message: 'must be at least 1' }],
    },
  },
  null,
  2,
);

export function ApiDocsPage(props: { locale: Locale; currentUrl: string; exampleId: number }) {
  const l = props.locale;
  return (
    <Layout locale={l} title={apiMsg.title[l]} currentUrl={props.currentUrl} head={<link rel="stylesheet" href="/static/directory.css" />}>
      <h1>{apiMsg.title[l]}</h1>
      <p>{apiMsg.intro[l]}</p>
      <p>{apiMsg.language[l]}</p>
      <p>{apiMsg.caching[l]}</p>
      <p>
        <a href="/api/openapi.json">{apiMsg.openapi[l]}</a>
      </p>
      <h2>{apiMsg.endpoints[l]}</h2>
      {endpoints.map((e, index) => (
        <section class="endpoint" aria-labelledby={`endpoint-${index}`}>
          <h3 id={`endpoint-${index}`}>
            <code>{`GET ${e.path}`}</code>
          </h3>
          <p>{apiMsg[e.title][l]}</p>
          {e.body ? <p>{apiMsg[e.body][l]}</p> : null}
          {e.params ? (
            <table class="params">
              <caption>{apiMsg.parameters[l]}</caption>
              <thead>
                <tr>
                  <th scope="col">{apiMsg.parameter[l]}</th>
                  <th scope="col">{apiMsg.meaning[l]}</th>
                </tr>
              </thead>
              <tbody>
                {e.params.map((p) => (
                  <tr>
                    <th scope="row">
                      <code>{p}</code>
                    </th>
                    <td>{paramMsg[p][l]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p>{apiMsg.example[l]}:</p>
          <ul>
            {e.examples.map((x) => (
              <li>
                <a href={x.replace('{id}', String(props.exampleId))}>
                  <code>{x.replace('{id}', String(props.exampleId))}</code>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>{apiMsg.errors[l]}</h2>
      <p>{apiMsg.errorsBody[l]}</p>
      <pre tabindex={0}>
        <code>{errorExample}</code>
      </pre>
    </Layout>
  );
}
