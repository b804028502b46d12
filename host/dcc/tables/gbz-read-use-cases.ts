// Gas read use cases whose GBZ command is a list of ZCL Read Attributes components (GBCS 6,
// 11.2): cluster and attribute ids per component, in GBCS order. Written down per use case with
// the help of the payload decoder on the RTDS reference commands that exemplify each one;
// test/dcc/templates.test.ts checks the transform against those files.

export interface GbzReadUseCase {
  /** Template use-case tag (dcc.md 4). */
  readonly useCase: string;
  readonly srv: string;
  readonly messageCode: number;
  readonly reads: readonly (readonly [clusterId: number, attributeIds: readonly number[]])[];
  /** Targets served (default GSME and its GPF mirror). */
  readonly devices?: readonly ('GSME' | 'GPF')[];
}

export const GBZ_READ_USE_CASES: readonly GbzReadUseCase[] = [
  { useCase: 'GCS13b', srv: '4.1.4', messageCode: 0x00b8, reads: [[0x0702, [0x0700, 0x0701, 0x0702, 0x0703, 0x0302, 0x0301, 0x0300]]] },
  { useCase: 'GCS60', srv: '4.18', messageCode: 0x008d, reads: [[0x0702, [0x0a00]], [0x0705, [0x0001]]] },
  { useCase: 'GCS60a', srv: '4.18', messageCode: 0x012a, reads: [[0x0702, [0x0a00]], [0x0705, [0x0001]]] },
  { useCase: 'GCS14', srv: '4.3', messageCode: 0x0075, reads: [[0x0700, [0x0617, 0x0616]], [0x0705, [0x0005, 0x0002, 0x0001, 0x0231, 0x0211, 0x0221]]] },
  { useCase: 'GCS21e', srv: '6.2.4', messageCode: 0x009e, reads: [[0x0000, [0x0004, 0x0005, 0x0003]], [0x0702, [0x0608, 0x0607]]] },
  { useCase: 'GCS21m', srv: '6.2.4', messageCode: 0x00fb, reads: [[0x0000, [0x0004, 0x0005]], [0x0702, [0x0608, 0x0607]]] },
  { useCase: 'GCS46', srv: '6.2.7', messageCode: 0x0089, reads: [[0x0702, [0x0307]]] },
  { useCase: 'GCS21a', srv: '6.2.8', messageCode: 0x007b, reads: [[0x0700, [0x0306, 0x0305, 0x0304, 0x0303, 0x0302]], [0x0702, [0x0b13, 0x0b12, 0x0b11, 0x0b10, 0x0b14, 0x0b15]]] },
  // No RTDS folder: GSME consumption register (ZSE Metering CurrentSummationDelivered), the TOU
  // register matrix (CurrentTier1..4SummationDelivered: a gas tariff has at most 4 TOU prices, RTDS
  // GCS01a) and payment mode (Prepayment PaymentControlConfiguration) [A]; the GPF answers them
  // from its mirror (devices 6.3); test/dcc/template-answers.test.ts checks the device answers.
  { useCase: 'GCS13a', srv: '4.1.1', messageCode: 0x0074, reads: [[0x0702, [0x0000]]] },
  { useCase: 'GCS13c', srv: '4.1.2', messageCode: 0x00b6, reads: [[0x0702, [0x0100, 0x0102, 0x0104, 0x0106]]] },
  { useCase: 'GCS21j', srv: '6.2.9', messageCode: 0x00bf, reads: [[0x0705, [0x0000]]] },
  { useCase: 'GCS33', srv: '7.4', messageCode: 0x0082, reads: [[0x0702, [0x0205, 0x0014]]] },
];
