/** Further CLI commands, registered by name: `tessera <name> ...`. */
import { createInterface } from 'node:readline/promises';
import { scaffoldPlugin } from './plugins/scaffold.js';

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

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export const extraCommands: Record<string, (args: string[]) => Promise<void>> = {
  /** tessera inventory verify [--config FILE] [--json]: balance = sum of the stock ledger, for every item and warehouse */
  inventory: (args) => import('../../plugins/inventory/src/cli.js').then((m) => m.inventoryCommand(args)),
  /** tessera user create <username> [--admin] [--roles a,b] [--name "Full Name"] */
  async user(args) {
    const [sub, username] = args;
    if (sub !== 'create' || !username) {
      console.log('usage: tessera user create <username> [--admin] [--roles role1,role2] [--name "Full Name"]   (password from TESSERA_PASSWORD or asked)');
      process.exitCode = 2;
      return;
    }
    const { openDatabase, configPath } = await import('./cli.js');
    const { loadClientConfig } = await import('./config.js');
    const { createTessera } = await import('./app.js');
    const config = loadClientConfig(configPath(args));
    const db = await openDatabase(config, { reuse: true });
    const t = await createTessera({ config, databaseUrl: db.url, jobWorkers: false });
    try {
      const password = await readPassword();
      const roles = option(args, '--roles')?.split(',').filter(Boolean) ?? [];
      const { id } = await t.auth!.createUser({ username, password, isAdmin: args.includes('--admin'), roles, fullName: option(args, '--name') });
      console.log(`Created user ${username} (id ${id})${args.includes('--admin') ? ' as an administrator' : ''}${roles.length ? ` with roles ${roles.join(', ')}` : ''}.`);
    } finally {
      await t.close();
      await db.embedded?.stop();
    }
  },
  /** tessera plugin new <name> [--dir DIR] */
  async plugin(args) {
    const [sub, name] = args;
    if (sub !== 'new' || !name) {
      console.log('usage: tessera plugin new <name> [--dir DIR]   (DIR defaults to plugins/)');
      process.exitCode = 2;
      return;
    }
    const out = scaffoldPlugin(name, option(args, '--dir'));
    console.log(`Created ${out.dir}:\n${out.files.map((f) => `  ${f}`).join('\n')}\n\nNext:\n  pnpm install\n  add "${name}" to "plugins" in tessera.config.json\n  pnpm test ${out.dir}`);
  },
};
