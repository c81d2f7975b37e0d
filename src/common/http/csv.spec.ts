import { toCsv } from './csv';

describe('CSV export', () => {
  it('quotes commas, quotes and new lines', () => {
    expect(toCsv(['a', 'b'], [['one, two', 'say "hi"\nthen go']])).toBe('\uFEFFa,b\r\n"one, two","say ""hi""\nthen go"\r\n');
  });
  it('defuses formulas', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")'], ['-1'], [null]])).toBe('\uFEFFa\r\n"\'=HYPERLINK(""x"")"\r\n\'-1\r\n\r\n');
  });
});
