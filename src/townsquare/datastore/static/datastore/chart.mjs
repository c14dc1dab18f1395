// Draws a Vega-Lite spec into an element: the one chart start-up every chart in Townsquare
// uses (the table chart page, the spend pages). Vega's expressions run through
// vega-interpreter instead of `new Function`, so the page's Content Security Policy needs no
// 'unsafe-eval'. The page's import map (datastore.charts.importmap) says where
// "vega-interpreter" and this module ("townsquare-chart") are; vega-embed is loaded as a
// classic script before it. If the chart cannot be drawn, the element says so and points to
// the figures, which every chart page also shows as a table.
import { expressionInterpreter } from "vega-interpreter";

export function renderChart(holder, spec) {
  if (!window.vegaEmbed) {
    return Promise.resolve();
  }
  return window
    .vegaEmbed(holder, spec, {
      renderer: "canvas",
      actions: false,
      ast: true,
      expr: expressionInterpreter,
      defaultStyle: false,
      tooltip: false,
    })
    .then(() => holder.setAttribute("data-drawn", "true"))
    .catch((error) => {
      holder.removeAttribute("role");
      holder.textContent = `The chart could not be drawn (${error.message}). The figures are in the table below.`;
    });
}
