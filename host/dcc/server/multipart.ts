// A small multipart/form-data reader (RFC 7578) for the threshold upload (dcc.md 11.2): named
// parts with their exact bytes. Binary-safe (parts are sliced from the body bytes); bounded.

/** Parts one upload may have (file, signature, user). */
export const MULTIPART_PARTS_MAX = 8;

export function boundaryOf(contentType: string): string | undefined {
  const match = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Named parts of a multipart body; undefined when it is malformed. */
export function parseMultipart(body: Buffer, boundary: string): Map<string, Buffer> | undefined {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts = new Map<string, Buffer>();
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  for (let i = 0; i <= MULTIPART_PARTS_MAX; i++) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts; // closing delimiter
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') return undefined;
    const headerEnd = body.indexOf('\r\n\r\n', pos + 2, 'latin1');
    if (headerEnd < 0) return undefined;
    const headers = body.subarray(pos + 2, headerEnd).toString('latin1');
    const name = /content-disposition:\s*form-data;[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n', 'latin1'), delimiter]), headerEnd + 4);
    if (name === undefined || next < 0) return undefined;
    parts.set(name, body.subarray(headerEnd + 4, next));
    pos = next + 2;
  }
  return undefined;
}
