/** The q-quantile of sorted values by linear interpolation between closest ranks (as spreadsheets' QUARTILE.INC). */
function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export interface Spread {
  count: number;
  median: number;
  lowerQuartile: number;
  upperQuartile: number;
  interquartileRange: number;
}

/** Median and interquartile range; null for no values. */
export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const lowerQuartile = quantileOfSorted(sorted, 0.25);
  const upperQuartile = quantileOfSorted(sorted, 0.75);
  return { count: sorted.length, median: quantileOfSorted(sorted, 0.5), lowerQuartile, upperQuartile, interquartileRange: upperQuartile - lowerQuartile };
}

export function median(values: readonly number[]): number | null {
  return spreadOf(values)?.median ?? null;
}

export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
}

export type GapLevel = 'none' | 'one' | 'few' | 'many';

/** How thin supply is in a cell: no provider is a gap, one is fragile (no competition). */
export function gapLevel(count: number): GapLevel {
  if (count === 0) return 'none';
  if (count === 1) return 'one';
  return count <= 3 ? 'few' : 'many';
}

export const GAP_LEVEL_LABELS: Record<GapLevel, string> = {
  none: 'No provider: a gap',
  one: 'One provider: no competition',
  few: '2 or 3 providers',
  many: '4 or more providers',
};

export interface GapMatrix {
  columns: Array<{ id: string; name: string }>;
  rows: Array<{ id: string; name: string; cells: Array<{ columnId: string; count: number; level: GapLevel }>; gaps: number }>;
  gaps: number;
}

/**
 * Supply by lot and area: every lot × area pair gets a cell, including the
 * empty ones, which are the gaps. `counts` holds only the pairs with members.
 */
export function gapMatrix(
  lots: ReadonlyArray<{ id: string; name: string }>,
  areas: ReadonlyArray<{ id: string; name: string }>,
  counts: ReadonlyArray<{ lotId: string; areaId: string; count: number }>,
): GapMatrix {
  const byPair = new Map(counts.map((row) => [`${row.lotId}:${row.areaId}`, row.count]));
  const rows = lots.map((lot) => {
    const cells = areas.map((area) => {
      const count = byPair.get(`${lot.id}:${area.id}`) ?? 0;
      return { columnId: area.id, count, level: gapLevel(count) };
    });
    return { id: lot.id, name: lot.name, cells, gaps: cells.filter((cell) => cell.count === 0).length };
  });
  return { columns: [...areas], rows, gaps: rows.reduce((sum, row) => sum + row.gaps, 0) };
}
