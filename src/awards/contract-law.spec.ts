import { calendarFor, DIVISIONS, UK_BANK_HOLIDAYS } from '../common/calendar/bank-holidays';
import { BeyondHolidayDataError } from '../common/calendar/working-days';
import { formatIsoDate } from '../common/views/format';
import {
  ContractFacts,
  ThresholdDataError,
  contractAwardNoticeRequired,
  includingVat,
  legalFacts,
  noticeTask,
  noticesAfterContract,
  standstillFor,
  standstillLastDay,
  thresholdInForce,
  thresholdTableOf,
} from './contract-law';
import { PROCUREMENT_THRESHOLDS } from './data/procurement-thresholds';

const ukWide = calendarFor(UK_BANK_HOLIDAYS, DIVISIONS);
const spot: ContractFacts = { route: 'dynamic_market', lightTouch: true, valueExVatPence: 240_000, vatTreatment: 'exempt', procurementOn: '2026-11-02' };

describe('values with and without VAT', () => {
  it('adds 20% for a standard-rated service, in whole pence', () => {
    expect(includingVat(2_600_000, 'standard')).toBe(3_120_000);
    expect(includingVat(1, 'standard')).toBe(1);
  });
  it('leaves an exempt service’s value as it is', () => expect(includingVat(2_600_000, 'exempt')).toBe(2_600_000));
});

describe('thresholds as dated data', () => {
  it('uses the figures in force on the day, which changed on 1 January 2026', () => {
    expect(thresholdInForce('pa2023', 'sub_central_services', '2025-12-31').pence).toBe(21_490_400);
    expect(thresholdInForce('pa2023', 'sub_central_services', '2026-01-01').pence).toBe(20_772_000);
    expect(thresholdInForce('pa2023', 'light_touch', '2026-12-03')).toMatchObject({ pence: 66_354_000, source: expect.stringContaining('Schedule 1') });
  });
  it('refuses a date before the Act’s figures or past the last known ones', () => {
    expect(() => thresholdInForce('pa2023', 'light_touch', '2025-02-23')).toThrow(ThresholdDataError);
    expect(() => thresholdInForce('pa2023', 'light_touch', '2028-01-01')).toThrow('known only up to 2027-12-31');
  });
  it('compares the value including VAT, and at the threshold is above it', () => {
    const lightTouch = { ...spot, route: 'below_threshold_list' as const };
    expect(legalFacts({ ...lightTouch, valueExVatPence: 66_353_999 }).aboveThreshold).toBe(false);
    expect(legalFacts({ ...lightTouch, valueExVatPence: 66_354_000 }).aboveThreshold).toBe(true);
    const service = { ...lightTouch, lightTouch: false, vatTreatment: 'standard' as const };
    // £173,100 + VAT is £207,720: the 2026 services threshold exactly.
    expect(legalFacts({ ...service, valueExVatPence: 17_310_000 })).toMatchObject({ valueIncVatPence: 20_772_000, aboveThreshold: true });
    expect(legalFacts({ ...service, valueExVatPence: 17_310_000, procurementOn: '2025-11-01' }).aboveThreshold).toBe(false);
  });
});

describe('the standstill by contract (BR-11)', () => {
  it('a light-touch spot contract has no mandatory standstill', () => {
    expect(standstillFor('dynamic_market', legalFacts(spot), 0).kind).toBe('none');
    // Even above the light touch threshold and outside a framework, a light touch contract is exempt.
    const large = legalFacts({ ...spot, route: 'below_threshold_list', valueExVatPence: 70_000_000 });
    expect(large.aboveThreshold).toBe(true);
    expect(standstillFor('below_threshold_list', large, 0)).toMatchObject({ kind: 'none', reason: expect.stringContaining('light touch contract') });
  });
  it('is mandatory, 8 working days from the contract award notice, for an above-threshold contract no exemption covers', () => {
    const legal = legalFacts({ ...spot, route: 'below_threshold_list', lightTouch: false, valueExVatPence: 30_000_000 });
    expect(contractAwardNoticeRequired(legal)).toBe(true);
    expect(standstillFor('below_threshold_list', legal, 0)).toMatchObject({ kind: 'mandatory', workingDays: 8, startsWith: 'contract_award_notice' });
  });
  it('is not required for a call-off from a dynamic market or an open framework, above the threshold too', () => {
    const legal = legalFacts({ ...spot, lightTouch: false, valueExVatPence: 30_000_000 });
    expect(standstillFor('dynamic_market', legal, 0)).toMatchObject({ kind: 'none', reason: expect.stringContaining('dynamic market') });
    expect(standstillFor('open_framework', legal, 0)).toMatchObject({ kind: 'none', reason: expect.stringContaining('framework') });
  });
  it('lets a framework observe a voluntary standstill of 8 working days or more where a notice is published', () => {
    const legal = legalFacts({ ...spot, lightTouch: false, valueExVatPence: 30_000_000 });
    expect(standstillFor('dynamic_market', legal, 10)).toMatchObject({ kind: 'voluntary', workingDays: 10, startsWith: 'contract_award_notice' });
    expect(standstillFor('dynamic_market', legalFacts(spot), 10).kind).toBe('none');
  });
  it('keeps a legacy DPS’s own rule: none unless the framework sets one, from the decision', () => {
    const legal = legalFacts({ ...spot, route: 'legacy_dps' });
    expect(standstillFor('legacy_dps', legal, 0).kind).toBe('none');
    expect(standstillFor('legacy_dps', legal, 5)).toMatchObject({ kind: 'voluntary', workingDays: 5, startsWith: 'decision' });
  });
  it('counts 8 UK working days beginning with the notice day, across Christmas and Scotland’s 2 January', () => {
    const rule = { kind: 'mandatory' as const, workingDays: 8, startsWith: 'contract_award_notice' as const, reason: '' };
    // 21, 22, 23, 24, 29, 30 and 31 December, then 5 January (1 January, and 4 January for Scotland’s 2nd, are holidays).
    expect(standstillLastDay('2026-12-21', rule, ukWide)).toBe('2027-01-05');
    // Published on a Saturday, the period begins on the next working day: Tuesday, as Monday 30 November is St Andrew’s Day.
    expect(standstillLastDay('2026-11-28', rule, ukWide)).toBe('2026-12-10');
    expect(() => standstillLastDay('2030-12-20', rule, ukWide)).toThrow(BeyondHolidayDataError);
  });
});

describe('notices due', () => {
  it('needs no contract award notice below the threshold', () => expect(contractAwardNoticeRequired(legalFacts(spot))).toBe(false));
  it('asks for a below-threshold contract details notice at £30,000 including VAT: £26,000 + VAT is £31,200', () => {
    const block = legalFacts({ ...spot, valueExVatPence: 2_600_000, vatTreatment: 'standard' });
    expect(block).toMatchObject({ valueIncVatPence: 3_120_000, aboveThreshold: false, notifiableBelowThreshold: true });
    expect(noticesAfterContract(block, '2026-12-16')).toEqual([{ type: 'below_threshold_contract_details_notice', dueOn: '2027-01-14' }]);
    expect(noticesAfterContract(legalFacts({ ...spot, valueExVatPence: 2_600_000 }), '2026-12-16')).toEqual([]);
  });
  it('gives a public contract 30 days for its contract details notice, and a light touch one 120', () => {
    const service = legalFacts({ ...spot, route: 'below_threshold_list', lightTouch: false, valueExVatPence: 30_000_000 });
    expect(noticesAfterContract(service, '2026-12-16')).toEqual([{ type: 'contract_details_notice', dueOn: '2027-01-14' }]);
    const lightTouch = legalFacts({ ...spot, valueExVatPence: 70_000_000 });
    expect(noticesAfterContract(lightTouch, '2026-12-16')).toEqual([{ type: 'contract_details_notice', dueOn: '2027-04-14' }]);
  });
  it('uses PCR 2015’s notices on a legacy DPS', () => {
    expect(noticesAfterContract(legalFacts({ ...spot, route: 'legacy_dps', valueExVatPence: 2_500_000 }), '2026-12-16')).toEqual([
      { type: 'contracts_finder_notice', dueOn: '2027-01-15' },
    ]);
  });
  it('says the task with its date', () => {
    expect(noticeTask('contract_details_notice', '2027-01-14', formatIsoDate)).toBe('Publish the contract details notice by 14 January 2027');
    expect(noticeTask('contract_award_notice', null, formatIsoDate)).toBe('Publish the contract award notice before the contract is entered into');
  });
});

describe('the threshold table read from the database', () => {
  it('keeps the shipped data’s dates, and a figure added later vouches for two years from its date', () => {
    expect(thresholdTableOf(PROCUREMENT_THRESHOLDS.entries).knownThrough).toEqual(PROCUREMENT_THRESHOLDS.knownThrough);
    const added = {
      regime: 'pa2023' as const,
      kind: 'sub_central_services' as const,
      inForceFrom: '2028-01-01',
      pence: 21_000_000,
      source: 'Threshold Amounts Regulations 2027',
    };
    const table = thresholdTableOf([...PROCUREMENT_THRESHOLDS.entries, added]);
    expect(table.knownThrough).toEqual({ ...PROCUREMENT_THRESHOLDS.knownThrough, pa2023: '2029-12-31' });
    expect(thresholdInForce('pa2023', 'sub_central_services', '2028-06-01', table).pence).toBe(21_000_000);
    expect(thresholdInForce('pa2023', 'sub_central_services', '2027-12-31', table).pence).toBe(20_772_000);
  });
});
