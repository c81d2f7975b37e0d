import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const FORM_PAGE = 'form-page';

export interface FormPageOptions {
  /** The view the form lives on. */
  view: string;
  /**
   * Name of a controller method, called with the request, that returns the rest
   * of the view model (select options, the record being edited, …).
   */
  model?: string;
}

/** A controller that has a public method `Model`, taking the request, to build the form page's view model. */
type HasModelMethod<Model extends string> = { [Name in Model]: (request: Request) => unknown };

/**
 * Marks a POST handler whose invalid submissions re-render `view` with errors.
 * `model` is checked against the controller it decorates: naming a method the
 * controller lacks (say, after a rename) fails to compile.
 */
export function FormPage<Model extends string = never>(view: string, model?: Model) {
  const setMetadata = SetMetadata(FORM_PAGE, { view, model } satisfies FormPageOptions);
  return <Controller extends HasModelMethod<Model>>(target: Controller, key: string | symbol, descriptor: PropertyDescriptor): void => {
    setMetadata(target, key, descriptor);
  };
}
