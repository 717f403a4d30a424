import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, whether running from dist/src (compiled) or not. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Reference data ships in the source tree (src/modules/<module>/data) and is read from there at run time. */
export const moduleDataPath = (module: string, file: string) => join(projectRoot, 'src', 'modules', module, 'data', file);
