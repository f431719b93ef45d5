/** The JSON body of every error answer: a stable code from a catalogue, a message, field problems. */

/** One problem with one field: path "lines/2/qty", a message that says what to fix. */
export interface FieldProblem {
  path: string;
  message: string;
  /** A machine-readable kind of problem (e.g. "stale", "url-scheme"). */
  code?: string;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: FieldProblem[] };
}
