/**
 * Upload rules: the content types accepted (an allowlist, checked against the file's first
 * bytes where the type has a signature), names made safe to show and to download (no path,
 * no control or shell characters, no leading dot), and extensions that run code refused.
 */
export const DEFAULT_ALLOWED_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
];
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const EXECUTABLE = /\.(exe|com|bat|cmd|scr|pif|msi|msp|dll|vbs|vbe|js|jse|mjs|ws|wsf|wsh|ps1|psm1|sh|bash|jar|app|html?|xhtml|svg|hta|lnk|reg|cpl|iso)$/i;

const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'application/zip': (b) => b[0] === 0x50 && b[1] === 0x4b,
};

export function typeAllowed(type: string, allowed: string[]): boolean {
  return allowed.some((a) => a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1))));
}

/** Whether the first bytes agree with the declared type (types without a signature pass). */
export function contentMatches(type: string, head: Buffer): boolean {
  const check = SIGNATURES[type];
  return !check || check(head);
}

/** A name safe to store and to send back in Content-Disposition; undefined when it would run code. */
export function safeUploadName(raw: string): { name: string } | { refused: string } {
  let name = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced
  name = name
    .replace(/[\u0000-\u001f\u007f"<>:|?*`$;&]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (name.length > 180) {
    const ext = /\.[^.]{1,10}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, 180 - ext.length) + ext;
  }
  if (!name) name = 'file';
  if (EXECUTABLE.test(name)) return { refused: `"${name}" has an extension that runs code` };
  return { name };
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'file';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
