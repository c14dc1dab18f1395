// Draws the map page's GeoJSON (json_script "map-features") on a Leaflet map in #map, over the
// tiles named by the element's data-tile-url (a setting). Points are circle markers, so no
// marker images are needed; each has its label as a tooltip.
(function () {
  "use strict";
  var holder = document.getElementById("map");
  var data = document.getElementById("map-features");
  if (!holder || !data || !window.L) {
    return;
  }
  var features = JSON.parse(data.textContent);
  var map = window.L.map(holder, { scrollWheelZoom: false });
  window.L.tileLayer(holder.dataset.tileUrl, {
    attribution: holder.dataset.tileAttribution,
    maxZoom: 19,
  }).addTo(map);
  var layer = window.L.geoJSON(features, {
    pointToLayer: function (feature, latlng) {
      return window.L.circleMarker(latlng, { radius: 5, weight: 1, color: "#1d70b8", fillOpacity: 0.7 });
    },
    onEachFeature: function (feature, shape) {
      if (feature.properties && feature.properties.label) {
        shape.bindTooltip(feature.properties.label);
      }
    },
  }).addTo(map);
  var bounds = layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
  } else {
    map.setView([54.5, -2.5], 5); // Great Britain
  }
  holder.setAttribute("data-drawn", "true");
})();
