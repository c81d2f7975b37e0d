import type { ChildProcess } from 'node:child_process';

/** Signs in over HTTP as a browser would, and returns the session cookie to send with each request. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${baseUrl}/sign-in`, { redirect: 'manual' });
  const cookie = sessionCookie(form.headers.getSetCookie());
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!cookie || !csrf) throw new Error(`No sign-in form at ${baseUrl}/sign-in (status ${form.status})`);
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  const signedIn = sessionCookie(response.headers.getSetCookie());
  if (response.status !== 303 || !signedIn) throw new Error(`Signing in as ${email} failed with status ${response.status}`);
  return signedIn;
}

function sessionCookie(setCookies: string[]): string | undefined {
  return setCookies.map((header) => header.split(';')[0]).find((pair) => pair.startsWith('portal.sid='));
}

/** Polls `url` until it answers with a status `ready` accepts; fails if the server process exits first. */
export async function waitUntilServing(child: ChildProcess, name: string, url: string, ready: (status: number) => boolean = () => true): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
    const response = await fetch(url).catch(() => undefined);
    if (response && ready(response.status)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
