import {
  addMonths,
  callOffEndedAt,
  contractEndedAt,
  dateAnchor,
  DEFAULT_RETENTION_PERIODS,
  describePeriod,
  documentEndedAt,
  erasureDueAt,
  isDue,
  requirementFinishedAt,
} from './retention-rules';

const at = (iso: string) => new Date(iso);

describe('addMonths', () => {
  it('adds calendar months in UTC', () => {
    expect(addMonths(at('2026-03-15T10:30:00Z'), 12).toISOString()).toBe('2027-03-15T10:30:00.000Z');
    expect(addMonths(at('2026-11-02T00:00:00Z'), 3).toISOString()).toBe('2027-02-02T00:00:00.000Z');
  });

  it('turns a day the target month lacks into its last day, as PostgreSQL does', () => {
    expect(addMonths(at('2026-01-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addMonths(at('2027-08-31T00:00:00Z'), 6).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });
});

describe('erasureDueAt and isDue', () => {
  it('is due from the day the period ends, not before', () => {
    const anchor = at('2026-06-30T00:00:00Z');
    expect(erasureDueAt(anchor, 12)?.toISOString()).toBe('2027-06-30T00:00:00.000Z');
    expect(isDue(anchor, 12, at('2027-06-29T23:59:59Z'))).toBe(false);
    expect(isDue(anchor, 12, at('2027-06-30T00:00:00Z'))).toBe(true);
  });

  it('is never due without an anchor', () => {
    expect(erasureDueAt(null, 12)).toBeNull();
    expect(isDue(null, 0, at('2100-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('requirementFinishedAt', () => {
  const base = { cancelledAt: null, noAwardDecidedAt: null, contracts: [] };

  it('runs from cancelling', () => {
    expect(requirementFinishedAt({ ...base, status: 'cancelled', cancelledAt: at('2026-05-01T09:00:00Z') })).toEqual(at('2026-05-01T09:00:00Z'));
  });

  it('runs from a no-award decision', () => {
    expect(requirementFinishedAt({ ...base, status: 'no_award', noAwardDecidedAt: at('2026-05-02T09:00:00Z') })).toEqual(at('2026-05-02T09:00:00Z'));
  });

  it('runs from the last contract ending, completed or ended early', () => {
    const contracts = [
      { status: 'completed', endedOn: '2026-07-01' },
      { status: 'ended_early', endedOn: '2026-08-01' },
    ];
    expect(requirementFinishedAt({ ...base, status: 'awarded', contracts })).toEqual(at('2026-08-01T00:00:00Z'));
  });

  it('has not started while the requirement or any contract is live', () => {
    for (const status of ['draft', 'published', 'closed', 'evaluating']) expect(requirementFinishedAt({ ...base, status })).toBeNull();
    expect(requirementFinishedAt({ ...base, status: 'awarded' })).toBeNull();
    expect(requirementFinishedAt({ ...base, status: 'awarded', contracts: [{ status: 'active', endedOn: null }] })).toBeNull();
    expect(
      requirementFinishedAt({
        ...base,
        status: 'awarded',
        contracts: [
          { status: 'completed', endedOn: '2026-07-01' },
          { status: 'pending', endedOn: null },
        ],
      }),
    ).toBeNull();
  });
});

describe('contractEndedAt', () => {
  it('is the ending date once completed or ended early', () => {
    expect(contractEndedAt({ status: 'completed', endedOn: '2026-07-01' })).toEqual(dateAnchor('2026-07-01'));
    expect(contractEndedAt({ status: 'ended_early', endedOn: '2026-07-02' })).toEqual(at('2026-07-02T00:00:00Z'));
    expect(contractEndedAt({ status: 'active', endedOn: null })).toBeNull();
    expect(contractEndedAt({ status: 'exhausted', endedOn: null })).toBeNull();
  });
});

describe('callOffEndedAt', () => {
  const now = new Date('2027-06-01T00:00:00Z');
  it('is the call-off’s last day once it has passed, or the block’s ending if earlier', () => {
    expect(callOffEndedAt({ endsOn: '2027-03-01' }, { status: 'active', endedOn: null }, now)).toEqual(new Date('2027-03-01T00:00:00Z'));
    expect(callOffEndedAt({ endsOn: '2027-03-01' }, { status: 'ended_early', endedOn: '2027-01-15' }, now)).toEqual(new Date('2027-01-15T00:00:00Z'));
  });
  it('has not started while the call-off runs, or for one made before call-offs had dates', () => {
    expect(callOffEndedAt({ endsOn: '2027-09-01' }, { status: 'active', endedOn: null }, now)).toBeNull();
    expect(callOffEndedAt({ endsOn: null }, { status: 'active', endedOn: null }, now)).toBeNull();
  });
});

describe('documentEndedAt', () => {
  it('is the earlier of expiry and replacement', () => {
    expect(documentEndedAt({ expiresOn: '2027-03-31', replacedAt: at('2026-12-01T10:00:00Z') })).toEqual(at('2026-12-01T10:00:00Z'));
    expect(documentEndedAt({ expiresOn: '2026-03-31', replacedAt: at('2026-12-01T10:00:00Z') })).toEqual(at('2026-03-31T00:00:00Z'));
    expect(documentEndedAt({ expiresOn: '2026-03-31', replacedAt: null })).toEqual(at('2026-03-31T00:00:00Z'));
    expect(documentEndedAt({ expiresOn: null, replacedAt: at('2026-12-01T10:00:00Z') })).toEqual(at('2026-12-01T10:00:00Z'));
  });

  it('has not started for a current policy with no expiry', () => {
    expect(documentEndedAt({ expiresOn: null, replacedAt: null })).toBeNull();
  });
});

describe('the defaults and their wording', () => {
  it('are the suggested schedule', () => {
    expect(DEFAULT_RETENTION_PERIODS).toEqual({
      case_details: 12,
      needs_profile: 24,
      feedback_comments: 24,
      delivery_reports: 72,
      compliance_documents: 72,
      unsuccessful_bids: 36,
    });
  });

  it('says months, and whole years from two', () => {
    expect([1, 12, 18, 24, 36, 72].map(describePeriod)).toEqual(['1 month', '12 months', '18 months', '2 years', '3 years', '6 years']);
  });
});
