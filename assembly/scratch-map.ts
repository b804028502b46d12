import { SE_SCRATCH_BASE, SE_SCRATCH_BYTES } from './layout';

// The cells of the SE_SCRATCH region (layout.ts), one table: small buffers a call fills and the
// secure-element imports or a writer read within that same call. Cells that serve the same purpose
// in modules that never run at once share one (e.g. an outgoing message's other-information).
// Each cell is a BASE/BYTES pair; the checks below fail the build if two overlap.

export const SCRATCH_KDF_OTHER_INFO: u32 = SE_SCRATCH_BASE; // 33-byte KDF OtherInfo (envelope/mac.ts)
export const SCRATCH_KDF_OTHER_INFO_BYTES: u32 = 64;
export const SCRATCH_MAC_IV: u32 = SCRATCH_KDF_OTHER_INFO + SCRATCH_KDF_OTHER_INFO_BYTES; // message MAC IV (12)
export const SCRATCH_MAC_IV_BYTES: u32 = 32;
export const SCRATCH_MAC_TAG: u32 = SCRATCH_MAC_IV + SCRATCH_MAC_IV_BYTES; // message MAC tag (12)
export const SCRATCH_MAC_TAG_BYTES: u32 = 64;
export const SCRATCH_CIPHER_IV: u32 = SCRATCH_MAC_TAG + SCRATCH_MAC_TAG_BYTES; // payload encryption IV (12): protected reads, GBZ
export const SCRATCH_CIPHER_IV_BYTES: u32 = 16;
export const SCRATCH_CIPHER_AAD: u32 = SCRATCH_CIPHER_IV + SCRATCH_CIPHER_IV_BYTES; // payload encryption AAD (1)
export const SCRATCH_CIPHER_AAD_BYTES: u32 = 16;
export const SCRATCH_CIPHER_TAG: u32 = SCRATCH_CIPHER_AAD + SCRATCH_CIPHER_AAD_BYTES; // payload encryption tag (12)
export const SCRATCH_CIPHER_TAG_BYTES: u32 = 64;
export const SCRATCH_OUT_OTHER_INFO: u32 = SCRATCH_CIPHER_TAG + SCRATCH_CIPHER_TAG_BYTES; // an alert's 2-byte message code
export const SCRATCH_OUT_OTHER_INFO_BYTES: u32 = 256;
export const SCRATCH_COMPUTED_MAC: u32 = SCRATCH_OUT_OTHER_INFO + SCRATCH_OUT_OTHER_INFO_BYTES; // a received message's recomputed MAC (12)
export const SCRATCH_COMPUTED_MAC_BYTES: u32 = 88;
export const SCRATCH_PARTIES: u32 = SCRATCH_COMPUTED_MAC + SCRATCH_COMPUTED_MAC_BYTES; // CommandParties (device/parties.ts)
export const SCRATCH_PARTIES_BYTES: u32 = 40;
export const SCRATCH_CARRIED_KEY: u32 = SCRATCH_PARTIES + SCRATCH_PARTIES_BYTES; // a public key a command carried (65)
export const SCRATCH_CARRIED_KEY_BYTES: u32 = 72;
export const SCRATCH_REPLY_OTHER_INFO: u32 = SCRATCH_CARRIED_KEY + SCRATCH_CARRIED_KEY_BYTES; // a 26-byte reply other-information
export const SCRATCH_REPLY_OTHER_INFO_BYTES: u32 = 40;
export const SCRATCH_CERTIFICATE: u32 = SCRATCH_REPLY_OTHER_INFO + SCRATCH_REPLY_OTHER_INFO_BYTES; // parsed certificate fields (asn1/certificate.ts)
export const SCRATCH_CERTIFICATE_BYTES: u32 = 64;
export const SCRATCH_DER_WRITER: u32 = SCRATCH_CERTIFICATE + SCRATCH_CERTIFICATE_BYTES; // DER writer state and stack (asn1/der-writer.ts)
export const SCRATCH_DER_WRITER_BYTES: u32 = 208;
export const SCRATCH_VALUE: u32 = SCRATCH_DER_WRITER + SCRATCH_DER_WRITER_BYTES; // a COSEM value being assembled (cosem/values.ts)
export const SCRATCH_VALUE_BYTES: u32 = 512;
export const SCRATCH_UTRN: u32 = SCRATCH_VALUE + SCRATCH_VALUE_BYTES; // UTRN MAC input: OtherInfo || AAD, then the MAC (ledger/utrn.ts)
export const SCRATCH_UTRN_BYTES: u32 = 512;
export const SCRATCH_CHF: u32 = SCRATCH_UTRN + SCRATCH_UTRN_BYTES; // CHF device types during a restore, an EUI cell (chf/)
export const SCRATCH_CHF_BYTES: u32 = 512;
export const SCRATCH_NEW_KEY: u32 = SCRATCH_CHF + SCRATCH_CHF_BYTES; // CS02c: public key 65, signature 64, EUI 8, DER signature 72
export const SCRATCH_NEW_KEY_BYTES: u32 = 256;
export const SCRATCH_END: u32 = SCRATCH_NEW_KEY + SCRATCH_NEW_KEY_BYTES;

if (SCRATCH_END > SE_SCRATCH_BASE + SE_SCRATCH_BYTES) ERROR('the SE scratch cells overflow SE_SCRATCH');
