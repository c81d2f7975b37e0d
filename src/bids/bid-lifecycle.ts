import { defineLifecycle } from '../common/lifecycle';

export const BID_STATUSES = ['draft', 'submitted', 'withdrawn', 'successful', 'unsuccessful'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

/** DESIGN.md §4: draft → submitted (new versions until the deadline) | withdrawn; after the deadline successful or unsuccessful. */
export const bidLifecycle = defineLifecycle<BidStatus>('A bid', {
  draft: ['submitted', 'withdrawn'],
  submitted: ['submitted', 'withdrawn', 'successful', 'unsuccessful'],
  withdrawn: [],
  successful: [],
  unsuccessful: [],
});
