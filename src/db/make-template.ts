// `node dist/src/db/make-template.js`: run by `npm install` (bin/build.mjs); see template.ts.
import { buildTemplate } from './template.js';

await buildTemplate();
