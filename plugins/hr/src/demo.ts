import type { DataContext } from '@tessera/core';

export async function loadDemo(_ctx: DataContext): Promise<void> {}
