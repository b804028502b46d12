// Every GBCS message code (GBCS 3): the 187 found in the RTDS 4.5.0 reference data plus the codes
// GBCS defines that the data lacks. One row per code; encoders, decoders, the CLI and the tests
// all read this table (STYLE.md "Table-driven protocol constants").
//
// How the columns were filled:
// - useCase, title: GBCS 3. Alert codes that belong to no single use case get the RTDS folder
//   name (GNCA-DLMS, MIIWA-ZigBee, FDRA-ZigBee, GCA-ZigBee, MIIWA-DLMS) or, where RTDS has no
//   folder, a name of ours in the same style: FDEA-* future-dated execution alert, FDUSCA
//   future-dated update-security-credentials alert, FDFAA future-dated firmware activation
//   alert, FTDA failure-to-deliver alert.
// - critical: for codes in the data, the evidence of GBCS 4.1 (a PRECOMMAND exists, or the
//   command, response or alert carries a signature); it agrees with the catalogue's Message
//   Type everywhere the catalogue has SME.C.C/SME.C.NC/SME.A.C/SME.A.NC. CS02a (0x0008) is a
//   variant use case, MAC-only in its SUCCESS form, and is marked non-critical. CS02b ACB-by-ACB
//   (0x0104) is marked critical because its response is signed, although its command is not:
//   unsignedCommand says so (GBCS 4.1 exception), and the device then checks only the MAC.
//   For codes absent from the data: the catalogue's Message Type, future-dated and firmware
//   receipt alerts as their present siblings, CS02b modes as the present ones; ECS30 and ECS46c,
//   absent from both, as their SRV (6.8, 6.14.2: critical, dcc.md 4). ECS26f (0x0040, between
//   ECS26e and ECS27) is our reading of the gap in the numbering [A].
// - payload: derived from the reference content (first byte D9/DA/0F = DLMS, 01 09 = GBZ per
//   GBCS 6.1, a DER tag = ASN.1 per GBCS 7); for absent codes from the device family.
// - devices: the device EUIs of the reference headers (LC = the `…A6` load / auxiliary
//   controller, GBCS 0); for absent codes from the use-case prefix, plus the GPF for the gas
//   reads it serves from its mirror (devices.md 6.3: GCS13a/c, GCS16b, GCS17, GCS21f, which the
//   DUIS templates address to the GPF) and GPF-only GCS59 (restore the GPF device log: ASN.1, the
//   list CS07 reads, assembly/gpf/device-log-restore.ts [A]); CS07 reads the GPF's device log too
//   (catalogue: "which Devices in the HAN a Device is communicating with") [A]; CS02b
//   NO-by-NO (0x0103) also serves the ESME, where the network operator holds cells too (the DUIS
//   6.15.1 template addresses `…A0`).
// - inRtds: false marks rows whose kind/payload/devices are not confirmed by reference data.

export type PayloadKind = 'dlms' | 'gbz' | 'asn1';
export type DeviceType = 'ESME' | 'GSME' | 'CHF' | 'GPF' | 'PPMID' | 'HCALCS' | 'LC';

export interface MessageCodeRow {
  readonly code: number;
  readonly useCase: string;
  readonly title: string;
  /** 'command' codes travel as COMMAND/PRECOMMAND and RESPONSE; 'alert' codes only as ALERT. */
  readonly kind: 'command' | 'alert';
  readonly critical: boolean;
  readonly payload: PayloadKind;
  readonly devices: readonly DeviceType[];
  readonly inRtds: boolean;
  /** A HAN-only message (catalogue 'HAN Only Message'): PPMID/HCALCS to meter, MACed with
   *  device-to-device keys rather than remote-party keys (GBCS 14 trap 18). */
  readonly hanOnly?: boolean;
  /** A critical use case whose command is MAC-only, not signed, while its response is signed
   *  (GBCS 4.1 exception: CS02b ACB-by-ACB, 0x0104). */
  readonly unsignedCommand?: boolean;
}

export const MESSAGE_CODES = [
  { code: 0x0001, useCase: 'CCS01', title: 'Add device to CHF device log', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0002, useCase: 'CCS02', title: 'Remove device from CHF log', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0003, useCase: 'CCS03', title: 'Restore CHF device log', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0007, useCase: 'CS01a', title: 'Prepayment top-up ESME', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0008, useCase: 'CS02a', title: 'Provide security credential details', kind: 'command', critical: false, payload: 'asn1', devices: ['CHF', 'ESME', 'GSME'], inRtds: true },
  { code: 0x000a, useCase: 'CS02c', title: 'Issue security credentials', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME'], inRtds: true },
  { code: 0x000b, useCase: 'CS02d', title: 'Update device certificate', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME'], inRtds: true },
  { code: 0x000c, useCase: 'CS02e', title: 'CS02e', kind: 'command', critical: false, payload: 'asn1', devices: ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS'], inRtds: false },
  { code: 0x000d, useCase: 'CS03A1', title: 'Method A join (meter)', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME'], inRtds: true },
  { code: 0x000e, useCase: 'CS03B', title: 'Method B join', kind: 'command', critical: false, payload: 'asn1', devices: ['GSME'], inRtds: true },
  { code: 0x000f, useCase: 'CS04AC', title: 'Method A/C unjoin', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME', 'GSME', 'PPMID'], inRtds: true },
  { code: 0x0010, useCase: 'CS04B', title: 'Method B unjoin', kind: 'command', critical: false, payload: 'asn1', devices: ['GSME'], inRtds: true },
  { code: 0x0012, useCase: 'CS06', title: 'Activate firmware', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS'], inRtds: false },
  { code: 0x0013, useCase: 'CS07', title: 'Read device join details', kind: 'command', critical: false, payload: 'asn1', devices: ['GSME', 'GPF'], inRtds: true },
  { code: 0x0014, useCase: 'CS10a', title: 'Read ZigBee device event log', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0015, useCase: 'CS11', title: 'Clear ZigBee device event log', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0018, useCase: 'CS14', title: 'HAN whitelist alert', kind: 'alert', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0019, useCase: 'ECS01a', title: 'Set tariff & price ESME', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x001a, useCase: 'ECS02', title: 'Payment mode → credit', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x001b, useCase: 'ECS03', title: 'ECS03', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x001c, useCase: 'ECS04a', title: 'Adjust meter balance', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x001d, useCase: 'ECS05', title: 'Reset tariff block counter matrix', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x001e, useCase: 'ECS07', title: 'Manage debt ESME', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x001f, useCase: 'ECS08', title: 'Update prepayment config ESME', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0020, useCase: 'ECS09', title: 'ECS09', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0021, useCase: 'ECS10', title: 'Send message to ESME', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0022, useCase: 'ECS12', title: 'ECS12', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0023, useCase: 'ECS14', title: 'Disable privacy PIN ESME', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0024, useCase: 'ECS15a', title: 'ECS15a', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0025, useCase: 'ECS16', title: 'Write supplier contact details', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0026, useCase: 'ECS17a', title: 'Read export energy', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0027, useCase: 'ECS17b', title: 'Read import energy', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0028, useCase: 'ECS17c', title: 'Read power', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0029, useCase: 'ECS17d', title: 'Read TOU registers', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x002a, useCase: 'ECS17e', title: 'Read TOU-with-blocks', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x002b, useCase: 'ECS18a', title: 'Max demand export', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x002c, useCase: 'ECS18b', title: 'Max demand import', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x002d, useCase: 'ECS19', title: 'Read prepayment registers', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x002e, useCase: 'ECS20a', title: 'Billing log (payment debt)', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x002f, useCase: 'ECS20b', title: 'Billing log (mode/tariff change)', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0030, useCase: 'ECS20c', title: 'Billing log (calendar)', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0033, useCase: 'ECS21a', title: 'Daily read log', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0034, useCase: 'ECS21b', title: 'Prepayment daily read log', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0035, useCase: 'ECS21c', title: 'Daily read log export', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0036, useCase: 'ECS22a', title: 'HH profile export', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0037, useCase: 'ECS22b', title: 'HH profile active import', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0038, useCase: 'ECS22c', title: 'HH profile reactive import', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0039, useCase: 'ECS23', title: 'Voltage operational data', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x003a, useCase: 'ECS24', title: 'Read tariff data', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x003b, useCase: 'ECS26a', title: 'Config prepayment', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x003c, useCase: 'ECS26b', title: 'Config voltage', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x003d, useCase: 'ECS26c', title: 'Config randomisation', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x003e, useCase: 'ECS26d', title: 'Config billing calendar', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x003f, useCase: 'ECS26e', title: 'Config device identity', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0040, useCase: 'ECS26f', title: 'Config instantaneous power thresholds', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0042, useCase: 'ECS27', title: 'ECS27', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0043, useCase: 'ECS28a', title: 'Load limit config', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0044, useCase: 'ECS28b', title: 'Load limit counter reset', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0045, useCase: 'ECS29a', title: 'Voltage config', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0046, useCase: 'ECS30', title: 'Set billing calendar', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0047, useCase: 'ECS34', title: 'ECS34', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0048, useCase: 'ECS35a', title: 'Read ESME event log', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0049, useCase: 'ECS35b', title: 'Read ESME security log', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x004a, useCase: 'ECS37', title: 'Set MD period', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x004b, useCase: 'ECS38', title: 'ECS38', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x004c, useCase: 'ECS39a', title: 'Set MPAN', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x004d, useCase: 'ECS39b', title: 'Set export MPAN', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x004e, useCase: 'ECS40', title: 'Read MPAN', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x004f, useCase: 'ECS42', title: 'Close load switch', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0050, useCase: 'ECS43', title: 'Open load switch', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0051, useCase: 'ECS44', title: 'Arm', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0052, useCase: 'ECS45', title: 'Read load switch status', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0053, useCase: 'ECS46a', title: 'Set HC ALCS/ALCS labels', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0054, useCase: 'ECS46c', title: 'Set ALCS scheduler', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0055, useCase: 'ECS47', title: 'Set/reset ALCS state', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0058, useCase: 'ECS50', title: 'Send CIN to ESME', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0059, useCase: 'ECS52', title: 'Read ESME/CH firmware version', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x005a, useCase: 'ECS57', title: 'Reset MD registers', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x005e, useCase: 'ECS61c', title: 'Read boost button data', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x005f, useCase: 'ECS62', title: 'Set ALCS/boost association', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0060, useCase: 'ECS66', title: 'Daily consumption log', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0061, useCase: 'ECS68', title: 'Billing data log alert', kind: 'alert', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0062, useCase: 'ECS70', title: 'Set clock ESME', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0067, useCase: 'ECS80', title: 'Supply outage restore alert', kind: 'alert', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0068, useCase: 'ECS81', title: 'Set supply tamper state', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0069, useCase: 'ECS82', title: 'Read meter balance ESME', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x006b, useCase: 'GCS01a', title: 'Set tariff & price GSME', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x006c, useCase: 'GCS02', title: 'GSME mode → credit', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x006d, useCase: 'GCS03', title: 'GSME mode → prepayment', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x006e, useCase: 'GCS04', title: 'Manage debt GSME', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x006f, useCase: 'GCS05', title: 'Prepayment config GSME', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0070, useCase: 'GCS06', title: 'GCS06', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: false },
  { code: 0x0071, useCase: 'GCS07', title: 'Send message GSME', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0072, useCase: 'GCS09', title: 'Change of tenancy GPF', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF'], inRtds: true },
  { code: 0x0073, useCase: 'GCS11', title: 'Disable privacy PIN GSME', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0074, useCase: 'GCS13a', title: 'GCS13a', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF', 'GSME'], inRtds: false },
  { code: 0x0075, useCase: 'GCS14', title: 'Read GSME prepayment registers', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF', 'GSME'], inRtds: true },
  { code: 0x0076, useCase: 'GCS15c', title: 'GCS15c', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: false },
  { code: 0x0077, useCase: 'GCS16a', title: 'GSME daily read log', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0078, useCase: 'GCS17', title: 'GCS17', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF', 'GSME'], inRtds: false },
  { code: 0x0079, useCase: 'GCS18', title: 'Gas network data log', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x007b, useCase: 'GCS21a', title: 'Gas config data', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x007c, useCase: 'GCS23', title: 'Set CV & conversion factor', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x007d, useCase: 'GCS24', title: 'Uncontrolled flow & tamper', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x007e, useCase: 'GCS25', title: 'Billing calendar GSME', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x007f, useCase: 'GCS28', title: 'Set clock GSME', kind: 'command', critical: true, payload: 'asn1', devices: ['GSME'], inRtds: true },
  { code: 0x0080, useCase: 'GCS31', title: 'Start network data log', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0081, useCase: 'GCS32', title: 'Close valve', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0082, useCase: 'GCS33', title: 'Read valve status', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0083, useCase: 'GCS36', title: 'Send CIN to GSME', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0084, useCase: 'GCS38', title: 'GCS38', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: false },
  { code: 0x0085, useCase: 'GCS39', title: 'Arm valve', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0086, useCase: 'GCS40a', title: 'Adjust prepay balance GSME', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0087, useCase: 'GCS41', title: 'Set MPRN', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0088, useCase: 'GCS44', title: 'Write contact details GSME', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0089, useCase: 'GCS46', title: 'Read MPRN', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x008b, useCase: 'GCS53', title: 'GCS53', kind: 'alert', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: false },
  { code: 0x008c, useCase: 'GCS59', title: 'GCS59', kind: 'command', critical: false, payload: 'asn1', devices: ['GPF'], inRtds: false },
  { code: 0x008d, useCase: 'GCS60', title: 'Read meter balance GSME', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x0090, useCase: 'PCS02', title: 'PCS02', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: false, hanOnly: true },
  { code: 0x0092, useCase: 'ECS26i', title: 'CHF identity', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0093, useCase: 'ECS35c', title: 'Read CHF event log', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0094, useCase: 'ECS35d', title: 'ECS35d', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x0096, useCase: 'GCS16b', title: 'GCS16b', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF', 'GSME'], inRtds: false },
  { code: 0x0097, useCase: 'CS01b', title: 'Prepayment top-up GSME', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x009b, useCase: 'PCS01', title: 'Top-up GSME via PPMID', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true, hanOnly: true },
  { code: 0x009d, useCase: 'GCS21d', title: 'GSME billing calendar', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x009e, useCase: 'GCS21e', title: 'GSME/GPF identity', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x009f, useCase: 'GCS21f', title: 'GCS21f', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF', 'GSME'], inRtds: false },
  { code: 0x00a0, useCase: 'GCS61', title: 'GCS61', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF'], inRtds: false },
  { code: 0x00a1, useCase: 'CS10b', title: 'Read ZigBee security log', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00a2, useCase: 'ECS01b', title: 'Set price ESME', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00a3, useCase: 'GCS01b', title: 'Set price GSME', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00ab, useCase: 'CS03A2', title: 'Method A join (non-meter)', kind: 'command', critical: true, payload: 'asn1', devices: ['HCALCS', 'PPMID'], inRtds: true },
  { code: 0x00ac, useCase: 'ECS25a', title: 'ECS25a', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x00ad, useCase: 'GCS20', title: 'Alert behaviours GSME', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00ae, useCase: 'ECS29b', title: 'Voltage config 3ph', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00af, useCase: 'CS03C', title: 'Method C join', kind: 'command', critical: true, payload: 'asn1', devices: ['GSME', 'PPMID'], inRtds: true },
  { code: 0x00b0, useCase: 'ECS25b', title: 'Alert behaviours NO', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00b2, useCase: 'GCS62', title: 'GCS62', kind: 'alert', critical: false, payload: 'gbz', devices: ['GPF'], inRtds: false },
  { code: 0x00b3, useCase: 'ECS04b', title: 'Reset meter balance', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00b4, useCase: 'GCS40b', title: 'GCS40b', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: false },
  { code: 0x00b5, useCase: 'GCS21b', title: 'GSME prepayment config', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00b6, useCase: 'GCS13c', title: 'GCS13c', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF', 'GSME'], inRtds: false },
  { code: 0x00b7, useCase: 'ECS01c', title: 'Tariff secondary element', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00b8, useCase: 'GCS13b', title: 'GSME block counters', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF', 'GSME'], inRtds: true },
  { code: 0x00b9, useCase: 'ECS35e', title: 'Power event log', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00ba, useCase: 'ECS35f', title: 'ALCS event log', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00bb, useCase: 'ECS61a', title: 'Read HC ALCS/ALCS data', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00bc, useCase: 'ECS23b', title: 'Voltage data 3ph', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00bd, useCase: 'ECS24b', title: 'Tariff data 2nd element', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00be, useCase: 'ECS26j', title: 'Payment mode', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00bf, useCase: 'GCS21j', title: 'GCS21j', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: false },
  { code: 0x00c0, useCase: 'GCS40c', title: 'GCS40c', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: false },
  { code: 0x00c1, useCase: 'ECS15c', title: 'Clear ALCS event log', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00c2, useCase: 'GCS40d', title: 'Reset credit-mode balance', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00c3, useCase: 'GCS15b', title: 'GSME billing log (mode/tariff)', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00c4, useCase: 'GCS15d', title: 'GSME billing log (debt)', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00c5, useCase: 'GCS15e', title: 'GSME billing log (credits)', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00c6, useCase: 'ECS26k', title: 'ECS26k', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x00c7, useCase: 'ECS01d', title: 'Price secondary element', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00c9, useCase: 'ECS20d', title: 'Billing log (credits)', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00ca, useCase: 'FDFAA', title: 'Future-dated firmware activation alert', kind: 'alert', critical: true, payload: 'asn1', devices: ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS'], inRtds: false },
  { code: 0x00cb, useCase: 'FDUSCA', title: 'Future-dated update-security-credentials alert', kind: 'alert', critical: true, payload: 'asn1', devices: ['ESME'], inRtds: true },
  { code: 0x00cc, useCase: 'FDEA-DLMS', title: 'Future-dated execution alert (DLMS)', kind: 'alert', critical: true, payload: 'dlms', devices: ['ESME', 'LC'], inRtds: true },
  { code: 0x00cd, useCase: 'FDEA-ZigBee', title: 'Future-dated execution alert (GBZ)', kind: 'alert', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00ce, useCase: 'FDRA-DLMS', title: 'Firmware distribution receipt alert (ESME)', kind: 'alert', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x00cf, useCase: 'FDRA-ZigBee', title: 'Firmware distribution receipt alert (GSME)', kind: 'alert', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00d1, useCase: 'ECS29c', title: 'Voltage config, no counter reset', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00d2, useCase: 'ECS29d', title: 'Same, polyphase', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00d3, useCase: 'ECS29e', title: 'ECS29e', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x00d4, useCase: 'ECS29f', title: 'Reset RMS voltage counters 3ph', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00d5, useCase: 'FTDA', title: 'Failure-to-deliver alert (0x8F84)', kind: 'alert', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: false },
  { code: 0x00d7, useCase: 'ECS30a', title: 'Billing calendar all periodicities', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00d8, useCase: 'GCS25a', title: 'Same GSME', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00d9, useCase: 'ECS26l', title: 'ECS26l', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x00da, useCase: 'GCS21k', title: 'GSME billing calendar (all)', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00db, useCase: 'ECS48', title: 'Daily block counter reset config', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00de, useCase: 'ECS08a', title: 'Update prepayment config', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00ea, useCase: 'ECS25a1', title: 'Event behaviours → HAN', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00eb, useCase: 'ECS25a2', title: 'Event behaviours audible', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00ec, useCase: 'ECS25a3', title: 'Event behaviours logging', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00ed, useCase: 'ECS25b3', title: 'ECS25b3', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x00ee, useCase: 'ECS25r1', title: 'Read behaviours (Supplier)', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00ef, useCase: 'ECS25r2', title: 'Read behaviours (NO)', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00f0, useCase: 'MIIWA-DLMS', title: 'Meter integrity warning alert ESME', kind: 'alert', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00f1, useCase: 'GCS20r', title: 'Read behaviours GSME', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00f2, useCase: 'MIIWA-ZigBee', title: 'Meter integrity warning alert GSME', kind: 'alert', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00f9, useCase: 'ECS26m', title: 'Identity/type/tamper', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x00fa, useCase: 'ECS26n', title: 'CH identity & type', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x00fb, useCase: 'GCS21m', title: 'GSME identity/type/tamper', kind: 'command', critical: false, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x00fc, useCase: 'GCS24a', title: 'GCS24a', kind: 'command', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: false },
  { code: 0x00fd, useCase: 'ECS35g', title: 'ECS35g', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: false },
  { code: 0x00fe, useCase: 'CCS07', title: 'Read CHF device logs', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0100, useCase: 'CS02b', title: 'Other replacement mode (0)', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME', 'GSME', 'CHF', 'GPF'], inRtds: false },
  { code: 0x0101, useCase: 'CS02b', title: 'Other replacement mode (1)', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME', 'GSME', 'CHF', 'GPF'], inRtds: false },
  { code: 0x0102, useCase: 'CS02b', title: 'SupplierBySupplier', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME', 'GPF'], inRtds: true },
  { code: 0x0103, useCase: 'CS02b', title: 'NetworkOperatorByNetworkOperator', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME', 'GPF'], inRtds: true },
  { code: 0x0104, useCase: 'CS02b', title: 'AccessControlBrokerByACB', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME'], inRtds: true, unsignedCommand: true },
  { code: 0x0105, useCase: 'CS02b', title: 'WAN provider by WAN provider', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME', 'GSME', 'CHF', 'GPF'], inRtds: false },
  { code: 0x0106, useCase: 'CS02b', title: 'TransCoSByTransCoS', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME'], inRtds: true },
  { code: 0x0107, useCase: 'CS02b', title: 'SupplierByTransCoS', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME'], inRtds: true },
  { code: 0x0108, useCase: 'CS02b', title: 'AnyExceptAbnormalRootByRecovery', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME'], inRtds: true },
  { code: 0x0109, useCase: 'CS02b', title: 'AnyByContingency', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME', 'GSME', 'CHF', 'GPF'], inRtds: false },
  { code: 0x010a, useCase: 'DBCH01', title: 'Read sub-GHz channel', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x010b, useCase: 'DBCH02', title: 'Sub-GHz channel log', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x010c, useCase: 'DBCH03', title: 'Read sub-GHz config', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x010d, useCase: 'DBCH04', title: 'Set sub-GHz config', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x010e, useCase: 'DBCH05', title: 'Request channel scan', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x010f, useCase: 'CCS06', title: 'Read CHF log & check HAN', kind: 'command', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0110, useCase: 'DBCH06', title: 'Limited duty-cycle alert', kind: 'alert', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0111, useCase: 'DBCH07', title: 'Channel changed alert', kind: 'alert', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0112, useCase: 'DBCH08', title: 'Scan assessment alert', kind: 'alert', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0113, useCase: 'DBCH09', title: 'Sub-GHz config changed alert', kind: 'alert', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0114, useCase: 'DBCH10', title: 'Message discarded (duty cycle)', kind: 'alert', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: true },
  { code: 0x0115, useCase: 'DBCH11', title: 'DBCH11', kind: 'alert', critical: false, payload: 'dlms', devices: ['CHF'], inRtds: false },
  { code: 0x0116, useCase: 'PECS01', title: 'Top-up ESME via PPMID', kind: 'command', critical: false, payload: 'gbz', devices: ['ESME'], inRtds: false, hanOnly: true },
  { code: 0x0117, useCase: 'PECS02', title: 'Emergency credit ESME via PPMID', kind: 'command', critical: false, payload: 'gbz', devices: ['ESME'], inRtds: false, hanOnly: true },
  { code: 0x0118, useCase: 'PECS03', title: 'Enable ESME supply via PPMID', kind: 'command', critical: false, payload: 'gbz', devices: ['ESME'], inRtds: false, hanOnly: true },
  { code: 0x0119, useCase: 'HECS01', title: 'Request control of HCALCS', kind: 'command', critical: false, payload: 'gbz', devices: ['HCALCS'], inRtds: false, hanOnly: true },
  { code: 0x011a, useCase: 'ECS46d', title: 'Set auxiliary controller calendar', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME', 'LC'], inRtds: true },
  { code: 0x011b, useCase: 'CS02f', title: 'Provide security credential details', kind: 'command', critical: false, payload: 'asn1', devices: ['ESME'], inRtds: true },
  { code: 0x011c, useCase: 'ECS61d', title: 'Aux controller config', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x011d, useCase: 'ECS61e', title: 'Aux controller operational data', kind: 'command', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x011e, useCase: 'ECS47a', title: 'Set aux controller [n] state', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x011f, useCase: 'ECS47e', title: 'Limit APC [n] level', kind: 'command', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0120, useCase: 'ECS100', title: 'Command not supported alert', kind: 'alert', critical: true, payload: 'dlms', devices: ['LC'], inRtds: true },
  { code: 0x0121, useCase: 'ECS101', title: 'Limit APC level processed', kind: 'alert', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0122, useCase: 'ECS102', title: 'Limit APC level ended', kind: 'alert', critical: true, payload: 'dlms', devices: ['ESME', 'LC'], inRtds: true },
  { code: 0x0123, useCase: 'ECS200', title: 'Operational update', kind: 'alert', critical: true, payload: 'dlms', devices: ['ESME'], inRtds: true },
  { code: 0x0124, useCase: 'CS02g', title: 'Update load-controller credentials', kind: 'alert', critical: true, payload: 'asn1', devices: ['ESME', 'LC'], inRtds: true },
  { code: 0x0125, useCase: 'CS02g', title: '(load controller by load controller)', kind: 'command', critical: true, payload: 'asn1', devices: ['LC'], inRtds: true },
  { code: 0x0126, useCase: 'CS02g', title: '(alert/variant, supplier)', kind: 'command', critical: true, payload: 'asn1', devices: ['ESME'], inRtds: true },
  { code: 0x0128, useCase: 'CCS08', title: 'Firmware transfer alert', kind: 'alert', critical: false, payload: 'asn1', devices: ['CHF'], inRtds: false },
  { code: 0x0129, useCase: 'CS08', title: 'Read PPMID/HCALCS firmware version', kind: 'command', critical: false, payload: 'asn1', devices: ['HCALCS', 'PPMID'], inRtds: true },
  { code: 0x012a, useCase: 'GCS60a', title: 'Read meter balance (GSME/GPF)', kind: 'command', critical: false, payload: 'gbz', devices: ['GPF', 'GSME'], inRtds: true },
  { code: 0x012b, useCase: 'CS09', title: 'PPMID firmware activation alert', kind: 'alert', critical: true, payload: 'asn1', devices: ['PPMID'], inRtds: true },
  { code: 0x1000, useCase: 'GCA-ZigBee', title: 'Generic critical alert (ZigBee)', kind: 'alert', critical: true, payload: 'gbz', devices: ['GSME'], inRtds: true },
  { code: 0x1001, useCase: 'GNCA-DLMS', title: 'Generic non-critical alert (DLMS)', kind: 'alert', critical: false, payload: 'dlms', devices: ['ESME'], inRtds: true },
] as const satisfies readonly MessageCodeRow[];

export type MessageCode = (typeof MESSAGE_CODES)[number]['code'];
export type UseCaseId = (typeof MESSAGE_CODES)[number]['useCase'];

const BY_CODE: ReadonlyMap<number, MessageCodeRow> = new Map(MESSAGE_CODES.map((row) => [row.code, row]));

/** The row of a message code, or undefined for a code GBCS 3 does not list. */
export function messageCodeRow(code: number): MessageCodeRow | undefined {
  return BY_CODE.get(code);
}

/** Codes by use-case id (a use case may own several codes, e.g. CS02b, CS02g). */
export function messageCodesOf(useCase: string): MessageCodeRow[] {
  return MESSAGE_CODES.filter((row) => row.useCase === useCase);
}

/** Logic refers to codes by name: `MESSAGE_CODE.ECS17a` rather than 0x0026. First code wins. */
export const MESSAGE_CODE = Object.freeze(
  Object.fromEntries([...MESSAGE_CODES].reverse().map((row) => [row.useCase, row.code])),
) as Readonly<Record<UseCaseId, number>>;
