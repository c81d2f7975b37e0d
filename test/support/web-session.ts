import type { Server } from 'node:http';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-data';
import type { Role } from '../../src/users/role';

export interface Page {
  status: number;
  headers: Record<string, string>;
  location?: string;
  html: string;
  $: cheerio.CheerioAPI;
  title: string;
  heading: string;
  errorSummary: Array<{ text: string; href: string }>;
  /** Inline error messages, by the id of the field they describe. */
  fieldErrors: Record<string, string>;
}

function toPage(response: request.Response): Page {
  const html = response.text ?? '';
  const $ = cheerio.load(html);
  const fieldErrors: Record<string, string> = {};
  $('.govuk-error-message').each((_, element) => {
    const id =
      $(element)
        .attr('id')
        ?.replace(/-error$/, '') ?? '';
    fieldErrors[id] = $(element).text().replace('Error:', '').trim();
  });
  return {
    status: response.status,
    headers: response.headers as Record<string, string>,
    location: response.headers.location,
    html,
    $,
    title: $('title').text().trim(),
    heading: $('h1').first().text().trim(),
    errorSummary: $('.govuk-error-summary__list a')
      .map((_, element) => ({ text: $(element).text().trim(), href: $(element).attr('href') ?? '' }))
      .get(),
    fieldErrors,
  };
}

/** A browser-like visitor: keeps cookies and sends the CSRF token from the form it last loaded. */
export class WebSession {
  readonly agent: ReturnType<typeof request.agent>;

  /** `server` is the app in this process, or the base URL of one running elsewhere. */
  constructor(readonly server: Server | string) {
    this.agent = request.agent(server);
  }

  async get(path: string): Promise<Page> {
    return toPage(await this.agent.get(path).redirects(0));
  }

  /** Follows redirects, as a browser would, and returns the page it ends on. */
  async follow(path: string): Promise<Page> {
    return toPage(await this.agent.get(path).redirects(5));
  }

  /** Loads `formPath` for a fresh CSRF token, then posts `fields` to `action` (default: the same path). */
  async submit(formPath: string, fields: Record<string, string | string[]>, action?: string): Promise<Page> {
    const form = await this.get(formPath);
    // A signed-in page without a form still carries the session's token in its meta tag.
    const csrf = form.$('input[name="_csrf"]').first().attr('value') ?? form.$('meta[name=csrf-token]').attr('content');
    if (!csrf) throw new Error(`No CSRF token on ${formPath} (status ${form.status})`);
    return this.post(action ?? formPath.split('?')[0], { ...fields, _csrf: csrf });
  }

  async post(path: string, fields: Record<string, string | string[]>): Promise<Page> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
    return toPage(await this.agent.post(path).type('form').send(body.toString()).redirects(0));
  }

  /** Submits a multipart form with one file, the CSRF token in the query string as the page does. */
  async upload(formPath: string, fields: Record<string, string>, file?: { name: string; content: Buffer }, action?: string): Promise<Page> {
    const form = await this.get(formPath);
    const formAction = action ?? form.$('form[enctype="multipart/form-data"]').attr('action');
    if (!formAction) throw new Error(`No upload form on ${formPath} (status ${form.status})`);
    let upload = this.agent.post(formAction).redirects(0);
    for (const [key, value] of Object.entries(fields)) upload = upload.field(key, value);
    if (file) upload = upload.attach('file', file.content, file.name);
    return toPage(await upload);
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<Page> {
    const page = await this.submit('/sign-in', { email, password });
    if (page.status !== 303) throw new Error(`Sign-in as ${email} failed with ${page.status}: ${page.errorSummary.map((e) => e.text).join('; ')}`);
    return page;
  }

  cookie(name: string): string | undefined {
    const cookie = this.agent.jar.getCookie(name, { domain: '127.0.0.1', path: '/', script: false, secure: false });
    return cookie?.value;
  }
}

/** The path and query of an emailed link, to follow it in a test session. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}

export const DEMO = {
  provider: 'provider@oakleaf.example',
  otherProvider: 'provider@harbour.example',
  commissioner: 'commissioner@kent.example',
  frameworkManager: 'framework.manager@apse.example',
  panelMember: 'panel.member@medway.example',
  admin: 'admin@apse.example',
};

/** One demo user for each role, to sign in as. */
export const DEMO_SIGN_INS: Array<[Role, string]> = [
  ['provider_user', DEMO.provider],
  ['commissioner', DEMO.commissioner],
  ['framework_manager', DEMO.frameworkManager],
  ['panel_member', DEMO.panelMember],
  ['system_admin', DEMO.admin],
];
