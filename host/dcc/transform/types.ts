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
}

export type DeviceTypeLookup = (deviceId: string) => DeviceType | undefined;

export interface TransformedContent {
  messageCode: number;
  content: Uint8Array;
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
