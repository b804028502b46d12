import { SCRATCH_CIPHER_AAD, SCRATCH_CIPHER_IV, SCRATCH_CIPHER_TAG } from '../scratch-map';
import { storeU16BE, storeU64BE } from '../bytes';
import { PARSED_BASE, PARSED_BYTES } from '../envelope/scratch';
import { device } from '../device/context';
import { deriveKey } from '../envelope/mac';
import { seGcmEncrypt } from '../platform';
import { Status } from '../status';
import { beginComponent, endComponent, gbzCursor, setGbzCursor, gbzRoom, gbzPutBytes, gbzPutU8 } from '../gbz/response';
import { GbzComponent } from '../gbz/request';
import { GBZ_PLAINTEXT_BASE, GBZ_CIPHERTEXT_BASE, GBZ_CIPHER_BYTES_MAX } from './state';
import { ENCRYPTED_ANSWER_TABLE } from '../generated/gsme-commands';

// The GBZ command being run: who it came from, whom answers are encrypted for (GBCS 4.5: the
// supplementary remote party when other-information names one, else the originator; counter =
// the header counter), and the answer component being written. Lives in the PARSED scratch.

@unmanaged
export class GbzRun {
  slot: u32;
  messageCode: u32;
  counter: u64;
  replyEui: u64;
  originatorParty: u32;
  replyParty: u32;
  index: u32; // component being run
  count: u32;
  encryptedCount: u32; // additional frame counter of the next encrypted component
  answerStart: u32; // 0 = the handler wrote no answer
  payloadStart: u32;
  encrypting: u32;
  alertFrameControl: u32; // frame control of the command's first component (future-dated alerts, GBCS 9.3 [A])
}

const RUN_BASE: usize = PARSED_BASE + PARSED_BYTES - 128;
if (offsetof<GbzRun>() > 64) ERROR('GbzRun overflows its scratch');

// @ts-ignore: decorator
@inline export function gbzRun(): GbzRun {
  return changetype<GbzRun>(RUN_BASE);
}

const CRA_PAYLOAD_ENCRYPTION: u32 = 4;
const SECURITY_CONTROL_ENCRYPTED: u8 = 0x31;
const TAG_BYTES: u32 = 12;
const SECURITY_HEADER_BYTES: u32 = 5;
const IV_PTR: usize = SCRATCH_CIPHER_IV;
const AAD_PTR: usize = SCRATCH_CIPHER_AAD;
const TAG_PTR: usize = SCRATCH_CIPHER_TAG;

/** Whether this use case encrypts data answers of the cluster (gbcs/tables/gsme-commands.ts GBZ_ENCRYPTED_ANSWERS). */
function encryptsAnswer(messageCode: u32, clusterId: u32): bool {
  const key = (messageCode << 16) | clusterId;
  for (let i = 0; i < ENCRYPTED_ANSWER_TABLE.length; i++) if (unchecked(ENCRYPTED_ANSWER_TABLE[i]) == key) return true;
  return false;
}

/** Starts the data answer of component c (fc, command id); false when it does not fit. */
export function beginAnswer(c: GbzComponent, frameControl: u32, commandId: u32): bool {
  const run = gbzRun();
  const encrypting = encryptsAnswer(run.messageCode, <u32>c.clusterId);
  const start = beginComponent(run.index + 1 == run.count, <u32>c.clusterId, encrypting ? <i32>run.encryptedCount : -1, frameControl, <u32>c.sequence, commandId);
  if (start == 0) return false;
  run.answerStart = <u32>start;
  run.payloadStart = <u32>gbzCursor();
  run.encrypting = encrypting ? 1 : 0;
  return true;
}

/** Ends the data answer: encrypts its payload when the use case asks for it, writes its length. False on failure (nothing usable written). */
export function endAnswer(): bool {
  const run = gbzRun();
  if (run.answerStart == 0) return true;
  if (run.encrypting != 0) {
    const plaintext = <usize>run.payloadStart;
    const bytes = <u32>(gbzCursor() - plaintext);
    if (bytes > GBZ_CIPHER_BYTES_MAX) return false;
    memory.copy(GBZ_PLAINTEXT_BASE, plaintext, bytes);
    setGbzCursor(plaintext);
    if (!gbzRoom(2 + SECURITY_HEADER_BYTES + bytes + TAG_BYTES)) return false;
    const deviceEui = device(run.slot).eui;
    if (deriveKey(run.slot, run.replyParty, deviceEui, CRA_PAYLOAD_ENCRYPTION, run.counter, run.replyEui) != Status.OK) return false;
    storeU64BE(IV_PTR, deviceEui);
    store<u32>(IV_PTR + 8, 0); // every block of a message shares the IV (GBCS 4.5)
    store<u8>(AAD_PTR, SECURITY_CONTROL_ENCRYPTED);
    if (seGcmEncrypt(run.slot, IV_PTR, AAD_PTR, 1, GBZ_PLAINTEXT_BASE, bytes, GBZ_CIPHERTEXT_BASE, TAG_PTR) != 0) return false;
    storeU16BE(plaintext, SECURITY_HEADER_BYTES + bytes + TAG_BYTES);
    setGbzCursor(plaintext + 2);
    gbzPutU8(SECURITY_CONTROL_ENCRYPTED);
    for (let i = 0; i < 4; i++) gbzPutU8(0);
    gbzPutBytes(GBZ_CIPHERTEXT_BASE, bytes);
    gbzPutBytes(TAG_PTR, TAG_BYTES);
    run.encryptedCount++;
  }
  endComponent(<usize>run.answerStart);
  return true;
}
