import { parseDateParts } from '../common/forms/date-parts';
import type { ComplianceDocumentType } from '../documents/compliance-document.entity';
import type { MembershipCondition } from '../frameworks/membership-condition.entity';
import { addYears } from '../common/calendar/dates';

/** An enhanced DBS check counts as current for this long after issue (partnership practice). */
export const DBS_VALID_YEARS = 3;

export function conditionApplies(condition: Pick<MembershipCondition, 'lotTherapyTypeIds'>, lotTherapyTypeIds: string[]): boolean {
  return condition.lotTherapyTypeIds.length === 0 || condition.lotTherapyTypeIds.some((id) => lotTherapyTypeIds.includes(id));
}

/** Checks one answer against its condition's type. Returns the value to store, or the error to show. */
export function checkAnswer(condition: Pick<MembershipCondition, 'answerType' | 'wordLimit'>, raw: unknown): { value: string } | { error: string } {
  if (condition.answerType === 'date') {
    const parsed = parseDateParts(raw, 'the date');
    return 'error' in parsed ? { error: parsed.error.replace('Enter the date', 'Enter a date') } : { value: parsed.date };
  }
  const text = typeof raw === 'string' ? raw.trim() : '';
  switch (condition.answerType) {
    case 'yes_no':
      return text === 'yes' || text === 'no' ? { value: text } : { error: 'Select yes or no' };
    case 'number':
      if (!text) return { error: 'Enter a number' };
      return /^-?\d{1,12}(\.\d{1,4})?$/.test(text.replace(/,/g, '')) ? { value: text.replace(/,/g, '') } : { error: 'Enter a number, like 12' };
    case 'text': {
      if (!text) return { error: 'Enter your answer' };
      const words = text.split(/\s+/).length;
      return condition.wordLimit && words > condition.wordLimit
        ? { error: `Your answer must be ${condition.wordLimit} words or fewer (it is ${words})` }
        : { value: text };
    }
    default:
      return text ? { value: text } : { error: 'Select a document' };
  }
}

export interface PractitionerFacts {
  id: string;
  fullName: string;
  therapyTypeIds: string[];
  registrationExpiresOn: string;
  dbsIssuedOn: string;
}

export interface DocumentFacts {
  id: string;
  type: ComplianceDocumentType;
  expiresOn: string | null;
}

export interface ApplicationFacts {
  detailsCompleted: boolean;
  lotTherapyTypeIds: string[];
  lotNames: Map<string, string>;
  practitioners: PractitionerFacts[];
  documents: DocumentFacts[];
  unansweredConditions: number;
  /** Every exclusion-grounds question answered (PA 2023 s.57). */
  exclusionsAnswered: boolean;
  /** On the partnership's debarment list on a mandatory ground today (s.57(1)(b)). */
  debarredOnMandatoryGround: boolean;
  today: string;
}

/** Why a practitioner cannot be named today (BR-18), or null when they can. */
export function practitionerProblem(practitioner: PractitionerFacts, today: string): string | null {
  if (practitioner.registrationExpiresOn < today) return `${practitioner.fullName}’s registration has expired`;
  if (addYears(practitioner.dbsIssuedOn, DBS_VALID_YEARS) < today)
    return `${practitioner.fullName}’s enhanced DBS check is more than ${DBS_VALID_YEARS} years old`;
  return null;
}

const REQUIRED_INSURANCE: Array<[ComplianceDocumentType, string]> = [
  ['employers_liability', 'employer’s liability insurance'],
  ['public_liability', 'public liability insurance'],
  ['professional_indemnity', 'professional indemnity insurance'],
];

/**
 * Everything that stops an application being submitted, per task. Each lot
 * needs a qualified, currently registered practitioner with a current DBS
 * check (BR-18), and current insurance of each kind must be included.
 */
export function applicationProblems(
  facts: ApplicationFacts,
): Record<'organisation' | 'lots' | 'practitioners' | 'documents' | 'answers' | 'exclusions', string[]> {
  const problems = {
    organisation: [] as string[],
    lots: [] as string[],
    practitioners: [] as string[],
    documents: [] as string[],
    answers: [] as string[],
    exclusions: [] as string[],
  };
  if (!facts.detailsCompleted) problems.organisation.push('Complete your organisation details');
  if (facts.lotTherapyTypeIds.length === 0) problems.lots.push('Choose at least one lot');
  if (facts.practitioners.length === 0) problems.practitioners.push('Choose at least one practitioner');
  for (const practitioner of facts.practitioners) {
    const problem = practitionerProblem(practitioner, facts.today);
    if (problem) problems.practitioners.push(problem);
  }
  const valid = facts.practitioners.filter((practitioner) => !practitionerProblem(practitioner, facts.today));
  for (const lot of facts.lotTherapyTypeIds) {
    if (!valid.some((practitioner) => practitioner.therapyTypeIds.includes(lot))) {
      problems.practitioners.push(`Choose a practitioner qualified for ${facts.lotNames.get(lot) ?? 'each lot'}`);
    }
  }
  for (const [type, name] of REQUIRED_INSURANCE) {
    if (!facts.documents.some((document) => document.type === type && document.expiresOn !== null && document.expiresOn >= facts.today)) {
      problems.documents.push(`Include current ${name}`);
    }
  }
  if (facts.unansweredConditions > 0)
    problems.answers.push(`Answer ${facts.unansweredConditions === 1 ? 'the remaining question' : `the ${facts.unansweredConditions} remaining questions`}`);
  if (!facts.exclusionsAnswered) problems.exclusions.push('Answer the exclusion grounds questions');
  if (facts.debarredOnMandatoryGround)
    problems.exclusions.push('Your organisation is on the debarment list on a mandatory exclusion ground, so it cannot apply while the entry applies');
  return problems;
}

/** What the recorded judgements say about one lot (BR-1): every condition passed, one failed, or some not yet judged. */
export type JudgedOutcome = 'admitted' | 'rejected' | 'unjudged';

export function judgedOutcome(
  lotTherapyTypeId: string,
  conditions: ReadonlyArray<Pick<MembershipCondition, 'id' | 'lotTherapyTypeIds'>>,
  judgements: ReadonlyArray<{ conditionId: string; result: 'pass' | 'fail' }>,
): JudgedOutcome {
  const results = conditions
    .filter((condition) => conditionApplies(condition, [lotTherapyTypeId]))
    .map((condition) => judgements.find((judgement) => judgement.conditionId === condition.id)?.result);
  if (results.some((result) => result === undefined)) return 'unjudged';
  return results.every((result) => result === 'pass') ? 'admitted' : 'rejected';
}
