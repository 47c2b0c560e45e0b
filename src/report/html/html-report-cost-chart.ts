/**
 * The part of the report page's script that draws a program's cost curves: pass@k up the left axis against the
 * dollars of k attempts per case along a log scale, one line per interpreter in the colour of its pass@k curve, a
 * dot at each k with the point in words as its tooltip, and the k that solves the most cases per dollar ringed and
 * labelled. It runs inside the page script, whose helpers (`add`, `el`, `shape`, `label`, `chartFrame`, `logAxis`,
 * `pathThrough`, `y`, `palette`, `data`) it uses; every text goes in through `textContent`.
 */
export const htmlReportCostChart = `
  function dollarTick(value) {
    return '$' + (value >= 1 ? String(value) : value.toFixed(Math.round(-Math.log10(value))));
  }
  function costChart(parent, group) {
    var drawn = group.programs.filter(function (program) { return program.spend.costCurve; });
    group.programs.filter(function (program) { return !program.spend.costCurve; }).forEach(function (program) {
      add(parent.parentNode, el('p', 'muted cost-curve-missing', program.interpreter + ': no cost curve: ' + program.spend.costCurveProblem));
    });
    if (drawn.length === 0) return;
    var costs = [];
    drawn.forEach(function (program) { program.spend.costCurve.points.forEach(function (point) { costs.push(point.cost); }); });
    var low = Math.pow(10, Math.floor(Math.log10(Math.min.apply(null, costs))));
    var high = Math.pow(10, Math.ceil(Math.log10(Math.max.apply(null, costs))));
    if (high <= low) high = low * 10;
    var ticks = [];
    for (var tick = low; tick <= high * 1.001; tick *= 10) ticks.push(tick);
    var xOf = logAxis(low, high);
    var chart = chartFrame(parent, 'cost-chart', ticks, xOf, dollarTick, 'dollars of k attempts per case (log scale)');
    chart.setAttribute('data-program', group.name);
    drawn.forEach(function (program) {
      var index = data.programs.indexOf(program);
      var color = palette[index % palette.length];
      var curve = program.spend.costCurve;
      var series = add(chart, shape('g', { class: 'cost-series', 'data-interpreter-index': index }));
      add(series, shape('path', { class: 'cost-curve', stroke: color, d: pathThrough(curve.points, function (point) { return xOf(point.cost); }, function (point) { return y(point.passAtK); }) }));
      curve.points.forEach(function (point) {
        var best = point.k === curve.bestK;
        var dot = add(series, shape('circle', { class: best ? 'cost-point best' : 'cost-point', cx: xOf(point.cost).toFixed(1), cy: y(point.passAtK).toFixed(1), r: best ? 5 : 3, fill: color, stroke: color, 'data-k': point.k }));
        add(dot, shape('title', {})).textContent = program.interpreter + ': ' + point.text;
        if (best) label(series, xOf(point.cost) + 7, y(point.passAtK) + 14, 'best k = ' + point.k);
      });
    });
  }
`;
