/** The list route's response shape. */

export function listResponseSchema(record: object): object {
  return {
    type: 'object',
    required: ['data'],
    properties: {
      data: { type: 'array', items: record },
      total: { type: 'integer', description: 'absent with total=none' },
      totalIsEstimate: { type: 'boolean', description: "true: total is the planner's estimate, not a count" },
      next: { type: ['string', 'null'], description: 'cursor of the next page (pass as after), null on the last page' },
    },
  };
}
