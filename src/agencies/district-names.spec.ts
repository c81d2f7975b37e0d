import { districtNames, districtRows } from './district-names';

describe('district rows of the add-another form', () => {
  it('trims, drops blanks and finds the first repeated name whatever its case', () => {
    expect(districtNames([' Dover ', '', 'Canterbury', 'dover'])).toEqual({ names: ['Dover', 'Canterbury', 'dover'], repeatedRow: 3, tooLongRow: null });
    expect(districtNames('Dover')).toEqual({ names: ['Dover'], repeatedRow: null, tooLongRow: null });
    expect(districtNames(undefined).names).toEqual([]);
    expect(districtNames(['a', 'x'.repeat(201)]).tooLongRow).toBe(1);
  });

  it('shows at least one row, and one more when adding another', () => {
    expect(districtRows(undefined)).toEqual(['']);
    expect(districtRows(['Dover'], true)).toEqual(['Dover', '']);
    expect(districtRows([{ bad: 1 }])).toEqual(['']);
  });
});
