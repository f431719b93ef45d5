/** Further CLI commands, registered by name: `tessera <name> ...`. */
import { scaffoldPlugin } from './plugins/scaffold.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export const extraCommands: Record<string, (args: string[]) => Promise<void>> = {
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
