// Use cases whose responses carry the device clock in the header date-time (GBCS 1.2, verified on
// every reference response): the future-dateable critical use cases, the register and
// prepayment reads, and the top-ups. Every other response carries the empty date-time `00`.
export const DATED_RESPONSE_USE_CASES = [
  'ECS01a', 'ECS01b', 'ECS01c', 'ECS01d', 'GCS01a', 'GCS01b', 'ECS02', 'GCS02', 'GCS03', 'ECS08', 'ECS08a', 'GCS05',
  'ECS28a', 'ECS46d', 'CS02b', 'CS02g', 'ECS17a', 'ECS17b', 'ECS17c', 'ECS17d', 'ECS17e', 'ECS18a', 'ECS18b', 'ECS19',
  'ECS23', 'ECS23b', 'GCS13b', 'GCS14', 'GCS60a', 'CS01a', 'CS01b',
] as const;

export function hasDatedResponse(useCase: string): boolean {
  return (DATED_RESPONSE_USE_CASES as readonly string[]).includes(useCase);
}
