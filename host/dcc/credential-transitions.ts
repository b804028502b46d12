import type { GbcsEnvelope } from '../../gbcs/envelope.js';
import { EmulatorError } from '../../gbcs/errors.js';
import { decodeDer, type DerNode } from '../../gbcs/payload/der.js';
import { verifySignature, type SecurityContext } from '../../gbcs/security.js';
import type { DeviceRecord, SmiStatus } from './inventory.js';

// SMI transitions a device's answer to a credential update makes (dcc.md 9.3): SR 8.5 Service Opt
// Out executed -> Withdrawn; 6.15.1 or 6.21 with the User's credentials back on a Recovered device
// -> Commissioned. Only an immediate CS02b answer whose signature verifies with the device's DS key
// and whose every replaced cell succeeded counts:
//   SEQUENCE { NULL, SEQUENCE { INTEGER counter, INTEGER mode, details, SEQUENCE OF
//              SEQUENCE { cell, ENUMERATED outcome, … } } }   (gbcs.md 7, RTDS 8.5 / 6.21 responses)
// A future-dated one answers SEQUENCE { NULL } and changes nothing now.

const TRANSITIONS: Readonly<Record<string, { from: readonly SmiStatus[]; to: SmiStatus }>> = {
  '8.5': { from: ['Commissioned', 'Recovered'], to: 'Withdrawn' },
  '6.15.1': { from: ['Recovered'], to: 'Commissioned' },
  '6.21': { from: ['Recovered'], to: 'Commissioned' },
};
const TAG_ENUMERATED = 10;
const OUTCOME_SUCCESS = 0;

function everyCellReplaced(content: Uint8Array): boolean {
  let tree: DerNode;
  try {
    tree = decodeDer(content);
  } catch (error) {
    if (error instanceof EmulatorError) return false;
    throw error;
  }
  const results = tree.children?.[1]?.children?.[3]?.children ?? [];
  return results.length > 0 && results.every((r) => {
    const outcome = r.children?.[1];
    return outcome?.tagClass === 'universal' && outcome.tagNumber === TAG_ENUMERATED && outcome.value?.length === 1 && outcome.value[0] === OUTCOME_SUCCESS;
  });
}

function signedByDevice(env: GbcsEnvelope, security: SecurityContext): boolean {
  try {
    verifySignature(env, security);
    return true;
  } catch (error) {
    if (error instanceof EmulatorError) return false;
    throw error;
  }
}

/** Applies the transition of the SRV a device answered, if the answer says every cell was replaced. */
export function applyCredentialTransition(srv: string, device: DeviceRecord | undefined, env: GbcsEnvelope, security: SecurityContext, nowMs: number): void {
  const transition = TRANSITIONS[srv];
  if (!transition || !device || !transition.from.includes(device.status)) return;
  if (!signedByDevice(env, security) || !everyCellReplaced(env.content)) return;
  device.status = transition.to;
  device.statusChangedAtMs = nowMs;
}
