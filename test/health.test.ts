import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

describe('GET /health', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp()));
  afterAll(() => testApp.close());

  it('reports the database and the outbox without signing in', async () => {
    const response = await request(testApp.server).get('/health');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ status: 'ok', database: 'up', outbox: { queued: 0, failed: 0, sentLastDay: 0, oldestQueuedSeconds: null } });
  });
});
