import { startFailure } from './embedded-database-failure';

describe('startFailure', () => {
  const options = { directory: '/srv/portal/.data', port: 54320 };

  it('names a PostgreSQL already running on the data directory', () => {
    const message = startFailure(
      'FATAL:  lock file "postmaster.pid" already exists\nHINT:  Is another postmaster (PID 42) running in data directory "/srv/portal/.data/pg"?',
      options,
    );
    expect(message).toContain('another PostgreSQL is already running on the data directory /srv/portal/.data');
    expect(message).toContain('PostgreSQL said: FATAL:  lock file "postmaster.pid" already exists HINT:');
  });

  it('names a port in use', () => {
    expect(
      startFailure('LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\nFATAL:  could not create any TCP/IP sockets', options),
    ).toContain('port 54320 is already in use (set EMBEDDED_DATABASE_PORT to a free port)');
  });

  it('passes on anything else PostgreSQL said', () => {
    expect(startFailure('FATAL:  data directory "/x" has invalid permissions', options)).toBe(
      'The embedded PostgreSQL could not start: PostgreSQL stopped while starting. PostgreSQL said: FATAL:  data directory "/x" has invalid permissions',
    );
    expect(startFailure('', options)).toContain('PostgreSQL said: nothing');
  });
});
