/**
 * Helpers and reference data for the analysis specs. Not part of the public API.
 */

/** Asserts |actual − expected| ≤ rel·|expected| (absolute `rel` when expected is 0). */
export function expectRelative(actual: number | null | undefined, expected: number, rel = 1e-6): void {
  if (actual == null || !Number.isFinite(actual)) throw new Error(`expected a number near ${expected}, got ${actual}`);
  const tolerance = expected === 0 ? rel : rel * Math.abs(expected);
  if (Math.abs(actual - expected) > tolerance) {
    throw new Error(`expected ${expected} within relative ${rel}, got ${actual} (difference ${actual - expected})`);
  }
}

/**
 * BCG vaccine trials (Colditz et al. 1994, JAMA 271:698–702), as `dat.bcg` in R's metafor /
 * metadat and Table I of van Houwelingen et al. (2002): TB cases (pos) and non-cases (neg) in the
 * vaccinated (t) and unvaccinated (c) groups of 13 trials.
 */
export const BCG = [
  { trial: 'Aronson 1948', tpos: 4, tneg: 119, cpos: 11, cneg: 128 },
  { trial: 'Ferguson & Simes 1949', tpos: 6, tneg: 300, cpos: 29, cneg: 274 },
  { trial: 'Rosenthal et al 1960', tpos: 3, tneg: 228, cpos: 11, cneg: 209 },
  { trial: 'Hart & Sutherland 1977', tpos: 62, tneg: 13536, cpos: 248, cneg: 12619 },
  { trial: 'Frimodt-Moller et al 1973', tpos: 33, tneg: 5036, cpos: 47, cneg: 5761 },
  { trial: 'Stein & Aronson 1953', tpos: 180, tneg: 1361, cpos: 372, cneg: 1079 },
  { trial: 'Vandiviere et al 1973', tpos: 8, tneg: 2537, cpos: 10, cneg: 619 },
  { trial: 'TPT Madras 1980', tpos: 505, tneg: 87886, cpos: 499, cneg: 87892 },
  { trial: 'Coetzee & Berjak 1968', tpos: 29, tneg: 7470, cpos: 45, cneg: 7232 },
  { trial: 'Rosenthal et al 1961', tpos: 17, tneg: 1699, cpos: 65, cneg: 1600 },
  { trial: 'Comstock et al 1974', tpos: 186, tneg: 50448, cpos: 141, cneg: 27197 },
  { trial: 'Comstock & Webster 1969', tpos: 5, tneg: 2493, cpos: 3, cneg: 2338 },
  { trial: 'Comstock et al 1976', tpos: 27, tneg: 16886, cpos: 29, cneg: 17825 },
] as const;

/** A BCG trial as the 2×2 table of the effect-size functions (group 1 = vaccinated). */
export function bcgTable(row: (typeof BCG)[number]): { events1: number; n1: number; events2: number; n2: number } {
  return { events1: row.tpos, n1: row.tpos + row.tneg, events2: row.cpos, n2: row.cpos + row.cneg };
}
