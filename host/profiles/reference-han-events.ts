import type { AxdrData } from '../../gbcs/payload/axdr.js';
import { fromHex } from '../../gbcs/crypto/bytes.js';
import { ROLE } from '../status.js';
import { firmwareActivatedInput, scriptAlertInput } from '../local-inputs.js';
import type { ReferenceEventScript } from './reference-esme-events.js';

// The device-initiated events behind the NA_ alert folders of the reference CHF `…A2`, PPMID `…A4`
// and SAPC `…A6` (devices.md Appendix S, 8.3, 8.4), as data, like reference-esme-events.ts for the
// ESME: the conformance runner delivers them as LOCAL inputs to a fresh profiled device and grades
// the alerts it raises. Values are the [D] ones Appendix S lists; the recipients are the reference
// headers' (the CHF's and the PPMID's DCC alerts go to the ACB, GBCS 9.1; the SAPC's to the
// supplier, ECS100 also to the ACB naming the supplier as supplementary remote party). Counters
// start where Appendix S says (CHF 0xFA0, PPMID 0x1388, SAPC 0x7D0).

const u8 = (value: number): AxdrData => ({ type: 'unsigned', value });
const os = (hex: string): AxdrData => ({ type: 'octet-string', value: fromHex(hex) });
const structure = (...items: AxdrData[]): AxdrData => ({ type: 'structure', items });
/** 2015-01-01 00:00:00 as a DLMS date-time (R.1: weekday FF, deviation 8000, status FF). */
const JAN_1 = '07DF0101FF000000008000FF';
const CHF_FIRST_ALERT_COUNTER = 0xfa0n;
const PPMID_FIRST_ALERT_COUNTER = 0x1388n;
const SAPC_FIRST_ALERT_COUNTER = 0x7d0n;
/** S.2: the reference GSME's alerts count from 0x0BB8. */
const GSME_FIRST_ALERT_COUNTER = 0xbb8n;
/** GBCS 3 / RTDS headers: the supplier of the reference SAPC's ECS100 supplementary alert, and its counter [D]. */
const SUPPLIER_EUI = '90B3D51F30010000';
const ECS100_SUPPLEMENTARY_COUNTER = 200_000n;

const chfAlert = (useCase: string, alertCode: number, items: AxdrData[]): ReferenceEventScript => ({
  firstAlertCounter: CHF_FIRST_ALERT_COUNTER,
  events: [{ kind: 'alert', useCase, alertCode, recipientRole: ROLE.ACB, items }],
});

/** ECS100 0x8F85 "command not supported": the refused command's message code 0x0012 and counter 100 000 [D]. */
const ECS100_ITEMS: AxdrData[] = [os('001200000000000186A0')];

/**
 * A GSME GBZ alert (gbcs.md 6.1: N = 01 and one alert-specific block when `dataHex` is not empty),
 * to the supplier as the reference headers say, at the device clock (2015-01-01 00:00:00, S.2).
 * The block is raw bytes, not A-XDR items, so the input is built here (alerts/scripted.ts
 * scriptedGbzAlert takes it verbatim).
 */
const gsmeAlert = (useCase: string, alertCode: number, messageCode: number, dataHex: string): ReferenceEventScript => ({
  firstAlertCounter: GSME_FIRST_ALERT_COUNTER,
  events: [{
    kind: 'local', what: `${useCase} 0x${alertCode.toString(16).toUpperCase()}`,
    input: scriptAlertInput(alertCode, messageCode, ROLE.SUPPLIER, dataHex === '' ? [] : [fromHex(dataHex)]),
  }],
});

/** By device type, then by the use case of the NA_ folder. */
export const REFERENCE_HAN_EVENTS: Readonly<Partial<Record<string, Readonly<Record<string, ReferenceEventScript>>>>> = {
  CHF: {
    // S.3: the device log changed (a device joined): the log as backup_PAN renders it.
    CS14: chfAlert('CS14', 0x8f12, [structure(
      os(JAN_1), os('0001020304050607'),
      { type: 'array', items: [
        structure(os('00DB1234567890A0'), os('83FED3407A939723A5C639B26916D506')),
        structure(os('00DB1234567890A1'), os('83FED3407A939723A5C639B26916D505')),
      ] },
    )]),
    DBCH06: chfAlert('DBCH06', 0x8f20, [os('00DB1234567890A1')]), // duty-cycle action on the GSME's link
    DBCH07: chfAlert('DBCH07', 0x8f26, [structure({ type: 'bit-string', bitCount: 32, value: fromHex('E0000001') }, os('00'))]), // S.3 channel
    DBCH08: chfAlert('DBCH08', 0x8f28, [structure(os('00'), os('00'))]), // scan assessment as chf/alerts.ts sends it
    DBCH10: chfAlert('DBCH10', 0x8f2c, [os('90B3D51F3001000000DB1234567890A00100000000000003E8')]), // the discarded message
  },
  GSME: {
    // devices 7 row 5 / S.2: the image whose hash is 32 x A1 verified: 0x8F72, block 09 20 + hash (gbcs.md 6.1).
    'FDRA-ZigBee': gsmeAlert('FDRA-ZigBee', 0x8f72, 0x00cf, `0920${'A1'.repeat(32)}`),
    // devices 1 row 7: a command from a role without authority: 0x8F30, nothing after the time.
    'GCA-ZigBee': gsmeAlert('GCA-ZigBee', 0x8f30, 0x1000, ''),
    // 0x81A0 meter integrity warning, other-info 0x0005 unexpected reset (gbcs.md 6.1, 9.2).
    'MIIWA-ZigBee': gsmeAlert('MIIWA-ZigBee', 0x81a0, 0x00f2, '0005'),
  },
  PPMID: {
    // devices 8.3: the PPMID activates firmware 12 34 AB CD and sends CS09 {0x8F8B, time, version, 0}.
    CS09: { firstAlertCounter: PPMID_FIRST_ALERT_COUNTER, events: [{ kind: 'local', what: 'FIRMWARE_ACTIVATED 1234ABCD', input: firmwareActivatedInput('1234ABCD') }] },
  },
  SAPC: {
    ECS100: {
      firstAlertCounter: SAPC_FIRST_ALERT_COUNTER,
      events: [
        { kind: 'alert', useCase: 'ECS100', alertCode: 0x8f85, recipientRole: ROLE.SUPPLIER, items: ECS100_ITEMS },
        {
          kind: 'alert', useCase: 'ECS100', alertCode: 0x8f85, recipientRole: ROLE.ACB, items: ECS100_ITEMS,
          supplementaryEui: SUPPLIER_EUI, supplementaryCounter: ECS100_SUPPLEMENTARY_COUNTER,
        },
      ],
    },
    // S.3: APC output 17 at level 100 ended (the OUTPUT file; the INPUT file is the ESME's).
    ECS102: { firstAlertCounter: SAPC_FIRST_ALERT_COUNTER, events: [{ kind: 'alert', useCase: 'ECS102', alertCode: 0x8f87, recipientRole: ROLE.SUPPLIER, items: [u8(17), u8(100)] }] },
  },
};
