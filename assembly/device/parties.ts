import { SCRATCH_CARRIED_KEY, SCRATCH_PARTIES, SCRATCH_REPLY_OTHER_INFO } from '../scratch-map';

// Who the command being processed came from and whom its reply (and any encrypted block, GBCS
// 4.5) is for; filled by device/command.ts before the payload handler runs, read by the payload
// handlers. Lives in SE scratch: valid for one command only.
//
//   0 originator u32 (trust-store entry of the header originator) | 4 reply u32 (trust-store entry
//   of the supplementary remote party, else the originator; KEY_SLOT_CARRIED when the key comes
//   from the certificate the command carries) | 8 replyEui u64 | 16 encryptionCounter u64 (the
//   counter of GBCS 4.5 payload encryption: the header counter, or the supplementary originator
//   counter of a 26-byte other-information)
@unmanaged
export class CommandParties {
  originator: u32;
  reply: u32;
  replyEui: u64;
  encryptionCounter: u64;
}

const PARTIES_BASE: usize = SCRATCH_PARTIES;
if (offsetof<CommandParties>() > 40) ERROR('CommandParties overflows its scratch');

/** ECDH with the public key at CARRIED_KEY_PTR (ECS21b URP, GBCS 2.2) instead of a trust-store slot. */
export const KEY_SLOT_CARRIED: u32 = 0xffffffff;
export const CARRIED_KEY_PTR: usize = SCRATCH_CARRIED_KEY; // 65 bytes
export const CARRIED_KEY_BYTES: u32 = 65;
/** The 26-byte other-information of a URP response (GBCS 2.2), built by device/command.ts. */
export const REPLY_OTHER_INFO_PTR: usize = SCRATCH_REPLY_OTHER_INFO;

// @ts-ignore: decorator
@inline export function commandParties(): CommandParties {
  return changetype<CommandParties>(PARTIES_BASE);
}
