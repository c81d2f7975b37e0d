import { normaliseCode, totpCodeAt, totpStepAt } from './totp';

/**
 * `npm run totp -- <key>`: the current authenticator code for a key, for
 * trying the demo without an authenticator app. Not for real accounts.
 */
async function main(): Promise<void> {
  const key = normaliseCode(process.argv.slice(2).join('')).toUpperCase();
  if (!/^[A-Z2-7]{16,}$/.test(key)) {
    console.error('Give the key the set-up page shows, for example: npm run totp -- ABCD EFGH IJKL MNOP');
    process.exit(1);
  }
  const now = new Date();
  const secondsLeft = 30 - (Math.floor(now.getTime() / 1000) % 30);
  console.log(`${await totpCodeAt(key, totpStepAt(now))}  (changes in ${secondsLeft} s)`);
}

void main();
