// DLMS APDU and CHOICE tags used by GBCS Remote Party payloads (GBCS 5.1, 5.2, 9.1), as data.

/** First content byte of a DLMS payload (GBCS 5: "Content byte 0 identifies the APDU"). */
export const DLMS_APDU = [
  { tag: 0xd9, apdu: 'access-request' },
  { tag: 0xda, apdu: 'access-response' },
  { tag: 0x0f, apdu: 'data-notification' },
] as const;
export type DlmsApduName = (typeof DLMS_APDU)[number]['apdu'];

export function dlmsApduTag(apdu: DlmsApduName): number {
  const row = DLMS_APDU.find((a) => a.apdu === apdu);
  if (row === undefined) throw new Error(`no DLMS APDU ${apdu}`); // table invariant
  return row.tag;
}

export function dlmsApduByTag(tag: number): DlmsApduName | undefined {
  return DLMS_APDU.find((a) => a.tag === tag)?.apdu;
}

/** access-request-specification CHOICE (GBCS 5.1 table). `selective` = descriptor carries an
 * access selector and its parameters inline. */
export const ACCESS_REQUEST_KINDS = [
  { tag: 1, kind: 'get', member: 'attribute', selective: false },
  { tag: 2, kind: 'set', member: 'attribute', selective: false },
  { tag: 3, kind: 'action', member: 'method', selective: false },
  { tag: 4, kind: 'get-with-selection', member: 'attribute', selective: true },
  { tag: 5, kind: 'set-with-selection', member: 'attribute', selective: true },
] as const;
export type AccessRequestKind = (typeof ACCESS_REQUEST_KINDS)[number]['kind'];

/** access-response-specification CHOICE (GBCS 5.2): get/set carry a data-access-result,
 * action an action-result. */
export const ACCESS_RESPONSE_KINDS = [
  { tag: 1, kind: 'get', resultTable: 'data-access' },
  { tag: 2, kind: 'set', resultTable: 'data-access' },
  { tag: 3, kind: 'action', resultTable: 'action' },
] as const;
export type AccessResponseKind = (typeof ACCESS_RESPONSE_KINDS)[number]['kind'];

/** OPTIONAL presence flag of A-XDR. */
export const AXDR_OPTIONAL_ABSENT = 0x00;
export const AXDR_OPTIONAL_PRESENT = 0x01;

/** long-invoke-id-and-priority is 4 bytes (GBCS 2.1 rule 2). */
export const LONG_INVOKE_ID_BYTES = 4;
/** GBCS 2.1 rule 2: low 24 bits carry the originator counter; 0x20 in the top byte. */
export const INVOKE_ID_COUNTER_MASK = 0xffffff;
export const CLASS_ID_BYTES = 2;
export const OBIS_BYTES = 6;
