import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password';
import type { Role } from '../../src/users/role';
import { User } from '../../src/users/user.entity';

let cachedHash: Promise<string> | undefined;

export const FACTORY_PASSWORD = 'factory password 2026';

/** An active user; pass overrides for anything that matters to the test. */
export async function createUser(dataSource: DataSource, overrides: Partial<User> = {}): Promise<User> {
  cachedHash ??= hashPassword(FACTORY_PASSWORD);
  const agencyId = overrides.providerId ? null : (overrides.agencyId ?? (await dataSource.query(`SELECT id FROM agencies ORDER BY name LIMIT 1`))[0].id);
  return dataSource.getRepository(User).save({
    email: `user-${randomUUID()}@factory.example`,
    fullName: 'Factory User',
    roles: ['commissioner'] as Role[],
    status: 'active' as const,
    emailConfirmedAt: new Date(),
    passwordHash: await cachedHash,
    ...overrides,
    agencyId,
  });
}

export async function createUsers(dataSource: DataSource, count: number, overrides: Partial<User> = {}): Promise<User[]> {
  const users: User[] = [];
  for (let i = 0; i < count; i++) users.push(await createUser(dataSource, { fullName: `Factory User ${String(i).padStart(3, '0')}`, ...overrides }));
  return users;
}
