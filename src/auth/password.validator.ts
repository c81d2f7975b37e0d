import { ValidateBy, ValidationOptions } from 'class-validator';
import { passwordProblem } from './password';

/** The password rules as a class-validator decorator, so forms report them like any other field. */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAcceptablePassword',
      validator: {
        validate: (value: unknown) => passwordProblem(typeof value === 'string' ? value : undefined) === null,
        defaultMessage: (args) => passwordProblem(typeof args?.value === 'string' ? args.value : undefined) ?? '',
      },
    },
    options,
  );
}
