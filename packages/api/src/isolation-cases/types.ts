// The shape of one tenant-isolation case: how to call a procedure with another organization's ids.
import type { OrgFixture } from '../test-support';

export type ProcedureKind = 'public' | 'customer' | 'staff' | 'admin';

export type IsolationEnv = {
  /** The caller's organization (calls run as its admin, or its portal user for customer procedures). */
  own: OrgFixture;
  /** Another organization whose data must stay invisible and unchanged. */
  foreign: OrgFixture;
};

export type IsolationCase = {
  kind: ProcedureKind;
  /**
   * Input that names records of the foreign organization. The call must answer NOT_FOUND and leave the
   * foreign organization unchanged.
   */
  foreignInput?: (env: IsolationEnv) => unknown;
  /**
   * For procedures that take no foreign id (lists, own settings): a valid input. The call must succeed,
   * its output must not contain any id of the foreign organization, and the foreign organization must stay unchanged.
   */
  scopedInput?: (env: IsolationEnv) => unknown;
  /** A valid input for the role checks (defaults to scopedInput, then foreignInput). */
  validInput?: (env: IsolationEnv) => unknown;
};

export type IsolationCases = Record<string, IsolationCase>;
