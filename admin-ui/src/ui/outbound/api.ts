/** The outbound endpoints (print formats, e-mail, files, notifications), same-origin with the session cookie. */
export interface PrintFormatInfo {
  id: string;
  label: string;
  labels?: Record<string, string>;
}
export interface FileInfo {
  id: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
  url: string;
}
export interface NotificationInfo {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  record_id: number | null;
  read_at: string | null;
  created_at: string;
}
export interface MessageInfo {
  id: number;
  kind: string;
  status: string;
  to?: string;
  subject: string | null;
  attempts: number;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

async function call<T>(method: string, url: string, body?: BodyInit, json?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: json !== undefined ? JSON.stringify(json) : body,
  });
  if (!res.ok) {
    const err = await res.json().catch(() => ({}));
    throw new Error(err?.error?.message ?? `${res.status} ${res.statusText}`);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

let formats: Promise<Record<string, PrintFormatInfo[]>> | undefined;
export const printFormats = () =>
  (formats ??= call<Record<string, PrintFormatInfo[]>>('GET', '/api/print/formats').catch((): Record<string, PrintFormatInfo[]> => {
    formats = undefined; // asked again next time (e.g. after signing in)
    return {};
  }));
export const pdfUrl = (path: string, id: unknown, download = false) => `${path}/${String(id)}/pdf${download ? '?download=1' : ''}`;
export const emailDocument = (path: string, id: unknown, body: Record<string, unknown>) =>
  call<MessageInfo>('POST', `${path}/${String(id)}/email`, undefined, body);
export const listMessages = (path: string, id: unknown) => call<{ data: MessageInfo[] }>('GET', `${path}/${String(id)}/messages`);
export const listFiles = (path: string, id: unknown) => call<{ data: FileInfo[] }>('GET', `${path}/${String(id)}/files`);
export function uploadFile(path: string, id: unknown, file: File): Promise<FileInfo> {
  const form = new FormData();
  form.append('file', file, file.name);
  return call<FileInfo>('POST', `${path}/${String(id)}/files`, form);
}
export const deleteFile = (id: number) => call<void>('DELETE', `/api/files/${id}`);
export const listNotifications = () => call<{ data: NotificationInfo[]; unread: number }>('GET', '/api/notifications?limit=20');
export const markRead = (id: number) => call<unknown>('POST', `/api/notifications/${id}/read`);
export const markAllRead = () => call<unknown>('POST', '/api/notifications/read-all');
