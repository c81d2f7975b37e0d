import { formatDate, formatDateTime } from '../common/views/format';
import { ROLE_LABELS } from './role';
import type { User } from './user.entity';

const STATUS_LABELS: Record<User['status'], string> = { active: 'Active', pending: 'Invited, no password set yet', disabled: 'Disabled' };

/** The rows of a user's page for a system administrator. */
export function userSummaryRows(user: User) {
  return [
    { key: { text: 'Email address' }, value: { text: user.email } },
    { key: { text: 'Organisation' }, value: { text: user.agency?.name ?? user.provider?.name ?? 'None' } },
    {
      key: { text: 'Roles' },
      value: { text: user.roles.map((role) => ROLE_LABELS[role]).join(', ') },
      actions: user.agencyId ? { items: [{ href: `/admin/users/${user.id}/roles`, text: 'Change', visuallyHiddenText: 'roles' }] } : undefined,
    },
    { key: { text: 'Status' }, value: { text: STATUS_LABELS[user.status] } },
    { key: { text: 'Last signed in' }, value: { text: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never' } },
    { key: { text: 'Two-factor sign-in' }, value: { text: user.totpEnabledAt ? `On since ${formatDate(user.totpEnabledAt)}` : 'Off' } },
  ];
}
