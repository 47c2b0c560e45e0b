/** The confidence level of every interval the runner reports. */
export const metricLevel = 0.95;
