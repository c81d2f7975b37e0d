import { Transform } from 'class-transformer';

/** Checkboxes send one value as a string and several as an array; always give an array. */
export const ToArray = () => Transform(({ value }) => (value === undefined ? undefined : ([] as unknown[]).concat(value)));

/** Email addresses are compared lower-cased. */
export const ToLowerCase = () => Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value));
