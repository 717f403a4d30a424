// Surveys: a map to pick a point for map questions (the coordinate fields work without it).
(function () {
  'use strict';
  function init() {
    if (typeof window.L === 'undefined') return;
    document.querySelectorAll('.map-picker').forEach(function (el) {
      var lat = document.getElementById(el.getAttribute('data-lat-field'));
      var lon = document.getElementById(el.getAttribute('data-lon-field'));
      if (!lat || !lon) return;
      el.hidden = false;
      var start = [Number(lat.value) || 66.7, Number(lon.value) || 27.9];
      var map = window.L.map(el).setView(start, lat.value ? 10 : 6);
      window.L.tileLayer(el.getAttribute('data-tile-url'), { maxZoom: 16 }).addTo(map);
      var marker = lat.value && lon.value ? window.L.marker(start).addTo(map) : null;
      map.on('click', function (e) {
        lat.value = e.latlng.lat.toFixed(4);
        lon.value = e.latlng.lng.toFixed(4);
        if (marker) marker.setLatLng(e.latlng);
        else marker = window.L.marker(e.latlng).addTo(map);
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
