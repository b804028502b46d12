import type { DuisRequest } from '../duis/request.js';
import type { DeviceRecord } from '../inventory.js';
import type { UserRole } from '../tables/srv-catalogue.js';
import { childByLocalName, childElements, localName, textOf, type XmlElement } from '../xml/xml-tree.js';
import { set } from './dlms-request.js';
import { A, dlmsRow } from './encoders-esme-common.js';
import type { EncoderRow } from './types.js';

// SR 6.22 Configure Alert Behaviour on an ESME (ECS25a, a1, a2, a3, b, b3): one body group per
// use case, one element per non-critical alert code (`x810D` Enable / Disable). The command sets
// an event behaviour object (class 1 attribute 2) to a 512-bit bit-string: 256 bits saying which
// codes the command changes, then 256 bits with their new state. A code's bit is its low byte
// counted from the least significant bit of each half (0x810D -> bit 13, 0x8014 -> bit 20), as
// the RTDS ECS25a1/a2/a3/b commands show. Poly-phase codes are sent only to a poly-phase ESME
// (the RTDS ECS25b success command drops x8003 on a single-phase one).

const DATA_CLASS = 1;
const VALUE = 2;
const HALF_BYTES = 32;
const ALERT_ELEMENT = /^x([0-9A-F]{4})$/i;
const POLYPHASE_GROUP = /PolyPhase$/;
const POLYPHASE = 'C';
const SUPPLIER: readonly UserRole[] = ['IS', 'ES'];
const NETWORK_OPERATOR: readonly UserRole[] = ['ED'];

interface BehaviourUseCase {
  useCase: string;
  /** The body group that names the use case. */
  group: string;
  obis: string;
  roles: readonly UserRole[];
}

/** 0-30 / 0-33: supplier / network operator; .11 WAN alert, .12 HAN, .13 audible, .14 logging (RTDS for .12-.14 and 0-33 .11). */
const BEHAVIOURS: readonly BehaviourUseCase[] = [
  { useCase: 'ECS25a', group: 'ElectricitySupplierAlerts', obis: '0-30:97.98.11.255', roles: SUPPLIER },
  { useCase: 'ECS25a1', group: 'ElectricitySupplierHANAlertSettings', obis: '0-30:97.98.12.255', roles: SUPPLIER },
  { useCase: 'ECS25a2', group: 'ElectricitySupplierAlarmSettings', obis: '0-30:97.98.13.255', roles: SUPPLIER },
  { useCase: 'ECS25a3', group: 'ElectricitySupplierLoggingSettings', obis: '0-30:97.98.14.255', roles: SUPPLIER },
  { useCase: 'ECS25b', group: 'ElectricityNetworkOperatorAlerts', obis: '0-33:97.98.11.255', roles: NETWORK_OPERATOR },
  { useCase: 'ECS25b3', group: 'ElectricityNetworkOperatorLoggingSettings', obis: '0-33:97.98.14.255', roles: NETWORK_OPERATOR },
];

/** The request body is the ConfigureAlertBehaviour element. */
const groupOf = (r: DuisRequest, group: string): XmlElement | undefined => childByLocalName(r.body, group);

/** The 512-bit change mask + new state of the alert codes the group names. */
export function behaviourBits(group: XmlElement, target: DeviceRecord | undefined): number[] {
  const bytes = new Array<number>(2 * HALF_BYTES).fill(0);
  const polyphase = (target?.esmeVariant ?? '').includes(POLYPHASE);
  for (const section of childElements(group)) {
    if (POLYPHASE_GROUP.test(localName(section.name)) && !polyphase) continue;
    for (const el of childElements(section)) {
      const code = ALERT_ELEMENT.exec(localName(el.name));
      if (!code) continue;
      const bit = parseInt(code[1]!, 16) & 0xff;
      const byte = HALF_BYTES - 1 - (bit >> 3);
      const flag = 1 << (bit & 7);
      bytes[byte]! |= flag;
      if (textOf(el).trim() === 'Enable') bytes[HALF_BYTES + byte]! |= flag;
    }
  }
  return bytes;
}

export const ESME_ALERT_ENCODERS: readonly EncoderRow[] = BEHAVIOURS.map((b) => dlmsRow(b.useCase, '6.22', (i) => {
  const group = groupOf(i.request, b.group);
  return [set(DATA_CLASS, b.obis, VALUE, A.bitString(group ? behaviourBits(group, i.target) : []))];
}, { roles: b.roles, matches: (r) => groupOf(r, b.group) !== undefined }));
