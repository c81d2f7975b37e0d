import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { PROJECT_ROOT } from '../project-root';
import { formatDate, formatDateTime } from './format';

export const VIEWS_DIR = join(PROJECT_ROOT, 'views');

type Template = Handlebars.TemplateDelegate;

/**
 * Handlebars for Express. Partials are registered by path ("govuk/button")
 * and see only the values passed to them. A page sets its title with
 * {{setPageTitle "…"}} and its back link with {{setBackLink "/path"}}; the layout
 * renders both, with the "Error: " prefix and error summary when needed.
 */
export function createViewEngine(options: { viewsDir?: string; cache: boolean }) {
  const viewsDir = options.viewsDir ?? VIEWS_DIR;
  const handlebars = Handlebars.create();
  registerHelpers(handlebars);
  const templates = new Map<string, Template>();

  const compileFile = (file: string): Template => {
    const cached = options.cache ? templates.get(file) : undefined;
    if (cached) return cached;
    // Plain-text emails are not HTML, so they must not be HTML-escaped.
    const template = handlebars.compile(readFileSync(file, 'utf8'), { explicitPartialContext: true, noEscape: file.endsWith('.text.hbs') });
    templates.set(file, template);
    return template;
  };

  let partialsLoaded = false;
  const loadPartials = () => {
    if (partialsLoaded && options.cache) return;
    const partialsDir = join(viewsDir, 'partials');
    for (const file of walk(partialsDir)) {
      const name = relative(partialsDir, file)
        .split(sep)
        .join('/')
        .replace(/\.hbs$/, '');
      handlebars.registerPartial(name, readFileSync(file, 'utf8'));
    }
    partialsLoaded = true;
  };

  const render = (file: string, context: Record<string, unknown>): string => {
    loadPartials();
    const root: Record<string, unknown> = { ...context };
    const body = compileFile(file)(root, { data: { root } });
    if (root.layout === false) return body;
    const layoutFile = join(viewsDir, 'layouts', `${(root.layout as string) ?? 'main'}.hbs`);
    return compileFile(layoutFile)({ ...root, body }, { data: { root } });
  };

  const expressEngine = (file: string, context: object, callback: (error: Error | null, html?: string) => void) => {
    try {
      callback(null, render(file, context as Record<string, unknown>));
    } catch (error) {
      callback(error as Error);
    }
  };

  /** Renders a view by name, for emails ("emails/confirm-registration.text"). */
  const renderView = (name: string, context: Record<string, unknown>): string => render(join(viewsDir, `${name}.hbs`), context);

  return { handlebars, expressEngine, renderView, render };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.hbs') ? [path] : [];
  });
}

function registerHelpers(handlebars: typeof Handlebars): void {
  const isOptions = (value: unknown) => value !== null && typeof value === 'object' && 'hash' in (value as object) && 'data' in (value as object);
  const args = (values: unknown[]) => values.filter((value) => !isOptions(value));

  handlebars.registerHelper({
    /** Builds an object from hash arguments: (obj text="Email" classes="govuk-label--m"). */
    obj: (options: Handlebars.HelperOptions) => ({ ...options.hash }),
    arr: (...values: unknown[]) => args(values),
    concat: (...values: unknown[]) =>
      args(values)
        .map((value) => (value === undefined || value === null ? '' : String(value)))
        .join(''),
    /** Space-joins the truthy values: aria-describedby built from optional ids. */
    joinIds: (...values: unknown[]) => args(values).filter(Boolean).join(' '),
    eq: (a: unknown, b: unknown) => a === b,
    not: (value: unknown) => !value,
    and: (...values: unknown[]) => args(values).every(Boolean),
    or: (...values: unknown[]) => args(values).find(Boolean) ?? args(values).at(-1),
    add: (a: number, b: number) => Number(a) + Number(b),
    /** Joins the non-empty values with `separator`: (joinWith ", " line1 line2 town). */
    joinWith: (separator: string, ...values: unknown[]) =>
      args(values)
        .filter((value) => value !== null && value !== undefined && value !== '')
        .join(separator),
    /** The `key` of every object in a list: (pluck lots "name"). */
    pluck: (list: unknown, key: string) => (Array.isArray(list) ? list.map((item) => (item as Record<string, unknown>)?.[key]) : []),
    joinList: (list: unknown) => (Array.isArray(list) ? list.join(', ') : ''),
    length: (list: unknown) => (Array.isArray(list) ? list.length : 0),
    formatDate: (value: unknown) => formatDate(value),
    formatDateTime: (value: unknown) => formatDateTime(value),
    json: (value: unknown) => JSON.stringify(value ?? null, null, 2),
    /** `a` when `condition` holds, else `b`. */
    choose: (condition: unknown, a: unknown, b: unknown) => (condition ? a : b),
    /** `value` when `condition` holds, else nothing: optional ids in aria-describedby. */
    when: (condition: unknown, value: unknown) => (condition ? value : ''),
    /** GOV.UK item ids: the first item takes the prefix, the rest "-2", "-3" … */
    itemId: (item: { id?: string } | undefined, prefix: string, index: number) => item?.id ?? (index === 0 ? prefix : `${prefix}-${index + 1}`),
    /** An item is checked if it says so, or if its value is (one of) the field's value(s). */
    isChecked: (item: { checked?: boolean; value?: unknown }, value: unknown) => {
      if (item.checked !== undefined) return item.checked;
      if (value === undefined || value === null) return false;
      return Array.isArray(value) ? value.map(String).includes(String(item.value)) : String(value) === String(item.value);
    },
    /** Renders an attributes object as escaped HTML attributes, like govukAttributes in GOV.UK Frontend. */
    govukAttributes: (attributes: unknown) => {
      if (!attributes || typeof attributes !== 'object') return '';
      const html = Object.entries(attributes as Record<string, unknown>)
        .filter(([, value]) => value !== undefined && value !== null && value !== false)
        .map(([name, value]) =>
          value === true ? ` ${handlebars.escapeExpression(name)}` : ` ${handlebars.escapeExpression(name)}="${handlebars.escapeExpression(String(value))}"`,
        )
        .join('');
      return new handlebars.SafeString(html);
    },
    setPageTitle(title: string, options: Handlebars.HelperOptions) {
      options.data.root.pageTitle = title;
      return '';
    },
    setBackLink(href: string, options: Handlebars.HelperOptions) {
      options.data.root.backLinkHref = href;
      return '';
    },
  });
}
