import type { ClientBase } from 'pg';
import { type ScalePlan, statusSql } from './scale-plan';

export interface ScaleProgress {
  step: string;
  /** Rows written so far, across every step. */
  rows: number;
}

export interface ScaleOptions {
  plan: ScalePlan;
  /** Same seed and anchor, same data. */
  seed: number;
  /** The day the data is "as of", YYYY-MM-DD; open requirements close after it. */
  anchor: string;
  /** Every user signs in with this hash (of the demo password). */
  passwordHash: string;
  /** Empty the generated tables first, in the same transaction. */
  replaceExisting?: boolean;
  onProgress?: (progress: ScaleProgress) => void;
}

/** Requirements handled per statement in the big steps, so progress moves and memory stays flat. */
const REQUIREMENTS_PER_CHUNK = 10_000;

/** The tables the generator fills, children first, for emptying before a new run. */
export const GENERATED_TABLES = [
  'notifications',
  'audit_events',
  'feedback_responses',
  'feedback_requests',
  'outcome_measures',
  'delivery_reports',
  'session_logs',
  'funding_records',
  'call_offs',
  'contracts',
  'awards',
  'learning_log_entries',
  'panel_meetings',
  'moderated_scores',
  'score_submissions',
  'panel_scores',
  'conflict_declaration_versions',
  'conflict_declarations',
  'panel_members',
  'requirement_clarifications',
  'invitations',
  'bid_versions',
  'bids',
  'requirement_case_details',
  'requirements',
  'memberships',
  'application_lot_decisions',
  'application_judgements',
  'application_clarifications',
  'application_answers',
  'applications',
  'membership_conditions',
  'framework_lots',
  'framework_areas',
  'framework_agencies',
  'frameworks',
  'compliance_documents',
  'stored_files',
  'practitioners',
  'provider_areas',
  'user_tokens',
  'sessions',
  'sign_in_throttles',
  'users',
  'provider_organisations',
  'areas',
  'agencies',
  'partnerships',
];

/**
 * Fills an empty, migrated database (with reference data) at the plan's size,
 * with set-based SQL only. Every id and value comes from md5 of the seed and
 * a row number, so the same seed and anchor give the same rows.
 */
export class ScaleGenerator {
  private rows = 0;

  constructor(
    private readonly client: ClientBase,
    private readonly options: ScaleOptions,
  ) {}

  /** Writes everything in one transaction, so a failed run leaves nothing behind. */
  async run(): Promise<number> {
    const { plan } = this.options;
    await this.client.query('BEGIN');
    await this.client.query(`SET LOCAL session_replication_role = replica`); // bulk load: no triggers or FK checks; the data is built consistent
    await this.client.query(`SET LOCAL synchronous_commit = off`);
    // Audit events refuse TRUNCATE through a trigger, which replica mode switches off.
    if (this.options.replaceExisting) await this.client.query(`TRUNCATE ${GENERATED_TABLES.join(', ')}`);
    await this.defineHelpers();
    await this.step('partnerships, agencies and districts', this.organisations());
    await this.step('users and panel members', this.users());
    await this.step('frameworks and lots', this.frameworks());
    await this.step('providers, practitioners and documents', this.providers());
    await this.step('requirements', this.requirements());
    const chunks = Math.ceil(plan.requirements / REQUIREMENTS_PER_CHUNK);
    for (const [name, build] of [
      ['invitations', (lo: number, hi: number) => this.invitations(lo, hi)],
      ['bids', (lo: number, hi: number) => this.bids(lo, hi)],
      ['panel scores', (lo: number, hi: number) => this.scores(lo, hi)],
      ['awards and contracts', (lo: number, hi: number) => this.awards(lo, hi)],
      ['audit events', (lo: number, hi: number) => this.auditEvents(lo, hi)],
      ['emails', (lo: number, hi: number) => this.emails(lo, hi)],
    ] as const) {
      for (let chunk = 0; chunk < chunks; chunk += 1) {
        const lo = chunk * REQUIREMENTS_PER_CHUNK + 1;
        await this.step(name, build(lo, Math.min(plan.requirements, lo + REQUIREMENTS_PER_CHUNK - 1)));
      }
    }
    await this.step('delivery and quality', this.delivery());
    await this.client.query('COMMIT');
    this.options.onProgress?.({ step: 'analysing tables', rows: this.rows });
    await this.client.query('ANALYZE');
    return this.rows;
  }

  private async step(name: string, statements: string[]): Promise<void> {
    for (const sql of statements) {
      const result = await this.client.query(sql);
      this.rows += result.command === 'INSERT' ? (result.rowCount ?? 0) : 0;
    }
    this.options.onProgress?.({ step: name, rows: this.rows });
  }

  /**
   * scale_uuid and scale_random: the deterministic id (shaped as a version 4
   * UUID, which the routes insist on) and uniform number for a kind of row and its number.
   * Both are immutable all through (n::text, not the stable anytextcat), so PostgreSQL inlines them.
   */
  private async defineHelpers(): Promise<void> {
    const seed = Math.trunc(this.options.seed);
    await this.client.query(`
      CREATE OR REPLACE FUNCTION pg_temp.scale_uuid(kind text, n bigint) RETURNS uuid
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT overlay(overlay(md5('${seed}:' || kind || ':' || n::text) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$`);
    await this.client.query(`
      CREATE OR REPLACE FUNCTION pg_temp.scale_random(kind text, n bigint) RETURNS double precision
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ('x' || substr(md5('${seed}:r:' || kind || ':' || n::text), 1, 13))::bit(52)::bigint / 4503599627370496.0 $$`);
  }

  /** The shared password hash as an SQL string literal's contents. */
  private get passwordHashLiteral(): string {
    return this.options.passwordHash.replace(/'/g, "''");
  }

  private get anchor(): string {
    return `(timestamptz '${this.options.anchor} 12:00:00+00')`;
  }

  private organisations(): string[] {
    const { plan } = this.options;
    const agencies = plan.partnerships * plan.agenciesPerPartnership;
    return [
      `INSERT INTO partnerships (id, name, created_at)
       SELECT pg_temp.scale_uuid('partnership', p), format('Regional adoption partnership %s', lpad(p::text, 3, '0')), ${this.anchor} - interval '${plan.historyDays + 30} days'
       FROM generate_series(1, ${plan.partnerships}) p`,
      `CREATE TEMP TABLE scale_agencies AS
       SELECT a AS n, pg_temp.scale_uuid('agency', a) AS id, (a - 1) / ${plan.agenciesPerPartnership} + 1 AS partnership_n, (a - 1) % ${plan.agenciesPerPartnership} AS position
       FROM generate_series(1, ${agencies}) a`,
      `INSERT INTO agencies (id, name, partnership_id, created_at)
       SELECT id, format('Adoption agency %s', lpad(n::text, 4, '0')), pg_temp.scale_uuid('partnership', partnership_n), ${this.anchor} - interval '${plan.historyDays + 30} days' FROM scale_agencies`,
      `INSERT INTO areas (id, name, agency_id)
       SELECT pg_temp.scale_uuid('area', (a.n - 1) * ${plan.areasPerAgency} + d), format('District %s-%s', lpad(a.n::text, 4, '0'), d), a.id
       FROM scale_agencies a CROSS JOIN generate_series(1, ${plan.areasPerAgency}) d`,
      `CREATE TEMP TABLE scale_lots AS SELECT row_number() OVER (ORDER BY sort_order, name)::int AS k, id, name FROM therapy_types`,
    ];
  }

  private users(): string[] {
    const { plan } = this.options;
    const hash = this.passwordHashLiteral;
    const since = `${this.anchor} - interval '${plan.historyDays + 20} days'`;
    const user = (columns: string) =>
      `INSERT INTO users (id, email, full_name, roles, agency_id, provider_id, is_provider_admin, password_hash, status, email_confirmed_at, created_at, updated_at) ${columns}`;
    return [
      user(
        `VALUES (pg_temp.scale_uuid('admin', 1), 'admin@scale.example', 'Scale administrator', ARRAY['system_admin'], pg_temp.scale_uuid('agency', 1), NULL, false, '${hash}', 'active', ${since}, ${since}, ${since})`,
      ),
      user(`SELECT pg_temp.scale_uuid('manager', a.partnership_n), format('manager-%s@scale.example', lpad(a.partnership_n::text, 3, '0')), format('Framework manager %s', a.partnership_n),
              ARRAY['framework_manager'], a.id, NULL, false, '${hash}', 'active', ${since}, ${since}, ${since}
            FROM scale_agencies a WHERE a.position = 0`),
      user(`SELECT pg_temp.scale_uuid('commissioner', a.n), format('commissioner-%s@scale.example', lpad(a.n::text, 4, '0')), format('Commissioner %s', a.n),
              ARRAY['commissioner'], a.id, NULL, false, '${hash}', 'active', ${since}, ${since}, ${since}
            FROM scale_agencies a`),
      // Three panel members a partnership: a clinical psychologist (the chair), an educational psychologist and a social work manager.
      `CREATE TEMP TABLE scale_members AS
       SELECT p AS partnership_n, k, pg_temp.scale_uuid('panel_member', p * 10 + k) AS id, pg_temp.scale_uuid('panel_user', p * 10 + k) AS user_id,
              pg_temp.scale_uuid('agency', (p - 1) * ${plan.agenciesPerPartnership} + (k - 1) % ${plan.agenciesPerPartnership} + 1) AS agency_id
       FROM generate_series(1, ${plan.partnerships}) p CROSS JOIN generate_series(1, 3) k`,
      user(`SELECT m.user_id, format('panel-%s-%s@scale.example', lpad(m.partnership_n::text, 3, '0'), m.k), format('Panel member %s-%s', m.partnership_n, m.k),
              ARRAY['panel_member'], m.agency_id, NULL, false, '${hash}', 'active', ${since}, ${since}, ${since}
            FROM scale_members m`),
      `INSERT INTO panel_members (id, user_id, partnership_id, agency_id, profession, is_chair, created_at)
       SELECT id, user_id, pg_temp.scale_uuid('partnership', partnership_n), agency_id,
              (ARRAY['clinical_psychologist', 'educational_psychologist', 'social_work_manager'])[k], k = 1, ${since}
       FROM scale_members`,
    ];
  }

  private frameworks(): string[] {
    const { plan } = this.options;
    const opens = `(${this.anchor} - interval '${plan.historyDays + 10} days')::date`;
    return [
      `INSERT INTO frameworks (id, name, description, partnership_id, route, decision_clock_days, decision_extended_days, minimum_bid_period_days, standstill_days,
                               opens_on, closes_on, status, opened_at, created_at, updated_at)
       SELECT pg_temp.scale_uuid('framework', p), format('Therapeutic services framework %s', lpad(p::text, 3, '0')), 'Adoption support therapy bought through mini-competitions.',
              pg_temp.scale_uuid('partnership', p), 'dynamic_market', 10, 15, 10, 8, ${opens}, ${opens} + 8 * 365, 'open', ${opens}, ${opens}, ${opens}
       FROM generate_series(1, ${plan.partnerships}) p`,
      `INSERT INTO framework_agencies (framework_id, agency_id) SELECT pg_temp.scale_uuid('framework', partnership_n), id FROM scale_agencies`,
      `INSERT INTO framework_areas (framework_id, area_id)
       SELECT pg_temp.scale_uuid('framework', a.partnership_n), pg_temp.scale_uuid('area', (a.n - 1) * ${plan.areasPerAgency} + d)
       FROM scale_agencies a CROSS JOIN generate_series(1, ${plan.areasPerAgency}) d`,
      `INSERT INTO framework_lots (id, framework_id, therapy_type_id)
       SELECT pg_temp.scale_uuid('lot', p * 100 + l.k), pg_temp.scale_uuid('framework', p), l.id FROM generate_series(1, ${plan.partnerships}) p CROSS JOIN scale_lots l`,
    ];
  }

  private providers(): string[] {
    const { plan } = this.options;
    const since = `${this.anchor} - interval '${plan.historyDays} days'`;
    const lots = `(SELECT array_agg(l.id ORDER BY l.k) FROM scale_lots l WHERE (l.k - 1 - p.first_lot + 10) % 10 < ${plan.lotsPerProvider})`;
    return [
      `CREATE TEMP TABLE scale_providers AS
       SELECT n::bigint AS n, pg_temp.scale_uuid('provider', n) AS id, (n - 1) % ${plan.partnerships} + 1 AS partnership_n,
              floor(pg_temp.scale_random('provider_agency', n) * ${plan.agenciesPerPartnership})::int AS first_agency,
              floor(pg_temp.scale_random('provider_lot', n) * 10)::int AS first_lot
       FROM generate_series(1, ${plan.providers}) n`,
      `ALTER TABLE scale_providers ADD PRIMARY KEY (n)`,
      `ANALYZE scale_providers`,
      `INSERT INTO provider_organisations (id, name, status, created_at, companies_house_number, ico_registration_number, address_line1, town, postcode,
                                           contact_name, contact_email, contact_phone, details_completed_at)
       SELECT id, format('Family therapy provider %s Ltd', lpad(n::text, 4, '0')), 'active', ${since}, lpad((10000000 + n)::text, 8, '0'), format('ZA%s', 100000 + n),
              format('%s High Street', n % 200 + 1), 'Exampletown', 'EX1 1AA', format('Director %s', n), format('provider-%s@scale.example', lpad(n::text, 4, '0')), '01632 960000', ${since}
       FROM scale_providers`,
      `INSERT INTO users (id, email, full_name, roles, provider_id, is_provider_admin, password_hash, status, email_confirmed_at, created_at, updated_at)
       SELECT pg_temp.scale_uuid('provider_user', n), format('provider-%s@scale.example', lpad(n::text, 4, '0')), format('Provider lead %s', n), ARRAY['provider_user'], id, true,
              '${this.passwordHashLiteral}', 'active', ${since}, ${since}, ${since}
       FROM scale_providers`,
      `INSERT INTO provider_areas (provider_id, area_id)
       SELECT p.id, pg_temp.scale_uuid('area', (a.n - 1) * ${plan.areasPerAgency} + d)
       FROM scale_providers p
       JOIN scale_agencies a ON a.partnership_n = p.partnership_n AND (a.position - p.first_agency + ${plan.agenciesPerPartnership}) % ${plan.agenciesPerPartnership} < ${plan.agenciesPerProvider}
       CROSS JOIN generate_series(1, ${plan.areasPerAgency}) d`,
      `INSERT INTO practitioners (id, provider_id, full_name, profession, registration_body, registration_number, registration_expires_on, dbs_issued_on, therapy_type_ids, created_at, updated_at)
       SELECT pg_temp.scale_uuid('practitioner', p.n * 10 + k), p.id, format('Practitioner %s-%s', p.n, k), (ARRAY['Clinical psychologist', 'Art psychotherapist', 'Family therapist'])[k % 3 + 1],
              (ARRAY['HCPC', 'UKCP', 'BACP'])[k % 3 + 1], format('PR%s', p.n * 10 + k), ${this.anchor}::date + 700, ${this.anchor}::date - 200, ${lots}, ${since}, ${since}
       FROM scale_providers p CROSS JOIN generate_series(1, ${plan.practitionersPerProvider}) k`,
      `INSERT INTO stored_files (id, content, media_type, size_bytes, sha256, created_at)
       SELECT pg_temp.scale_uuid('file', p.n * 10 + k), convert_to(format('%%PDF-1.7 scale document %s-%s', p.n, k), 'UTF8'), 'application/pdf', 30, md5(p.n || ':' || k), ${since}
       FROM scale_providers p CROSS JOIN generate_series(1, ${plan.documentsPerProvider}) k`,
      `INSERT INTO compliance_documents (id, provider_id, type, cover_amount_pence, expires_on, stored_file_id, file_name, uploaded_by_user_id, uploaded_at)
       SELECT pg_temp.scale_uuid('document', p.n * 10 + k), p.id, t.type, 500000000, ${this.anchor}::date + 300 + (p.n % 60)::int, pg_temp.scale_uuid('file', p.n * 10 + k), t.type || '.pdf',
              pg_temp.scale_uuid('provider_user', p.n), ${since}
       FROM scale_providers p CROSS JOIN generate_series(1, ${plan.documentsPerProvider}) k
       JOIN (VALUES (1, 'employers_liability'), (2, 'public_liability'), (3, 'professional_indemnity'), (4, 'safeguarding_policy'), (5, 'data_protection_policy')) t(position, type) ON t.position = (k - 1) % 5 + 1`,
      `INSERT INTO memberships (id, framework_id, provider_id, therapy_type_id, status, admitted_at)
       SELECT pg_temp.scale_uuid('membership', p.n * 100 + l.k), pg_temp.scale_uuid('framework', p.partnership_n), p.id, l.id, 'active', ${since}
       FROM scale_providers p JOIN scale_lots l ON (l.k - 1 - p.first_lot + 10) % 10 < ${plan.lotsPerProvider}`,
    ];
  }

  private requirements(): string[] {
    const { plan } = this.options;
    const agencies = plan.partnerships * plan.agenciesPerPartnership;
    const oldestAge = Math.max(plan.historyDays - 35, 1);
    return [
      `CREATE TEMP TABLE scale_requirements AS
       WITH base AS MATERIALIZED (
         SELECT n::bigint AS n, ${statusSql(plan, 'n', "pg_temp.scale_random('status', n)")} AS status,
                floor(pg_temp.scale_random('agency', n) * ${agencies})::int + 1 AS agency_n,
                floor(pg_temp.scale_random('area', n) * ${plan.areasPerAgency})::int + 1 AS district,
                floor(pg_temp.scale_random('lot', n) * 10)::int + 1 AS lot_k,
                pg_temp.scale_random('age', n) AS u
         FROM generate_series(1, ${plan.requirements}) n
       ), dated AS MATERIALIZED (
         SELECT b.*, ${this.anchor} - make_interval(secs => 86400 * CASE b.status
                  WHEN 'published' THEN b.u * 9
                  WHEN 'closed' THEN 15 + b.u * 4
                  WHEN 'evaluating' THEN 20 + b.u * 14
                  ELSE 35 + b.u * ${oldestAge} END) AS created_at
         FROM base b
       )
       SELECT d.n, pg_temp.scale_uuid('requirement', d.n) AS id, d.status, d.agency_n, a.partnership_n, d.lot_k,
              pg_temp.scale_uuid('area', (d.agency_n - 1) * ${plan.areasPerAgency} + d.district) AS area_id,
              d.created_at,
              CASE WHEN d.status = 'draft' THEN NULL ELSE d.created_at + interval '1 day' END AS published_at,
              CASE WHEN d.status = 'draft' THEN NULL ELSE d.created_at + interval '10 days' END AS clarification_deadline,
              CASE WHEN d.status = 'draft' THEN NULL WHEN d.status = 'published' THEN d.created_at + interval '14 days' ELSE d.created_at + interval '12 days' END AS bid_deadline,
              CASE WHEN d.status IN ('closed', 'evaluating', 'awarded', 'no_award') THEN d.created_at + interval '12 days 5 minutes' END AS closed_at,
              6 + floor(pg_temp.scale_random('sessions', d.n) * 15)::int AS session_count,
              CASE WHEN pg_temp.scale_random('purchase', d.n) < 0.15 THEN 'block' ELSE 'spot' END AS purchase_type,
              1 + floor((extract(epoch FROM d.created_at + interval '40 days' - ${this.anchor}) / 86400 + ${plan.historyDays}) / 14)::int AS meeting_k
       FROM dated d JOIN scale_agencies a ON a.n = d.agency_n`,
      `ALTER TABLE scale_requirements ADD PRIMARY KEY (n)`,
      `CREATE INDEX ON scale_requirements (id)`,
      `ANALYZE scale_requirements`,
      `INSERT INTO requirements (id, title, agency_id, framework_id, therapy_type_id, area_id, purchase_type, delivery_mode, created_by_user_id, age_band, presenting_needs,
                                 needs_description, previous_interventions, practitioner_gender, session_count, session_minutes, block_volume, block_unit, block_period_months,
                                 start_by, duration_weeks, ceiling_pence, asgsf_pence, top_up_pence, financial_year, needs_assessed_on, criteria, price_weight, scale_max,
                                 scale_descriptors, clarification_deadline, bid_deadline, status, published_at, closed_at, cancelled_at, cancel_reason, created_at, updated_at)
       SELECT r.id, format('%s for a child aged %s', l.name, ages.band), pg_temp.scale_uuid('agency', r.agency_n), pg_temp.scale_uuid('framework', r.partnership_n), l.id, r.area_id,
              r.purchase_type, (ARRAY['in_person', 'remote', 'either'])[r.n % 3 + 1], pg_temp.scale_uuid('commissioner', r.agency_n), ages.band,
              ARRAY['Attachment difficulties', 'Emotional regulation'], 'Finds transitions hard at school and at home; sleeps poorly after contact.', 'Six sessions of play therapy in 2024.', 'any',
              r.session_count, 60, CASE WHEN r.purchase_type = 'block' THEN r.session_count * 4 END, CASE WHEN r.purchase_type = 'block' THEN 'sessions' END,
              CASE WHEN r.purchase_type = 'block' THEN 12 END, (r.created_at + interval '45 days')::date, 12, r.session_count * 12000, least(r.session_count * 12000, 300000), 0,
              extract(year FROM r.created_at - interval '3 months')::int, (r.created_at - interval '10 days')::date,
              '[{"question":"How will you build a therapeutic relationship with the child?","wordLimit":300,"weight":40},{"question":"How will you involve the adoptive parents?","wordLimit":300,"weight":20},{"question":"How will you measure progress?","wordLimit":200,"weight":10}]'::jsonb,
              30, 4, '["Unacceptable","Poor","Acceptable","Good","Excellent"]'::jsonb, r.clarification_deadline, r.bid_deadline, r.status, r.published_at,
              r.closed_at,
              CASE WHEN r.status = 'cancelled' THEN r.created_at + interval '5 days' END, CASE WHEN r.status = 'cancelled' THEN 'The child''s needs changed before bids closed.' END,
              r.created_at, r.created_at + interval '1 day'
       FROM scale_requirements r JOIN scale_lots l ON l.k = r.lot_k
       CROSS JOIN LATERAL (SELECT (ARRAY['0 to 4', '5 to 7', '8 to 10', '11 to 13', '14 to 17'])[r.n % 5 + 1] AS band) ages`,
      `INSERT INTO requirement_case_details (requirement_id, agency_id, child_reference, child_name, date_of_birth, updated_at)
       SELECT id, pg_temp.scale_uuid('agency', agency_n), format('CH-%s', lpad(n::text, 7, '0')), format('Child %s', n), (created_at - interval '9 years')::date - (n % 2000)::int, created_at
       FROM scale_requirements`,
    ];
  }

  private chunk(lo: number, hi: number, alias = 'r'): string {
    return `${alias}.n BETWEEN ${lo} AND ${hi}`;
  }

  private invitations(lo: number, hi: number): string[] {
    return [
      `INSERT INTO invitations (id, requirement_id, provider_id, reason, emails_queued, invited_at)
       SELECT pg_temp.scale_uuid('invitation', r.n * 10000 + p.n), r.id, p.id, 'published', 1, r.published_at
       FROM scale_requirements r
       JOIN scale_lots l ON l.k = r.lot_k
       JOIN memberships m ON m.framework_id = pg_temp.scale_uuid('framework', r.partnership_n) AND m.therapy_type_id = l.id AND m.status = 'active'
       JOIN provider_areas pa ON pa.provider_id = m.provider_id AND pa.area_id = r.area_id
       JOIN scale_providers p ON p.id = m.provider_id
       WHERE ${this.chunk(lo, hi)} AND r.status <> 'draft'`,
      `INSERT INTO requirement_clarifications (id, requirement_id, provider_id, asked_by_user_id, question, asked_at, answer, visibility, answered_by_user_id, answered_at)
       SELECT pg_temp.scale_uuid('clarification', r.n), r.id, i.provider_id, u.id, 'Can sessions take place at the child''s school?', r.published_at + interval '2 days',
              CASE WHEN r.status <> 'published' THEN 'Yes, if the school agrees; the commissioner will arrange it.' END, CASE WHEN r.status <> 'published' THEN 'public' END,
              CASE WHEN r.status <> 'published' THEN pg_temp.scale_uuid('commissioner', r.agency_n) END, CASE WHEN r.status <> 'published' THEN r.published_at + interval '3 days' END
       FROM scale_requirements r
       JOIN LATERAL (SELECT provider_id FROM invitations WHERE requirement_id = r.id ORDER BY provider_id LIMIT 1) i ON true
       JOIN users u ON u.provider_id = i.provider_id
       WHERE ${this.chunk(lo, hi)} AND r.status <> 'draft' AND pg_temp.scale_random('clarification', r.n) < 0.5`,
    ];
  }

  /** Bids from about bidRate of the invited; the awarded requirement's best-placed bid wins. */
  private bids(lo: number, hi: number): string[] {
    const { plan } = this.options;
    return [
      `INSERT INTO bids (id, requirement_id, provider_id, status, rate_pence, total_pence, practitioner_ids, earliest_start_on, answers, current_version, submitted_at,
                         over_ceiling, created_at, updated_at)
       SELECT pg_temp.scale_uuid('bid', r.n * 10000 + p.n), r.id, p.id,
              CASE
                WHEN r.status = 'published' AND pg_temp.scale_random('draft', r.n * 10000 + p.n) < 0.3 THEN 'draft'
                WHEN r.status = 'awarded' AND rank = 1 THEN 'successful'
                WHEN r.status IN ('awarded', 'no_award') THEN 'unsuccessful'
                ELSE 'submitted' END,
              rate, rate * r.session_count, ARRAY[pg_temp.scale_uuid('practitioner', p.n * 10 + 1)], (r.created_at + interval '30 days')::date,
              jsonb_build_array(format('We would start with two sessions with the parents alone (provider %s).', p.n), 'Weekly reviews with the adoptive parents and the school.', 'SDQ at the start and the end, and goal-based outcomes each month.'),
              CASE WHEN r.status = 'published' AND pg_temp.scale_random('draft', r.n * 10000 + p.n) < 0.3 THEN 0 ELSE 1 END,
              CASE WHEN r.status = 'published' AND pg_temp.scale_random('draft', r.n * 10000 + p.n) < 0.3 THEN NULL ELSE r.published_at + interval '5 days' END,
              false, r.published_at + interval '4 days', r.published_at + interval '5 days'
       FROM (
         SELECT i.requirement_id, i.provider_id, 9000 + floor(pg_temp.scale_random('rate', r.n * 10000 + p.n) * 4000)::int AS rate,
                row_number() OVER (PARTITION BY i.requirement_id ORDER BY pg_temp.scale_random('rank', r.n * 10000 + p.n)) AS rank
         FROM invitations i JOIN scale_requirements r ON r.id = i.requirement_id JOIN scale_providers p ON p.id = i.provider_id
         WHERE ${this.chunk(lo, hi)} AND pg_temp.scale_random('bids', r.n * 10000 + p.n) < ${plan.bidRate}
       ) chosen
       JOIN scale_requirements r ON r.id = chosen.requirement_id JOIN scale_providers p ON p.id = chosen.provider_id`,
      `INSERT INTO bid_versions (id, bid_id, version, rate_pence, total_pence, practitioner_ids, earliest_start_on, answers, over_ceiling, submitted_by_user_id, submitted_at)
       SELECT pg_temp.scale_uuid('bid_version', r.n * 10000 + p.n), b.id, 1, b.rate_pence, b.total_pence, b.practitioner_ids, b.earliest_start_on, b.answers, false,
              pg_temp.scale_uuid('provider_user', p.n), b.submitted_at
       FROM bids b JOIN scale_requirements r ON r.id = b.requirement_id JOIN scale_providers p ON p.id = b.provider_id
       WHERE ${this.chunk(lo, hi)} AND b.current_version = 1`,
    ];
  }

  /** Conflicts declared, scores given and moderated for requirements the panel has reached. */
  private scores(lo: number, hi: number): string[] {
    const scored = `r.status IN ('evaluating', 'awarded', 'no_award')`;
    // While evaluating, the chair has not yet scored; afterwards everyone has.
    const memberScored = `(r.status <> 'evaluating' OR m.k > 1)`;
    return [
      `INSERT INTO conflict_declarations (id, requirement_id, user_id, capacities, provider_id, conflicted, declared_at, updated_at)
       SELECT pg_temp.scale_uuid('conflict', (r.n * 10000 + p.n) * 10 + m.k), r.id, m.user_id, ARRAY['panel_member'], b.provider_id, false, r.closed_at + interval '1 day', r.closed_at + interval '1 day'
       FROM scale_requirements r JOIN bids b ON b.requirement_id = r.id JOIN scale_providers p ON p.id = b.provider_id
       JOIN scale_members m ON m.partnership_n = r.partnership_n
       WHERE ${this.chunk(lo, hi)} AND ${scored}`,
      `INSERT INTO panel_scores (id, requirement_id, bid_id, panel_member_id, criterion_index, score, comment, updated_at)
       SELECT pg_temp.scale_uuid('score', ((r.n * 10000 + p.n) * 10 + m.k) * 10 + c), r.id, b.id, m.id, c,
              1 + floor(pg_temp.scale_random('score', ((r.n * 10000 + p.n) * 10 + m.k) * 10 + c) * 4)::int, 'Clear plan with the parents at the centre.', r.closed_at + interval '3 days'
       FROM scale_requirements r JOIN bids b ON b.requirement_id = r.id JOIN scale_providers p ON p.id = b.provider_id
       JOIN scale_members m ON m.partnership_n = r.partnership_n CROSS JOIN generate_series(0, 2) c
       WHERE ${this.chunk(lo, hi)} AND ${scored} AND ${memberScored}`,
      `INSERT INTO score_submissions (requirement_id, panel_member_id, submitted_at)
       SELECT r.id, m.id, r.closed_at + interval '4 days'
       FROM scale_requirements r JOIN scale_members m ON m.partnership_n = r.partnership_n
       WHERE ${this.chunk(lo, hi)} AND ${scored} AND ${memberScored} AND EXISTS (SELECT 1 FROM bids b WHERE b.requirement_id = r.id)`,
      `INSERT INTO moderated_scores (id, requirement_id, bid_id, criterion_index, score, rationale, moderated_by_user_id, updated_at)
       SELECT pg_temp.scale_uuid('moderated', (r.n * 10000 + p.n) * 10 + c), r.id, b.id, c, 1 + floor(pg_temp.scale_random('moderated', (r.n * 10000 + p.n) * 10 + c) * 4)::int,
              'Agreed at panel after discussion.', m.user_id, r.closed_at + interval '10 days'
       FROM scale_requirements r JOIN bids b ON b.requirement_id = r.id JOIN scale_providers p ON p.id = b.provider_id
       JOIN scale_members m ON m.partnership_n = r.partnership_n AND m.k = 1 CROSS JOIN generate_series(0, 2) c
       WHERE ${this.chunk(lo, hi)} AND r.status IN ('awarded', 'no_award')`,
    ];
  }

  /** A panel meeting a fortnight per partnership; awards at the meeting after bids close, and a contract for each award. */
  private awards(lo: number, hi: number): string[] {
    const { plan } = this.options;
    const meetings = Math.max(1, Math.floor(plan.historyDays / 14));
    const meetingDate = (k: string) => `(${this.anchor} - interval '${plan.historyDays} days' + make_interval(days => 14 * ${k}))`;
    const statements: string[] = [
      // The rare awarded requirement that drew no bid ends without an award instead.
      `UPDATE scale_requirements r SET status = 'no_award' WHERE ${this.chunk(lo, hi)} AND r.status = 'awarded' AND NOT EXISTS (SELECT 1 FROM bids b WHERE b.requirement_id = r.id)`,
      `UPDATE requirements q SET status = 'no_award' FROM scale_requirements r WHERE q.id = r.id AND ${this.chunk(lo, hi)} AND r.status = 'no_award' AND q.status = 'awarded'`,
    ];
    if (lo === 1) {
      statements.push(`INSERT INTO panel_meetings (id, partnership_id, meeting_date, chair_member_id, attendee_member_ids, minutes, created_at)
        SELECT pg_temp.scale_uuid('meeting', p * 10000 + k), pg_temp.scale_uuid('partnership', p), ${meetingDate('k')}::date, pg_temp.scale_uuid('panel_member', p * 10 + 1),
               ARRAY[pg_temp.scale_uuid('panel_member', p * 10 + 1), pg_temp.scale_uuid('panel_member', p * 10 + 2), pg_temp.scale_uuid('panel_member', p * 10 + 3)],
               'Quorate. Conflicts declared before each item; none found.', ${meetingDate('k')}
        FROM generate_series(1, ${plan.partnerships}) p CROSS JOIN generate_series(1, ${meetings}) k`);
    }
    statements.push(
      `INSERT INTO awards (id, requirement_id, meeting_id, outcome, bid_id, rationale, status, standstill_ends_on, value_pence, decided_by_user_id, decided_at)
       SELECT pg_temp.scale_uuid('award', r.n), r.id, pg_temp.scale_uuid('meeting', r.partnership_n * 10000 + least(r.meeting_k, ${meetings})),
              CASE WHEN r.status = 'awarded' THEN 'awarded' ELSE 'no_award' END, b.id,
              CASE WHEN r.status = 'awarded' THEN 'Highest moderated score within the ceiling.' ELSE 'No bid met the minimum quality score.' END,
              'confirmed', (${meetingDate(`least(r.meeting_k, ${meetings})`)} + interval '12 days')::date, b.total_pence, m.user_id, ${meetingDate(`least(r.meeting_k, ${meetings})`)}
       FROM scale_requirements r JOIN scale_members m ON m.partnership_n = r.partnership_n AND m.k = 1
       LEFT JOIN bids b ON b.requirement_id = r.id AND b.status = 'successful'
       WHERE ${this.chunk(lo, hi)} AND r.status IN ('awarded', 'no_award') AND (r.status = 'no_award' OR b.id IS NOT NULL)`,
      `INSERT INTO contracts (id, award_id, requirement_id, agency_id, provider_id, kind, status, value_pence, session_count, block_volume, block_unit, block_period_months,
                              practitioner_ids, outcome_tools, starts_on, ends_on, activated_at, created_at, report_interval_weeks, ending_kind, ending_reason, ended_on)
       SELECT pg_temp.scale_uuid('contract', r.n), a.id, r.id, pg_temp.scale_uuid('agency', r.agency_n), b.provider_id, r.purchase_type, t.status, a.value_pence,
              r.session_count, CASE WHEN r.purchase_type = 'block' THEN r.session_count * 4 END, CASE WHEN r.purchase_type = 'block' THEN 'sessions' END,
              CASE WHEN r.purchase_type = 'block' THEN 12 END, b.practitioner_ids, ARRAY['SDQ'], t.starts_on, t.starts_on + 84, a.decided_at + interval '14 days', a.decided_at,
              6, t.ending_kind, CASE t.ending_kind WHEN 'planned' THEN 'goals_met' WHEN 'unplanned' THEN 'family_disengaged' END, CASE WHEN t.ending_kind IS NOT NULL THEN t.starts_on + 84 END
       FROM scale_requirements r JOIN awards a ON a.requirement_id = r.id JOIN bids b ON b.id = a.bid_id
       CROSS JOIN LATERAL (
         SELECT s.starts_on,
                CASE WHEN s.starts_on + 84 >= ${this.anchor}::date THEN 'active' WHEN pg_temp.scale_random('ending', r.n) < 0.85 THEN 'completed' ELSE 'ended_early' END AS status,
                CASE WHEN s.starts_on + 84 >= ${this.anchor}::date THEN NULL WHEN pg_temp.scale_random('ending', r.n) < 0.85 THEN 'planned' ELSE 'unplanned' END AS ending_kind
         FROM (SELECT (a.decided_at + interval '14 days')::date AS starts_on) s
       ) t
       WHERE ${this.chunk(lo, hi)}`,
    );
    return statements;
  }

  /** What the audit log would hold: each requirement's steps, each bid and each award. */
  private auditEvents(lo: number, hi: number): string[] {
    const event = (select: string) =>
      `INSERT INTO audit_events (id, occurred_at, actor_user_id, actor_email, action, entity_type, entity_id, before, after, request_id) ${select}`;
    return [
      event(`SELECT pg_temp.scale_uuid('audit_created', r.n), r.created_at, u.id, u.email, 'requirement.created', 'requirement', r.id::text, NULL, jsonb_build_object('status', 'draft'), 'scale'
             FROM scale_requirements r JOIN users u ON u.id = pg_temp.scale_uuid('commissioner', r.agency_n) WHERE ${this.chunk(lo, hi)}`),
      event(`SELECT pg_temp.scale_uuid('audit_published', r.n), r.published_at, u.id, u.email, 'requirement.published', 'requirement', r.id::text,
                    jsonb_build_object('status', 'draft'), jsonb_build_object('status', 'published'), 'scale'
             FROM scale_requirements r JOIN users u ON u.id = pg_temp.scale_uuid('commissioner', r.agency_n) WHERE ${this.chunk(lo, hi)} AND r.published_at IS NOT NULL`),
      event(`SELECT pg_temp.scale_uuid('audit_closed', r.n), r.bid_deadline + interval '5 minutes', NULL, NULL, 'requirement.closed', 'requirement', r.id::text,
                    jsonb_build_object('status', 'published'), jsonb_build_object('status', 'closed'), 'scale'
             FROM scale_requirements r WHERE ${this.chunk(lo, hi)} AND r.status IN ('closed', 'evaluating', 'awarded', 'no_award')`),
      event(`SELECT pg_temp.scale_uuid('audit_bid', r.n * 10000 + p.n), b.submitted_at, u.id, u.email, 'bid.submitted', 'bid', b.id::text, NULL,
                    jsonb_build_object('status', 'submitted', 'version', 1), 'scale'
             FROM scale_requirements r JOIN bids b ON b.requirement_id = r.id JOIN scale_providers p ON p.id = b.provider_id
             JOIN users u ON u.id = pg_temp.scale_uuid('provider_user', p.n)
             WHERE ${this.chunk(lo, hi)} AND b.submitted_at IS NOT NULL`),
      event(`SELECT pg_temp.scale_uuid('audit_award', r.n), a.decided_at, u.id, u.email, 'award.decided', 'award', a.id::text, NULL,
                    jsonb_build_object('outcome', a.outcome, 'status', 'standstill'), 'scale'
             FROM scale_requirements r JOIN awards a ON a.requirement_id = r.id JOIN users u ON u.id = a.decided_by_user_id WHERE ${this.chunk(lo, hi)}`),
    ];
  }

  /** The outbox: an invitation email per invitation and a result letter per bid; all sent long ago except the newest. */
  private emails(lo: number, hi: number): string[] {
    const notification = (select: string) =>
      `INSERT INTO notifications (id, event_key, to_address, template, subject, text_body, html_body, status, attempts, next_attempt_at, sent_at, created_at) ${select}`;
    return [
      notification(`SELECT pg_temp.scale_uuid('email_invitation', r.n * 10000 + p.n), format('invitation:%s:%s', r.id, p.id), format('provider-%s@scale.example', lpad(p.n::text, 4, '0')),
                           'requirement-invitation', 'New opportunity: ' || left(req.title, 60),
                           format('You are invited to bid for %s. Bids close on %s.', req.title, to_char(r.bid_deadline, 'DD Mon YYYY')),
                           format('<p>You are invited to bid for %s.</p>', req.title), 'sent', 1, i.invited_at, i.invited_at + interval '1 minute', i.invited_at
                    FROM scale_requirements r JOIN requirements req ON req.id = r.id JOIN invitations i ON i.requirement_id = r.id JOIN scale_providers p ON p.id = i.provider_id
                    WHERE ${this.chunk(lo, hi)}`),
      notification(`SELECT pg_temp.scale_uuid('email_result', r.n * 10000 + p.n), format('award-result:%s:%s', r.id, p.id), format('provider-%s@scale.example', lpad(p.n::text, 4, '0')),
                           'award-result', 'The result of your bid', 'The panel has decided. Sign in to read the result and the panel''s feedback.',
                           '<p>The panel has decided. Sign in to read the result and the panel''s feedback.</p>', 'sent', 1, a.decided_at, a.decided_at + interval '1 minute', a.decided_at
                    FROM scale_requirements r JOIN awards a ON a.requirement_id = r.id JOIN bids b ON b.requirement_id = r.id JOIN scale_providers p ON p.id = b.provider_id
                    WHERE ${this.chunk(lo, hi)}`),
    ];
  }

  /** Sessions, end reports and outcomes for contracts that have ended, so quality pages have something to read. */
  private delivery(): string[] {
    return [
      `INSERT INTO session_logs (id, contract_id, delivered_on, sessions, recorded_by_user_id, created_at)
       SELECT pg_temp.scale_uuid('session_log', ordinal), c.id, c.starts_on + 7, least(c.session_count, 20), u.id, c.starts_on + 7
       FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS ordinal FROM contracts c WHERE c.status <> 'pending') c
       JOIN LATERAL (SELECT id FROM users WHERE provider_id = c.provider_id LIMIT 1) u ON true`,
      `INSERT INTO delivery_reports (id, contract_id, kind, due_on, engagement, goal_progress, summary, next_steps, safeguarding_concern, submitted_by_user_id, submitted_at)
       SELECT pg_temp.scale_uuid('end_report', ordinal), c.id, 'end', c.ended_on + 14, 'good', CASE WHEN c.status = 'completed' THEN 'met' ELSE 'partly_met' END,
              'The family engaged well and the child is calmer at home.', 'Universal services and the school.', false, u.id, c.ended_on + 7
       FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS ordinal FROM contracts c WHERE c.status IN ('completed', 'ended_early')) c
       JOIN LATERAL (SELECT id FROM users WHERE provider_id = c.provider_id LIMIT 1) u ON true`,
      `INSERT INTO outcome_measures (id, contract_id, tool, label, baseline_score, end_score, created_at, end_recorded_at)
       SELECT pg_temp.scale_uuid('outcome', ordinal), c.id, 'SDQ', 'Total', 18 + (ordinal % 10)::int,
              CASE WHEN c.status IN ('completed', 'ended_early') THEN 12 + (ordinal % 12)::int END, c.starts_on, CASE WHEN c.status IN ('completed', 'ended_early') THEN c.ended_on END
       FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS ordinal FROM contracts c WHERE c.status <> 'pending') c`,
    ];
  }
}
