import { messageCodesOf, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { DLMS_GET_USE_CASES } from '../tables/dlms-read-use-cases.js';
import type { UserRole } from '../tables/srv-catalogue.js';
import { childByLocalName, attrOf, type XmlElement } from '../xml/xml-tree.js';
import { accessRequest, action, AXDR, get, set, type AccessItem } from './dlms-request.js';
import type { EncoderRow, TransformInput } from './types.js';

// Encoders of the ESME / CHF use cases whose command is a DLMS access-request (GBCS 5): the
// plain reads of tables/dlms-read-use-cases.ts, and the commands below, each taking its values
// from the DUIS body (element names as in the templates [T]).

function commandCode(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

const text = (body: XmlElement, local: string): string | undefined => findTexts(body, local)[0];
const has = (body: XmlElement, local: string): boolean => findTexts(body, local).length > 0 || childByLocalName(body, local) !== undefined;

/** Device types of the reference EUIs a read use case addresses (CHF: DBCH, CCS, ECS26i/n). */
function readDeviceTypes(useCase: string): DeviceType[] {
  return /^(DBCH|CCS)|^ECS26[in]$/.test(useCase) ? ['CHF'] : ['ESME'];
}

/** ECS25r1 is the supplier's alert-behaviour read, ECS25r2 the network operator's (templates [T]). */
const ROLE_OF_USE_CASE: Readonly<Record<string, readonly UserRole[]>> = { ECS25r1: ['IS', 'ES'], ECS25r2: ['ED'] };

function row(useCase: string, srv: string, deviceTypes: DeviceType[], items: (input: TransformInput) => AccessItem[], extra: Partial<EncoderRow> = {}): EncoderRow {
  const code = commandCode(useCase.replace(/(Activate|Deactivate|Reset)$/, ''));
  return { useCase, srv, deviceTypes, encode: (input) => ({ messageCode: code, content: accessRequest(input.counter, items(input)) }), ...extra };
}

const bodyOf = (input: TransformInput): XmlElement => input.request.body;

const READS: EncoderRow[] = DLMS_GET_USE_CASES.map((uc) => ({
  useCase: uc.useCase,
  srv: uc.srv,
  deviceTypes: readDeviceTypes(uc.useCase),
  ...(ROLE_OF_USE_CASE[uc.useCase] ? { roles: ROLE_OF_USE_CASE[uc.useCase] } : {}),
  encode: (input: TransformInput) => ({ messageCode: uc.messageCode, content: accessRequest(input.counter, uc.gets.map(([c, o, a]) => get(c, o, a))) }),
}));

/** ECS57: the registers named by the body, in GBCS order (import, configurable-time import, export). */
const MAX_DEMAND_REGISTERS: readonly (readonly [string, string])[] = [
  ['MaxDemandActivePowerImportValue', '1-0:1.6.0.255'],
  ['MaxDemandConfigTimeActivePowerImportValue', '1-0:1.6.1.255'],
  ['MaxDemandActivePowerExportValue', '1-0:2.6.0.255'],
];
const RMS_VOLTAGE_COUNTERS = ['1-0:32.32.0.4', '1-0:32.36.0.4', '1-0:52.32.0.4', '1-0:52.36.0.4', '1-0:72.32.0.4', '1-0:72.36.0.4'];
/** ECS15c: event logs an ESMEEventLogType names (only ALCS is in the templates). */
const ESME_EVENT_LOGS: Readonly<Record<string, string>> = { ALCS: '0-17:99.98.2.255' };
/** ECS05 / ECS47: script table entries (GBCS 5.5). */
const RESET_TARIFF_BLOCK_COUNTERS_SCRIPT = 0x63;
const AUXILIARY_LOAD_RESET = 0x20;

const COMMANDS: EncoderRow[] = [
  row('ECS10', '3.1', ['ESME'], (i) => [set(1, '0-2:96.13.1.255', 2, AXDR.ascii(text(bodyOf(i), 'SupplierMessage') ?? ''))]),
  row('ECS14', '3.5', ['ESME'], () => [set(1, '0-0:94.44.3.1', 2, AXDR.octetString([]))]),
  row('ECS15c', '3.3', ['ESME'], (i) => [action(7, ESME_EVENT_LOGS[text(bodyOf(i), 'ESMEEventLogType') ?? ''] ?? '0-17:99.98.2.255', 1, AXDR.integer(0))], {
    matches: (r: DuisRequest) => ESME_EVENT_LOGS[findTexts(r.body, 'ESMEEventLogType')[0] ?? ''] !== undefined,
  }),
  row('CS01a', '2.2', ['ESME'], (i) => [action(115, '0-0:19.40.0.255', 1, AXDR.ascii(text(bodyOf(i), 'UTRN') ?? ''))]),
  row('ECS04a', '1.5', ['ESME'], (i) => [action(112, '0-0:19.10.0.255', 1, AXDR.doubleLong(Number(text(bodyOf(i), 'AdjustMeterBalance') ?? 0)))], {
    matches: (r: DuisRequest) => findTexts(r.body, 'AdjustMeterBalance').length > 0,
  }),
  // Credit mode reset: set meter balance, emergency credit balance and accumulated debt to 0 (class 112 m2).
  row('ECS04b', '1.5', ['ESME'], () => ['0-0:19.10.0.255', '0-0:19.10.1.255', '0-0:19.10.2.255'].map((o) => action(112, o, 2, AXDR.doubleLong(0))), {
    matches: (r: DuisRequest) => findTexts(r.body, 'ResetMeterBalance').length > 0 && findTexts(r.body, 'CreditMode').length > 0,
  }),
  row('ECS05', '1.7', ['ESME'], () => [action(9, '0-0:10.0.100.255', 1, AXDR.longUnsigned(RESET_TARIFF_BLOCK_COUNTERS_SCRIPT))]),
  row('ECS28b', '6.4.2', ['ESME'], () => [action(3, '0-0:94.44.42.255', 1, AXDR.integer(0))]),
  row('ECS29f', '6.27', ['ESME'], () => RMS_VOLTAGE_COUNTERS.map((o) => action(3, o, 1, AXDR.integer(0)))),
  row('ECS39a', '6.20.1', ['ESME'], (i) => [set(1, '0-0:94.44.34.11', 2, AXDR.ascii(text(bodyOf(i), 'ImportMPAN') ?? ''))], {
    matches: (r: DuisRequest) => findTexts(r.body, 'SecondaryImportMPAN').length === 0,
  }),
  row('ECS39b', '6.20.2', ['ESME'], (i) => [set(1, '1-0:0.0.2.255', 2, AXDR.ascii(text(bodyOf(i), 'ExportMPAN') ?? ''))]),
  // The DCC chooses the Customer Identification Number; here from the counter, so runs repeat.
  row('ECS50', '9.1', ['ESME'], (i) => [set(1, '0-3:96.13.1.255', 2, AXDR.ascii(String(i.counter % 10_000n).padStart(4, '0')))]),
  row('ECS57', '6.18.2', ['ESME'], (i) => MAX_DEMAND_REGISTERS.filter(([el]) => has(bodyOf(i), el)).map(([, o]) => action(4, o, 1, AXDR.integer(0)))),
  row('ECS81', '6.25', ['ESME'], (i) => [set(1, '0-0:94.44.0.4', 2, AXDR.boolean(text(bodyOf(i), 'SupplyTamperState') === 'Locked'))]),
  row('ECS47Reset', '7.8', ['ESME'], (i) => {
    const index = Number(attrOf(childByLocalName(bodyOf(i), 'ResetALCSHCALCS') ?? bodyOf(i), 'index') ?? 0);
    return [action(9, '0-0:10.0.103.255', 1, AXDR.longUnsigned(((index & 0xff) << 8) | AUXILIARY_LOAD_RESET))];
  }),
];

/** Every DLMS encoder row, reads first. */
export const DLMS_ENCODERS: readonly EncoderRow[] = [...READS, ...COMMANDS];
