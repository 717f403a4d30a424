import type { ImportSource } from './import.tables.js';

/**
 * Which register a file comes from, told from its first record: a file of the wrong register for
 * the chosen importer is refused at once with the right command, instead of every record being
 * rejected (or, worse, half of them read with the wrong meaning).
 */

export const registerNames: Record<ImportSource, string> = {
  brreg: 'Enhetsregisteret (Brønnøysund)',
  prh: 'PRH/YTJ',
  bolagsverket: 'Bolagsverket',
};

// Keys only the first record of each register's files has (the key, not a value: a name may say anything).
const signatures: [ImportSource, RegExp][] = [
  ['brreg', /"organisasjonsnummer"\s*:/],
  ['prh', /"businessId"\s*:|^\s*\{\s*"totalResults"\s*:/],
];

/** The register of a file from the text of its start, or undefined when it does not say. */
export function registerOfFileStart(text: string): ImportSource | undefined {
  const head = text.replace(/^\uFEFF/, '');
  if (/^\s*"?organisationsidentitet"?\s*[;,]/.test(head)) return 'bolagsverket';
  let best: { source: ImportSource; at: number } | undefined;
  for (const [source, re] of signatures) {
    const at = head.search(re);
    if (at !== -1 && (!best || at < best.at)) best = { source, at };
  }
  return best?.source;
}

export function wrongRegisterMessage(found: ImportSource, chosen: ImportSource): string {
  return `is a file of ${registerNames[found]}, not of ${registerNames[chosen]} — import it with \`lokalkraft import ${found}\``;
}
