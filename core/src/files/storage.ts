/**
 * Where attachment bytes live. The core stores them on disk under TESSERA_DATA_DIR/files (keys
 * are random, never the uploaded name); an S3-compatible store implements the same four calls.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FileStorage {
  /** Stores the stream under key; resolves when it is durable. */
  put(key: string, content: Readable): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class LocalFileStorage implements FileStorage {
  constructor(readonly root: string) {}

  private path(key: string): string {
    if (!/^[a-f0-9]{2}\/[a-f0-9-]{36}$/.test(key)) throw new Error(`bad storage key ${key}`);
    return join(this.root, key);
  }

  async put(key: string, content: Readable): Promise<void> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    await pipeline(content, createWriteStream(p, { flags: 'wx', mode: 0o600 }));
  }

  async get(key: string): Promise<Readable> {
    return createReadStream(this.path(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      () => true,
      () => false,
    );
  }
}

export function defaultFilesRoot(): string {
  return resolve(process.env.TESSERA_DATA_DIR ?? resolve(process.cwd(), '.tessera'), 'files');
}
