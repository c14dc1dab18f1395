// The table chart page: draws the spec in the json_script element "chart-spec" into #chart.
import { renderChart } from "townsquare-chart";

const holder = document.getElementById("chart");
const specElement = document.getElementById("chart-spec");

if (holder && specElement) {
  renderChart(holder, JSON.parse(specElement.textContent));
}
