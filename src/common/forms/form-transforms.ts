import { Transform } from 'class-transformer';

/** Checkboxes send one value as a string and several as an array; always give an array. */
export const ToArray = () => Transform(({ value }) => (value === undefined ? undefined : ([] as unknown[]).concat(value)));

/** Email addresses are compared lower-cased. */
export const ToLowerCase = () => Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value));

/** A submitted field as a list of strings, whether it came as one value, several or none. */
export const asArray = (value: unknown): string[] => ([] as unknown[]).concat(value ?? []).map(String);
