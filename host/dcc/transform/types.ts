import type { KeyUsageSlot } from '../../../gbcs/keys/keystore.js';
import type { DeviceType } from '../../../gbcs/tables/message-codes.js';
import type { DuisRequest } from '../duis/request.js';
import type { DeviceRecord } from '../inventory.js';
import type { UserRole } from '../tables/srv-catalogue.js';

// What the Transformer produces from a Service Request (dcc.md 1 "Transformer", 6): the GBCS
// message code and APDU content of the command for the Business Target. The envelope (header,
// MAC, signature) is added by transform.ts with gbcs/message-build.ts.

export interface TransformInput {
  request: DuisRequest;
  /** GBCS originator counter = the RequestID counter (dcc.md 3.2). */
  counter: bigint;
  /** Virtual time the transform runs at. */
  nowMs: number;
  /** The SMI device type of a DeviceID named in the body (CCS01 registers it with its type). */
  deviceTypeOf: DeviceTypeLookup;
  /** The Business Target's SMI record (its ESME variant shapes some commands, e.g. ECS02 on a twin element). */
  target?: DeviceRecord;
  /** A certificate (DER) the DCC holds, e.g. the other device's KA certificate of a Method C join (GBCS 7). */
  certificateOf?: (eui: string, usage: KeyUsageSlot) => Uint8Array | undefined;
  /** The SMI records of the devices on a hub (by CHF id): what GCS59 restores into a new GPF's device log. */
  hanDevicesOf?: HanDevicesLookup;
}

export type HanDevicesLookup = (chfId: string) => readonly DeviceRecord[];

export type DeviceTypeLookup = (deviceId: string) => DeviceType | undefined;

export interface TransformedContent {
  messageCode: number;
  content: Uint8Array;
  /** The header originator when the DCC sends the command itself (GBCS 2.1): the ACB for CS02a and the handovers, the TransCoS party for 6.23. */
  originator?: string;
  /** The User as supplementary remote party (GBCS 2.2) of a command the DCC originates on its behalf (8.7.2 joins). */
  supplementaryRemoteParty?: boolean;
  /**
   * Who signs a command whose GBCS code alone does not say: 'dcc', the DCC with the originator's DS
   * key (dcc.md 4 NC→C(DCC) / NC→C(CoS), 8.7.2 joins); 'user', a pre-command for the User (the
   * critical form of a variant use case, CS02e).
   */
  signedBy?: 'dcc' | 'user';
  /** The execution date-time travels inside the command (device future-dated, GBCS 7): the DCC does not hold it. */
  deviceDated?: boolean;
}

/** One use case's encoder; undefined when the body lacks what the encoder needs. */
export type UseCaseEncoder = (input: TransformInput) => TransformedContent;

export interface EncoderRow {
  /** Template use-case tag (dcc.md 4), e.g. 'ECS17a'. */
  useCase: string;
  srv: string;
  /** Target device types this row serves (dcc.md 2.4 step 9 already checked the SRV fits). */
  deviceTypes: readonly DeviceType[];
  /** The User Roles this row serves (default: all); e.g. ECS25r1 supplier, ECS25r2 network operator. */
  roles?: readonly UserRole[];
  /**
   * Chooses between use cases of one SRV and device type by the body (e.g. 1.6 to prepayment or
   * credit) and by the target's SMI record (ESME variant, GBCS version: tables/sibling-use-cases.ts).
   */
  matches?: (request: DuisRequest, deviceTypeOf: DeviceTypeLookup, target?: DeviceRecord) => boolean;
  encode: UseCaseEncoder;
}
