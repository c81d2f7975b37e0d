import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const schemaDirectory = join(__dirname, '../fixtures/ocds');
const releaseSchema = JSON.parse(readFileSync(join(schemaDirectory, 'release-schema.json'), 'utf8'));
const packageSchema = JSON.parse(readFileSync(join(schemaDirectory, 'release-package-schema.json'), 'utf8'));

/** Problems found by the official OCDS 1.1.5 schemas (copied from shared/ocds into test/fixtures/ocds); empty when valid. */
export function ocdsSchemaProblems(releasePackage: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(releaseSchema);
  const validate = ajv.compile(packageSchema);
  return validate(releasePackage) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
