// Gift-card counter, progressive enhancement only: typing the code always works. Where the
// browser has BarcodeDetector (QR) and a camera, a "Scan" button reads the card's QR code into
// the code field and sends the form.
(function () {
  'use strict';
  var box = document.querySelector('.giftcard-scan');
  if (!box || !('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) return;
  var input = document.getElementById(box.getAttribute('data-scan-target') || '');
  var button = box.querySelector('.giftcard-scan-button');
  var video = box.querySelector('video');
  if (!input || !button || !video) return;
  box.hidden = false;
  var stream = null;
  var stop = function () {
    if (stream)
      stream.getTracks().forEach(function (t) {
        t.stop();
      });
    stream = null;
    video.hidden = true;
  };
  button.addEventListener('click', function () {
    if (stream) return stop();
    var detector;
    try {
      detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    } catch (_e) {
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        return video.play();
      })
      .then(function tick() {
        if (!stream) return;
        detector
          .detect(video)
          .then(function (codes) {
            if (codes.length && codes[0].rawValue) {
              input.value = codes[0].rawValue;
              stop();
              if (input.form) input.form.submit();
            } else {
              setTimeout(tick, 250);
            }
          })
          .catch(function () {
            setTimeout(tick, 500);
          });
      })
      .catch(stop);
  });
})();
