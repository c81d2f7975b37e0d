import { IsEmail, IsNotEmpty, MaxLength } from 'class-validator';
import { FormInvalidError } from './form-invalid.error';
import { FormValidationPipe } from './form-validation.pipe';

class ExampleForm {
  @IsNotEmpty({ message: 'Enter your full name' })
  @MaxLength(10, { message: 'Full name must be 10 characters or fewer' })
  fullName: string;

  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  @IsNotEmpty({ message: 'Enter your email address' })
  email: string;

  static fieldIds = { email: 'email-address' };
}

const pipe = new FormValidationPipe();
const run = (body: unknown) => pipe.transform(body, { type: 'body', metatype: ExampleForm });

async function errorsFor(body: unknown) {
  try {
    await run(body);
  } catch (error) {
    return (error as FormInvalidError).fieldErrors;
  }
  throw new Error('expected the form to be invalid');
}

describe('FormValidationPipe', () => {
  it('returns a trimmed DTO without unknown fields', async () => {
    const form = await run({ fullName: ' Ada ', email: ' ada@example.com ', _csrf: 'x', isAdmin: 'true' });
    expect(form).toBeInstanceOf(ExampleForm);
    expect(form).toEqual({ fullName: 'Ada', email: 'ada@example.com' });
  });

  it('gives the "enter" message, not the format message, for missing fields', async () => {
    expect(await errorsFor({ fullName: '   ' })).toEqual([
      { field: 'fullName', href: '#fullName', text: 'Enter your full name' },
      { field: 'email', href: '#email-address', text: 'Enter your email address' },
    ]);
  });

  it('gives the format message for invalid values', async () => {
    expect(await errorsFor({ fullName: 'Ada Lovelace-Byron', email: 'not-an-email' })).toEqual([
      { field: 'fullName', href: '#fullName', text: 'Full name must be 10 characters or fewer' },
      { field: 'email', href: '#email-address', text: 'Enter an email address in the correct format, like name@example.com' },
    ]);
  });

  it('leaves non-body and untyped parameters alone', async () => {
    expect(await pipe.transform('abc', { type: 'param', metatype: String })).toBe('abc');
    expect(await pipe.transform({ a: 1 }, { type: 'body', metatype: Object })).toEqual({ a: 1 });
  });
});
