/** How a value is compared with a threshold, in `pass when` rules, expectations and verifier expressions. */
export type ComparisonOperator = '>=' | '>' | '<=' | '<' | '==' | '!=';
