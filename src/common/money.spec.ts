import { MAX_MONEY_PENCE, MAX_MONEY_TEXT, moneyTooLargeMessage, parsePoundsToPence } from './money';

describe('parsePoundsToPence', () => {
  it.each([
    ['5000000', 500_000_000],
    ['£5,000,000', 500_000_000],
    ['£10,000,000.00', 1_000_000_000],
    ['1250.5', 125_050],
    ['0.01', 1],
    [' £3,000 ', 300_000],
    ['£25,000,000', 2_500_000_000],
  ])('%p → %p pence', (input, pence) => expect(parsePoundsToPence(input)).toBe(pence));

  it.each(['', 'five million', '£5,00,000', '1.234', '-100', '£', '1e6'])('refuses %p', (input) => expect(parsePoundsToPence(input)).toBeNull());
});

describe('the money limit', () => {
  it('fits the integer pence columns with room to add two amounts', () => {
    expect(MAX_MONEY_PENCE * 2).toBeLessThanOrEqual(2_147_483_647);
    expect(MAX_MONEY_TEXT).toBe('£10,000,000');
    expect(moneyTooLargeMessage('the ceiling price')).toBe('The ceiling price must be £10,000,000 or less');
  });
});
