import { htmlReportCostChart } from './html-report-cost-chart.js';

/**
 * The report page's script. It reads the report's data from the JSON script element and builds the page with DOM
 * calls: every string from the data goes in through `textContent` or as an attribute value, never as markup, and no
 * link is ever made from it. Plain ES2017, so that it runs in any current browser from `file://`.
 */
export const htmlReportScript = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var palette = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bc4c00', '#1b7c83', '#bf3989', '#4d2d00'];
  var app = document.getElementById('app');
  app.textContent = '';

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function shape(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, String(attributes[name])); });
    return node;
  }
  function label(parent, x, y, text, anchor) {
    var node = add(parent, shape('text', { x: x.toFixed(1), y: y.toFixed(1), 'text-anchor': anchor || 'start' }));
    node.textContent = text;
    return node;
  }
  function fmt(value) { return value === null || value === undefined ? '—' : Number(value).toFixed(3); }
  function intervalText(interval) { return Math.round(interval.level * 100) + '% [' + fmt(interval.lower) + ', ' + fmt(interval.upper) + ']'; }
  // Control characters of model output shown as escapes, as the console shows them, so they cannot hide text.
  var controlCharacters = /[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029]/g;
  function visible(text) {
    return String(text).replace(controlCharacters, function (character) { return '\\\\u' + ('000' + character.charCodeAt(0).toString(16)).slice(-4); });
  }
  function kText(k) { return k >= 1000 ? (k >= 1e6 ? (k / 1e6) + 'M' : (k / 1000) + 'k') : String(k); }

  // Header.
  var header = add(app, el('header'));
  add(header, el('h1', null, data.title));
  add(header, el('p', 'status ' + (data.status === 'passed' ? 'passed' : data.status === 'failed' ? 'failed' : 'partial'), data.status));
  add(header, el('p', 'muted', 'runs ' + data.runIds.join(', ') + ' · generated ' + data.generatedAt + ' · informal ' + data.toolVersion));
  if (data.notes.length > 0) {
    var notes = add(header, el('ul', 'notes muted'));
    data.notes.forEach(function (note) { add(notes, el('li', null, note)); });
  }

  // Curves: one chart per program, one curve per interpreter.
  var groups = [];
  data.programs.forEach(function (program) {
    var group = groups.filter(function (candidate) { return candidate.name === program.name; })[0];
    if (!group) { group = { name: program.name, programs: [] }; groups.push(group); }
    group.programs.push(program);
  });

  var width = 640, height = 300, left = 48, right = 16, top = 14, bottom = 36;
  // A log-scale x axis from low (the left axis) to high (the right end).
  function logAxis(low, high) {
    var from = Math.log10(low), span = Math.log10(high) - from;
    return function (value) { return left + ((Math.log10(value) - from) / span) * (width - left - right); };
  }
  var x = logAxis(1, data.kMax);
  function y(value) { return top + (1 - value) * (height - top - bottom); }
  function pathThrough(points, xOf, yOf) {
    return points.map(function (point, index) { return (index === 0 ? 'M' : 'L') + xOf(point).toFixed(1) + ' ' + yOf(point).toFixed(1); }).join(' ');
  }
  function linePath(points, key) {
    return pathThrough(points, function (point) { return x(point.k); }, function (point) { return y(point[key]); });
  }
  // A chart with pass@k from 0 to 1 up its left axis: the grid, the x ticks with their labels, and the x axis's title.
  function chartFrame(parent, className, ticks, xOf, tickText, title) {
    var chart = add(parent, shape('svg', { class: className, width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img' }));
    for (var tick = 0; tick <= 10; tick += 2) {
      var value = tick / 10;
      add(chart, shape('line', { class: 'grid', x1: left, x2: width - right, y1: y(value).toFixed(1), y2: y(value).toFixed(1) }));
      label(chart, left - 6, y(value) + 4, value.toFixed(1), 'end');
    }
    ticks.forEach(function (at) {
      add(chart, shape('line', { class: 'grid', x1: xOf(at).toFixed(1), x2: xOf(at).toFixed(1), y1: top, y2: height - bottom }));
      label(chart, xOf(at), height - bottom + 14, tickText(at), 'middle');
    });
    label(chart, (left + width - right) / 2, height - 4, title, 'middle');
    add(chart, shape('line', { class: 'axis', x1: left, x2: width - right, y1: height - bottom, y2: height - bottom }));
    add(chart, shape('line', { class: 'axis', x1: left, x2: left, y1: top, y2: height - bottom }));
    return chart;
  }
${htmlReportCostChart}
  function bandPath(points) {
    if (points.length === 0) return '';
    var upper = points.map(function (point, index) { return (index === 0 ? 'M' : 'L') + x(point.k).toFixed(1) + ' ' + y(point.upper).toFixed(1); });
    var lower = points.slice().reverse().map(function (point) { return 'L' + x(point.k).toFixed(1) + ' ' + y(point.lower).toFixed(1); });
    return upper.concat(lower).join(' ') + ' Z';
  }

  var curvesSection = add(app, el('section'));
  curvesSection.id = 'curves';
  add(curvesSection, el('h2', null, 'pass@k'));
  add(curvesSection, el('p', 'muted', 'Solid: observed within the samples drawn; dashed: extrapolated beyond them. Bands are intervals; the dotted line is pass@∞. Beside it, pass@k against the dollars of k attempts per case, at k = 1, 2, 4, …; the ringed point is the k that solves the most cases per dollar.'));
  groups.forEach(function (group) {
    var figure = add(curvesSection, el('figure', 'chart'));
    figure.setAttribute('data-program', group.name);
    add(figure, el('h3', null, group.name));
    var kTicks = [];
    for (var power = 0; Math.pow(10, power) <= data.kMax; power++) kTicks.push(Math.pow(10, power));
    var charts = add(figure, el('div', 'charts'));
    var chart = chartFrame(charts, 'pass-chart', kTicks, x, kText, 'k (attempts per case, log scale)');
    costChart(charts, group);
    var legend = add(figure, el('div', 'legend'));
    group.programs.forEach(function (program, seriesIndex) {
      var color = palette[data.programs.indexOf(program) % palette.length];
      var entry = add(legend, el('span'));
      var swatch = add(entry, el('span', 'swatch'));
      swatch.setAttribute('data-color', color);
      entry.appendChild(document.createTextNode(program.interpreter));
      // The swatch's colour is set through the CSS object model, which a content security policy allows.
      swatch.style.background = color;
      if (!program.curve) {
        add(figure, el('p', 'muted', program.interpreter + ': no curve: ' + program.curveProblem));
        return;
      }
      var observed = program.curve.points.filter(function (point) { return point.source === 'observed'; });
      var extrapolated = program.curve.points.filter(function (point) { return point.source === 'extrapolated'; });
      if (observed.length > 0 && extrapolated.length > 0) extrapolated.unshift(observed[observed.length - 1]);
      var series = add(chart, shape('g', { class: 'series', 'data-interpreter-index': data.programs.indexOf(program) }));
      if (extrapolated.length > 0) {
        add(series, shape('path', { class: 'band extrapolated', fill: color, d: bandPath(extrapolated) }));
        add(series, shape('path', { class: 'curve extrapolated', stroke: color, d: linePath(extrapolated, 'estimate') }));
      }
      add(series, shape('path', { class: 'band observed', fill: color, d: bandPath(observed) }));
      add(series, shape('path', { class: 'curve observed', stroke: color, d: linePath(observed, 'estimate') }));
      var infinity = program.curve.passAtInfinity;
      add(series, shape('line', { class: 'pass-infinity', stroke: color, x1: left, x2: width - right, y1: y(infinity.estimate).toFixed(1), y2: y(infinity.estimate).toFixed(1) }));
      label(series, width - right - 2, y(infinity.estimate) - 4 + 13 * seriesIndex, 'pass@∞ ' + fmt(infinity.estimate) + ' [' + fmt(infinity.lower) + ', ' + fmt(infinity.upper) + ']', 'end');
    });
    data.crossovers.filter(function (entry) { return entry.program === group.name; }).forEach(function (entry) {
      var result = entry.result;
      var text;
      if (result.status === 'crossing') {
        add(chart, shape('line', { class: 'crossover', x1: x(result.k).toFixed(1), x2: x(result.k).toFixed(1), y1: top, y2: height - bottom }));
        label(chart, x(result.k) + 4, top + 12, 'crossover k ≈ ' + result.k);
        var before = result.leaderBefore === 'a' ? entry.a : entry.b;
        var after = result.leaderAfter === 'a' ? entry.a : entry.b;
        text = entry.a + ' vs ' + entry.b + ': ' + after + ' overtakes ' + before + ' at k ≈ ' + result.k + ' (' + Math.round(result.level * 100) + '% interval ' + result.lower + ' to ' + (result.upperBeyondRange ? 'beyond ' : '') + result.upper + ')';
      } else if (result.status === 'none') {
        text = entry.a + ' vs ' + entry.b + ': no crossover up to k = ' + kText(data.kMax) + (result.leader === 'tie' ? '; the curves agree' : '; ' + (result.leader === 'a' ? entry.a : entry.b) + ' leads throughout');
      } else {
        text = entry.a + ' vs ' + entry.b + ': no crossover computed: ' + result.reason;
      }
      add(figure, el('p', 'crossover-text', text));
    });
    data.interpreterComparisons.filter(function (entry) { return entry.program === group.name; }).forEach(function (entry) {
      if (entry.suiteKText) add(figure, el('p', 'paired-text', entry.interpreter + ' vs ' + entry.reference + ': ' + entry.suiteKText));
      add(figure, el('p', 'paired-text', entry.interpreter + ' − ' + entry.reference + ': ' + entry.text));
      if (entry.costText) add(figure, el('p', 'paired-text', entry.costText));
    });
  });

  // Per program and interpreter: metrics, expectations, score histogram.
  var programsSection = add(app, el('section'));
  programsSection.id = 'programs';
  add(programsSection, el('h2', null, 'Programs'));
  var cards = add(programsSection, el('div', 'cards'));
  data.programs.forEach(function (program) {
    var card = add(cards, el('div', 'card'));
    add(card, el('h3', program.status, program.name + ' on ' + program.interpreter + ' · ' + program.status));
    add(card, el('p', 'muted', program.file + ' · ' + program.cases.length + ' cases × ' + program.samplesPerCase + ' samples · seed ' + program.seed + (program.errors > 0 ? ' · ' + program.errors + ' errors' : '')));
    if (program.description) add(card, el('p', null, program.description));
    var metrics = add(card, el('table', 'metrics'));
    program.metrics.forEach(function (metric) {
      var row = add(metrics, el('tr'));
      add(row, el('td', null, metric.name));
      add(row, el('td', 'number', metric.value === null ? 'undefined: ' + metric.reason : metric.text || fmt(metric.value)));
      add(row, el('td', 'number interval muted', metric.intervalText || (metric.interval ? intervalText(metric.interval) : '')));
    });
    if (program.curve) {
      var infinityRow = add(metrics, el('tr'));
      add(infinityRow, el('td', null, 'pass@∞'));
      add(infinityRow, el('td', 'number', fmt(program.curve.passAtInfinity.estimate)));
      add(infinityRow, el('td', 'number interval muted', Math.round(program.curve.level * 100) + '% [' + fmt(program.curve.passAtInfinity.lower) + ', ' + fmt(program.curve.passAtInfinity.upper) + ']'));
    }
    var spend = add(card, el('div', 'spend'));
    add(spend, el('p', 'spend-line', 'spend: ' + program.spend.text));
    if (program.spend.user) add(spend, el('p', 'spend-user muted', 'simulated user: ' + program.spend.user));
    if (program.spend.judges) add(spend, el('p', 'spend-judges muted', 'judges: ' + program.spend.judges));
    var spendFigures = add(spend, el('table', 'spend-figures'));
    program.spend.figures.forEach(function (figure) {
      var row = add(spendFigures, el('tr'));
      add(row, el('td', null, figure.name));
      add(row, el('td', 'number', figure.text));
      add(row, el('td', 'number interval muted', figure.interval || ''));
    });
    add(spend, el('p', 'price muted', 'price: ' + program.spend.priceSource + (program.spend.priceLabel ? ' · ' + program.spend.priceLabel : '')));
    if (program.expectations.length > 0) {
      var list = add(card, el('ul', 'expectations'));
      program.expectations.forEach(function (expectation) {
        var observed = expectation.observed === null ? 'undefined: ' + expectation.reason : 'observed ' + (expectation.observedText || fmt(expectation.observed) + (expectation.interval ? ' ' + intervalText(expectation.interval) : ''));
        var undecided = expectation.sequential && expectation.sequential.decision === 'undecided';
        var item = add(list, el('li', expectation.met ? 'passed' : undecided ? 'undecided' : 'failed', (expectation.met ? '✓ ' : undecided ? '? undecided: ' : '✗ ') + 'expect ' + expectation.text + (expectation.caseId !== undefined ? ' (case ' + expectation.caseId + ')' : '') + ' · ' + observed + ' · ' + expectation.location));
        if (expectation.significance && !undecided) {
          add(item, el('div', 'significance ' + expectation.significance.verdict, expectation.significance.text));
        }
        if (expectation.sequential) add(item, el('div', 'sequential muted', expectation.sequential.text));
      });
    }
    if (program.sequential) add(card, el('p', 'sequential muted', program.sequential));
    if (program.baseline) {
      var baseline = add(card, el('div', 'baseline ' + program.baseline.status));
      add(baseline, el('p', null, program.baseline.text));
      if (program.baseline.changes.length > 0) {
        var changes = add(baseline, el('ul', 'muted'));
        program.baseline.changes.forEach(function (change) { add(changes, el('li', null, change)); });
      }
    }
    if (program.agent) add(card, el('p', 'agent-figures muted', 'agent: ' + program.agent.text));
    if (program.judges.length > 0) {
      var judges = add(card, el('ul', 'judges muted'));
      program.judges.forEach(function (judge) {
        var item = add(judges, el('li', null, judge.text));
        item.setAttribute('data-judge', judge.judge);
      });
    }
    var bins = program.histogram.bins;
    var most = Math.max.apply(null, bins.concat([1]));
    var histogram = add(card, shape('svg', { class: 'histogram', width: 260, height: 110, viewBox: '0 0 260 110', role: 'img' }));
    bins.forEach(function (count, index) {
      var barHeight = (count / most) * 80;
      var bar = add(histogram, shape('rect', { class: 'bar', x: 10 + index * 24, y: (90 - barHeight).toFixed(1), width: 20, height: barHeight.toFixed(1) }));
      var title = add(bar, shape('title', {}));
      title.textContent = 'score ' + (index / 10).toFixed(1) + '–' + ((index + 1) / 10).toFixed(1) + ': ' + count + ' samples';
    });
    label(histogram, 10, 104, '0');
    label(histogram, 250, 104, '1', 'end');
    label(histogram, 130, 104, 'score', 'middle');
    add(card, el('p', 'muted', 'scores of ' + bins.reduce(function (sum, count) { return sum + count; }, 0) + ' scored samples' + (program.histogram.unscored ? ', ' + program.histogram.unscored + ' unscored' : '') + (program.histogram.errors ? ', ' + program.histogram.errors + ' errors' : '')));
  });

  // The per-case table, sortable by any column.
  var casesSection = add(app, el('section'));
  casesSection.id = 'cases';
  add(casesSection, el('h2', null, 'Cases'));
  add(casesSection, el('p', 'muted', 'Click a column to sort; click a row to see its samples below.'));
  var rows = [];
  data.programs.forEach(function (program) {
    program.cases.forEach(function (testCase) { rows.push({ program: program, testCase: testCase }); });
  });
  var columns = [
    { key: 'program', title: 'program', value: function (row) { return row.program.name; } },
    { key: 'interpreter', title: 'interpreter', value: function (row) { return row.program.interpreter; } },
    { key: 'case', title: 'case', value: function (row) { return row.testCase.id; } },
    { key: 'pass1', title: 'pass@1', number: true, value: function (row) { return row.testCase.passAt1; } },
    { key: 'passed', title: 'passed', number: true, value: function (row) { return row.testCase.c; } },
    { key: 'n', title: 'scored', number: true, value: function (row) { return row.testCase.n; } },
    { key: 'mean', title: 'mean score', number: true, value: function (row) { return row.testCase.meanScore; } },
    { key: 'errors', title: 'errors', number: true, value: function (row) { return row.testCase.errors; } }
  ];
  var table = add(casesSection, el('table'));
  table.id = 'case-table';
  var headRow = add(add(table, el('thead')), el('tr'));
  var body = add(table, el('tbody'));
  var sortKey = null, sortDirection = 1;
  columns.forEach(function (column) {
    var th = add(headRow, el('th', column.number ? 'number' : null, column.title));
    th.setAttribute('data-key', column.key);
    th.setAttribute('aria-sort', 'none');
    th.addEventListener('click', function () {
      sortDirection = sortKey === column.key ? -sortDirection : 1;
      sortKey = column.key;
      Array.prototype.forEach.call(headRow.children, function (cell) { cell.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', sortDirection === 1 ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var left = column.value(a), right = column.value(b);
        if (left === right) return 0;
        if (left === null) return 1;
        if (right === null) return -1;
        if (column.number) return (left - right) * sortDirection;
        return String(left).localeCompare(String(right)) * sortDirection;
      });
      drawRows();
    });
  });
  var selected = null;
  function drawRows() {
    body.textContent = '';
    rows.forEach(function (row) {
      var tr = add(body, el('tr', row === selected ? 'selected' : null));
      columns.forEach(function (column) {
        var value = column.value(row);
        add(tr, el('td', column.number ? 'number' : null, column.key === 'pass1' || column.key === 'mean' ? fmt(value) : value));
      });
      tr.addEventListener('click', function () { selected = row; drawRows(); showTrace(row); });
    });
  }

  // The trace viewer.
  var traceSection = add(app, el('section'));
  traceSection.id = 'trace';
  add(traceSection, el('h2', null, 'Traces'));
  var traceBody = add(traceSection, el('div'));
  function scoreTree(score) {
    var list = el('ul', 'score-tree');
    var item = add(list, el('li'));
    add(item, el('span', 'value', score.status === 'scored' ? fmt(score.value) : score.status));
    add(item, el('span', 'expression', score.expression || score.name || 'score'));
    if (score.explanation) add(item, el('span', 'explanation muted', ' — ' + score.explanation));
    if (score.judge) {
      item.className = 'judge';
      add(item, el('span', 'judge-figures muted', ' · judge ' + score.judge.judge + ' on ' + score.judge.interpreterId + ': ' + score.judge.values.length + ' answers ' + score.judge.values.map(fmt).join(', ')));
    }
    (score.parts || []).forEach(function (part) { add(item, scoreTree(part)); });
    return list;
  }
  // A trajectory, turn by turn: what the model said and called, what each tool answered, what the user said.
  function trajectoryView(agent) {
    var box = el('div', 'trajectory-box');
    add(box, el('p', 'muted', 'trajectory: ' + agent.modelTurns + (agent.modelTurns === 1 ? ' turn' : ' turns') + ', ended ' + agent.ended));
    var list = add(box, el('ol', 'trajectory'));
    agent.turns.forEach(function (turn) {
      var item = add(list, el('li', 'turn-' + turn.kind + (turn.error !== undefined ? ' failed' : '')));
      if (turn.kind === 'model') {
        add(item, el('span', 'role', 'model'));
        if (turn.text !== '') add(item, el('pre', 'text', visible(turn.text)));
        turn.calls.forEach(function (call) { add(item, el('div', 'call', 'calls ' + visible(call.name) + '(' + visible(call.arguments) + ')')); });
      } else if (turn.kind === 'tool') {
        add(item, el('span', 'role', 'tool ' + visible(turn.name)));
        add(item, el('div', 'call muted', 'arguments ' + visible(turn.arguments)));
        if (turn.result !== undefined) add(item, el('pre', 'result', visible(turn.result)));
      } else {
        add(item, el('span', 'role', 'user'));
        add(item, el('pre', 'text', visible(turn.text)));
      }
      if (turn.error !== undefined) add(item, el('p', 'failed error', 'error: ' + visible(turn.error)));
    });
    if (agent.state !== undefined) {
      add(box, el('h4', null, 'end state'));
      add(box, el('pre', 'state', visible(agent.state)));
    }
    if (agent.expectedState !== undefined) {
      add(box, el('h4', null, 'expected state'));
      add(box, el('pre', 'expected-state', visible(agent.expectedState)));
    }
    return box;
  }
  function showTrace(row) {
    traceBody.textContent = '';
    var testCase = row.testCase;
    add(traceBody, el('h3', null, row.program.name + ' on ' + row.program.interpreter + ' · case ' + testCase.id + ' · ' + testCase.c + '/' + testCase.n + ' passed'));
    if (testCase.samplesOmitted > 0) add(traceBody, el('p', 'muted', testCase.samplesOmitted + ' more samples are not included in this page'));
    testCase.samples.forEach(function (sample, index) {
      var details = add(traceBody, el('details', 'sample'));
      if (index === 0) details.open = true;
      add(details, el('summary', sample.success ? 'passed' : 'failed', (sample.success ? '✓' : '✗') + ' sample ' + sample.index + ' · seed ' + sample.seed + ' · score ' + (sample.score.status === 'scored' ? fmt(sample.score.value) : sample.score.status)));
      sample.steps.forEach(function (step) {
        add(details, el('h4', null, 'step ' + step.name));
        step.messages.forEach(function (message) {
          var box = add(details, el('div', 'message'));
          add(box, el('span', 'role', message.role));
          add(box, el('pre', null, message.content));
        });
        if (step.agent) add(details, trajectoryView(step.agent));
        if (step.error) add(details, el('p', 'failed', 'error: ' + step.error));
      });
      add(details, el('h4', null, 'output'));
      add(details, el('pre', 'output', sample.output));
      add(details, el('h4', null, 'verification'));
      add(details, scoreTree(sample.score));
    });
  }
  drawRows();
  var firstFailing = rows.filter(function (row) { return row.testCase.c < row.testCase.n || row.testCase.errors > 0; })[0] || rows[0];
  if (firstFailing) { selected = firstFailing; drawRows(); showTrace(firstFailing); }
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;
