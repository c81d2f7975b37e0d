import { addDays, addYears } from '../common/calendar/dates';
import { addWorkingDays, HolidayCalendar } from '../common/calendar/working-days';
import type { ProcurementRoute } from '../frameworks/procurement-routes';
import { PROCUREMENT_THRESHOLDS, ThresholdEntry, ThresholdKind, ThresholdRegime, ThresholdTable } from './data/procurement-thresholds';

/**
 * The legal facts a contract carries (issue 18): its value without and with
 * VAT, whether it is light touch and above the threshold, and from those its
 * standstill and the notices due. Pure: the services feed it the data.
 */

/**
 * How VAT applies to the service. Therapy and assessment for children are
 * usually exempt as health or welfare services (VAT Act 1994, Schedule 9,
 * Group 7), so the value including VAT equals the value without; a provider
 * that is not a registered health professional or a charity's welfare
 * service may charge standard-rate VAT (VAT Act 1994, s.2(1): 20%).
 */
export const VAT_TREATMENTS = {
  exempt: 'Exempt from VAT (health or welfare services)',
  standard: 'Standard rate VAT (20%)',
} as const;
export type VatTreatment = keyof typeof VAT_TREATMENTS;

/** The value including VAT, in whole pence (BR-19: never a float). */
export function includingVat(valueExVatPence: number, treatment: VatTreatment): number {
  return treatment === 'standard' ? Math.round((valueExVatPence * 6) / 5) : valueExVatPence;
}

/** A date outside the threshold data: refused rather than guessed, like the bank holiday data. */
export class ThresholdDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThresholdDataError';
  }
}

/** The threshold of a kind in force on a date, with its source. */
export function thresholdInForce(regime: ThresholdRegime, kind: ThresholdKind, on: string, table: ThresholdTable = PROCUREMENT_THRESHOLDS): ThresholdEntry {
  if (on > table.knownThrough[regime]) {
    throw new ThresholdDataError(
      `The procurement thresholds are known only up to ${table.knownThrough[regime]}, so a procurement on ${on} cannot be checked. The thresholds in force then need to be added first.`,
    );
  }
  const inForce = table.entries
    .filter((entry) => entry.regime === regime && entry.kind === kind && entry.inForceFrom <= on)
    .sort((a, b) => b.inForceFrom.localeCompare(a.inForceFrom))[0];
  if (!inForce) throw new ThresholdDataError(`The portal has no ${kind.replace(/_/g, ' ')} threshold in force on ${on}.`);
  return inForce;
}

/**
 * The thresholds as a table a clock can trust. The shipped data vouches for
 * its own `knownThrough`; a figure added later is revised two years on (the
 * thresholds follow the WTO Government Procurement Agreement's two-yearly
 * revision), so it extends its regime's data to the day before then.
 */
export function thresholdTableOf(entries: readonly ThresholdEntry[], shipped: ThresholdTable = PROCUREMENT_THRESHOLDS): ThresholdTable {
  const knownThrough = { ...shipped.knownThrough };
  for (const entry of entries) {
    const revisedBy = addDays(addYears(entry.inForceFrom, 2), -1);
    if (revisedBy > knownThrough[entry.regime]) knownThrough[entry.regime] = revisedBy;
  }
  return { entries, knownThrough };
}

/** A legacy DPS runs under PCR 2015 (the procurement began before 24 February 2025); every other route under the Act. */
export function regimeFor(route: ProcurementRoute): ThresholdRegime {
  return route === 'legacy_dps' ? 'pcr2015' : 'pa2023';
}

export interface ContractFacts {
  route: ProcurementRoute;
  /** From the lot's therapy type (PA 2023 s.9; Procurement Regulations 2024 reg. 42 and Sch. 1). */
  lightTouch: boolean;
  valueExVatPence: number;
  vatTreatment: VatTreatment;
  /** The day the procurement began (the requirement published): it fixes the thresholds that apply. */
  procurementOn: string;
}

export interface LegalFacts {
  regime: ThresholdRegime;
  lightTouch: boolean;
  valueExVatPence: number;
  valueIncVatPence: number;
  threshold: ThresholdEntry;
  /** "Not less than the threshold amount" (PA 2023 s.3(2)): at the threshold is above it. */
  aboveThreshold: boolean;
  /** Below the threshold but at or above the figure that needs a notice (PA 2023 s.84(3); PCR 2015 reg. 112). */
  notifiableBelowThreshold: boolean;
  notifiable: ThresholdEntry;
}

/** Values are compared including VAT, against the light touch or the general services threshold. */
export function legalFacts(facts: ContractFacts, table: ThresholdTable = PROCUREMENT_THRESHOLDS): LegalFacts {
  const regime = regimeFor(facts.route);
  const valueIncVatPence = includingVat(facts.valueExVatPence, facts.vatTreatment);
  const threshold = thresholdInForce(regime, facts.lightTouch ? 'light_touch' : 'sub_central_services', facts.procurementOn, table);
  const notifiable = thresholdInForce(regime, 'notifiable_below_threshold', facts.procurementOn, table);
  const aboveThreshold = valueIncVatPence >= threshold.pence;
  return {
    regime,
    lightTouch: facts.lightTouch,
    valueExVatPence: facts.valueExVatPence,
    valueIncVatPence,
    threshold,
    aboveThreshold,
    notifiableBelowThreshold: !aboveThreshold && valueIncVatPence >= notifiable.pence,
    notifiable,
  };
}

/** PA 2023 s.50(1): before entering into a public contract (one at or above the threshold) a contract award notice is published. */
export function contractAwardNoticeRequired(legal: LegalFacts): boolean {
  return legal.regime === 'pa2023' && legal.aboveThreshold;
}

export type StandstillRule =
  { kind: 'none'; reason: string } | { kind: 'mandatory' | 'voluntary'; workingDays: number; startsWith: 'contract_award_notice' | 'decision'; reason: string };

/** PA 2023 s.51(1)–(2): 8 working days beginning with the day the contract award notice is published. */
export const MANDATORY_STANDSTILL_WORKING_DAYS = 8;

/**
 * BR-11 as the law has it: the standstill belongs to the contract. Under the
 * Act it is mandatory only for a public contract (above the threshold) that
 * none of the s.51(3) exemptions covers; here the ones that matter are a
 * contract awarded by reference to membership of a dynamic market, one
 * awarded in accordance with a framework (an open framework's call-offs), and
 * a light touch contract. Where it is not mandatory the framework may set a
 * voluntary standstill (s.51(4)–(5): at least 8 working days, also from the
 * contract award notice), which needs a notice to start from, so it applies
 * only where one is published. On a legacy DPS a specific contract needs no
 * award-decision notice or standstill (PCR 2015 regs 86–87); the framework's
 * voluntary standstill, if any, runs from the decision as before.
 */
export function standstillFor(route: ProcurementRoute, legal: LegalFacts, voluntaryWorkingDays: number): StandstillRule {
  if (legal.regime === 'pcr2015') {
    return voluntaryWorkingDays > 0
      ? {
          kind: 'voluntary',
          workingDays: voluntaryWorkingDays,
          startsWith: 'decision',
          reason: 'The framework sets a voluntary standstill after the decision (PCR 2015 needs none for a contract under a dynamic purchasing system)',
        }
      : {
          kind: 'none',
          reason: 'A contract under a legacy dynamic purchasing system needs no standstill (Public Contracts Regulations 2015, regulations 86 and 87)',
        };
  }
  if (!legal.aboveThreshold)
    return {
      kind: 'none',
      reason: 'The contract is below the threshold, so it is not a public contract and the Procurement Act 2023 standstill (section 51) does not apply',
    };
  const exemption =
    route === 'dynamic_market'
      ? 'it is awarded by reference to membership of a dynamic market'
      : route === 'open_framework'
        ? 'it is awarded in accordance with a framework'
        : legal.lightTouch
          ? 'it is a light touch contract'
          : null;
  if (!exemption) {
    return {
      kind: 'mandatory',
      workingDays: MANDATORY_STANDSTILL_WORKING_DAYS,
      startsWith: 'contract_award_notice',
      reason:
        'An above-threshold public contract: 8 working days beginning with the day the contract award notice is published (Procurement Act 2023, section 51)',
    };
  }
  if (voluntaryWorkingDays >= MANDATORY_STANDSTILL_WORKING_DAYS) {
    return {
      kind: 'voluntary',
      workingDays: voluntaryWorkingDays,
      startsWith: 'contract_award_notice',
      reason: `No standstill is required because ${exemption} (Procurement Act 2023, section 51(3)); the framework observes a voluntary one from the contract award notice`,
    };
  }
  return { kind: 'none', reason: `No standstill is required because ${exemption} (Procurement Act 2023, section 51(3))` };
}

/**
 * The last day of the standstill: the contract may be entered into from the
 * day after. A period "beginning with the day" of the notice counts that day
 * if it is a working day; one after the decision counts from the next.
 */
export function standstillLastDay(startOn: string, rule: Extract<StandstillRule, { workingDays: number }>, holidays: HolidayCalendar): string {
  return rule.startsWith === 'contract_award_notice'
    ? addWorkingDays(addDays(startOn, -1), rule.workingDays, holidays)
    : addWorkingDays(startOn, rule.workingDays, holidays);
}

export const NOTICE_TYPES = [
  'transparency_notice',
  'contract_award_notice',
  'contract_details_notice',
  'below_threshold_contract_details_notice',
  'pcr_contract_award_notice',
  'contracts_finder_notice',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const NOTICE_NAMES: Record<NoticeType, string> = {
  transparency_notice: 'transparency notice',
  contract_award_notice: 'contract award notice',
  contract_details_notice: 'contract details notice',
  below_threshold_contract_details_notice: 'contract details notice (below threshold)',
  pcr_contract_award_notice: 'contract award notice (PCR 2015)',
  contracts_finder_notice: 'Contracts Finder award notice',
};

export const NOTICE_SOURCES: Record<NoticeType, string> = {
  transparency_notice: 'Procurement Act 2023, section 44',
  contract_award_notice: 'Procurement Act 2023, section 50(1)',
  contract_details_notice: 'Procurement Act 2023, section 53',
  below_threshold_contract_details_notice: 'Procurement Act 2023, section 87(3)',
  pcr_contract_award_notice: 'Public Contracts Regulations 2015, regulation 50',
  contracts_finder_notice: 'Public Contracts Regulations 2015, regulation 112',
};

export interface NoticeDue {
  type: NoticeType;
  dueOn: string;
}

/** PA 2023 s.53(1)–(2): 30 days beginning with the day the contract is entered into, 120 for a light touch contract. */
export const CONTRACT_DETAILS_NOTICE_DAYS = 30;
export const LIGHT_TOUCH_CONTRACT_DETAILS_NOTICE_DAYS = 120;
/**
 * Where the law says "as soon as reasonably practicable" (PA 2023 s.87(3))
 * or sets 30 days after the award (PCR 2015 reg. 50), or "within a reasonable
 * time" (reg. 112), the portal asks for it within 30 days of the contract.
 */
export const PRACTICABLE_NOTICE_DAYS = 30;

/** The notices due once the contract is entered into, with their due dates (the last day to publish). */
export function noticesAfterContract(legal: LegalFacts, enteredOn: string): NoticeDue[] {
  const within = (days: number) => addDays(enteredOn, days - 1);
  if (legal.regime === 'pa2023') {
    if (legal.aboveThreshold)
      return [{ type: 'contract_details_notice', dueOn: within(legal.lightTouch ? LIGHT_TOUCH_CONTRACT_DETAILS_NOTICE_DAYS : CONTRACT_DETAILS_NOTICE_DAYS) }];
    return legal.notifiableBelowThreshold ? [{ type: 'below_threshold_contract_details_notice', dueOn: within(PRACTICABLE_NOTICE_DAYS) }] : [];
  }
  // PCR 2015 reg. 50 counts 30 days after the contract; reg. 112 a reasonable time.
  if (legal.aboveThreshold) return [{ type: 'pcr_contract_award_notice', dueOn: addDays(enteredOn, PRACTICABLE_NOTICE_DAYS) }];
  return legal.notifiableBelowThreshold ? [{ type: 'contracts_finder_notice', dueOn: addDays(enteredOn, PRACTICABLE_NOTICE_DAYS) }] : [];
}

/** The task the commissioner sees: "Publish the contract details notice by 14 January 2027". */
export function noticeTask(type: NoticeType, dueOn: string | null, formatDate: (date: string) => string): string {
  return dueOn ? `Publish the ${NOTICE_NAMES[type]} by ${formatDate(dueOn)}` : `Publish the ${NOTICE_NAMES[type]} before the contract is entered into`;
}
