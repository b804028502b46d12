import { encodeAxdr, type AxdrData } from '../../gbcs/payload/axdr.js';
import { MESSAGE_CODES } from '../../gbcs/tables/message-codes.js';
import { ROLE } from '../status.js';
import { scriptAlertInput } from '../local-inputs.js';
import { POWER_EVENT, powerEventInput } from '../world/power.js';

// The device-initiated events behind the reference ESME's NA_ alert folders (devices.md R.9,
// R.12: "only by scripting the event with those values"), as data: the conformance runner
// delivers them as LOCAL inputs to a fresh reference ESME and grades the alerts it raises. The
// alerts' counters start where each scenario's did (R.9). Recipients are the reference headers'
// [D]: the network operator for ECS80, the supplier for the others. Not scripted: ECS68 (its body
// is an encrypted billing-data-log entry the device would have to produce from its log).

export type ReferenceEvent =
  | {
    kind: 'alert'; useCase: string; alertCode: number; recipientRole: number; items: readonly AxdrData[];
    supplementaryEui?: string; supplementaryCounter?: bigint;
  }
  | { kind: 'power'; event: (typeof POWER_EVENT)[keyof typeof POWER_EVENT]; atMs: number }
  /** Any other LOCAL input (host/local-inputs.ts), e.g. a firmware activation (reference-han-events.ts). */
  | { kind: 'local'; what: string; input: Uint8Array };

export interface ReferenceEventScript {
  /** R.9: the counter of the scenario's first alert. */
  firstAlertCounter: bigint;
  events: readonly ReferenceEvent[];
}

const u8 = (value: number): AxdrData => ({ type: 'unsigned', value });
const os = (hex: string): AxdrData => ({ type: 'octet-string', value: Uint8Array.from(Buffer.from(hex, 'hex')) });
const utf8 = (text: string): AxdrData => ({ type: 'utf8-string', value: Uint8Array.from(Buffer.from(text, 'utf8')) });
/** DLMS date-time of a UTC instant, weekday FF, deviation 8000, status FF (R.1). */
const dateTime = (ms: number): AxdrData => {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return { type: 'octet-string', value: Uint8Array.of(y >> 8, y & 0xff, d.getUTCMonth() + 1, d.getUTCDate(), 0xff, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0, 0x80, 0, 0xff) };
};
const JAN_1 = Date.UTC(2015, 0, 1);
const FEB_1 = Date.UTC(2015, 1, 1);

/** By the use case of the NA_ folder. */
export const REFERENCE_ESME_EVENTS: Readonly<Record<string, ReferenceEventScript>> = {
  ECS80: { // supply outage 23:50 - 23:59, restored alert 0x8F36 (>= 3 minutes) at the clock
    firstAlertCounter: 0x7d3n,
    events: [
      { kind: 'power', event: POWER_EVENT.SUPPLY_LOST, atMs: Date.UTC(2014, 11, 31, 23, 50) },
      { kind: 'power', event: POWER_EVENT.SUPPLY_RESTORED, atMs: Date.UTC(2014, 11, 31, 23, 59) },
    ],
  },
  ECS101: { // APC limit processed: INPUT, then OUTPUT
    firstAlertCounter: 0x7d0n,
    events: [
      { kind: 'alert', useCase: 'ECS101', alertCode: 0x8f86, recipientRole: ROLE.SUPPLIER, items: [u8(35), dateTime(JAN_1), dateTime(FEB_1), u8(100)] },
      { kind: 'alert', useCase: 'ECS101', alertCode: 0x8f86, recipientRole: ROLE.SUPPLIER, items: [u8(21), dateTime(JAN_1), dateTime(FEB_1), u8(10)] },
    ],
  },
  ECS102: { // APC limit ended (the ESME's INPUT file; the OUTPUT file is the SAPC's)
    firstAlertCounter: 0x7d0n,
    events: [{ kind: 'alert', useCase: 'ECS102', alertCode: 0x8f87, recipientRole: ROLE.SUPPLIER, items: [u8(33), u8(10)] }],
  },
  ECS200: { // APC operational update, naming the role-8 party as supplementary remote party
    firstAlertCounter: 0x7d3n,
    events: [{
      kind: 'alert', useCase: 'ECS200', alertCode: 0x8f88, recipientRole: ROLE.SUPPLIER, supplementaryEui: '90B3D51F30010008',
      items: [utf8('{"outputState":"100","inputState":"0","other-data":""}')],
    }],
  },
  'GNCA-DLMS': { // 0x810E credit added locally (generic non-critical alert)
    firstAlertCounter: 0x7d0n,
    events: [{ kind: 'alert', useCase: 'GNCA-DLMS', alertCode: 0x810e, recipientRole: ROLE.SUPPLIER, items: [] }],
  },
  'MIIWA-DLMS': { // 0x81A0 meter integrity issue, other-info 0005 = unexpected reset (GBCS 9.2)
    firstAlertCounter: 0x7d0n,
    events: [{ kind: 'alert', useCase: 'MIIWA-DLMS', alertCode: 0x81a0, recipientRole: ROLE.SUPPLIER, items: [os('0005')] }],
  },
};

/** The LOCAL input of one event; power events need the firmware's LOCAL_POWER_EVENT kind. */
export function referenceEventInput(event: ReferenceEvent, powerEventKind: number): Uint8Array {
  if (event.kind === 'power') return powerEventInput(powerEventKind, event.event, event.atMs);
  if (event.kind === 'local') return event.input;
  const row = MESSAGE_CODES.find((r) => r.useCase === event.useCase && r.kind === 'alert');
  if (row === undefined) throw new RangeError(`no alert message code for ${event.useCase}`);
  return scriptAlertInput(event.alertCode, row.code, event.recipientRole, event.items.map((i) => encodeAxdr(i)), event.supplementaryEui, event.supplementaryCounter);
}
