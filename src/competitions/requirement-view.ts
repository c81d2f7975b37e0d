import { VAT_TREATMENTS } from '../awards/contract-law';
import { formatDateTime, formatIsoDate, formatPence } from '../common/views/format';
import { financialYearLabel, financialYearOf } from '../funding/funding-rules';
import { DELIVERY_MODE_LABELS, PRACTITIONER_GENDERS, PURCHASE_TYPE_LABELS } from './needs-profile';
import type { RequirementSection } from './requirement-sections';
import type { Requirement } from './requirement.entity';

interface Row {
  key: { text: string };
  value: { text: string };
  actions?: { items: Array<{ href: string; text: string; visuallyHiddenText: string }> };
}

const or = (value: string | null | undefined, blank = 'Not provided') => (value ? value : blank);

/**
 * The requirement as summary-list cards. Bidders see exactly this (the
 * pseudonymised profile); with `changeBase` each card links to its section
 * for the commissioner. Funding is for the commissioner only.
 */
export function requirementCards(requirement: Requirement, options: { changeBase?: string; includeFunding?: boolean } = {}) {
  const card = (title: string, section: RequirementSection, rows: Array<Row | null>) => ({
    title: { text: title },
    actions: options.changeBase ? { items: [{ href: `${options.changeBase}/${section}`, text: 'Change' }] } : undefined,
    rows: rows.filter(Boolean),
  });
  const row = (key: string, value: string): Row => ({ key: { text: key }, value: { text: value } });
  const block = requirement.purchaseType === 'block';
  const cards = [
    card('The requirement', 'basics', [
      row('Title', requirement.title),
      row('Lot', requirement.therapyType?.name ?? ''),
      row('District', requirement.area?.name ?? ''),
      row('Purchase type', PURCHASE_TYPE_LABELS[requirement.purchaseType]),
      row('Delivery', DELIVERY_MODE_LABELS[requirement.deliveryMode]),
    ]),
    card('Needs profile', 'needs', [
      row('Age band', or(requirement.ageBand)),
      row('Presenting needs', requirement.presentingNeeds.join(', ') || 'Not provided'),
      row('Description of needs', or(requirement.needsDescription)),
      row('Previous interventions', or(requirement.previousInterventions)),
      row(
        'Practitioner’s gender',
        requirement.practitionerGender ? PRACTITIONER_GENDERS[requirement.practitionerGender as keyof typeof PRACTITIONER_GENDERS] : 'Not provided',
      ),
      row('Language', or(requirement.language, 'No preference')),
      row('Accessibility', or(requirement.accessibility, 'None stated')),
    ]),
    card('Sessions and price', 'service', [
      row('Sessions', requirement.sessionCount ? `${requirement.sessionCount} sessions of ${requirement.sessionMinutes} minutes` : 'Not provided'),
      block
        ? row(
            'Block',
            requirement.blockVolume ? `${requirement.blockVolume} ${requirement.blockUnit} over ${requirement.blockPeriodMonths} months` : 'Not provided',
          )
        : null,
      row('Start by', or(formatIsoDate(requirement.startBy))),
      row('Expected duration', requirement.durationWeeks ? `${requirement.durationWeeks} weeks` : 'Not provided'),
      row('Ceiling price', requirement.ceilingPence === null ? 'Not provided' : `${formatPence(requirement.ceilingPence)} without VAT`),
      row('VAT', VAT_TREATMENTS[requirement.vatTreatment]),
    ]),
    options.includeFunding
      ? card('Funding', 'funding', [
          row('Expected ASGSF', requirement.asgsfPence === null ? 'Not provided' : formatPence(requirement.asgsfPence)),
          row('Agency top-up', requirement.topUpPence === null ? 'Not provided' : formatPence(requirement.topUpPence)),
          row(
            'Financial year',
            requirement.startBy ? financialYearLabel(financialYearOf(requirement.startBy)) : 'Worked out from the start date, once it is given',
          ),
          row('Needs assessment', or(formatIsoDate(requirement.needsAssessedOn))),
          requirement.agencyFundedPence ? row('Agency-funded above the fair access limit', formatPence(requirement.agencyFundedPence)) : null,
        ])
      : null,
    card('How bids are evaluated', 'evaluation', [
      ...requirement.criteria.map((criterion, index) =>
        row(`Question ${index + 1} (weight ${criterion.weight})`, `${criterion.question} (up to ${criterion.wordLimit} words)`),
      ),
      row('Price weight', requirement.priceWeight === null ? 'Not provided' : String(requirement.priceWeight)),
      row('Scoring scale', `0 to ${requirement.scaleMax}`),
      row(
        'Minimum quality score',
        requirement.minimumQualityPercent ? `${requirement.minimumQualityPercent}% of the quality marks: a bid below it is not ranked` : 'None',
      ),
    ]),
    card('Deadlines', 'dates', [
      row('Questions close', or(formatDateTime(requirement.clarificationDeadline))),
      row('Bids close', or(formatDateTime(requirement.bidDeadline))),
    ]),
  ];
  return cards.filter(Boolean);
}
