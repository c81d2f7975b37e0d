import { gapLevel, gapMatrix, mean, median, spreadOf } from './statistics';

describe('report statistics', () => {
  it('finds the median of odd and even counts, unsorted', () => {
    expect(median([9000, 7500, 8000])).toBe(8000);
    expect(median([7000, 9000, 8000, 10000])).toBe(8500);
    expect(median([])).toBeNull();
  });

  it('finds quartiles by interpolation, and the interquartile range', () => {
    expect(spreadOf([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual({ count: 9, median: 5, lowerQuartile: 3, upperQuartile: 7, interquartileRange: 4 });
    expect(spreadOf([6000, 7000, 8000, 9500])).toEqual({ count: 4, median: 7500, lowerQuartile: 6750, upperQuartile: 8375, interquartileRange: 1625 });
    expect(spreadOf([8000])).toEqual({ count: 1, median: 8000, lowerQuartile: 8000, upperQuartile: 8000, interquartileRange: 0 });
  });

  it('averages', () => {
    expect(mean([2, 4, 9])).toBe(5);
    expect(mean([])).toBeNull();
  });

  it('fills every lot × area cell, so empty pairs show as gaps', () => {
    const lots = [
      { id: 'ddp', name: 'DDP' },
      { id: 'theraplay', name: 'Theraplay' },
    ];
    const areas = [
      { id: 'kent', name: 'Kent' },
      { id: 'medway', name: 'Medway' },
    ];
    const matrix = gapMatrix(lots, areas, [
      { lotId: 'theraplay', areaId: 'kent', count: 5 },
      { lotId: 'theraplay', areaId: 'medway', count: 1 },
      { lotId: 'ddp', areaId: 'kent', count: 2 },
    ]);
    expect(matrix.rows.map((row) => row.cells.map((cell) => cell.count))).toEqual([
      [2, 0],
      [5, 1],
    ]);
    expect(matrix.rows.map((row) => row.cells.map((cell) => cell.level))).toEqual([
      ['few', 'none'],
      ['many', 'one'],
    ]);
    expect(matrix.rows.map((row) => row.gaps)).toEqual([1, 0]);
    expect(matrix.gaps).toBe(1);
    expect([0, 1, 3, 4].map(gapLevel)).toEqual(['none', 'one', 'few', 'many']);
  });
});
