/** `tessera plugin new <name> [--dir DIR]`: scaffold a plugin with one entity and a test. */
import { scaffoldPlugin } from '../plugins/scaffold.js';
import { parse, UsageError } from './args.js';

export const PLUGIN_USAGE = 'tessera plugin new <name> [--dir DIR]   (DIR defaults to plugins/)';

export async function plugin(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { dir: { type: 'string' } });
  const [sub, name] = positionals;
  if (sub !== 'new' || !name) throw new UsageError(`usage: ${PLUGIN_USAGE}`);
  const out = scaffoldPlugin(name, values.dir as string | undefined);
  console.log(
    `Created ${out.dir}:\n${out.files.map((f) => `  ${f}`).join('\n')}\n\nNext:\n  pnpm install\n  add "${name}" to "plugins" in tessera.config.json\n  pnpm test ${out.dir}`,
  );
}
