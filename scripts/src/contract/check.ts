/** The outcome of one contract check: it passes when `problems` is empty. */
export interface CheckResult {
  /** Short name printed in the report (`lint`, `drift`, `examples`, ...). */
  name: string;
  /** What fails the check, one line each (`where: what`). */
  problems: string[];
  /** What it looked at and what it let pass (warnings, breaking changes allowed by a major bump). */
  notes: string[];
}
