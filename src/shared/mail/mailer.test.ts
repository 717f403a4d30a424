import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { sql } from 'kysely';
import { pino } from 'pino';
import { anonymous, createUser, postForm } from '../../../test/support/auth.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { JobRunner } from '../jobs/jobs.js';
import { mailJob, mailQueue } from './mailer.js';

type Mode = 'hang' | 'refuse' | 'accept';

/** A tiny SMTP server on loopback: hangs (accepts, never greets), refuses (421) or accepts and records the mail. */
function smtpServer(mode: Mode, received: string[], port = 0): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (mode === 'hang') return;
    if (mode === 'refuse') return void socket.end('421 try again later\r\n');
    socket.write('220 test ESMTP\r\n');
    let buffer = '';
    let inData = false;
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let nl = buffer.indexOf('\r\n'); nl >= 0; nl = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            socket.write('250 queued\r\n');
          } else received.push(line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, sockets })));
}

async function closeServer(s: { server: Server; sockets: Set<Socket> }) {
  for (const socket of s.sockets) socket.destroy();
  await new Promise((resolve) => s.server.close(resolve));
}

async function mailJobs(database: TestDatabase) {
  const { rows } = await sql<{
    id: string;
    state: string;
    retry_count: number;
  }>`select id, state::text as state, retry_count from pgboss.job where name = ${mailQueue} order by created_on`.execute(database.db);
  return rows;
}

for (const backend of await backendsUnderTest()) {
  describe(`mail through the job queue on ${backend}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(backend);
      await createUser(database.db, { email: 'reset@example.no' });
    });
    after(() => database.destroy());

    for (const mode of ['hang', 'refuse'] as const) {
      it(`an SMTP server that ${mode === 'hang' ? 'hangs' : 'refuses'} neither slows nor fails the request; the mail is retried and sent when the server is back`, async () => {
        await sql`delete from pgboss.job where name = ${mailQueue}`.execute(database.db);
        const received: string[] = [];
        const bad = await smtpServer(mode, received);
        const servers = [bad];
        try {
          const env = { SMTP_URL: `smtp://127.0.0.1:${bad.port}`, MAIL_FROM: 'Lokalkraft <no-reply@example.no>' };
          const app = createTestApp(database, env);
          const started = performance.now();
          const res = await postForm(app, '/forgot-password', { email: 'reset@example.no' }, await anonymous(app));
          const ms = performance.now() - started;
          assert.equal(res.status, 200);
          // A hanging server would hold a direct send for the whole connect timeout (15 s here, minutes by default).
          assert.ok(ms < 3000, `the request answered in ${Math.round(ms)} ms`);
          assert.equal((await mailJobs(database)).length, 1, 'the mail is queued');

          const runner = new JobRunner(database.db, pino({ level: 'silent' }), [mailJob({ ...env }, { connectSeconds: 0.3, idleSeconds: 0.3 })]);
          assert.equal(await runner.runPending(mailQueue), 1);
          const [failed] = await mailJobs(database);
          assert.equal(failed.state, 'retry', 'the failed attempt is scheduled again');
          await closeServer(bad);

          // The server comes back on the same port; the retry comes due.
          const back = await smtpServer('accept', received, bad.port);
          servers.push(back);
          await sql`update pgboss.job set start_after = now() where name = ${mailQueue}`.execute(database.db);
          assert.equal(await runner.runPending(mailQueue), 1);
          const [sent] = await mailJobs(database);
          assert.equal(sent.state, 'completed');
          assert.ok(
            received.some((l) => /^Subject: /.test(l)),
            'the server received the mail',
          );
          assert.ok(
            received.some((l) => l.includes(`job-${sent.id}@`)),
            'its Message-ID is the job id (a repeat can be recognised)',
          );
        } finally {
          for (const server of servers) if (server.server.listening) await closeServer(server);
        }
      });
    }
  });
}
