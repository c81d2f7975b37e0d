import type { Client } from 'pg';
import type { Role } from '../src/users/role';

/** The pages `npm run bench` loads, each as the role that uses it, over the scale database. */
export interface BenchPage {
  key: string;
  name: string;
  email: string;
  roles: Role[];
  path: string;
}

async function one(client: Client, sql: string, what: string): Promise<string> {
  const { rows } = await client.query(sql);
  if (!rows[0]) throw new Error(`The scale database has no ${what}: run npm run seed:scale first`);
  return rows[0].id;
}

export async function benchPages(client: Client): Promise<BenchPage[]> {
  const busiestProvider = await one(
    client,
    `SELECT u.email AS id FROM invitations i JOIN requirements r ON r.id = i.requirement_id AND r.status = 'published' JOIN users u ON u.provider_id = i.provider_id
     GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT 1`,
    'provider with open invitations',
  );
  const partnership1 = `(SELECT partnership_id FROM panel_members pm JOIN users u ON u.id = pm.user_id WHERE u.email = 'panel-001-1@scale.example')`;
  const closedWithBids = await one(
    client,
    `SELECT r.id FROM requirements r JOIN agencies a ON a.id = r.agency_id AND a.partnership_id = ${partnership1} JOIN bids b ON b.requirement_id = r.id
     WHERE r.status = 'evaluating' GROUP BY r.id ORDER BY count(*) DESC, r.id LIMIT 1`,
    'requirement being evaluated',
  );
  const eightBids = await one(
    client,
    `SELECT r.id FROM requirements r JOIN agencies a ON a.id = r.agency_id AND a.partnership_id = ${partnership1} JOIN bids b ON b.requirement_id = r.id
     WHERE r.status IN ('evaluating', 'awarded') GROUP BY r.id ORDER BY abs(count(*) - 8), r.status DESC, r.id LIMIT 1`,
    'requirement with bids to moderate',
  );
  return [
    { key: 'opportunities', name: "A provider's opportunities", email: busiestProvider, roles: ['provider_user'], path: '/provider/opportunities' },
    {
      key: 'requirements-filtered',
      name: "A commissioner's requirements, filtered",
      email: 'commissioner-0001@scale.example',
      roles: ['commissioner'],
      path: '/requirements?status=awarded',
    },
    {
      key: 'panel-requirement',
      name: 'A requirement and its bids after close (panel)',
      email: 'panel-001-1@scale.example',
      roles: ['panel_member'],
      path: `/panel/requirements/${closedWithBids}`,
    },
    {
      key: 'moderation',
      name: 'Moderation of a requirement with 8 bids',
      email: 'panel-001-1@scale.example',
      roles: ['panel_member'],
      path: `/panel/requirements/${eightBids}/moderation`,
    },
    { key: 'market', name: 'The market report', email: 'manager-001@scale.example', roles: ['framework_manager'], path: '/insights/market' },
    {
      key: 'audit-filtered',
      name: 'The audit log, filtered',
      email: 'admin@scale.example',
      roles: ['system_admin'],
      path: '/admin/audit?action=bid.submitted',
    },
  ];
}
