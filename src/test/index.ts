// `informal/test`: what a project needs to test its own programs, verifiers and integrations offline, as `ai/test`
// gives a mock model. The simulator is a seeded, offline interpreter; the tiny GGUF models are real llama.cpp models
// with known answer probabilities, written in a few milliseconds, for testing the `llama:` interpreter.

export {
  pleaseModel,
  type TinyModelDesign,
  writeTinyModel,
  yesModel,
} from '../interpreters/llama/gguf/tiny-models.js';
export { createSimInterpreter } from '../interpreters/sim/sim-interpreter.js';
export { type SimProfile, simProfiles } from '../interpreters/sim/sim-profile.js';
