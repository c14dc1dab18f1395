// Draws the chart page's Vega-Lite spec (from the json_script element "chart-spec") into
// #chart. Vega's expressions run through vega-interpreter instead of `new Function`, so the
// page's Content Security Policy needs no 'unsafe-eval'. The import map in the page says where
// "vega-interpreter" is.
import { expressionInterpreter } from "vega-interpreter";

const holder = document.getElementById("chart");
const specElement = document.getElementById("chart-spec");

if (holder && specElement && window.vegaEmbed) {
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
