/**
 * The exclusion-grounds questions a provider answers when applying
 * (PA 2023 s.57 and Schedules 6 and 7), and what the answers mean for
 * admission. The questions group the grounds as the Cabinet Office guidance
 * on exclusions does; each applies to the supplier "or a connected person"
 * (a director, a person with significant control, a parent or subsidiary),
 * as Schedules 6 and 7 say. Dated data: a change in the law is a new list.
 */

export type ExclusionGroundKind = 'mandatory' | 'discretionary' | 'associated';

export interface ExclusionQuestion {
  id: string;
  kind: ExclusionGroundKind;
  question: string;
  hint: string;
  source: string;
}

/** In force from the Act's commencement, 24 February 2025. */
export const EXCLUSION_QUESTIONS_IN_FORCE_FROM = '2025-02-24';

/** The page explains "connected person": a director, a person with significant control, a parent or subsidiary company. */
const WHO = 'your organisation or a connected person';

export const EXCLUSION_QUESTIONS: readonly ExclusionQuestion[] = [
  {
    id: 'serious_crime',
    kind: 'mandatory',
    question: `Has ${WHO} been convicted of corporate manslaughter, a terrorism offence, an organised crime offence, or a slavery or human trafficking offence?`,
    hint: 'Convictions in the UK, or for conduct elsewhere that would be an offence here.',
    source: 'PA 2023 Schedule 6, Part 1',
  },
  {
    id: 'dishonesty',
    kind: 'mandatory',
    question: `Has ${WHO} been convicted of theft, fraud, bribery, money laundering or another dishonesty offence?`,
    hint: 'Include conspiracy or attempts to commit these offences.',
    source: 'PA 2023 Schedule 6, Part 1',
  },
  {
    id: 'tax',
    kind: 'mandatory',
    question: `Has ${WHO} been convicted of a tax offence, or been liable to a penalty for tax evasion or for VAT fraud?`,
    hint: 'Include a penalty HMRC has assessed that is no longer open to appeal.',
    source: 'PA 2023 Schedule 6, Part 1 (tax offences) and Part 2, paragraphs 36 and 37 (misconduct in relation to tax)',
  },
  {
    id: 'competition',
    kind: 'mandatory',
    question: `Has ${WHO} been convicted of a cartel offence, or been found to have infringed competition law, for example by agreeing prices or sharing markets with competitors?`,
    hint: 'Include decisions of the Competition and Markets Authority or a court.',
    source: 'PA 2023 Schedule 6, Part 1 (cartel offence) and Part 2 (competition law infringements)',
  },
  {
    id: 'labour_and_environment',
    kind: 'discretionary',
    question: `Has a slavery and trafficking, labour market enforcement or environmental order or penalty been made against ${WHO} or is there evidence of conduct that could lead to one?`,
    hint: 'For example a labour market enforcement order under the Immigration Act 2016.',
    source: 'PA 2023 Schedule 7, paragraphs 1 to 3 (labour market, slavery and trafficking) and the environmental misconduct grounds',
  },
  {
    id: 'insolvency',
    kind: 'discretionary',
    question:
      'Is your organisation insolvent, in administration, receivership or liquidation, in an arrangement with its creditors, or has it stopped trading?',
    hint: 'For an individual: bankrupt, or subject to a debt relief order or individual voluntary arrangement.',
    source: 'PA 2023 Schedule 7 (insolvency and bankruptcy)',
  },
  {
    id: 'contract_performance',
    kind: 'discretionary',
    question: `In the last 5 years, has a contract with ${WHO} been ended, or damages or a settlement paid, for breach of contract, or has a customer found its performance unsatisfactory and it failed to improve when asked?`,
    hint: 'Include public and private contracts.',
    source: 'PA 2023 Schedule 7 (breach of contract and poor performance)',
  },
  {
    id: 'misconduct',
    kind: 'discretionary',
    question: `Has ${WHO} committed professional misconduct, been disqualified as a director, or acted in a way that may distort competition or a procurement, such as colluding with other bidders or seeking confidential information?`,
    hint: 'Include a person struck off or suspended from a professional register, such as HCPC or Social Work England.',
    source: 'PA 2023 Schedule 7 (professional misconduct, potential competition infringements, acting improperly in procurement)',
  },
  {
    id: 'associated_persons',
    kind: 'associated',
    question:
      'Do any of the questions above apply to an organisation you rely on to meet the conditions of membership, such as a subcontractor or consortium member?',
    hint: 'These are your “associated persons”. A guarantor is not one.',
    source: 'PA 2023 s.26(4) (associated persons) and ss.26 to 28; Cabinet Office guidance on exclusions',
  },
];

export interface ExclusionAnswer {
  answer: 'yes' | 'no';
  /** Required when the answer is yes. */
  details: string | null;
}

export type ExclusionAnswers = Record<string, ExclusionAnswer>;

export const DETAILS_LIMIT = 2000;

export const exclusionField = (id: string) => `exclusion-${id}`;
export const exclusionDetailsField = (id: string) => `exclusion-${id}-details`;

/**
 * Checks the whole page: every question answered, details given for each
 * yes. Returns the answers to store, or the errors by field.
 */
export function checkExclusionAnswers(body: Record<string, unknown>): { answers: ExclusionAnswers } | { errors: Array<{ field: string; text: string }> } {
  const answers: ExclusionAnswers = {};
  const errors: Array<{ field: string; text: string }> = [];
  for (const question of EXCLUSION_QUESTIONS) {
    const answer = body[exclusionField(question.id)];
    const details = typeof body[exclusionDetailsField(question.id)] === 'string' ? String(body[exclusionDetailsField(question.id)]).trim() : '';
    if (answer !== 'yes' && answer !== 'no') {
      errors.push({ field: exclusionField(question.id), text: `Select yes or no: ${shortName(question)}` });
      continue;
    }
    if (answer === 'yes' && !details) errors.push({ field: exclusionDetailsField(question.id), text: `Give details: ${shortName(question)}` });
    else if (details.length > DETAILS_LIMIT) errors.push({ field: exclusionDetailsField(question.id), text: 'Details must be 2,000 characters or fewer' });
    else answers[question.id] = { answer, details: answer === 'yes' ? details : null };
  }
  return errors.length ? { errors } : { answers };
}

const SHORT_NAMES: Record<string, string> = {
  serious_crime: 'serious crime convictions',
  dishonesty: 'dishonesty convictions',
  tax: 'tax offences and penalties',
  competition: 'competition law',
  labour_and_environment: 'labour market, slavery and environmental orders',
  insolvency: 'insolvency',
  contract_performance: 'breach of contract and poor performance',
  misconduct: 'misconduct',
  associated_persons: 'associated persons',
};
export const shortName = (question: Pick<ExclusionQuestion, 'id'>) => SHORT_NAMES[question.id] ?? question.id;

export function exclusionAnswersComplete(answers: ExclusionAnswers | null | undefined): boolean {
  return !!answers && EXCLUSION_QUESTIONS.every((question) => answers[question.id]?.answer === 'yes' || answers[question.id]?.answer === 'no');
}

/** Something the framework manager must weigh before admitting: a yes in the declaration, or a debarment list entry. */
export interface ExclusionFlag {
  source: 'declaration' | 'debarment';
  kind: ExclusionGroundKind;
  text: string;
}

/** The yes answers of a declaration, as flags for the framework manager. */
export function declarationFlags(answers: ExclusionAnswers | null | undefined): ExclusionFlag[] {
  return EXCLUSION_QUESTIONS.filter((question) => answers?.[question.id]?.answer === 'yes').map((question) => ({
    source: 'declaration' as const,
    kind: question.kind,
    text: `${question.question} Yes: ${answers![question.id].details ?? ''}`,
  }));
}

export type ExclusionAssessmentOutcome = 'excluded' | 'not_excluded';

/**
 * Whether the provider may be admitted, given what is flagged and the
 * framework manager's recorded assessment (PA 2023 s.57, s.58):
 * - nothing flagged: yes, with no assessment needed;
 * - on the debarment list on a mandatory ground: never (an excluded supplier, s.57(1)(b));
 * - a mandatory ground declared: excluded, unless the manager records that the
 *   circumstances are not continuing and not likely to occur again (s.57(1)(a), s.58);
 * - a discretionary ground (declared or listed) or an associated person: excludable;
 *   the manager decides, with a reason, before admitting.
 */
export function exclusionBlock(flags: readonly ExclusionFlag[], assessment: ExclusionAssessmentOutcome | null): string | null {
  if (flags.some((flag) => flag.source === 'debarment' && flag.kind === 'mandatory')) {
    return 'The provider is on the debarment list on a mandatory exclusion ground, so it is an excluded supplier and cannot be admitted';
  }
  if (flags.length === 0) return null;
  if (assessment === null) return 'Record your exclusion assessment before admitting this provider';
  if (assessment === 'excluded') return 'You assessed the provider as excluded, so it cannot be admitted';
  return null;
}
