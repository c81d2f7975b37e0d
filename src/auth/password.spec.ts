import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('a long enough passphrase', hash)).toBe(true);
    expect(await verifyPassword('a long enough passphrasE', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password twice')).not.toBe(await hashPassword('same password twice'));
  });

  it('refuses malformed stored hashes', async () => {
    expect(await verifyPassword('anything at all', 'md5$abc')).toBe(false);
  });
});

describe('passwordProblem', () => {
  it.each([
    [undefined, 'Enter a password'],
    ['short', 'Password must be 12 characters or more'],
    ['elevenchars', 'Password must be 12 characters or more'],
    ['x'.repeat(257), 'Password must be 256 characters or fewer'],
    ['password1234', 'Choose a password that is harder to guess'],
    ['Password1234', 'Choose a password that is harder to guess'],
    ['aaaaaaaaaaaaaaa', 'Choose a password that is harder to guess'],
  ])('%p → %s', (password, message) => expect(passwordProblem(password)).toBe(message));

  it('accepts 12 characters with no composition rules', () => {
    expect(passwordProblem('purple cloud')).toBeNull();
    expect(passwordProblem('alllowercaseletters')).toBeNull();
  });

  it('refuses the email address as a password', () => {
    expect(passwordProblem('Someone@Example.com', { email: 'someone@example.com' })).toBe('Password must not be the same as your email address');
  });
});
