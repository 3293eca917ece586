import { parseArgs } from 'node:util';
import { openStack } from '../aws/stack';
import { isRole, ROLES } from '../auth/permissions';
import { putUser } from '../auth/users/put-user';
import { emailSchema } from '../auth/users/user';
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';

const HELP = `Usage: npm run user -- create --email EMAIL --role ${ROLES.join('|')} [--name NAME] [--replace]

Creates a dashboard user. The password is read from the USER_PASSWORD environment variable, or from standard input
(first line), so it never appears in the process list or shell history. At least 12 characters.`;

async function readPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  if (process.stdin.isTTY) process.stdout.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      replace: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  if (positionals[0] !== 'create')
    throw new UsageError(`Unknown command "${positionals[0] ?? ''}".\n${HELP}`);
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) throw new UsageError(`--email must be an email address (got "${values.email ?? ''}").`);
  if (!isRole(values.role))
    throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${values.role ?? ''}").`);
  const password = await readPassword();
  if (password.length < 12) throw new UsageError('The password must be at least 12 characters.');
  const stack = await openStack();
  try {
    await prepareStore();
    const user = await putUser({
      email: email.data,
      name: values.name ?? email.data,
      role: values.role,
      password,
      replace: values.replace,
    });
    console.log(`✔ user ${user.email} (${user.role}) ${values.replace ? 'saved' : 'created'}`);
  } finally {
    await stack.close();
  }
});
