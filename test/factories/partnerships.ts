import type { DataSource } from 'typeorm';
import { createUser, FACTORY_PASSWORD } from './users';

export interface SecondPartnership {
  partnershipId: string;
  agencyId: string;
  areaId: string;
  /** Emails of its staff, who sign in with FACTORY_PASSWORD. */
  frameworkManager: string;
  commissioner: string;
  panelMember: string;
  password: string;
}

/**
 * A second regional adoption agency beside the seeded Adoption Partnership
 * South East: one agency with one district, and a framework manager, a
 * commissioner and a panel chair of its own. Its staff must see nothing of
 * the first partnership's providers, requirements or families.
 */
export async function createSecondPartnership(dataSource: DataSource, name = 'Northern Adoption Partnership'): Promise<SecondPartnership> {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  const [partnership] = await dataSource.query(`INSERT INTO partnerships (name) VALUES ($1) RETURNING id`, [name]);
  const [agency] = await dataSource.query(`INSERT INTO agencies (name, partnership_id) VALUES ($1, $2) RETURNING id`, [`${name} Council`, partnership.id]);
  const [area] = await dataSource.query(`INSERT INTO areas (name, agency_id) VALUES ($1, $2) RETURNING id`, [`${name} Town`, agency.id]);
  const frameworkManager = await createUser(dataSource, {
    roles: ['framework_manager'],
    agencyId: agency.id,
    email: `manager@${slug}.example`,
    fullName: `${name} framework manager`,
  });
  const commissioner = await createUser(dataSource, {
    roles: ['commissioner'],
    agencyId: agency.id,
    email: `commissioner@${slug}.example`,
    fullName: `${name} commissioner`,
  });
  const panelMember = await createUser(dataSource, {
    roles: ['panel_member'],
    agencyId: agency.id,
    email: `panel@${slug}.example`,
    fullName: `${name} panel chair`,
  });
  await dataSource.query(
    `INSERT INTO panel_members (user_id, partnership_id, agency_id, profession, is_chair) VALUES ($1, $2, $3, 'clinical_psychologist', true)`,
    [panelMember.id, partnership.id, agency.id],
  );
  return {
    partnershipId: partnership.id,
    agencyId: agency.id,
    areaId: area.id,
    frameworkManager: frameworkManager.email,
    commissioner: commissioner.email,
    panelMember: panelMember.email,
    password: FACTORY_PASSWORD,
  };
}
