import { SetMetadata } from '@nestjs/common';

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

/** Marks a POST handler whose invalid submissions re-render `view` with errors. */
export const FormPage = (view: string, model?: string) => SetMetadata(FORM_PAGE, { view, model } satisfies FormPageOptions);
