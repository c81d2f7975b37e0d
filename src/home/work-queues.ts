import type { EntityManager } from 'typeorm';
import { DBS_VALID_YEARS } from '../applications/application-rules';
import { decisionClock } from '../applications/decision-clock';
import { NoticeTasksService } from '../awards/notice-tasks.service';
import { providerHasActed, providerHasDraft } from '../bids/sealed-bid-gate';
import { loadBankHolidays } from '../common/calendar/bank-holiday.repository';
import { addDays } from '../common/calendar/dates';
import { HolidayCalendar, londonDate } from '../common/calendar/working-days';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { formatIsoDate } from '../common/views/format';
import { DOCUMENT_TYPE_LABELS } from '../documents/document-rules';
import { ProcurementRoute, workingDayDivisions } from '../frameworks/procurement-routes';
import { nextReportDue } from '../quality/delivery-rules';
import type { Role } from '../users/role';
import type { QueueItem } from './work-queue';
import { effectiveStatusInSql, openForBidsSql } from '../competitions/requirement-lifecycle';

export interface QueueContext {
  manager: EntityManager;
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
async function reportsOwed(manager: EntityManager, where: string, parameter: string, today: string) {
  const rows: Array<{
    id: string;
    title: string;
    provider: string;
    status: string;
    starts_on: string;
    ends_on: string;
    ended_on: string | null;
    report_interval_weeks: number;
    progress: string[];
  }> = await manager.query(
    `SELECT c.id, r.title, p.name AS provider, c.status, c.starts_on::text, c.ends_on::text, c.ended_on::text, c.report_interval_weeks,
            coalesce(array_agg((d.submitted_at AT TIME ZONE 'Europe/London')::date::text ORDER BY d.submitted_at) FILTER (WHERE d.kind = 'progress'), '{}') AS progress
       FROM contracts c JOIN requirements r ON r.id = c.requirement_id JOIN provider_organisations p ON p.id = c.provider_id
       LEFT JOIN delivery_reports d ON d.contract_id = c.id
      WHERE ${where} AND c.status IN ('active', 'exhausted', 'completed', 'ended_early') AND c.starts_on IS NOT NULL AND c.ends_on IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM delivery_reports e WHERE e.contract_id = c.id AND e.kind = 'end')
      GROUP BY c.id, r.title, p.name`,
    [parameter],
  );
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
async function panelMember(context: QueueContext): Promise<{ id: string; partnership_id: string } | null> {
  const [member] = await context.manager.query(`SELECT id, partnership_id FROM panel_members WHERE user_id = $1 AND active`, [context.user.id]);
  return member ?? null;
}

async function nextMeeting(
  manager: EntityManager,
  partnershipId: string,
  today: string,
): Promise<{ id: string; meeting_date: string; attendee_member_ids: string[] } | null> {
  const [meeting] = await manager.query(
    `SELECT id, meeting_date::text, attendee_member_ids FROM panel_meetings WHERE partnership_id = $1 AND meeting_date >= $2::date ORDER BY meeting_date, created_at LIMIT 1`,
    [partnershipId, today],
  );
  return meeting ?? null;
}

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
  const declared = `EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = r.id AND d.user_id = $2)`;
  const wanted =
    step === 'declare'
      ? `NOT ${declared}`
      : `${declared} AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = r.id AND d.user_id = $2 AND d.conflicted)
         AND NOT EXISTS (SELECT 1 FROM score_submissions s WHERE s.requirement_id = r.id AND s.panel_member_id = $3)`;
  const [rows, meeting]: [Array<{ id: string; title: string; lot: string; total: number }>, Awaited<ReturnType<typeof nextMeeting>>] = await Promise.all([
    context.manager.query(
      `SELECT r.id, r.title, t.name AS lot, count(*) OVER ()::int AS total
         FROM requirements r JOIN agencies ag ON ag.id = r.agency_id AND ag.partnership_id = $1 JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE ${effectiveStatusInSql('r', ['closed', 'evaluating'])} AND ${wanted}
        ORDER BY r.bid_deadline, r.id LIMIT ${QUEUE_LIMIT}`,
      step === 'declare' ? [member.partnership_id, context.user.id] : [member.partnership_id, context.user.id, member.id],
    ),
    nextMeeting(context.manager, member.partnership_id, context.today),
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
    items: async ({ manager, user }) => {
      const rows: Array<{ id: string; title: string; questions: number; first_id: string; clarification_deadline: Date | null; bid_deadline: Date }> =
        await manager.query(
          `SELECT r.id, r.title, count(*)::int AS questions, (array_agg(c.id ORDER BY c.asked_at))[1] AS first_id, r.clarification_deadline, r.bid_deadline
           FROM requirement_clarifications c JOIN requirements r ON r.id = c.requirement_id
          WHERE r.agency_id = $1 AND c.answered_at IS NULL AND ${openForBidsSql('r')}
          GROUP BY r.id`,
          [user.agencyId],
        );
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
    items: async ({ manager, user }) => {
      const rows: Array<{ id: string; title: string; lot: string; area: string; bid_deadline: Date; total: number }> = await manager.query(
        `SELECT r.id, r.title, t.name AS lot, a.name AS area, r.bid_deadline, count(*) OVER ()::int AS total
           FROM requirements r JOIN therapy_types t ON t.id = r.therapy_type_id JOIN areas a ON a.id = r.area_id
          WHERE r.agency_id = $1 AND ${openForBidsSql('r')}
          ORDER BY r.bid_deadline, r.id LIMIT ${QUEUE_LIMIT}`,
        [user.agencyId],
      );
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
    items: async ({ manager, user }) => {
      const rows: Array<{ id: string; title: string; provider: string; kind: string; start_by: string | null }> = await manager.query(
        `SELECT c.id, r.title, p.name AS provider, c.kind, r.start_by::text
           FROM contracts c JOIN requirements r ON r.id = c.requirement_id JOIN provider_organisations p ON p.id = c.provider_id
          WHERE c.agency_id = $1 AND c.status = 'pending'`,
        [user.agencyId],
      );
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
    items: async ({ manager, user, today }) =>
      (await reportsOwed(manager, 'c.agency_id = $1', user.agencyId!, today))
        .filter((report) => report.dueOn < today)
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
      const meeting = member ? await nextMeeting(context.manager, member.partnership_id, context.today) : null;
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
      const rows: Array<{
        id: string;
        provider: string;
        framework: string;
        route: ProcurementRoute;
        decision_clock_days: number;
        decision_extended_days: number;
        submitted_at: Date;
        extended: boolean;
        status: string;
      }> = await context.manager.query(
        `SELECT a.id, p.name AS provider, f.name AS framework, f.route, f.decision_clock_days, f.decision_extended_days, a.submitted_at, a.clock_extension_reason IS NOT NULL AS extended, a.status
           FROM applications a JOIN frameworks f ON f.id = a.framework_id JOIN provider_organisations p ON p.id = a.provider_id
          WHERE f.partnership_id = $1 AND a.status IN ('submitted', 'under_evaluation', 'clarification_requested') AND a.submitted_at IS NOT NULL`,
        [await context.partnershipId()],
      );
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
      const rows: Array<{ provider: string; type: string; expires_on: string }> = await context.manager.query(
        `SELECT provider, type, expires_on FROM (
           SELECT DISTINCT ON (d.provider_id, d.type) p.name AS provider, d.type, d.expires_on::text
             FROM compliance_documents d JOIN provider_organisations p ON p.id = d.provider_id
            WHERE d.expires_on IS NOT NULL
              AND EXISTS (SELECT 1 FROM memberships m JOIN frameworks f ON f.id = m.framework_id WHERE m.provider_id = d.provider_id AND f.partnership_id = $1 AND m.status <> 'removed')
            ORDER BY d.provider_id, d.type, d.uploaded_at DESC) newest
          WHERE expires_on::date <= $2::date`,
        [await context.partnershipId(), addDays(context.today, 30)],
      );
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
    items: async ({ manager, user }) => {
      const [organisation] = await manager.query(`SELECT details_completed_at IS NOT NULL AS complete FROM provider_organisations WHERE id = $1`, [
        user.providerId,
      ]);
      const rows: Array<{ id: string; status: string; framework: string }> = await manager.query(
        `SELECT a.id, a.status, f.name AS framework FROM applications a JOIN frameworks f ON f.id = a.framework_id
          WHERE a.provider_id = $1 AND a.status IN ('draft', 'clarification_requested') ORDER BY a.created_at`,
        [user.providerId],
      );
      return [
        ...(organisation?.complete ? [] : [{ text: 'Complete your organisation details', href: '/provider/organisation/edit', dueOn: null }]),
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
    items: async ({ manager, user }) => {
      const rows: Array<{ id: string; title: string; lot: string; area: string; bid_deadline: Date; drafted: boolean; total: number }> = await manager.query(
        `SELECT r.id, r.title, t.name AS lot, a.name AS area, r.bid_deadline, ${providerHasDraft('r.id', 'i.provider_id')} AS drafted, count(*) OVER ()::int AS total
           FROM invitations i JOIN requirements r ON r.id = i.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id JOIN areas a ON a.id = r.area_id
          WHERE i.provider_id = $1 AND ${openForBidsSql('r')} AND NOT ${providerHasActed('r.id', 'i.provider_id')}
          ORDER BY r.bid_deadline, r.id LIMIT ${QUEUE_LIMIT}`,
        [user.providerId],
      );
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
    items: async ({ manager, user, today }) => {
      // The newest insurance or policy of each type, registrations and enhanced DBS renewals, within 30 days.
      const rows: Array<{ what: string; expires_on: string; href: string }> = await manager.query(
        `SELECT what, expires_on::text, href FROM (
           SELECT DISTINCT ON (type) type AS what, expires_on, '/provider/documents' AS href FROM compliance_documents
            WHERE provider_id = $1 AND expires_on IS NOT NULL ORDER BY type, uploaded_at DESC) documents
          WHERE expires_on <= $3::date
         UNION ALL
         SELECT full_name || '’s registration', registration_expires_on::text, '/provider/practitioners/' || id || '/edit' FROM practitioners WHERE provider_id = $1 AND registration_expires_on <= $3::date
         UNION ALL
         SELECT full_name || '’s enhanced DBS check', (dbs_issued_on + make_interval(years => $2))::date::text, '/provider/practitioners/' || id || '/edit' FROM practitioners
          WHERE provider_id = $1 AND dbs_issued_on + make_interval(years => $2) <= $3::date`,
        [user.providerId, DBS_VALID_YEARS, addDays(today, 30)],
      );
      return rows.map((row) => ({ text: (DOCUMENT_TYPE_LABELS as Record<string, string>)[row.what] ?? row.what, href: row.href, dueOn: row.expires_on }));
    },
  },
  {
    role: 'provider_user',
    id: 'reports',
    heading: 'Delivery reports due',
    items: async ({ manager, user, today }) =>
      // Overdue ones, and those due in the next fortnight.
      (await reportsOwed(manager, 'c.provider_id = $1', user.providerId!, today))
        .filter((report) => report.dueOn <= addDays(today, 14))
        .map((report) => ({
          text: `Send the ${report.kind === 'end' ? 'end' : 'progress'} report for ${report.title}`,
          href: `/provider/contracts/${report.id}/reports/${report.kind}`,
          dueOn: report.dueOn,
        })),
  },
];
