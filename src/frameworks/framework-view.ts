import { londonDate } from '../common/calendar/working-days';
import { formatDate, formatIsoDate } from '../common/views/format';
import type { FrameworkDetail } from './frameworks.service';
import type { AnswerType, Judgement, MembershipCondition } from './membership-condition.entity';
import { openFrameworkScheduleProblems } from './open-framework-schedule';
import { ROUTE_LABELS } from './procurement-routes';

export const ANSWER_TYPE_LABELS: Record<AnswerType, string> = {
  yes_no: 'Yes or no',
  text: 'Text, with a word limit',
  number: 'A number',
  date: 'A date',
  file: 'A file upload',
};

export const JUDGEMENT_LABELS: Record<Judgement, string> = {
  pass_fail: 'Pass or fail',
  scored: 'Scored, with a minimum to pass',
};

export const FRAMEWORK_STATUS_TAGS = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  open: { text: 'Open', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--red' },
};

function describeJudgement(condition: MembershipCondition): string {
  if (condition.judgement === 'scored') return `Scored out of ${condition.maximumScore}; ${condition.minimumScore} or more passes`;
  if (condition.passingAnswer) return `Passes if the answer is “${condition.passingAnswer === 'yes' ? 'Yes' : 'No'}”`;
  return 'Pass or fail, judged by the evaluator';
}

/** The framework page's view model: summary rows and the conditions, in words. */
export function frameworkSummary(detail: FrameworkDetail) {
  const { framework } = detail;
  const lotNames = new Map(detail.lots.map((lot) => [lot.id, lot.name]));
  return {
    ...detail,
    isDraft: framework.status === 'draft',
    statusTag: FRAMEWORK_STATUS_TAGS[framework.status],
    routeName: ROUTE_LABELS[framework.route].name,
    routeLaw: ROUTE_LABELS[framework.route].law,
    opensOnText: formatDate(`${framework.opensOn}T12:00:00Z`),
    closesOnText: formatDate(`${framework.closesOn}T12:00:00Z`),
    agencyNames: detail.agencies.map((agency) => agency.name).join(', '),
    lotNames: detail.lots.map((lot) => lot.name),
    areaNames: detail.areas.map((area) => `${area.name} (${area.agencyName})`).join(', '),
    isOpenFramework: framework.route === 'open_framework',
    canChangeWindows: framework.route === 'open_framework' && framework.status !== 'closed',
    windowRows: detail.windows.map((window) => {
      const today = londonDate(new Date());
      const state = window.closesOn < today ? 'Closed' : window.opensOn <= today ? 'Open now' : 'Upcoming';
      return {
        ...window,
        periodText: `${formatIsoDate(window.opensOn)} to ${formatIsoDate(window.closesOn)}`,
        state,
        removable: framework.status === 'draft' || (framework.status === 'open' && state === 'Upcoming'),
      };
    }),
    scheduleProblems: framework.route === 'open_framework' ? openFrameworkScheduleProblems(framework, detail.windows) : [],
    conditionRows: detail.conditions.map((condition, index) => ({
      ...condition,
      number: index + 1,
      answerTypeText: ANSWER_TYPE_LABELS[condition.answerType] + (condition.wordLimit ? ` (${condition.wordLimit} words)` : ''),
      lotsText: condition.lotTherapyTypeIds.length
        ? condition.lotTherapyTypeIds.map((id) => lotNames.get(id) ?? 'A lot no longer offered').join(', ')
        : 'All lots',
      judgementText: describeJudgement(condition),
    })),
  };
}
