import 'reflect-metadata';
import type { Request } from 'express';
import { FORM_PAGE, FormPage } from './form-page.decorator';

class ExampleController {
  formModel(_request: Request) {
    return { title: 'Example' };
  }

  @FormPage('example/form', 'formModel')
  save() {}

  @FormPage('example/plain')
  savePlain() {}

  // A model that names no method of the controller does not compile (`tsc --noEmit` checks this file).
  // @ts-expect-error 'renamedModel' is not a method of ExampleController
  @FormPage('example/form', 'renamedModel')
  saveWithMissingModel() {}
}

describe('FormPage', () => {
  it('records the view and the model method for the form error interceptor', () => {
    expect(Reflect.getMetadata(FORM_PAGE, ExampleController.prototype.save)).toEqual({ view: 'example/form', model: 'formModel' });
    expect(Reflect.getMetadata(FORM_PAGE, ExampleController.prototype.savePlain)).toEqual({ view: 'example/plain', model: undefined });
  });
});
