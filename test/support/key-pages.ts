import type { SCALE_USERS } from './scale-data';

export type Role = keyof typeof SCALE_USERS;

/**
 * Every list and detail page, as the role that uses it, for the query
 * budget and EXPLAIN tests over generated data. `path` takes the ids of
 * records found in that data.
 */
export interface KeyPage {
  name: string;
  role: Role;
  path: (ids: Record<string, string>) => string;
  /** Rows that grow with the data: the larger world must show more of them. */
  rows?: string;
}

export const KEY_PAGES: KeyPage[] = [
  { name: 'provider dashboard', role: 'provider', path: () => '/provider' },
  { name: 'provider opportunities', role: 'provider', path: () => '/provider/opportunities', rows: 'tbody tr' },
  { name: 'provider opportunity', role: 'provider', path: (ids) => `/provider/opportunities/${ids.published}` },
  { name: 'provider bid form', role: 'provider', path: (ids) => `/provider/opportunities/${ids.published}/bid` },
  { name: 'provider bid outcome', role: 'provider', path: (ids) => `/provider/opportunities/${ids.awarded}/outcome` },
  { name: 'provider contracts', role: 'provider', path: () => '/provider/contracts' },
  { name: 'provider contract', role: 'provider', path: (ids) => `/provider/contracts/${ids.providerContract}` },
  { name: 'provider delivery', role: 'provider', path: (ids) => `/provider/contracts/${ids.providerContract}/delivery` },
  { name: 'provider practitioners', role: 'provider', path: () => '/provider/practitioners' },
  { name: 'provider documents', role: 'provider', path: () => '/provider/documents' },
  { name: 'provider quality', role: 'provider', path: () => '/provider/quality' },
  { name: 'provider frameworks', role: 'provider', path: () => '/provider/frameworks' },
  { name: 'commissioner dashboard', role: 'commissioner', path: () => '/commissioner' },
  { name: 'requirements', role: 'commissioner', path: () => '/requirements', rows: 'tbody tr' },
  { name: 'requirements, filtered', role: 'commissioner', path: () => '/requirements?status=awarded', rows: 'tbody tr' },
  { name: 'requirement', role: 'commissioner', path: (ids) => `/requirements/${ids.agencyPublished}` },
  { name: 'requirement bids after close', role: 'commissioner', path: (ids) => `/requirements/${ids.closed}/bids` },
  { name: 'contracts', role: 'commissioner', path: () => '/contracts', rows: 'tbody tr' },
  { name: 'contract', role: 'commissioner', path: (ids) => `/contracts/${ids.agencyContract}` },
  { name: 'contract delivery', role: 'commissioner', path: (ids) => `/contracts/${ids.agencyContract}/delivery` },
  { name: 'panel dashboard', role: 'chair', path: () => '/panel' },
  { name: 'panel requirements', role: 'chair', path: () => '/panel/requirements', rows: 'tbody tr' },
  { name: 'panel requirement with bids', role: 'chair', path: (ids) => `/panel/requirements/${ids.evaluating}` },
  { name: 'panel scores', role: 'chair', path: (ids) => `/panel/requirements/${ids.evaluating}/scores` },
  { name: 'panel moderation', role: 'chair', path: (ids) => `/panel/requirements/${ids.evaluating}/moderation` },
  { name: 'conflicts of interest', role: 'frameworkManager', path: () => '/conflicts', rows: '#requirements tbody tr' },
  { name: 'conflicts assessment', role: 'chair', path: (ids) => `/conflicts/requirements/${ids.evaluating}`, rows: '#declarations tbody tr' },
  { name: 'panel decision', role: 'chair', path: (ids) => `/panel/requirements/${ids.awarded}/decision` },
  { name: 'panel meetings', role: 'chair', path: () => '/panel/meetings', rows: 'a[href^="/panel/meetings/"]' },
  { name: 'panel meeting', role: 'chair', path: (ids) => `/panel/meetings/${ids.meeting}` },
  { name: 'provider quality list', role: 'chair', path: () => '/quality/providers', rows: 'tbody tr' },
  { name: 'provider quality detail', role: 'chair', path: (ids) => `/quality/providers/${ids.provider}` },
  { name: 'framework manager dashboard', role: 'frameworkManager', path: () => '/framework-manager' },
  { name: 'frameworks', role: 'frameworkManager', path: () => '/frameworks' },
  { name: 'framework', role: 'frameworkManager', path: (ids) => `/frameworks/${ids.framework}` },
  { name: 'memberships', role: 'frameworkManager', path: () => '/memberships', rows: 'tbody tr' },
  { name: 'evaluation queue', role: 'frameworkManager', path: () => '/evaluation' },
  { name: 'debarment list', role: 'frameworkManager', path: () => '/debarment' },
  { name: 'market report', role: 'frameworkManager', path: () => '/insights/market' },
  { name: 'funding report', role: 'commissioner', path: () => '/funding/report' },
  { name: 'open data', role: 'frameworkManager', path: () => '/insights/open-data' },
  { name: 'admin dashboard', role: 'admin', path: () => '/admin' },
  { name: 'audit log', role: 'admin', path: () => '/admin/audit', rows: 'tbody tr' },
  { name: 'audit log, filtered', role: 'admin', path: () => '/admin/audit?action=bid.submitted', rows: 'tbody tr' },
  { name: 'emails', role: 'admin', path: () => '/admin/emails', rows: 'tbody tr' },
  { name: 'users', role: 'admin', path: () => '/admin/users', rows: 'tbody tr' },
  { name: 'panel members', role: 'admin', path: () => '/admin/panel', rows: 'tbody tr' },
];
