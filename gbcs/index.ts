// Public API of gbcs/, the remote-party GBCS codec library (ARCHITECTURE.md): build and parse
// GBCS messages, check and make their MACs and signatures, key stores and the test PKI, UTRNs,
// the protocol tables. Test authors and head-end integrators import from here.

// Errors (one hierarchy, STYLE.md "Errors").
export * from './errors.js';

// Envelope and header (GBCS 1, 2).
export {
  parseEnvelope,
  encodeEnvelope,
  encodeGeneralSigning,
  wrapGeneralCiphering,
  encodeOtherInformation,
  bytesToHex,
  euiToBytes,
  u64ToBytes,
  readU64,
  CIPHERED_CONTENT_BYTES_MAX,
  CONTENT_BYTES_MAX,
  OTHER_INFO_BYTES_MAX,
  LENGTH_FIELD_BYTES_MAX,
  MAC_BYTES,
  SIGNATURE_BYTES,
  type GbcsEnvelope,
  type EnvelopeWire,
  type EnvelopeKind,
  type Cra,
  type MessageType,
  type OtherInformation,
} from './envelope.js';

// Messages: decode, encode, build, report (GBCS 3-9).
export * from './message.js';
export * from './message-build.js';
export * from './message-payload.js';
export * from './message-report.js';

// Message security (GBCS 4).
export * from './security.js';
export * from './security-payload.js';

// Payload codecs (GBCS 5-7).
export {
  decodePayload,
  encodePayload,
  payloadKindOf,
  PAYLOAD_BYTES_MAX,
  type DecodedPayload,
  type PayloadContext,
  type PayloadKind as DecodedPayloadKind,
  type Asn1Payload,
  type Asn1Named,
  type AxdrData,
  type AxdrTypeDescription,
  type CipheredBlock,
  type DerNode,
  type DlmsPayload,
  type AccessRequest,
  type AccessRequestItem,
  type AccessResponse,
  type AccessResponseItem,
  type DataNotification,
  type DlmsAlertView,
  type GbzPayload,
  type GbzComponent,
  type GbzComponents,
  type ZclPayload,
  type GbzAlert,
  type GbzAlertData,
} from './payload/index.js';

// Crypto providers and GBCS key derivation / GCM (GBCS 4.2-4.5).
export type { Bytes, CryptoProvider } from './crypto/provider.js';
export { createNodeProvider } from './crypto/node-provider.js';
export { createNobleProvider } from './crypto/noble-provider.js';
export { deriveGbcsKey, deriveGbcsKeyFromKeys, gbcsKdfOtherInfo, GBCS_CRA, type GbcsKdfCra } from './crypto/gbcs-kdf.js';
export * from './crypto/gbcs-gcm.js';

// Keys and certificates (GBCS 4.7).
export * from './keys/keystore.js';
export * from './keys/test-pki.js';

// UTRN (GBCS 10).
export * from './utrn.js';

// Tables (STYLE.md "Table-driven protocol constants").
export * from './tables/message-codes.js';
export * from './tables/use-case-catalogue.js';
export * from './tables/alert-codes.js';
export * from './tables/obis.js';
export * from './tables/result-codes.js';
export * from './tables/zcl.js';
