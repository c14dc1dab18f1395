// Draws each chart on the spend pages: an element with data-chart-spec="<id>" gets the
// Vega-Lite spec in the json_script element with that id, drawn by the datastore's chart
// module. The figures are always in the table under each chart too.
import { renderChart } from "townsquare-chart";

for (const holder of document.querySelectorAll("[data-chart-spec]")) {
  const specElement = document.getElementById(holder.dataset.chartSpec);
  if (specElement) {
    renderChart(holder, JSON.parse(specElement.textContent));
  }
}
