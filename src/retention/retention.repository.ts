import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { eraseUnsuccessfulBidAnswers, unsuccessfulBidAnswersHeld } from '../bids/sealed-bid-gate';
import { callOffEndedAtSql, contractEndedAtSql, documentEndedAtSql, erasureDueAtSql, requirementFinishedAtSql, type RetentionKind } from './retention-rules';

/** Only one instance runs the retention job at a time. */
const RETENTION_LOCK = 726_010;

/** SHA-256 of no bytes: what an emptied file's hash is. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * One kind of record the job erases. `held` selects every record still
 * holding the data, as (id, due_at), with `$1` the months; a record whose
 * period has not started has no row. `erase` removes the data of the ids
 * given and returns how many records it erased.
 */
interface ErasurePart {
  held: string;
  erase: (manager: EntityManager, ids: string[]) => Promise<number>;
}

/** What an erased GBO goal is called. */
const ERASED_GOAL_LABEL = 'Goal';

const affected = (result: [unknown, number]) => result[1];

const PARTS: Record<RetentionKind, ErasurePart[]> = {
  // No other table refers to the case details, so the row goes.
  case_details: [
    {
      held: `SELECT d.requirement_id AS id, ${erasureDueAtSql(requirementFinishedAtSql('r'), '$1')} AS due_at
               FROM requirement_case_details d JOIN requirements r ON r.id = d.requirement_id`,
      erase: async (manager, ids) => affected(await manager.query(`DELETE FROM requirement_case_details WHERE requirement_id = ANY($1::uuid[])`, [ids])),
    },
    // A block call-off's child, from when that call-off's work ended; the call-off row (reference, units, dates) stays for the block's balance.
    {
      held: `SELECT d.call_off_id AS id, ${erasureDueAtSql(callOffEndedAtSql('co', 'c', '$2::timestamptz'), '$1')} AS due_at
               FROM call_off_case_details d JOIN call_offs co ON co.id = d.call_off_id JOIN contracts c ON c.id = co.contract_id`,
      erase: async (manager, ids) => affected(await manager.query(`DELETE FROM call_off_case_details WHERE call_off_id = ANY($1::uuid[])`, [ids])),
    },
  ],
  // The columns are nullable; the controlled parts of the profile (age band, needs list, district) stay for the reports.
  needs_profile: [
    {
      held: `SELECT r.id, ${erasureDueAtSql(requirementFinishedAtSql('r'), '$1')} AS due_at FROM requirements r
              WHERE r.needs_description IS NOT NULL OR r.previous_interventions IS NOT NULL OR r.accessibility IS NOT NULL`,
      erase: async (manager, ids) =>
        affected(
          await manager.query(
            `UPDATE requirements SET needs_description = NULL, previous_interventions = NULL, accessibility = NULL WHERE id = ANY($1::uuid[])`,
            [ids],
          ),
        ),
    },
  ],
  // The ratings stay for the quality figures.
  feedback_comments: [
    {
      held: `SELECT f.id, ${erasureDueAtSql('f.created_at', '$1')} AS due_at FROM feedback_responses f WHERE f.comment IS NOT NULL`,
      erase: async (manager, ids) => affected(await manager.query(`UPDATE feedback_responses SET comment = NULL WHERE id = ANY($1::uuid[])`, [ids])),
    },
  ],
  // Summary and next steps are NOT NULL, so they become empty; the ratings, dates and safeguarding flag stay.
  delivery_reports: [
    {
      held: `SELECT dr.id, ${erasureDueAtSql(contractEndedAtSql('c'), '$1')} AS due_at
               FROM delivery_reports dr JOIN contracts c ON c.id = dr.contract_id WHERE dr.summary <> '' OR dr.next_steps <> ''`,
      erase: async (manager, ids) =>
        affected(await manager.query(`UPDATE delivery_reports SET summary = '', next_steps = '' WHERE id = ANY($1::uuid[])`, [ids])),
    },
    {
      held: `SELECT c.id, ${erasureDueAtSql(contractEndedAtSql('c'), '$1')} AS due_at FROM contracts c WHERE c.ending_detail IS NOT NULL`,
      erase: async (manager, ids) => affected(await manager.query(`UPDATE contracts SET ending_detail = NULL WHERE id = ANY($1::uuid[])`, [ids])),
    },
    // A GBO goal is in the family's words; the label is NOT NULL, so it becomes "Goal", and the scores stay.
    {
      held: `SELECT m.id, ${erasureDueAtSql(contractEndedAtSql('c'), '$1')} AS due_at
               FROM outcome_measures m JOIN contracts c ON c.id = m.contract_id WHERE m.tool = 'GBO' AND m.label <> '${ERASED_GOAL_LABEL}'`,
      erase: async (manager, ids) =>
        affected(await manager.query(`UPDATE outcome_measures SET label = $2 WHERE id = ANY($1::uuid[])`, [ids, ERASED_GOAL_LABEL])),
    },
  ],
  // A document an application answer points at keeps its row (type, expiry) with its file emptied; any other goes with its file.
  compliance_documents: [
    {
      held: `SELECT d.id, ${erasureDueAtSql(documentEndedAtSql('d'), '$1')} AS due_at
               FROM compliance_documents d JOIN stored_files f ON f.id = d.stored_file_id WHERE f.size_bytes > 0`,
      erase: async (manager, ids) => {
        const deleted: Array<{ stored_file_id: string }> = (
          await manager.query(
            `DELETE FROM compliance_documents d WHERE d.id = ANY($1::uuid[])
                AND NOT EXISTS (SELECT 1 FROM application_answers aa WHERE aa.document_id = d.id) RETURNING d.stored_file_id`,
            [ids],
          )
        )[0];
        // A file goes once no document points at it, and is emptied once every document that does is due.
        if (deleted.length) {
          await manager.query(
            `DELETE FROM stored_files f WHERE f.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM compliance_documents d WHERE d.stored_file_id = f.id)`,
            [deleted.map((row) => row.stored_file_id)],
          );
        }
        await manager.query(
          `UPDATE stored_files f SET content = ''::bytea, size_bytes = 0, sha256 = $2
            WHERE f.id IN (SELECT stored_file_id FROM compliance_documents WHERE id = ANY($1::uuid[]))
              AND NOT EXISTS (SELECT 1 FROM compliance_documents d WHERE d.stored_file_id = f.id AND NOT (d.id = ANY($1::uuid[])))`,
          [ids, EMPTY_SHA256],
        );
        return ids.length;
      },
    },
  ],
  unsuccessful_bids: [{ held: unsuccessfulBidAnswersHeld(), erase: eraseUnsuccessfulBidAnswers }],
};

/** How many records of one kind are held: due now, scheduled, and when the next falls due. */
export interface RetentionHeldCounts {
  dueNow: number;
  scheduled: number;
  nextDueAt: Date | null;
}

/**
 * The retention job's data access: for each kind, which records still hold
 * the data and when each falls due, and the statements that erase them. The
 * job is the one cross-table writer by design (UK GDPR Art. 5(1)(e)); it
 * only empties or removes the children's data, never a status.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the job's lock for the transaction; false when another instance holds it. */
  async tryLockForRun(manager: EntityManager): Promise<boolean> {
    const [{ locked }]: Array<{ locked: boolean }> = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RETENTION_LOCK]);
    return locked;
  }

  /** Erases every record of the kind due by `now`, part by part; returns how many it erased. */
  async eraseDue(manager: EntityManager, kind: RetentionKind, months: number, now: Date): Promise<number> {
    let erased = 0;
    for (const part of PARTS[kind]) {
      const due: Array<{ id: string }> = await manager.query(`SELECT id FROM (${part.held}) held WHERE due_at <= $2`, [months, now]);
      if (due.length)
        erased += await part.erase(
          manager,
          due.map((row) => row.id),
        );
    }
    return erased;
  }

  /** What of the kind is due by `now`, scheduled after it, and the earliest scheduled date. */
  async countHeld(kind: RetentionKind, months: number, now: Date, manager: EntityManager = this.dataSource.manager): Promise<RetentionHeldCounts> {
    const held = PARTS[kind].map((part) => part.held).join(' UNION ALL ');
    const [row]: Array<{ due_now: number; scheduled: number; next_due_at: Date | string | null }> = await manager.query(
      `SELECT count(*) FILTER (WHERE due_at <= $2)::int AS due_now, count(*) FILTER (WHERE due_at > $2)::int AS scheduled, min(due_at) FILTER (WHERE due_at > $2) AS next_due_at
         FROM (${held}) held`,
      [months, now],
    );
    return { dueNow: row.due_now, scheduled: row.scheduled, nextDueAt: row.next_due_at ? new Date(row.next_due_at) : null };
  }
}
