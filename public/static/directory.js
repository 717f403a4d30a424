// Directory pages, progressive enhancement only: search, filters and pagination work without it.
(function () {
  'use strict';

  // Empty fields stay out of the URL, so shared links show only the filters in use.
  document.querySelectorAll('form.search-form').forEach(function (form) {
    form.addEventListener('submit', function () {
      form.querySelectorAll('input[name], select[name]').forEach(function (el) {
        if (el.value === '' && el.type !== 'checkbox') el.disabled = true;
      });
    });
  });

  // "Near me": the browser's position becomes near=lat,lon, then the form is sent.
  var nearMe = document.querySelector('[data-near-me]');
  var nearSelect = document.getElementById('near');
  var nearStatus = document.querySelector('[data-near-status]');
  if (nearMe && nearSelect && 'geolocation' in navigator) {
    nearMe.hidden = false;
    nearMe.addEventListener('click', function () {
      if (nearStatus) nearStatus.textContent = nearMe.getAttribute('data-locating') || '';
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          var value = pos.coords.latitude.toFixed(4) + ',' + pos.coords.longitude.toFixed(4);
          var option = document.createElement('option');
          option.value = value;
          option.textContent = nearSelect.getAttribute('data-my-position') || value;
          nearSelect.options[0].after(option);
          nearSelect.value = value;
          if (nearStatus) nearStatus.textContent = '';
          if (nearSelect.form) nearSelect.form.requestSubmit();
        },
        function () {
          if (nearStatus) nearStatus.textContent = nearMe.getAttribute('data-failed') || '';
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 },
      );
    });
  }

  // Maps: shown only when Leaflet loaded; the list beside them holds the same information.
  document.querySelectorAll('[data-map-panel]').forEach(function (panel) {
    if (typeof window.L === 'undefined') return;
    var L = window.L;
    var el = panel.querySelector('.map');
    var markers;
    try {
      markers = JSON.parse(panel.getAttribute('data-markers') || '[]');
    } catch (e) {
      return;
    }
    if (!el || !markers.length) return;
    panel.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false });
    var tiles = L.tileLayer(panel.getAttribute('data-tile-url'), { maxZoom: 18, attribution: '' });
    tiles.addTo(map);
    // The attribution is plain text from the configuration, never HTML.
    map.attributionControl.setPrefix(false);
    var attribution = document.createElement('span');
    attribution.textContent = panel.getAttribute('data-attribution') || '';
    map.attributionControl.getContainer().appendChild(attribution);
    var failed = false;
    tiles.on('tileerror', function () {
      if (failed) return;
      failed = true;
      var note = document.createElement('p');
      note.className = 'map-error';
      note.setAttribute('role', 'status');
      note.textContent = panel.getAttribute('data-tiles-failed') || '';
      panel.appendChild(note);
    });
    var bounds = [];
    markers.forEach(function (m) {
      // Markers are not tab stops: every place is a link in the list next to the map.
      var marker = L.marker([m.lat, m.lon], { title: m.name, alt: m.name, keyboard: false }).addTo(map);
      if (m.href) {
        var link = document.createElement('a');
        link.href = m.href;
        link.textContent = m.name;
        marker.bindPopup(link);
      }
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length === 1) map.setView(bounds[0], 13);
    else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });

    var show = panel.getAttribute('data-label-show');
    var hide = panel.getAttribute('data-label-hide');
    if (show && hide) {
      var toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'secondary map-toggle';
      toggle.setAttribute('aria-expanded', 'true');
      toggle.setAttribute('aria-controls', el.id);
      toggle.textContent = hide;
      toggle.addEventListener('click', function () {
        var open = toggle.getAttribute('aria-expanded') === 'true';
        toggle.setAttribute('aria-expanded', String(!open));
        toggle.textContent = open ? show : hide;
        el.hidden = open;
        if (!open) map.invalidateSize();
      });
      panel.insertBefore(toggle, el);
    }
  });
})();
