/**
 * What background imports and exports run on: the files store (uploads, error files and
 * finished exports live there, so any server process can read them), the pg-boss queue (a job
 * survives a restart and runs in whichever process has workers), and the user a job runs as
 * (loaded again by id when the job starts, so a role changed meanwhile applies).
 */
import { randomUUID } from 'node:crypto';
import type { FileStorage } from '../files/storage.js';
import type { JobQueue } from '../jobs.js';
import type { CurrentUser } from '../plugin-api/index.js';

export const IMPORT_QUEUE = 'core.import';
export const EXPORT_QUEUE = 'core.export';

export interface DataIo {
  files: FileStorage;
  jobs: JobQueue;
  /** The active user with this id (undefined: gone or deactivated). */
  loadUser(id: number): Promise<CurrentUser | undefined>;
}

/** A fresh key of the files store ("ab/<uuid>"). */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}
