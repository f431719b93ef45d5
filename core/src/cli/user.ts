/** `tessera user create <username> [--admin] [--roles a,b] [--name "Full Name"]` (password from TESSERA_PASSWORD or asked). */
import { createInterface } from 'node:readline/promises';
import { loadClientConfig } from '../config.js';
import { createTessera } from '../app.js';
import { configPath, parse, UsageError } from './args.js';
import { openDatabase } from './database.js';

export const USER_USAGE = 'tessera user create <username> [--admin] [--roles role1,role2] [--name "Full Name"]   (password from TESSERA_PASSWORD or asked)';

/** The password for `user create`: TESSERA_PASSWORD, else asked on the terminal. */
async function readPassword(): Promise<string> {
  if (process.env.TESSERA_PASSWORD) return process.env.TESSERA_PASSWORD;
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += chunk;
    return data.split('\n')[0]!.trim();
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const pw = await rl.question('Password (at least 8 characters): ');
  rl.close();
  return pw;
}

export async function user(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { admin: { type: 'boolean' }, roles: { type: 'string' }, name: { type: 'string' } });
  const [sub, username] = positionals;
  if (sub !== 'create' || !username) throw new UsageError(`usage: ${USER_USAGE}`);
  const config = loadClientConfig(configPath(values));
  const db = await openDatabase(config, { reuse: true });
  const t = await createTessera({ config, databaseUrl: db.url, jobWorkers: false });
  try {
    const password = await readPassword();
    const roles = (values.roles as string | undefined)?.split(',').filter(Boolean) ?? [];
    const isAdmin = !!values.admin;
    const { id } = await t.auth!.createUser({ username, password, isAdmin, roles, fullName: values.name as string | undefined });
    console.log(`Created user ${username} (id ${id})${isAdmin ? ' as an administrator' : ''}${roles.length ? ` with roles ${roles.join(', ')}` : ''}.`);
  } finally {
    await t.close();
    await db.embedded?.stop();
  }
}
