import { formatDate } from '../../common/views/format';
import type { AccountService } from './account.service';

type Overview = Awaited<ReturnType<AccountService['overview']>>;

const action = (href: string, text: string, visuallyHiddenText: string) => ({ href, text, visuallyHiddenText });

/** The account page's two summary cards, with only the actions that apply to this person. */
export function accountSummary(overview: Overview) {
  const twoFactorRows = overview.twoFactorOn
    ? [
        {
          key: { text: 'Authenticator app' },
          value: { text: `On since ${formatDate(overview.twoFactorSince!)}` },
          actions: { items: [action('/account/two-factor', 'Change', 'authenticator app')] },
        },
        {
          key: { text: 'Recovery codes' },
          value: { text: `${overview.recoveryCodesLeft} of 10 left` },
          actions: { items: [action('/account/recovery-codes', 'Get new codes', 'recovery codes')] },
        },
      ]
    : [
        {
          key: { text: 'Two-factor sign-in' },
          value: { text: 'Off' },
          actions: { items: [action('/account/two-factor', 'Turn on', 'two-factor sign-in')] },
        },
      ];
  return {
    ...overview,
    detailRows: [
      { key: { text: 'Name' }, value: { text: overview.fullName } },
      { key: { text: 'Email address' }, value: { text: overview.email } },
      { key: { text: 'Password' }, value: { text: '••••••••••••' }, actions: { items: [action('/account/password', 'Change', 'password')] } },
    ],
    twoFactorRows,
    canTurnOff: overview.twoFactorOn && !overview.twoFactorRequired,
  };
}
