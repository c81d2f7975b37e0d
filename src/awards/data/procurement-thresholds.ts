/**
 * The procurement thresholds, as dated data with their legal source. Each
 * figure includes VAT (PA 2023 Sch. 1 and s.4: the estimated value includes
 * VAT; PCR 2015 reg. 5 as amended from 1 January 2024 likewise). A figure is
 * in force from its date until the next entry for the same regime and kind.
 * `knownThrough` is the last date the portal vouches for: the thresholds are
 * revised every two years to follow the WTO Government Procurement Agreement,
 * so a date past it is refused until the next figures are added here.
 */
export type ThresholdRegime = 'pa2023' | 'pcr2015';
/** The kinds of contract the portal's buyers (sub-central authorities: local authorities) award. */
export type ThresholdKind = 'light_touch' | 'sub_central_services' | 'notifiable_below_threshold';

export interface ThresholdEntry {
  regime: ThresholdRegime;
  kind: ThresholdKind;
  inForceFrom: string;
  pence: number;
  source: string;
}

export interface ThresholdTable {
  entries: readonly ThresholdEntry[];
  /** Per regime, the last date the entries are known to hold. */
  knownThrough: Record<ThresholdRegime, string>;
}

const PA_2025 = 'Procurement Act 2023, Schedule 1 (rows 8 and 12), as in force on 24 February 2025';
const PA_2026 =
  'Procurement Act 2023, Schedule 1 (rows 8 and 12), as amended by the Procurement Act 2023 (Threshold Amounts) (Amendment) Regulations 2025 from 1 January 2026';
const PCR_2024 = 'Public Contracts Regulations 2015, regulation 5(1)(b) and (d), as amended from 1 January 2024 (figures including VAT)';

export const PROCUREMENT_THRESHOLDS: ThresholdTable = {
  entries: [
    { regime: 'pa2023', kind: 'light_touch', inForceFrom: '2025-02-24', pence: 66_354_000, source: PA_2025 },
    { regime: 'pa2023', kind: 'sub_central_services', inForceFrom: '2025-02-24', pence: 21_490_400, source: PA_2025 },
    // The light touch figure is not tied to the GPA and did not change on 1 January 2026.
    { regime: 'pa2023', kind: 'light_touch', inForceFrom: '2026-01-01', pence: 66_354_000, source: PA_2026 },
    { regime: 'pa2023', kind: 'sub_central_services', inForceFrom: '2026-01-01', pence: 20_772_000, source: PA_2026 },
    {
      regime: 'pa2023',
      kind: 'notifiable_below_threshold',
      inForceFrom: '2025-02-24',
      pence: 3_000_000,
      source:
        'Procurement Act 2023, section 84(3)(b) (a notifiable below-threshold contract awarded by a contracting authority other than a central government authority: £30,000 including VAT)',
    },
    { regime: 'pcr2015', kind: 'light_touch', inForceFrom: '2024-01-01', pence: 66_354_000, source: PCR_2024 },
    { regime: 'pcr2015', kind: 'sub_central_services', inForceFrom: '2024-01-01', pence: 21_490_400, source: PCR_2024 },
    {
      regime: 'pcr2015',
      kind: 'notifiable_below_threshold',
      inForceFrom: '2024-01-01',
      pence: 2_500_000,
      source: 'Public Contracts Regulations 2015, Part 4, regulation 112 (Contracts Finder: a sub-central authority’s contract of £25,000 or more)',
    },
  ],
  // PA 2023: the next two-yearly revision is due on 1 January 2028. PCR 2015: frozen for the procurements it still governs; the last legacy DPS ends on 24 February 2029.
  knownThrough: { pa2023: '2027-12-31', pcr2015: '2029-02-24' },
};
