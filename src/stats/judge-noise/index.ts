export { type JudgedCase, type JudgeVarianceComponents, judgeVarianceComponents } from './judge-variance-components.js';
export { sampleJudgeVariance, verdictVariance } from './verdict-variance.js';
