/** Further CLI commands, registered by name (plugin scaffold, users). */
export const extraCommands: Record<string, (args: string[]) => Promise<void>> = {};
