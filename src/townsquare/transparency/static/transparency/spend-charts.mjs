// Draws each chart on the spend pages: an element with data-chart-spec="<id>" gets the
// Vega-Lite spec in the json_script element with that id. Vega's expressions run through
// vega-interpreter instead of `new Function`, so the Content Security Policy needs no
// 'unsafe-eval' (the page's import map says where "vega-interpreter" is). The figures are
// always in the table under each chart too.
import { expressionInterpreter } from "vega-interpreter";

for (const holder of document.querySelectorAll("[data-chart-spec]")) {
  const specElement = document.getElementById(holder.dataset.chartSpec);
  if (!specElement || !window.vegaEmbed) {
    continue;
  }
  const spec = JSON.parse(specElement.textContent);
  window
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
