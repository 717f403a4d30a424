import { z } from 'zod';
import { countySchema, municipalitySchema, placesQuerySchema } from '../places/places.schemas.js';
import { apiErrorSchema, firmIdParamSchema, sectorSchema } from './directory.api-schemas.js';
import { facetValueSchema, firmDetailSchema, listingItemSchema, searchQuerySchema, searchResultSchema } from './directory.schemas.js';

type JsonSchema = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** Every schema the document names, converted once from the zod schemas the code validates with. */
function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  registry.add(listingItemSchema, { id: 'ListingItem' });
  registry.add(facetValueSchema, { id: 'FacetValue' });
  registry.add(searchResultSchema, { id: 'SearchResult' });
  registry.add(firmDetailSchema, { id: 'FirmDetail' });
  registry.add(municipalitySchema, { id: 'Municipality' });
  registry.add(countySchema, { id: 'County' });
  registry.add(sectorSchema, { id: 'Sector' });
  registry.add(apiErrorSchema, { id: 'Error' });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

/** A zod object of query (or path) parameters → OpenAPI parameter objects, as the wire sees them (strings coerced). */
function parametersOf(schema: z.ZodObject, where: 'query' | 'path'): JsonSchema[] {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as {
    properties: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties).map(([name, { description, ...s }]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name) ? true : undefined,
    description,
    schema: s,
  }));
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const ok = (schema: JsonSchema, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The OpenAPI 3.1 document of the public API (served at /api/openapi.json). */
export function buildOpenApiDocument(serverUrl?: string): JsonSchema {
  const lang = { $ref: '#/components/parameters/Lang' };
  const firmQuery = parametersOf(searchQuerySchema, 'query').map((p) => (p.name === 'per_page' || p.name === 'page' ? { ...p, required: undefined } : p));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lokalkraft public directory API',
      version: '1.0.0',
      description:
        'Open data on local firms in Norway, Sweden and Finland: search, firm details, places and sectors. GET only, no key, CORS open. Names come in the language chosen by `lang`, the `lk_lang` cookie or Accept-Language.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: serverUrl ? [{ url: serverUrl }] : [{ url: '/' }],
    paths: {
      '/api/v1/firms': {
        get: {
          operationId: 'searchFirms',
          summary: 'Search the places where firms meet their customers',
          parameters: [...firmQuery, lang],
          responses: {
            '200': ok(ref('SearchResult'), 'One page of results with facet counts'),
            '400': errorResponse('A parameter is invalid; `issues[].field` names it'),
          },
        },
      },
      '/api/v1/firms/{id}': {
        get: {
          operationId: 'getFirm',
          summary: 'All public facts of one place',
          parameters: [...parametersOf(firmIdParamSchema, 'path').map((p) => ({ ...p, schema: { type: 'integer', minimum: 1 } })), lang],
          responses: {
            '200': ok(ref('FirmDetail'), 'The place'),
            '400': errorResponse('The id is not a number'),
            '404': errorResponse('No place with this id'),
          },
        },
      },
      '/api/v1/places/municipalities': {
        get: {
          operationId: 'listMunicipalities',
          summary: 'Municipalities (kommuner, kunnat) with codes, names and centres',
          parameters: [...parametersOf(placesQuerySchema, 'query'), lang],
          responses: { '200': ok({ type: 'array', items: ref('Municipality') }, 'Municipalities'), '400': errorResponse('A parameter is invalid') },
        },
      },
      '/api/v1/places/counties': {
        get: {
          operationId: 'listCounties',
          summary: 'Counties (fylker, län, maakunnat)',
          parameters: [...parametersOf(placesQuerySchema.pick({ country: true }), 'query'), lang],
          responses: { '200': ok({ type: 'array', items: ref('County') }, 'Counties'), '400': errorResponse('A parameter is invalid') },
        },
      },
      '/api/v1/sectors': {
        get: {
          operationId: 'listSectors',
          summary: 'NACE Rev. 2 sections: the values of the `sector` filter (a 2-digit division also works)',
          parameters: [lang],
          responses: { '200': ok({ type: 'array', items: ref('Sector') }, 'Sectors') },
        },
      },
      '/api/v1/categories': {
        get: {
          operationId: 'listCategories',
          summary: "Everyday categories (bakery, hairdresser, plumber…): the values of the `category` filter, named in the reader's language",
          parameters: [lang],
          responses: {
            '200': ok(
              { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' } }, required: ['key', 'name'] } },
              'Categories',
            ),
          },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      parameters: {
        Lang: {
          name: 'lang',
          in: 'query',
          required: false,
          description: 'Language of names and labels',
          schema: { type: 'string', enum: ['nb', 'sv', 'fi', 'en'] },
        },
      },
    },
  };
}
