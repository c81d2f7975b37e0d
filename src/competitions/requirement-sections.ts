import { weightsProblem } from './competition-rules';
import type { Requirement } from './requirement.entity';

export const REQUIREMENT_SECTIONS = ['basics', 'needs', 'case', 'service', 'funding', 'evaluation', 'dates'] as const;
export type RequirementSection = (typeof REQUIREMENT_SECTIONS)[number];

export const SECTION_TITLES: Record<RequirementSection, string> = {
  basics: 'Lot, district and purchase type',
  needs: 'Needs profile',
  case: 'Child’s identifying details',
  service: 'Sessions and ceiling price',
  funding: 'Funding',
  evaluation: 'Evaluation criteria',
  dates: 'Deadlines',
};

type Facts = Pick<
  Requirement,
  | 'purchaseType'
  | 'ageBand'
  | 'presentingNeeds'
  | 'practitionerGender'
  | 'sessionCount'
  | 'blockVolume'
  | 'startBy'
  | 'ceilingPence'
  | 'asgsfPence'
  | 'needsAssessedOn'
  | 'criteria'
  | 'priceWeight'
  | 'scaleDescriptors'
  | 'scaleMax'
  | 'bidDeadline'
>;

/** What each section still needs before the requirement can be published. */
export function requirementProblems(requirement: Facts, hasCaseDetails: boolean): Record<RequirementSection, string[]> {
  const problems: Record<RequirementSection, string[]> = { basics: [], needs: [], case: [], service: [], funding: [], evaluation: [], dates: [] };
  if (!requirement.ageBand || requirement.presentingNeeds.length === 0 || !requirement.practitionerGender) problems.needs.push('Complete the needs profile');
  if (!hasCaseDetails) problems.case.push('Add the child’s identifying details');
  if (requirement.sessionCount === null || requirement.ceilingPence === null || !requirement.startBy)
    problems.service.push('Add the sessions, start date and ceiling price');
  else if (requirement.purchaseType === 'block' && requirement.blockVolume === null) problems.service.push('Add the block volume and period');
  if (requirement.asgsfPence === null || !requirement.needsAssessedOn) problems.funding.push('Add the funding');
  // The financial year (and so the fair access limit) comes from the start date (issue 19).
  else if (!requirement.startBy) problems.funding.push('The financial year can’t be worked out until the start date is given');
  if (requirement.priceWeight === null) problems.evaluation.push('Add the evaluation criteria');
  else {
    const weights = weightsProblem(requirement.criteria, requirement.priceWeight);
    if (weights) problems.evaluation.push(weights);
    if (requirement.scaleDescriptors.length !== requirement.scaleMax + 1) problems.evaluation.push('Describe each level of the scoring scale');
  }
  if (!requirement.bidDeadline) problems.dates.push('Set the deadlines');
  return problems;
}

/** What the bid is priced per: sessions for a spot purchase, the block's unit for a block. */
export function pricingUnits(requirement: Pick<Requirement, 'purchaseType' | 'sessionCount' | 'blockVolume' | 'blockUnit'>): {
  units: number;
  unitName: string;
} {
  if (requirement.purchaseType === 'block' && requirement.blockVolume) {
    return { units: requirement.blockVolume, unitName: requirement.blockUnit ?? 'sessions' };
  }
  return { units: requirement.sessionCount ?? 0, unitName: 'sessions' };
}
