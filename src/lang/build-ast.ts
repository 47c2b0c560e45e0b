import type * as ohm from 'ohm-js';
import type {
  AgentItem,
  AgentSettingName,
  ArgumentValueNode,
  CallArgumentNode,
  ComparisonOperator,
  DocumentNode,
  ExpectItem,
  ImportItem,
  ItemNode,
  JudgeItem,
  ProgramNode,
  SampleSettingName,
  SimulateUserItem,
  StepItem,
} from './ast.js';
import { ValueBuilder } from './build-values.js';
import { type CstNode, cstOf } from './cst-reader.js';

export { ExpressionTooDeep, maxExpressionDepth } from './build-values.js';
export { type CstNode, cstOf } from './cst-reader.js';

/** A cache of items' ASTs by their CST node, which ohm's incremental matcher keeps while their text is unchanged. */
export interface ItemCache {
  item(node: CstNode, start: number, build: () => ItemNode): ItemNode;
}

/** Builds the AST of a document from ohm's concrete syntax tree (see cst-reader.ts for how the tree is read). */
export class AstBuilder extends ValueBuilder {
  constructor(
    text: string,
    private readonly cache?: ItemCache,
  ) {
    super(text);
  }

  document(match: ohm.MatchResult): DocumentNode {
    const { root, start } = cstOf(match);
    return this.documentNode(root, start);
  }

  /** The items of a match of the `Items` rule against the part of the text that starts at `offset`. */
  itemsOf(match: ohm.MatchResult, offset: number): ItemNode[] {
    const { root, start } = cstOf(match);
    return this.items(root, offset + start, 0).map(([item, itemStart]) => this.itemNode(item, itemStart));
  }
  // The document and its items.

  private documentNode(node: CstNode, start: number): DocumentNode {
    const [header, headerStart] = this.at(node, start, 0);
    const [version, versionStart] = this.at(header, headerStart, 1);
    return {
      kind: 'document',
      version: { value: Number(this.source(version, versionStart)), span: this.span(version, versionStart) },
      imports: this.items(node, start, 1).map(([item, itemStart]) => this.importItem(item, itemStart)),
      program: this.program(...this.at(node, start, 2)),
      span: this.span(node, start),
    };
  }

  private importItem(node: CstNode, start: number): ImportItem {
    return {
      kind: 'import',
      names: this.list(...this.at(node, start, 2)).map(([name, nameStart]) => this.ident(name, nameStart)),
      from: this.stringNode(...this.at(node, start, 6)),
      span: this.span(node, start),
    };
  }

  private program(node: CstNode, start: number): ProgramNode {
    const description = this.items(node, start, 2)[0];
    return {
      kind: 'program',
      name: this.ident(...this.at(node, start, 1)),
      ...(description ? { description: this.string(...description) } : {}),
      items: this.items(node, start, 3).map(([item, itemStart]) => this.itemNode(item, itemStart)),
      span: this.span(node, start),
    };
  }

  /** An `Item` node: its one child is the item itself. */
  private itemNode(node: CstNode, start: number): ItemNode {
    const [item, itemStart] = this.only(node, start);
    if (this.cache) return this.cache.item(node, start, () => this.item(item, itemStart));
    return this.item(item, itemStart);
  }

  private item(node: CstNode, start: number): ItemNode {
    const span = this.span(node, start);
    const at = (index: number): [CstNode, number] => this.at(node, start, index);
    switch (node.ruleName) {
      case 'ModelItem':
        return { kind: 'model', interpreterId: this.string(...at(1)), span };
      case 'InputItem': {
        const defaultValue = this.items(node, start, 4)[0];
        return {
          kind: 'input',
          name: this.ident(...at(1)),
          type: this.type(...at(3)),
          // `InputDefault = "=" Literal`.
          ...(defaultValue ? { defaultValue: this.literal(...this.at(...defaultValue, 1)) } : {}),
          span,
        };
      }
      case 'OutputItem':
        return { kind: 'output', type: this.type(...at(1)), span };
      case 'MessageItem':
        return {
          kind: 'message',
          role: this.source(...at(0)) === 'system' ? 'system' : 'user',
          text: this.promptText(...at(1)),
          span,
        };
      case 'StepItem':
        return { kind: 'step', name: this.ident(...at(1)), body: this.stepBody(...at(3)), span };
      case 'JudgeItem':
        return {
          kind: 'judge',
          name: this.ident(...at(1)),
          settings: this.items(node, start, 2).map(([setting, settingStart]) =>
            this.judgeSetting(setting, settingStart),
          ),
          rubric: this.promptText(...at(3)),
          span,
        };
      case 'VerifyItem':
        return { kind: 'verify', expression: this.expression(...at(1)), span };
      case 'RequireItem':
        return { kind: 'require', expression: this.expression(...at(1)), span };
      case 'BudgetItem':
        return { kind: 'budget', dollars: this.number(...at(2)), span };
      case 'SequentialItem': {
        // `SequentialError = "error" number`, optional.
        const setting = this.items(node, start, 1)[0];
        if (!setting) return { kind: 'sequential', span };
        const [number, numberStart] = this.at(...setting, 1);
        return {
          kind: 'sequential',
          errorRate: this.number(number, numberStart),
          errorSpan: this.span(number, numberStart),
          span,
        };
      }
      case 'PassWhenItem':
        return {
          kind: 'pass-when',
          operator: this.source(...at(3)) as ComparisonOperator,
          threshold: this.number(...at(4)),
          span,
        };
      case 'CaseItem':
        return this.caseItem(node, start);
      case 'CasesFromItem': {
        const mapping = this.items(node, start, 3)[0];
        return {
          kind: 'cases-from',
          path: this.stringNode(...at(2)),
          ...(mapping ? { mapping: this.object(...mapping) } : {}),
          span,
        };
      }
      case 'SampleItem': {
        const [count, countStart] = at(1);
        return {
          kind: 'sample',
          count: { value: Number(this.source(count, countStart)), span: this.span(count, countStart) },
          settings: this.items(node, start, 2).map(([setting, settingStart]) => ({
            name: this.source(...this.at(setting, settingStart, 0)) as SampleSettingName,
            value: this.number(...this.at(setting, settingStart, 1)),
            span: this.span(setting, settingStart),
          })),
          span,
        };
      }
      case 'ExpectItem':
        return {
          kind: 'expect',
          metric: this.metric(...at(1)),
          operator: this.source(...at(2)) as ComparisonOperator,
          threshold: this.number(...at(3)),
          span,
        };
      case 'HistoryItem':
        return {
          kind: 'history',
          role: this.source(...at(0)) === 'assistant' ? 'assistant' : 'user',
          text: this.promptText(...at(1)),
          span,
        };
      case 'ToolItem': {
        // `"tool" ident ToolParameters? stringLiteral`, with `ToolParameters = "(" ListOf<TypeField, ","> ","? ")"`.
        const parameters = this.items(node, start, 2)[0];
        return {
          kind: 'tool',
          name: this.ident(...at(1)),
          ...(parameters
            ? {
                parameters: this.list(...this.at(...parameters, 1)).map(([field, fieldStart]) =>
                  this.typeField(field, fieldStart),
                ),
              }
            : {}),
          description: this.stringNode(...at(3)),
          span,
        };
      }
      case 'McpItem':
        return { kind: 'mcp', name: this.ident(...at(1)), config: this.object(...at(2)), span };
      case 'EnvironmentItem':
        return { kind: 'environment', name: this.ident(...at(1)), span };
      case 'AgentItem':
        return {
          kind: 'agent',
          settings: this.items(node, start, 1).map(([setting, settingStart]): AgentItem['settings'][number] => ({
            name: this.source(...this.at(setting, settingStart, 0)) as AgentSettingName,
            value: this.literal(...this.at(setting, settingStart, 1)),
            span: this.span(setting, settingStart),
          })),
          span,
        };
      case 'SimulateItem':
        return {
          kind: 'simulate-user',
          settings: this.items(node, start, 2).map(([setting, settingStart]) =>
            this.simulateSetting(setting, settingStart),
          ),
          instructions: this.promptText(...at(3)),
          span,
        };
      default:
        throw new Error(`no AST for the item rule ${node.ruleName}`);
    }
  }

  private caseItem(node: CstNode, start: number): ItemNode {
    // `"case" stringLiteral Object CaseExpected? (#sameLineExpect metric comparisonOperator number)*`.
    const [id, idStart] = this.at(node, start, 1);
    const expected = this.items(node, start, 3)[0];
    const keywords = this.items(node, start, 4);
    const metrics = this.items(node, start, 5);
    const operators = this.items(node, start, 6);
    const thresholds = this.items(node, start, 7);
    return {
      kind: 'case',
      id: { value: this.string(id, idStart), span: this.span(id, idStart) },
      inputs: this.object(...this.at(node, start, 2)),
      // `CaseExpected = "->" Literal`.
      ...(expected ? { expected: this.literal(...this.at(...expected, 1)) } : {}),
      expectations: metrics.map(([metric, metricStart], index) => {
        const [keyword, keywordStart] = keywords[index] as [CstNode, number];
        const [operator, operatorStart] = operators[index] as [CstNode, number];
        const [threshold, thresholdStart] = thresholds[index] as [CstNode, number];
        const expectStart = keywordStart + this.source(keyword, keywordStart).indexOf('expect');
        return {
          kind: 'expect',
          metric: this.metric(metric, metricStart),
          operator: this.source(operator, operatorStart) as ComparisonOperator,
          threshold: this.number(threshold, thresholdStart),
          span: { start: expectStart, end: thresholdStart + threshold.matchLength },
        } satisfies ExpectItem;
      }),
      span: this.span(node, start),
    };
  }

  private stepBody(node: CstNode, start: number): StepItem['body'] {
    const [body, bodyStart] = this.only(node, start);
    if (body.ruleName !== 'StepBody_call') return { kind: 'prompt', text: this.promptText(body, bodyStart) };
    return {
      kind: 'call',
      callee: this.ident(...this.at(body, bodyStart, 0)),
      args: this.list(...this.at(body, bodyStart, 2)).map(([argument, argumentStart]) =>
        this.callArgument(argument, argumentStart),
      ),
    };
  }

  private callArgument(node: CstNode, start: number): CallArgumentNode {
    const [argument, argumentStart] = this.only(node, start);
    if (argument.ruleName === 'CallArgument_named') {
      return {
        name: this.ident(...this.at(argument, argumentStart, 0)),
        value: this.argumentValue(...this.at(argument, argumentStart, 2)),
        span: this.span(argument, argumentStart),
      };
    }
    return { value: this.argumentValue(argument, argumentStart), span: this.span(node, start) };
  }

  /** `ArgumentValue = Literal -- literal | ValuePath`. */
  private argumentValue(node: CstNode, start: number): ArgumentValueNode {
    const [value, valueStart] = this.only(node, start);
    const span = this.span(value, valueStart);
    if (value.ruleName === 'ArgumentValue_literal')
      return { kind: 'literal', literal: this.literal(...this.at(value, valueStart, 0)), span };
    return {
      kind: 'path',
      path: this.source(value, valueStart)
        .split('.')
        .map((part) => part.trim()),
      span,
    };
  }

  private simulateSetting(node: CstNode, start: number): SimulateUserItem['settings'][number] {
    const [setting, settingStart] = this.only(node, start);
    const span = this.span(setting, settingStart);
    const [value, valueStart] = this.at(setting, settingStart, 1);
    switch (setting.ruleName) {
      case 'SimulateSetting_model':
        return { name: 'model', value: this.string(value, valueStart), span };
      case 'SimulateSetting_stop':
        return { name: 'stop', value: this.string(value, valueStart), span };
      case 'SimulateSetting_maxTurns':
        return { name: 'max_turns', value: this.number(value, valueStart), span };
      default:
        return {
          name: this.source(...this.at(setting, settingStart, 0)) as SampleSettingName,
          value: this.number(value, valueStart),
          span,
        };
    }
  }

  private judgeSetting(node: CstNode, start: number): JudgeItem['settings'][number] {
    const [setting, settingStart] = this.only(node, start);
    const span = this.span(setting, settingStart);
    const [value, valueStart] = this.at(setting, settingStart, 1);
    switch (setting.ruleName) {
      case 'JudgeSetting_model':
        return { name: 'model', value: this.string(value, valueStart), span };
      case 'JudgeSetting_samples':
        return { name: 'samples', value: Number(this.source(value, valueStart)), span };
      default:
        return {
          name: this.source(...this.at(setting, settingStart, 0)) as SampleSettingName,
          value: this.number(value, valueStart),
          span,
        };
    }
  }
}
