import {
  checkExclusionAnswers,
  declarationFlags,
  EXCLUSION_QUESTIONS,
  exclusionAnswersComplete,
  exclusionBlock,
  exclusionDetailsField,
  exclusionField,
  ExclusionFlag,
} from './exclusion-grounds';

const allNo = () => Object.fromEntries(EXCLUSION_QUESTIONS.map((question) => [exclusionField(question.id), 'no']));

describe('exclusion grounds (PA 2023 s.57, Schedules 6 and 7)', () => {
  it('asks about mandatory and discretionary grounds and associated persons', () => {
    const kinds = new Set(EXCLUSION_QUESTIONS.map((question) => question.kind));
    expect(kinds).toEqual(new Set(['mandatory', 'discretionary', 'associated']));
    expect(EXCLUSION_QUESTIONS.every((question) => question.source.startsWith('PA 2023'))).toBe(true);
  });

  it('needs every question answered, and details for each yes', () => {
    const result = checkExclusionAnswers({ ...allNo(), [exclusionField('tax')]: 'yes', [exclusionField('insolvency')]: undefined });
    expect(result).toEqual({
      errors: [
        { field: exclusionDetailsField('tax'), text: 'Give details: tax offences and penalties' },
        { field: exclusionField('insolvency'), text: 'Select yes or no: insolvency' },
      ],
    });
    expect(checkExclusionAnswers({ ...allNo(), [exclusionField('tax')]: 'yes', [exclusionDetailsField('tax')]: 'x'.repeat(2001) })).toEqual({
      errors: [{ field: exclusionDetailsField('tax'), text: 'Details must be 2,000 characters or fewer' }],
    });
  });

  it('keeps details only for a yes', () => {
    const result = checkExclusionAnswers({
      ...allNo(),
      [exclusionDetailsField('dishonesty')]: 'ignored',
      [exclusionField('tax')]: 'yes',
      [exclusionDetailsField('tax')]: ' HMRC penalty 2023, paid ',
    });
    if (!('answers' in result)) throw new Error('expected answers');
    expect(result.answers.dishonesty).toEqual({ answer: 'no', details: null });
    expect(result.answers.tax).toEqual({ answer: 'yes', details: 'HMRC penalty 2023, paid' });
    expect(exclusionAnswersComplete(result.answers)).toBe(true);
    expect(exclusionAnswersComplete({ tax: result.answers.tax })).toBe(false);
    expect(exclusionAnswersComplete(null)).toBe(false);
    expect(declarationFlags(result.answers)).toEqual([
      expect.objectContaining({ source: 'declaration', kind: 'mandatory', text: expect.stringContaining('HMRC penalty 2023') }),
    ]);
  });

  describe('what the flags mean for admission (s.57, s.58)', () => {
    const declared = (kind: ExclusionFlag['kind']): ExclusionFlag => ({ source: 'declaration', kind, text: '' });
    const listed = (kind: ExclusionFlag['kind']): ExclusionFlag => ({ source: 'debarment', kind, text: '' });

    it('admits with nothing flagged and no assessment', () => {
      expect(exclusionBlock([], null)).toBeNull();
    });

    it('never admits a supplier on the debarment list on a mandatory ground, whatever the assessment', () => {
      expect(exclusionBlock([listed('mandatory')], 'not_excluded')).toMatch(/debarment list on a mandatory exclusion ground/);
    });

    it('admits after a declared mandatory ground only with an assessment that it is not continuing or likely to recur', () => {
      expect(exclusionBlock([declared('mandatory')], null)).toBe('Record your exclusion assessment before admitting this provider');
      expect(exclusionBlock([declared('mandatory')], 'excluded')).toMatch(/assessed the provider as excluded/);
      expect(exclusionBlock([declared('mandatory')], 'not_excluded')).toBeNull();
    });

    it('leaves a discretionary ground, listed or declared, or an associated person to the recorded assessment', () => {
      for (const flag of [declared('discretionary'), listed('discretionary'), declared('associated')]) {
        expect(exclusionBlock([flag], null)).not.toBeNull();
        expect(exclusionBlock([flag], 'not_excluded')).toBeNull();
      }
    });
  });
});
