// Progressive enhancement for the events pages; every page works without this file.
(() => {
  // Check-in: filter the list by name while typing (the search form still works without script).
  const search = document.querySelector('input[data-filter-list]');
  if (search) {
    const list = document.getElementById(search.getAttribute('data-filter-list'));
    search.addEventListener('input', () => {
      const q = search.value.trim().toLowerCase();
      for (const li of list ? list.querySelectorAll('li[data-name]') : []) {
        li.hidden = q !== '' && !li.getAttribute('data-name').includes(q);
      }
    });
  }

  // Check-in: scan the confirmation's QR code with the camera where the browser can
  // (BarcodeDetector); typing the code always works.
  const scan = document.getElementById('scan-qr');
  const video = document.getElementById('scan-video');
  const codeInput = document.getElementById('f-code');
  if (!scan || !video || !codeInput || !('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  scan.hidden = false;
  scan.addEventListener('click', async () => {
    let stream;
    try {
      const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      const started = Date.now();
      while (Date.now() - started < 60000) {
        const codes = await detector.detect(video);
        if (codes.length > 0) {
          codeInput.value = String(codes[0].rawValue).trim();
          codeInput.form.requestSubmit();
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    } catch {
      codeInput.focus();
    } finally {
      if (stream) for (const t of stream.getTracks()) t.stop();
      video.hidden = true;
    }
  });
})();
