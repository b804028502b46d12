import { MESSAGE_CODES, messageCodesOf, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { srvRow } from './srv-catalogue.js';

// Template use-case tags (dcc.md 4: a GBCS code optionally followed by a qualifier,
// `CS02bSupplierByTransCoS`, `ECS47Activate`, `GCS28Commission`, or two codes run together,
// `CCS05CCS04`) resolved to GBCS use cases of gbcs/tables/message-codes.ts.

/** Longest tag prefix that names a GBCS use case, undefined when none does (CCS04, CCS05). */
export function baseUseCase(tag: string): string | undefined {
  for (let end = tag.length; end >= 4; end--) {
    const candidate = tag.slice(0, end);
    if (messageCodesOf(candidate).length > 0) return candidate;
  }
  return undefined;
}

/** Use cases written in dcc.md 4 without their numbered variant ('ECS25r' for ECS25r1, ECS25r2). */
function variantsOf(tag: string): string[] {
  return [...new Set(MESSAGE_CODES.filter((r) => r.useCase.startsWith(tag)).map((r) => r.useCase))];
}

/**
 * Devices by use-case family when the message-code table does not list the use case (ECS26f) or
 * lists only the meter: GBCS serves gas-meter reads from the GPF mirror too, and the templates send
 * GCS13a/c, GCS16b and GCS59 to the GPF (`…A3`) [T].
 */
const FAMILY_DEVICES: readonly (readonly [RegExp, readonly DeviceType[]])[] = [
  [/^ECS/, ['ESME']],
  [/^GCS/, ['GSME', 'GPF']],
  [/^(CCS|DBCH)/, ['CHF']],
];

/** Device types the GBCS use cases of an SRV address (dcc.md 2.4 step 9). */
export function deviceTypesOfSrv(srv: string): Set<DeviceType> {
  const out = new Set<DeviceType>();
  for (const tag of srvRow(srv)?.useCases ?? []) {
    // CCS04/CCS05 (8.9 read device log) are not GBCS codes of their own; they read the CHF/GPF logs.
    const base = baseUseCase(tag);
    const rows = base ? messageCodesOf(base) : variantsOf(tag).flatMap((v) => messageCodesOf(v));
    if (rows.length === 0 && tag.startsWith('CCS')) out.add('CHF').add('GPF');
    for (const row of rows) for (const d of row.devices) out.add(d);
    for (const [family, devices] of FAMILY_DEVICES) if (family.test(tag)) for (const d of devices) out.add(d);
  }
  return out;
}
