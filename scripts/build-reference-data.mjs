#!/usr/bin/env node
/**
 * build-reference-data.mjs — regenerates and checks Lokalkraft's place/registry reference data.
 *
 * Plain Node ESM (>= 18), no dependencies.
 *
 *   node scripts/build-reference-data.mjs            # regenerate the derived files, then run all checks
 *   node scripts/build-reference-data.mjs --check    # write nothing: check the committed files (and, if the
 *                                                    # reference folder is there, that they are up to date)
 *   node scripts/build-reference-data.mjs --ref DIR  # reference folder (default: $REFERENCE_DATA_DIR or
 *                                                    # <repo>/../shared/data/reference)
 *
 * DERIVED (written by this script) — from the reference folder plus the hand-kept files below:
 *   src/modules/places/data/counties.json          NO + SE names from the reference files, FI + English/Sami names hand-kept
 *   src/modules/places/data/municipalities.json    NO: no_kommuner_2024_flat.csv + official multilingual names from
 *                                                  no_kommunenummer_changes_ssb.json; SE: se_kommunkoder.json; FI: hand-kept
 *   src/modules/places/data/no-code-changes.json   no_kommunenummer_changes_ssb.json resolved to 2024 codes
 *
 * HAND-KEPT (edited by hand, only read/validated here) — separate JSON files, not literals in this script:
 *   src/modules/places/data/manual/fi-municipalities.json  all 309 Finnish municipalities (codes, fi/sv/Sami names,
 *                                                          maakunta, seat coordinates). Made once from Posti's 2024
 *                                                          postcode file (municipality codes, names, NUTS3 → maakunta)
 *                                                          and GeoNames seats (CC BY 4.0), then kept by hand.
 *   src/modules/places/data/manual/no-admin-centres.json   point (administrative centre, from GeoNames) per NO kommune
 *   src/modules/places/data/manual/se-admin-centres.json   point (centralort, from GeoNames) per SE kommun
 *   src/modules/places/data/manual/sami-names.json         language of each part of SSB's multilingual NO names;
 *                                                          Sami names of some SE kommuner
 *   src/modules/places/data/manual/counties.json           English, Sami/Kven and Finnish county names
 *   src/modules/registry/data/nace.json                    NACE Rev. 2 sections/divisions in nb/sv/fi/en
 *   src/modules/registry/data/se-postcode-municipality.json  postcode prefix → SE kommun (best effort)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const placesDir = path.join(repoRoot, 'src/modules/places/data');
const manualDir = path.join(placesDir, 'manual');
const registryDir = path.join(repoRoot, 'src/modules/registry/data');

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const refIdx = args.indexOf('--ref');
const refDir =
  refIdx >= 0
    ? path.resolve(args[refIdx + 1])
    : process.env.REFERENCE_DATA_DIR
      ? path.resolve(process.env.REFERENCE_DATA_DIR)
      : path.resolve(repoRoot, '..', 'shared', 'data', 'reference');

const EXPECTED = {
  municipalities: { NO: 357, SE: 290, FI: 309 }, // NO/SE: 2024 structure; FI: 2021–2024 (no mergers since Honkajoki → Kankaanpää 2021)
  counties: { NO: 15, SE: 21, FI: 19 },
};
// Generous bounding boxes (mainland + islands) used for a sanity check of every point.
const BBOX = {
  NO: { lat: [57.9, 71.25], lon: [4.4, 31.2] },
  SE: { lat: [55.3, 69.1], lon: [10.9, 24.2] },
  FI: { lat: [59.7, 70.1], lon: [19.3, 31.6] },
};
const CODE_RE = { NO: /^\d{4}$/, SE: /^\d{4}$/, FI: /^\d{3}$/ };
const NAME_KEYS = new Set(['nb', 'sv', 'fi', 'se', 'sma', 'smj', 'smn', 'sms', 'fkv', 'en']);

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const round3 = (x) => Math.round(x * 1000) / 1000;

/** One JSON value per line inside a top-level array: diff-friendly and still valid pretty JSON. */
function arrayJson(items) {
  return items.length ? '[\n' + items.map((x) => '  ' + JSON.stringify(x)).join(',\n') + '\n]\n' : '[]\n';
}

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------

function parseNoCsv(text) {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const header = lines.shift().split(';');
  const want = ['kommunenummer', 'kommunenavn', 'fylkesnummer', 'fylkesnavn'];
  if (want.some((w, i) => header[i] !== w)) throw new Error('unexpected NO CSV header: ' + header.join(';'));
  return lines.map((l) => {
    const [code, name, countyCode, countyName] = l.split(';');
    return { code, name, countyCode, countyName };
  });
}

/** Latest SSB name per code (newName of the most recent change that produced the code). */
function latestSsbNames(changes) {
  const latest = new Map();
  for (const c of changes) {
    const prev = latest.get(c.newCode);
    if (!prev || c.changeOccurred >= prev.date) latest.set(c.newCode, { name: c.newName, date: c.changeOccurred });
  }
  return latest;
}

function stripQualifier(name) {
  return name.replace(/\s*\((?:[^)]*)\)\s*$/, '').trim(); // "Herøy (Nordland)" → "Herøy"
}

function buildNoMunicipalities(rows, changes, centres, sami) {
  const ssb = latestSsbNames(changes);
  const lang = sami.NO_nameLanguage;
  return rows.map((r) => {
    const csvName = stripQualifier(r.name);
    // SSB gives official parallel names as "A - B [- C]"; the CSV sometimes keeps only one part.
    const ssbName = ssb.get(r.code)?.name;
    const parts = ssbName && ssbName.includes(' - ') ? ssbName.split(' - ').map((s) => stripQualifier(s.trim())) : [csvName];
    const names = {};
    for (const p of parts) {
      const l = parts.length === 1 ? 'nb' : lang[p];
      if (!l) throw new Error(`NO ${r.code}: no language known for name part "${p}" (add it to manual/sami-names.json)`);
      if (names[l]) throw new Error(`NO ${r.code}: two names in language ${l}`);
      names[l] = p;
    }
    if (!parts.includes(csvName)) throw new Error(`NO ${r.code}: CSV name "${csvName}" not among SSB names ${parts.join(' / ')}`);
    const c = centres[r.code];
    if (!c) throw new Error(`NO ${r.code}: no point in manual/no-admin-centres.json`);
    return {
      country: 'NO',
      code: r.code,
      countyCode: r.countyCode,
      names,
      primaryName: names.nb ?? names.se ?? names.sma ?? names.smj ?? parts[0],
      lat: round3(c.lat),
      lon: round3(c.lon),
    };
  });
}

function buildSeMunicipalities(rows, centres, sami) {
  return rows.map((r) => {
    const c = centres[r.code];
    if (!c) throw new Error(`SE ${r.code}: no point in manual/se-admin-centres.json`);
    return {
      country: 'SE',
      code: r.code,
      countyCode: r.code.slice(0, 2),
      names: { sv: r.municipality, ...(sami.SE[r.code] ?? {}) },
      primaryName: r.municipality,
      lat: round3(c.lat),
      lon: round3(c.lon),
    };
  });
}

function buildFiMunicipalities(fi) {
  return fi.map((m) => ({
    country: 'FI',
    code: m.code,
    countyCode: m.countyCode,
    names: m.names,
    primaryName: m.primaryName,
    lat: round3(m.lat),
    lon: round3(m.lon),
  }));
}

function buildCounties(noRows, seRows, manual) {
  const out = [];
  const noSeen = new Map();
  for (const r of noRows) noSeen.set(r.countyCode, r.countyName);
  for (const [code, nb] of [...noSeen].sort()) {
    out.push({ country: 'NO', code, names: { nb, ...(manual.NO[code] ?? {}) } });
  }
  const seSeen = new Map();
  for (const r of seRows) {
    const code = r.code.slice(0, 2);
    if (seSeen.has(code) && seSeen.get(code) !== r.county) throw new Error(`SE county ${code} has two names`);
    seSeen.set(code, r.county);
  }
  for (const [code, sv] of [...seSeen].sort()) out.push({ country: 'SE', code, names: { sv, ...(manual.SE[code] ?? {}) } });
  for (const [code, names] of Object.entries(manual.FI).sort()) out.push({ country: 'FI', code, names });
  // keep the key order stable: local languages first, en last
  return out.map((c) => ({ ...c, names: orderNames(c.names) }));
}

function orderNames(names) {
  const order = ['nb', 'fi', 'sv', 'se', 'sma', 'smj', 'smn', 'sms', 'fkv', 'en'];
  return Object.fromEntries(order.filter((k) => names[k] !== undefined).map((k) => [k, names[k]]));
}

/**
 * Resolve SSB's change list so that every old code maps to the code(s) valid in the 2024 structure.
 * A change "old → new at date" is followed only by changes of `new` dated after `date`.
 */
function buildNoCodeChanges(changes, current) {
  const byOld = new Map();
  for (const c of changes) {
    if (!byOld.has(c.oldCode)) byOld.set(c.oldCode, []);
    byOld.get(c.oldCode).push(c);
  }
  function resolve(code, after, seen) {
    const next = (byOld.get(code) ?? []).filter((c) => c.changeOccurred > after && c.newCode !== code);
    if (!next.length) return current.has(code) ? new Set([code]) : new Set();
    // Several dated steps: follow the earliest date only (later ones are reached recursively).
    const first = next.reduce((d, c) => (c.changeOccurred < d ? c.changeOccurred : d), '9999');
    const out = new Set();
    for (const c of next.filter((c) => c.changeOccurred === first)) {
      const key = c.newCode + '@' + first;
      if (seen.has(key)) continue;
      for (const t of resolve(c.newCode, first, new Set([...seen, key]))) out.add(t);
    }
    return out;
  }
  const result = [];
  let dropped = 0;
  const stillValid = [];
  for (const [oldCode, list] of [...byOld].sort(([a], [b]) => a.localeCompare(b))) {
    const moves = list.filter((c) => c.newCode !== oldCode);
    if (!moves.length) continue; // renames only
    if (current.has(oldCode)) {
      stillValid.push(oldCode);
      continue;
    } // code still valid (e.g. part of it transferred)
    const date = moves.reduce((d, c) => (c.changeOccurred < d ? c.changeOccurred : d), '9999');
    const targets = [...resolve(oldCode, '0000', new Set())].sort();
    if (!targets.length) {
      dropped++;
      continue;
    }
    for (const newCode of targets) {
      result.push(targets.length > 1 ? { oldCode, newCode, date, split: true } : { oldCode, newCode, date });
    }
  }
  return { result, dropped, stillValid };
}

function build() {
  const noCsv = path.join(refDir, 'no_kommuner_2024_flat.csv');
  const noChanges = path.join(refDir, 'no_kommunenummer_changes_ssb.json');
  const seJson = path.join(refDir, 'se_kommunkoder.json');
  for (const f of [noCsv, noChanges, seJson]) if (!fs.existsSync(f)) return null;

  const noRows = parseNoCsv(fs.readFileSync(noCsv, 'utf8'));
  const changes = readJson(noChanges);
  const seRows = readJson(seJson);
  const sami = readJson(path.join(manualDir, 'sami-names.json'));
  const countiesManual = readJson(path.join(manualDir, 'counties.json'));

  const municipalities = [
    ...buildNoMunicipalities(noRows, changes, readJson(path.join(manualDir, 'no-admin-centres.json')), sami),
    ...buildSeMunicipalities(seRows, readJson(path.join(manualDir, 'se-admin-centres.json')), sami),
    ...buildFiMunicipalities(readJson(path.join(manualDir, 'fi-municipalities.json'))),
  ].map((m) => ({ ...m, names: orderNames(m.names) }));
  const counties = buildCounties(noRows, seRows, countiesManual);
  const noCurrent = new Set(noRows.map((r) => r.code));
  const cc = buildNoCodeChanges(changes, noCurrent);

  return {
    files: {
      [path.join(placesDir, 'counties.json')]: arrayJson(counties),
      [path.join(placesDir, 'municipalities.json')]: arrayJson(municipalities),
      [path.join(placesDir, 'no-code-changes.json')]: arrayJson(cc.result),
    },
    summary: {
      changeRecords: changes.length,
      resolvedEntries: cc.result.length,
      resolvedOldCodes: new Set(cc.result.map((r) => r.oldCode)).size,
      splitOldCodes: new Set(cc.result.filter((r) => r.split).map((r) => r.oldCode)).size,
      droppedOldCodes: cc.dropped,
      oldCodesStillValid: cc.stillValid,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

function check() {
  const errors = [];
  const fail = (m) => errors.push(m);
  const counties = readJson(path.join(placesDir, 'counties.json'));
  const munis = readJson(path.join(placesDir, 'municipalities.json'));
  const changes = readJson(path.join(placesDir, 'no-code-changes.json'));
  const nace = readJson(path.join(registryDir, 'nace.json'));
  const postcodes = readJson(path.join(registryDir, 'se-postcode-municipality.json'));

  const countyKeys = new Set();
  const counts = { counties: {}, municipalities: {} };
  for (const c of counties) {
    const k = c.country + ':' + c.code;
    if (countyKeys.has(k)) fail('duplicate county ' + k);
    countyKeys.add(k);
    if (!/^\d{2}$/.test(c.code)) fail('bad county code ' + k);
    const local = { NO: 'nb', SE: 'sv', FI: 'fi' }[c.country];
    if (!c.names?.[local]) fail(`county ${k} has no ${local} name`);
    if (c.country === 'FI' && !c.names.sv) fail(`county ${k} has no sv name`);
    for (const key of Object.keys(c.names ?? {})) if (!NAME_KEYS.has(key)) fail(`county ${k}: unknown name key ${key}`);
    counts.counties[c.country] = (counts.counties[c.country] ?? 0) + 1;
  }

  const muniKeys = new Set();
  const points = new Map();
  for (const m of munis) {
    const k = m.country + ':' + m.code;
    if (muniKeys.has(k)) fail('duplicate municipality ' + k);
    muniKeys.add(k);
    if (!CODE_RE[m.country]?.test(m.code)) fail('bad municipality code ' + k);
    if (!countyKeys.has(m.country + ':' + m.countyCode)) fail(`${k}: county ${m.countyCode} does not exist`);
    if ((m.country === 'NO' || m.country === 'SE') && m.code.slice(0, 2) !== m.countyCode) fail(`${k}: countyCode ${m.countyCode} ≠ first two digits`);
    const names = Object.values(m.names ?? {});
    if (!names.length) fail(`${k}: no names`);
    for (const key of Object.keys(m.names ?? {})) if (!NAME_KEYS.has(key)) fail(`${k}: unknown name key ${key}`);
    if (!names.includes(m.primaryName)) fail(`${k}: primaryName "${m.primaryName}" is not one of its names`);
    if (m.country === 'NO' && !m.names.nb) fail(`${k}: no Norwegian name`);
    if (m.country === 'SE' && !m.names.sv) fail(`${k}: no Swedish name`);
    if (m.country === 'FI' && !m.names.fi && !m.names.sv) fail(`${k}: no Finnish/Swedish name`);
    if (m.country === 'FI' && m.countyCode !== '21' && !m.names.fi) fail(`${k}: mainland municipality without Finnish name`);
    const b = BBOX[m.country];
    if (typeof m.lat !== 'number' || typeof m.lon !== 'number' || m.lat < b.lat[0] || m.lat > b.lat[1] || m.lon < b.lon[0] || m.lon > b.lon[1]) {
      fail(`${k}: point ${m.lat},${m.lon} outside the ${m.country} bounding box`);
    }
    const pk = m.lat + ',' + m.lon;
    if (points.has(pk)) fail(`${k}: same point as ${points.get(pk)}`);
    points.set(pk, k);
    counts.municipalities[m.country] = (counts.municipalities[m.country] ?? 0) + 1;
  }
  for (const kind of ['counties', 'municipalities']) {
    for (const [country, n] of Object.entries(EXPECTED[kind])) {
      if (counts[kind][country] !== n) fail(`${kind} ${country}: ${counts[kind][country] ?? 0}, expected ${n}`);
    }
  }
  // every county has at least one municipality
  for (const k of countyKeys) if (!munis.some((m) => m.country + ':' + m.countyCode === k)) fail(`county ${k} has no municipalities`);

  const noCodes = new Set(munis.filter((m) => m.country === 'NO').map((m) => m.code));
  const seenChange = new Set();
  for (const c of changes) {
    if (!noCodes.has(c.newCode)) fail(`no-code-changes: ${c.oldCode} → ${c.newCode} is not a 2024 code`);
    if (noCodes.has(c.oldCode)) fail(`no-code-changes: old code ${c.oldCode} is still a valid code`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.date)) fail(`no-code-changes: bad date ${c.date}`);
    const key = c.oldCode + '>' + c.newCode;
    if (seenChange.has(key)) fail('no-code-changes: duplicate ' + key);
    seenChange.add(key);
  }
  const targetsPerOld = new Map();
  for (const c of changes) targetsPerOld.set(c.oldCode, (targetsPerOld.get(c.oldCode) ?? 0) + 1);
  for (const c of changes) if (targetsPerOld.get(c.oldCode) > 1 !== (c.split === true)) fail(`no-code-changes: split flag wrong for ${c.oldCode}`);

  // NACE Rev. 2
  const divisionsBySection = {
    A: ['01', '02', '03'],
    B: ['05', '06', '07', '08', '09'],
    C: Array.from({ length: 24 }, (_, i) => String(10 + i)),
    D: ['35'],
    E: ['36', '37', '38', '39'],
    F: ['41', '42', '43'],
    G: ['45', '46', '47'],
    H: ['49', '50', '51', '52', '53'],
    I: ['55', '56'],
    J: ['58', '59', '60', '61', '62', '63'],
    K: ['64', '65', '66'],
    L: ['68'],
    M: ['69', '70', '71', '72', '73', '74', '75'],
    N: ['77', '78', '79', '80', '81', '82'],
    O: ['84'],
    P: ['85'],
    Q: ['86', '87', '88'],
    R: ['90', '91', '92', '93'],
    S: ['94', '95', '96'],
    T: ['97', '98'],
    U: ['99'],
  };
  const expectedSections = Object.keys(divisionsBySection);
  const gotSections = (nace.sections ?? []).map((s) => s.code);
  if (gotSections.join() !== expectedSections.join()) fail('nace: sections are not exactly A–U in order');
  const expectedDivisions = Object.entries(divisionsBySection).flatMap(([s, ds]) => ds.map((d) => s + d));
  const gotDivisions = (nace.divisions ?? []).map((d) => d.section + d.code);
  if (gotDivisions.join() !== expectedDivisions.join()) fail('nace: divisions are not exactly the 88 NACE Rev. 2 divisions in order');
  for (const x of [...(nace.sections ?? []), ...(nace.divisions ?? [])]) {
    for (const l of ['nb', 'sv', 'fi', 'en']) {
      const v = x.names?.[l];
      if (typeof v !== 'string' || !v.trim() || v !== v.trim() || /\s{2}/.test(v)) fail(`nace ${x.code}: bad ${l} name`);
    }
  }

  // SE postcode prefixes
  const seCodes = new Set(munis.filter((m) => m.country === 'SE').map((m) => m.code));
  if (typeof postcodes.note !== 'string' || !postcodes.note) fail('se-postcode-municipality: missing note');
  for (const [p, code] of Object.entries(postcodes.prefixes ?? {})) {
    if (!/^[1-9]\d{2}$/.test(p)) fail('se-postcode-municipality: bad prefix ' + p);
    if (!seCodes.has(code)) fail(`se-postcode-municipality: ${p} → ${code} is not a kommun code`);
  }

  return {
    errors,
    counts: {
      counties: counts.counties,
      municipalities: counts.municipalities,
      noCodeChanges: changes.length,
      naceSections: gotSections.length,
      naceDivisions: gotDivisions.length,
      sePostcodePrefixes: Object.keys(postcodes.prefixes ?? {}).length,
      sePostcodeKommuner: new Set(Object.values(postcodes.prefixes ?? {})).size,
    },
  };
}

// ---------------------------------------------------------------------------------------------

const built = build();
if (!built) {
  console.warn(`reference folder not found or incomplete (${refDir}); skipping regeneration`);
  if (!checkOnly) process.exitCode = 1;
} else if (checkOnly) {
  const stale = Object.entries(built.files).filter(([f, text]) => !fs.existsSync(f) || fs.readFileSync(f, 'utf8') !== text);
  for (const [f] of stale) console.error('out of date (run without --check): ' + path.relative(repoRoot, f));
  if (stale.length) process.exitCode = 1;
} else {
  for (const [f, text] of Object.entries(built.files)) fs.writeFileSync(f, text);
  const s = built.summary;
  console.log(
    `no-code-changes: ${s.changeRecords} SSB change records → ${s.resolvedEntries} entries for ${s.resolvedOldCodes} old codes ` +
      `(${s.splitOldCodes} split across several 2024 codes; ${s.droppedOldCodes} old codes without a 2024 successor dropped; ` +
      `${s.oldCodesStillValid.length} changed codes still valid in 2024 skipped${s.oldCodesStillValid.length ? ': ' + s.oldCodesStillValid.join(', ') : ''})`,
  );
}

const { errors, counts } = check();
console.log('counts:', JSON.stringify(counts));
if (errors.length) {
  for (const e of errors) console.error('CHECK FAILED: ' + e);
  process.exitCode = 1;
} else {
  console.log('all reference-data checks passed');
}
