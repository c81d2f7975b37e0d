import { addDays } from '../common/calendar/dates';
import { formatIsoDate } from '../common/views/format';

/** Days ahead at which a due date reads as "Due soon". */
export const DUE_SOON_DAYS = 7;

/** One task on a dashboard's work queue: what to do, where to do it, and by when. */
export interface QueueItem {
  text: string;
  href: string;
  /** A calendar date (YYYY-MM-DD) the task is due on, or null when it has none. */
  dueOn: string | null;
  /** Short extra context shown under the link: never a child's details. */
  hint?: string;
}

/** One section of the queue, as the view renders it (a heading with its count, then a GOV.UK task list). */
export interface QueueSection {
  id: string;
  heading: string;
  count: number;
  /** The full list, when the section shows only the first few. */
  moreHref?: string;
  items: Array<{ href: string; title: { text: string }; hint?: { text: string }; status: { tag: { text: string; classes: string } } }>;
}

export type DueState = 'overdue' | 'today' | 'soon' | 'later' | 'none';

export function dueState(dueOn: string | null, today: string): DueState {
  if (!dueOn) return 'none';
  if (dueOn < today) return 'overdue';
  if (dueOn === today) return 'today';
  return dueOn <= addDays(today, DUE_SOON_DAYS) ? 'soon' : 'later';
}

const DUE_TAGS: Record<DueState, { text: string; classes: string }> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  today: { text: 'Due today', classes: 'govuk-tag--orange' },
  soon: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  later: { text: 'To do', classes: 'govuk-tag--blue' },
  none: { text: 'To do', classes: 'govuk-tag--blue' },
};

/** The hint line: the due date in words, then any context. */
function hintOf(item: QueueItem, today: string, dueLabel: string): string | undefined {
  const state = dueState(item.dueOn, today);
  const due = item.dueOn ? `${state === 'overdue' ? 'Was due' : dueLabel} ${formatIsoDate(item.dueOn)}` : '';
  const text = [due, item.hint].filter(Boolean).join('. ');
  return text || undefined;
}

/** Soonest due first; tasks without a date last, in the order given. */
export function sortByDue(items: QueueItem[]): QueueItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.dueOn ?? '9999-12-31').localeCompare(b.item.dueOn ?? '9999-12-31') || a.index - b.index)
    .map(({ item }) => item);
}

/**
 * A section as the view wants it: the list is the first `limit`, soonest due
 * first, and the count every task (`total` when the items are already only the first few).
 */
export function toSection(
  id: string,
  heading: string,
  items: QueueItem[],
  today: string,
  options: { limit?: number; dueLabel?: string; moreHref?: string; total?: number } = {},
): QueueSection {
  const sorted = sortByDue(items).slice(0, options.limit ?? 10);
  const count = Math.max(options.total ?? 0, items.length);
  return {
    id,
    heading,
    count,
    ...(options.moreHref && sorted.length < count ? { moreHref: options.moreHref } : {}),
    items: sorted.map((item) => {
      const hint = hintOf(item, today, options.dueLabel ?? 'Due by');
      return { href: item.href, title: { text: item.text }, ...(hint ? { hint: { text: hint } } : {}), status: { tag: DUE_TAGS[dueState(item.dueOn, today)] } };
    }),
  };
}
