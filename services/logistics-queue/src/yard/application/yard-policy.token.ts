/** Injection token of the {@link YardPolicy}. */
export const YARD_POLICY = Symbol('YARD_POLICY');
