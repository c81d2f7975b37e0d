import 'reflect-metadata';
import { estimateTimeLeft, expectedRowTotal, planForScale, ScalePlanError } from './scale-plan';
import { startScaleDatabase } from './scale-database';
import { ScaleDatabaseNotEmptyError, seedScale } from './seed-scale';

const USAGE = 'Usage: npm run seed:scale -- [--scale 1] [--seed 1] [--anchor YYYY-MM-DD] [--reset]';

interface Arguments {
  scale: number;
  seed: number;
  anchor: string;
  reset: boolean;
}

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { scale: 1, seed: 1, anchor: new Date().toISOString().slice(0, 10), reset: false };
  for (let index = 0; index < argv.length; index += 1) {
    const [name, inline] = argv[index].split('=');
    const value = () => inline ?? argv[++index];
    if (name === '--scale') parsed.scale = Number(value());
    else if (name === '--seed') parsed.seed = Number(value());
    else if (name === '--anchor') parsed.anchor = value();
    else if (name === '--reset') parsed.reset = true;
    else throw new ScalePlanError(`Unknown option "${argv[index]}". ${USAGE}`);
  }
  if (!Number.isSafeInteger(parsed.seed)) throw new ScalePlanError(`--seed must be a whole number (got "${parsed.seed}")`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(parsed.anchor) || Number.isNaN(Date.parse(parsed.anchor)))
    throw new ScalePlanError(`--anchor must be a date as YYYY-MM-DD (got "${parsed.anchor}")`);
  return parsed;
}

/**
 * `npm run seed:scale`: national-scale data for benchmarks, into DATABASE_URL
 * or an embedded PostgreSQL of its own in .data-scale (port 54330).
 */
async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const plan = planForScale(args.scale);
  const databaseUrl = process.env.DATABASE_URL?.trim();
  const embedded = databaseUrl ? undefined : await startScaleDatabase();
  const started = Date.now();
  const total = expectedRowTotal(plan);
  console.log(
    `Generating scale ${args.scale} (seed ${args.seed}, as of ${args.anchor}): ${plan.partnerships * plan.agenciesPerPartnership} agencies, ${plan.providers} providers, ${plan.requirements} requirements; about ${total.toLocaleString('en-GB')} rows`,
  );
  try {
    const rows = await seedScale(databaseUrl ?? embedded!.url, {
      ...args,
      plan,
      onProgress: ({ step, rows }) => {
        const elapsed = Date.now() - started;
        const percent = Math.min(99, Math.floor((rows / total) * 100));
        console.log(
          `[${String(percent).padStart(2)}%] ${step}: ${rows.toLocaleString('en-GB')} rows, ${Math.round(elapsed / 1000)}s so far, ${estimateTimeLeft(rows, total, elapsed)}`,
        );
      },
    });
    console.log(
      `Done: ${rows.toLocaleString('en-GB')} rows in ${Math.round((Date.now() - started) / 1000)}s. Every generated user signs in with the demo password; see bench/README.md.`,
    );
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof ScalePlanError || error instanceof ScaleDatabaseNotEmptyError ? error.message : error);
  process.exit(1);
});
