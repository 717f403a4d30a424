import type { CliCommand } from '../../shared/cli/contract.js';
import { loadEnv, mailDestination, publicBaseUrl } from '../../config/env.js';
import { emailSchema, passwordSchema } from './accounts.schemas.js';
import { createUser, findUserByEmail, issueSetPasswordLink, setNetworkAdmin, setPassword } from './accounts.service.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * `lokalkraft users create --email x --network-admin` — the bootstrap of a fresh installation:
 * without --password-stdin it prints a set-password link (and mails it when mail is configured:
 * SMTP, or the development outbox) — the way in when no mail is configured at all; with --password-stdin the password is read from standard input.
 */
export const accountCommands: CliCommand[] = [
  {
    name: 'users create',
    summary: 'Create a person (e.g. the first network admin) and print a set-password link',
    usage: 'lokalkraft users create --email ADDRESS [--name NAME] [--network-admin] [--password-stdin]',
    options: { email: { type: 'string' }, name: { type: 'string' }, 'network-admin': { type: 'boolean' }, 'password-stdin': { type: 'boolean' } },
    async run(ctx, { values }) {
      const email = emailSchema.safeParse(values.email);
      if (!email.success) {
        process.stderr.write('lokalkraft users create: --email must be an e-mail address\n');
        return 2;
      }
      let password: string | undefined;
      if (values['password-stdin']) {
        const parsed = passwordSchema.safeParse(await readStdin());
        if (!parsed.success) {
          process.stderr.write(`lokalkraft users create: password ${parsed.error.issues[0]?.message}\n`);
          return 2;
        }
        password = parsed.data;
      }
      const env = loadEnv();
      const database = await ctx.openDb();
      try {
        const isNetworkAdmin = values['network-admin'] === true;
        const existing = await findUserByEmail(database.db, email.data);
        let userId: number;
        if (existing) {
          userId = existing.id;
          if (isNetworkAdmin && !existing.isNetworkAdmin) await setNetworkAdmin(database.db, userId, true);
          if (password) await setPassword(database.db, userId, password);
          ctx.out(`${email.data} exists already (id ${userId})${isNetworkAdmin ? '; now a network admin' : ''}`);
        } else {
          userId = await createUser(database.db, {
            email: email.data,
            displayName: typeof values.name === 'string' ? values.name : '',
            password,
            isNetworkAdmin,
          });
          ctx.out(`created ${email.data} (id ${userId})${isNetworkAdmin ? ' as network admin' : ''}`);
        }
        if (!password) {
          const link = await issueSetPasswordLink(database.db, { env, baseUrl: publicBaseUrl(env) }, userId);
          ctx.out(`set-password link (valid 7 days; e-mail goes to ${mailDestination(env)}):`);
          ctx.out(link);
        } else {
          ctx.out('password set');
        }
      } finally {
        await database.close();
      }
    },
  },
];
