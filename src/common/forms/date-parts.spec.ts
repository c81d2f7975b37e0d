import { parseDateParts, toDateParts } from './date-parts';

const label = 'the date the framework opens';

describe('parseDateParts', () => {
  it.each([
    [{ day: '1', month: '4', year: '2027' }, { date: '2027-04-01' }],
    [{ day: '01', month: 'Apr', year: '2027' }, { date: '2027-04-01' }],
    [{ day: '29', month: 'february', year: '2028' }, { date: '2028-02-29' }],
    [undefined, { error: 'Enter the date the framework opens' }],
    [{}, { error: 'Enter the date the framework opens' }],
    [{ day: '1', year: '2027' }, { error: 'The date the framework opens must include a month' }],
    [{ month: '4' }, { error: 'The date the framework opens must include a day and year' }],
    [{ day: '31', month: '4', year: '2027' }, { error: 'The date the framework opens must be a real date' }],
    [{ day: '29', month: '2', year: '2027' }, { error: 'The date the framework opens must be a real date' }],
    [{ day: 'x', month: '4', year: '2027' }, { error: 'The date the framework opens must be a real date' }],
    [{ day: '1', month: '4', year: '27' }, { error: 'The date the framework opens must be a real date' }],
    [{ day: '1', month: '13', year: '2027' }, { error: 'The date the framework opens must be a real date' }],
  ])('%p → %p', (parts, expected) => expect(parseDateParts(parts, label)).toEqual(expected));
});

describe('toDateParts', () => {
  it('fills the three boxes without leading zeros', () => expect(toDateParts('2027-04-01')).toEqual({ day: '1', month: '4', year: '2027' }));
  it('is empty for no date', () => expect(toDateParts(null)).toBeUndefined());
});
