import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { createViewEngine } from './view-engine';

const COMPONENTS_DIR = join(require.resolve('govuk-frontend/package.json'), '..', 'dist', 'govuk', 'components');

/**
 * Each partial is checked against GOV.UK Frontend's own fixtures: the same
 * options must give the same markup (ignoring whitespace and attribute order).
 */
const CHECKED_FIXTURES: Record<string, string[]> = {
  button: ['default', 'disabled', 'link', 'start', 'secondary', 'start link', 'prevent double click', 'attributes', 'id'],
  input: [
    'default',
    'with hint text',
    'with error message',
    'with error and hint',
    'with width-2 class',
    'with label as page heading',
    'with optional form-group classes',
    'with autocomplete attribute',
    'with pattern attribute',
    'with spellcheck enabled',
    'with spellcheck disabled',
    'with prefix',
    'with suffix',
    'with prefix and suffix',
    'value',
    'id',
    'attributes',
    'inputmode',
  ],
  textarea: [
    'default',
    'with hint',
    'with error message',
    'with default value',
    'with custom rows',
    'with label as page heading',
    'id',
    'classes',
    'with autocomplete attribute',
    'attributes',
  ],
  select: [
    'default',
    'with hint text and error message',
    'with label as page heading',
    'with full width override',
    'with falsy items',
    'with selected value',
    'id',
  ],
  radios: [
    'default',
    'with hint',
    'inline',
    'with legend as page heading',
    'with a divider',
    'with hints on items',
    'without fieldset',
    'with fieldset and error message',
    'with very long option text',
    'prechecked using value',
    'with idPrefix',
    'fieldset params',
  ],
  checkboxes: [
    'default',
    'with hint',
    'with pre-checked values',
    'with hints on items',
    'with legend as a page heading',
    'with error message',
    'with idPrefix',
    'with falsy values',
    'fieldset params',
  ],
  fieldset: ['default', 'styled as xl text', 'as page heading xl', 'classes', 'role'],
  'error-summary': ['default', 'without links', 'mixed with and without links', 'with description only', 'with everything', 'classes', 'attributes'],
  'error-message': ['default', 'id', 'classes', 'with visually hidden text'],
  'summary-list': ['default', 'with actions', 'no-border', 'as a summary card with a text header', 'as a summary card with actions'],
  table: ['default', 'with head', 'with head and caption', 'classes', 'html', 'with firstCellIsHeader true'],
  tag: ['default', 'grey', 'green', 'red'],
  'notification-banner': ['default', 'with type as success', 'custom title', 'classes'],
  panel: ['default', 'title html', 'body html', 'classes', 'custom heading level'],
  pagination: ['default', 'with many pages', 'first page', 'last page', 'with prev and next only'],
  'back-link': ['default', 'classes', 'with custom text and link', 'attributes'],
  breadcrumbs: ['default', 'with one level', 'with last breadcrumb as current page', 'classes'],
  'inset-text': ['default', 'with html', 'classes', 'id', 'attributes'],
  'warning-text': ['default', 'attributes', 'classes', 'html', 'icon fallback text only'],
  details: ['default', 'expanded', 'id', 'html', 'classes', 'attributes'],
  'task-list': ['default', 'with hint text and additional states', 'custom classes', 'custom id prefix'],
  'file-upload': ['default', 'with hint text', 'with error message and hint', 'with label as page heading', 'with value', 'attributes'],
  'skip-link': ['default', 'custom href', 'custom text'],
  label: ['default', 'with bold text', 'as page heading l', 'classes', 'for'],
  hint: ['default', 'with html', 'classes', 'id', 'attributes'],
};

interface Fixture {
  name: string;
  options: Record<string, unknown>;
  html: string;
}

function canonical(html: string): string {
  const $ = cheerio.load(html, null, false);
  const walk = (node: AnyNode): string => {
    if (node.type === 'text') return (node as unknown as { data: string }).data.replace(/\s+/g, ' ').trim();
    if (node.type !== 'tag' && node.type !== 'script') return '';
    const element = node as unknown as { name: string; attribs: Record<string, string>; children: AnyNode[] };
    const attributes = Object.entries(element.attribs)
      .map(([name, value]) => [name, name === 'class' ? value.split(/\s+/).filter(Boolean).sort().join(' ') : value.replace(/\s+/g, ' ').trim()])
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `${name}="${value}"`)
      .join(' ');
    const children = element.children.map(walk).filter(Boolean).join('');
    return `<${element.name}${attributes ? ` ${attributes}` : ''}>${children}</${element.name}>`;
  };
  return $.root().contents().toArray().map(walk).filter(Boolean).join('');
}

const engine = createViewEngine({ cache: true });
const renderPartial = (component: string, options: Record<string, unknown>) => {
  engine.renderView('errors/404', { layout: false }); // registers the partials
  const partial = engine.handlebars.partials[`govuk/${component}`];
  const template = typeof partial === 'string' ? engine.handlebars.compile(partial, { explicitPartialContext: true }) : partial;
  return (template as (context: object) => string)(options);
};

describe.each(Object.entries(CHECKED_FIXTURES).filter(([, names]) => names.length > 0))('govuk/%s partial', (component, names) => {
  const fixtures: Fixture[] = (JSON.parse(readFileSync(join(COMPONENTS_DIR, component, 'fixtures.json'), 'utf8')) as { fixtures: Fixture[] }).fixtures;
  it.each(names)('matches the "%s" fixture', (name) => {
    const fixture = fixtures.find((candidate) => candidate.name === name);
    expect(fixture).toBeDefined();
    expect(canonical(renderPartial(component, fixture!.options))).toBe(canonical(fixture!.html));
  });
});

describe('govuk/date-input partial', () => {
  // Our date inputs post as dob[day], dob[month], dob[year] so a form DTO receives one nested field.
  it('names its inputs as one nested field and links hint and error', () => {
    const html = renderPartial('date-input', {
      id: 'dob',
      fieldset: { legend: { text: 'Date of birth' } },
      hint: { text: 'For example, 27 3 2007' },
      errorMessage: { text: 'Date of birth must include a year' },
      values: { day: '27', month: '3' },
    });
    const $ = cheerio.load(html);
    expect($('fieldset').attr('aria-describedby')).toBe('dob-hint dob-error');
    expect(
      $('input')
        .map((_, input) => `${$(input).attr('id')}|${$(input).attr('name')}|${$(input).attr('value') ?? ''}`)
        .get(),
    ).toEqual(['dob-day|dob[day]|27', 'dob-month|dob[month]|3', 'dob-year|dob[year]|']);
    expect($('.govuk-error-message').text()).toContain('Date of birth must include a year');
    expect($('input.govuk-input--error').length).toBe(3);
  });
});
