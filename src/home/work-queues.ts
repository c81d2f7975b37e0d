import type { EntityManager } from 'typeorm';
import { decisionClock } from '../applications/decision-clock';
import { NoticeTasksService } from '../awards/notice-tasks.service';
import { loadBankHolidays } from '../common/calendar/bank-holiday.repository';
import { addDays } from '../common/calendar/dates';
import { HolidayCalendar, londonDate } from '../common/calendar/working-days';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { formatIsoDate } from '../common/views/format';
import { DOCUMENT_TYPE_LABELS } from '../documents/document-rules';
import { ProcurementRoute, workingDayDivisions } from '../frameworks/procurement-routes';
import { nextReportDue } from '../quality/delivery-rules';
import type { Role } from '../users/role';
import type { ActivePanelMemberRow, HomeRepository, ReportsOwedScope } from './home.repository';
import type { QueueItem } from './work-queue';

export interface QueueContext {
  manager: EntityManager;
  /** The dashboards' read queries, run on `manager`. */
  reads: HomeRepository;
  user: SignedInUser;
  /** Today in London, YYYY-MM-DD. */
  today: string;
  /** The staff member's partnership (cached for the request). */
  partnershipId(): Promise<string>;
  /** A feature's own service, for a queue whose tasks that service already knows how to list. */
  service<T>(type: new (...args: never[]) => T): T;
}

/**
 * One kind of task on a role's dashboard. A feature adds its tasks to a
 * dashboard by adding an entry to WORK_QUEUES: the dashboard shows each
 * role's entries in this order, with their counts and due dates.
 */
export interface WorkQueue {
  role: Role;
  id: string;
  heading: string;
  /** How the due date reads in the hint ("Due by", "Closes on"). */
  dueLabel?: string;
  /** Where every task of this kind is listed, linked when the dashboard shows only the first ten. */
  moreHref?: string;
  /** The tasks, or for a kind that can run to thousands, the first few (soonest first) and how many there are in all. */
  items(context: QueueContext): Promise<QueueItem[] | { items: QueueItem[]; total: number }>;
}

/** Shown per kind of task; the heading counts them all. */
export const QUEUE_LIMIT = 10;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Contracts owing a report next (see nextReportDue), for the provider's or the commissioner's queue. */
async function reportsOwed(context: QueueContext, scope: ReportsOwedScope) {
  const { today } = context;
  const rows = await context.reads.findContractsOwingReports(scope, context.manager);
  return rows.flatMap((row) => {
    const next = nextReportDue(
      {
        status: row.status,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        endedOn: row.ended_on,
        reportIntervalWeeks: row.report_interval_weeks,
        progressSubmittedOn: row.progress,
        endReportSent: false,
      },
      today,
    );
    return next ? [{ ...row, ...next }] : [];
  });
}

/** The signed-in member of a resource panel, or null (the dashboard then has no panel tasks). */
const panelMember = (context: QueueContext): Promise<ActivePanelMemberRow | null> => context.reads.findActivePanelMember(context.user.id, context.manager);

const nextMeeting = (context: QueueContext, partnershipId: string) => context.reads.findNextMeeting(partnershipId, context.today, context.manager);

/**
 * Closed requirements of the member's partnership needing their declaration
 * (or their scores), oldest deadline first: the first few, and how many.
 */
async function panelTasks(
  context: QueueContext,
  step: 'declare' | 'score',
  task: (row: { id: string; title: string; lot: string }) => { text: string; href: string },
) {
  const member = await panelMember(context);
  if (!member) return [];
  const [rows, meeting] = await Promise.all([
    context.reads.findPanelTasks(step, member, context.user.id, QUEUE_LIMIT, context.manager),
    nextMeeting(context, member.partnership_id),
  ]);
  // Declarations and scores are wanted by the next meeting, which decides the awards.
  const items = rows.map((row) => ({ ...task(row), dueOn: meeting?.meeting_date ?? null, hint: meeting ? `${row.lot}. Before the panel meets` : row.lot }));
  return { items, total: rows[0]?.total ?? 0 };
}

export const WORK_QUEUES: WorkQueue[] = [
  // Commissioner: their own agency's work only.
  {
    role: 'commissioner',
    id: 'questions',
    heading: 'Questions to answer',
    items: async ({ reads, manager, user }) => {
      const rows = await reads.findUnansweredQuestions(user.agencyId, manager);
      return rows.map((row) => ({
        text: `Answer ${plural(row.questions, 'question', 'questions')} on ${row.title}`,
        href: `/requirements/${row.id}/clarifications/${row.first_id}`,
        // Questions are answered before the clarification deadline so every bidder can use the answer.
        dueOn: londonDate(row.clarification_deadline ?? row.bid_deadline),
      }));
    },
  },
  {
    role: 'commissioner',
    id: 'closing',
    moreHref: '/requirements?status=published',
    heading: 'Requirements closing for bids',
    dueLabel: 'Closes on',
    items: async ({ reads, manager, user }) => {
      const rows = await reads.findClosingForBids(user.agencyId, QUEUE_LIMIT, manager);
      return {
        items: rows.map((row) => ({
          text: row.title,
          href: `/requirements/${row.id}`,
          dueOn: londonDate(row.bid_deadline),
          hint: `${row.lot} in ${row.area}`,
        })),
        total: rows[0]?.total ?? 0,
      };
    },
  },
  {
    role: 'commissioner',
    id: 'contracts-to-start',
    moreHref: '/contracts',
    heading: 'Contracts to start',
    dueLabel: 'Start by',
    items: async ({ reads, manager, user }) => {
      const rows = await reads.findContractsToStart(user.agencyId, manager);
      return rows.map((row) => ({
        text: `Start the ${row.kind} contract with ${row.provider}`,
        href: `/contracts/${row.id}`,
        dueOn: row.start_by,
        hint: row.title,
      }));
    },
  },
  {
    role: 'commissioner',
    id: 'reports-overdue',
    heading: 'Delivery reports overdue',
    items: async (context) =>
      (await reportsOwed(context, { agencyId: context.user.agencyId! }))
        .filter((report) => report.dueOn < context.today)
        .map((report) => ({
          text: `Chase ${report.provider}’s ${report.kind === 'end' ? 'end' : 'progress'} report`,
          href: `/contracts/${report.id}/delivery`,
          dueOn: report.dueOn,
          hint: report.title,
        })),
  },
  {
    role: 'commissioner',
    id: 'notices',
    heading: 'Notices to publish',
    items: async ({ user, service }) =>
      (await service(NoticeTasksService).tasks(user, { outstandingOnly: true })).map((task) => ({
        text: task.title.text,
        href: task.href,
        dueOn: task.dueOn,
        hint: task.hint.text,
      })),
  },

  // Panel member: the partnership's closed requirements and meetings.
  {
    role: 'panel_member',
    id: 'declare',
    moreHref: '/panel/requirements',
    heading: 'Conflicts of interest to declare',
    items: (context) => panelTasks(context, 'declare', (row) => ({ text: `Declare any conflicts on ${row.title}`, href: `/panel/requirements/${row.id}` })),
  },
  {
    role: 'panel_member',
    id: 'score',
    moreHref: '/panel/requirements',
    heading: 'Bids to score',
    items: (context) => panelTasks(context, 'score', (row) => ({ text: `Score the bids for ${row.title}`, href: `/panel/requirements/${row.id}/scores` })),
  },
  {
    role: 'panel_member',
    id: 'next-meeting',
    heading: 'Next panel meeting',
    dueLabel: 'On',
    items: async (context) => {
      const member = await panelMember(context);
      const meeting = member ? await nextMeeting(context, member.partnership_id) : null;
      if (!member || !meeting) return [];
      const attending = meeting.attendee_member_ids.includes(member.id);
      return [
        {
          text: `Panel meeting on ${formatIsoDate(meeting.meeting_date)}`,
          href: `/panel/meetings/${meeting.id}`,
          dueOn: meeting.meeting_date,
          hint: attending ? 'You are attending' : 'You are not listed to attend',
        },
      ];
    },
  },

  // Framework manager: the partnership's applications and members.
  {
    role: 'framework_manager',
    id: 'applications',
    heading: 'Applications to decide',
    moreHref: '/evaluation',
    items: async (context) => {
      const rows = await context.reads.findApplicationsToDecide(await context.partnershipId(), context.manager);
      const calendars = new Map<ProcurementRoute, HolidayCalendar>();
      for (const route of new Set(rows.map((row) => row.route))) calendars.set(route, await loadBankHolidays(context.manager, workingDayDivisions(route)));
      return rows.map((row) => {
        const clock = decisionClock(
          londonDate(row.submitted_at),
          context.today,
          { decisionClockDays: row.decision_clock_days, decisionExtendedDays: row.decision_extended_days },
          row.extended,
          calendars.get(row.route)!,
        );
        const waiting = row.status === 'clarification_requested' ? '. Waiting for the provider’s answer' : '';
        return {
          text: `Decide ${row.provider}’s application to ${row.framework}`,
          href: `/evaluation/${row.id}`,
          dueOn: clock.dueOn,
          hint: `Working day ${clock.elapsed} of ${clock.allowed}${clock.extended ? ' (extended)' : ''}${waiting}`,
        };
      });
    },
  },
  {
    role: 'framework_manager',
    id: 'expiring-documents',
    heading: 'Members’ documents expiring',
    dueLabel: 'Expires on',
    items: async (context) => {
      // The newest document of each type from each provider holding a membership in the partnership, within 30 days of expiring.
      const rows = await context.reads.findMemberDocumentsExpiring(await context.partnershipId(), addDays(context.today, 30), context.manager);
      return rows.map((row) => ({
        text: `${row.provider}: ${(DOCUMENT_TYPE_LABELS as Record<string, string>)[row.type] ?? row.type}`,
        href: '/memberships',
        dueOn: row.expires_on,
      }));
    },
  },

  // Provider: their own organisation's applications, invitations, documents and contracts.
  {
    role: 'provider_user',
    id: 'applications',
    heading: 'Your organisation and applications',
    items: async ({ reads, manager, user }) => {
      const complete = await reads.providerDetailsComplete(user.providerId, manager);
      const rows = await reads.findApplicationsToFinish(user.providerId, manager);
      return [
        ...(complete ? [] : [{ text: 'Complete your organisation details', href: '/provider/organisation/edit', dueOn: null }]),
        ...rows.map((row) =>
          row.status === 'draft'
            ? { text: `Finish your application to ${row.framework}`, href: `/provider/applications/${row.id}`, dueOn: null }
            : { text: `Answer the question about your application to ${row.framework}`, href: `/provider/applications/${row.id}`, dueOn: null },
        ),
      ];
    },
  },
  {
    role: 'provider_user',
    id: 'invitations',
    moreHref: '/provider/opportunities',
    heading: 'Open invitations to bid',
    dueLabel: 'Closes on',
    items: async ({ reads, manager, user }) => {
      const rows = await reads.findOpenInvitations(user.providerId, QUEUE_LIMIT, manager);
      const items = rows.map((row) => ({
        text: `${row.drafted ? 'Finish your bid for' : 'Bid for'} ${row.title}`,
        href: `/provider/opportunities/${row.id}`,
        dueOn: londonDate(row.bid_deadline),
        hint: `${row.lot} in ${row.area}`,
      }));
      return { items, total: rows[0]?.total ?? 0 };
    },
  },
  {
    role: 'provider_user',
    id: 'documents',
    heading: 'Documents and checks expiring',
    dueLabel: 'Expires on',
    items: async ({ reads, manager, user, today }) => {
      // The newest insurance or policy of each type, registrations and enhanced DBS renewals, within 30 days.
      const rows = await reads.findProviderExpiring(user.providerId, addDays(today, 30), manager);
      return rows.map((row) => ({ text: (DOCUMENT_TYPE_LABELS as Record<string, string>)[row.what] ?? row.what, href: row.href, dueOn: row.expires_on }));
    },
  },
  {
    role: 'provider_user',
    id: 'reports',
    heading: 'Delivery reports due',
    items: async (context) =>
      // Overdue ones, and those due in the next fortnight.
      (await reportsOwed(context, { providerId: context.user.providerId! }))
        .filter((report) => report.dueOn <= addDays(context.today, 14))
        .map((report) => ({
          text: `Send the ${report.kind === 'end' ? 'end' : 'progress'} report for ${report.title}`,
          href: `/provider/contracts/${report.id}/reports/${report.kind}`,
          dueOn: report.dueOn,
        })),
  },
];
