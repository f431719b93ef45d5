/**
 * The background side of imports and exports: one files store and two pg-boss queues
 * (IMPORT_QUEUE, EXPORT_QUEUE) whose workers run in whichever process starts job workers.
 * Created once by buildHttp, before the queue starts.
 */
import type { DataService } from '../data/service.js';
import type { JobQueue } from '../jobs.js';
import type { AuthService } from '../auth/service.js';
import { defaultFilesRoot, LocalFileStorage } from '../files/storage.js';
import { EXPORT_QUEUE, IMPORT_QUEUE, type DataIo } from '../import/runtime.js';
import { runImportJob } from '../import/execute.js';
import { runExportJob } from '../export/jobs.js';

/** A job runs once (its transaction rolls back on failure); a crashed worker's job is retried when it expires. */
const JOB_OPTIONS = { retryLimit: 1, retryDelay: 5, expireInSeconds: 4 * 3600 };

export function createDataIo(service: DataService, jobs: JobQueue, auth: AuthService): DataIo {
  const io: DataIo = {
    files: new LocalFileStorage(defaultFilesRoot()),
    jobs,
    loadUser: (id) => auth.loadUser(id),
  };
  jobs.addCoreQueue(IMPORT_QUEUE, (data) => runImportJob(service, io, Number(data.batch)), JOB_OPTIONS);
  jobs.addCoreQueue(EXPORT_QUEUE, (data) => runExportJob(service, io, Number(data.job)), JOB_OPTIONS);
  return io;
}
