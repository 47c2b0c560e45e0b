/**
 * A program on the simulator whose verifier is a named judge asked 3 times per sample, with an expectation on one
 * case, an expectation that fails clearly (`pass@1 >= 0.99`) and one whose failure could be noise at 4 samples per
 * case (`pass@1 >= 0.5`). `judgeModel` is the judge's interpreter; `model` the program's, when given.
 */
export function judgedProgram(judgeModel = 'sim:small', model?: string): string {
  return [
    'prog 1',
    'program capitals "Name a capital"',
    ...(model ? [`model "${model}"`] : []),
    'input country: string',
    'prompt "What is the capital of {{ country }}?"',
    `judge correct model "${judgeModel}" samples 3 """`,
    '  Score from 0 to 1 whether {{ output }} is the capital of {{ country }}.',
    '  """',
    'verify correct',
    'pass when score >= 0.5',
    'case "france" { country: "France" } -> "Paris" expect pass@1 >= 0.99',
    'case "japan" { country: "Japan" } -> "Tokyo"',
    'case "peru" { country: "Peru" } -> "Lima"',
    'sample 4 seed 2',
    'expect pass@1 >= 0.99',
    'expect pass@1 >= 0.5',
    'expect pass@2 >= 0.1',
    '',
  ].join('\n');
}
