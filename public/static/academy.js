// The academy's lesson player: reports the stretches of the film actually played (a seek closes a
// stretch, so jumping ahead adds nothing), continues where the learner left off on any device, and
// lets keyboards and phones choose captions and skip. The server counts distinct seconds.
(() => {
  const box = document.getElementById('player');
  const video = document.getElementById('lesson-video');
  if (!box || !video) return;
  const url = box.dataset.progressUrl;
  const csrf = document.querySelector('form.progress-form input[name="_csrf"]')?.value;
  const status = document.getElementById('watch-status');
  const duration = Number(box.dataset.duration) || 0;
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

  // ---- captions chosen by the learner
  const choice = document.getElementById('caption-lang');
  const showCaptions = (lang) => {
    for (const track of video.textTracks) track.mode = lang && track.language === lang ? 'showing' : 'disabled';
  };
  if (choice) {
    choice.addEventListener('change', () => showCaptions(choice.value));
    video.textTracks.addEventListener?.('addtrack', () => showCaptions(choice.value));
    showCaptions(choice.value);
  }

  // ---- buttons for keyboards and small screens
  box.addEventListener('click', (event) => {
    const action = event.target.closest?.('button[data-action]')?.dataset.action;
    if (action === 'toggle') video.paused ? video.play() : video.pause();
    if (action === 'back') video.currentTime = Math.max(0, video.currentTime - 10);
    if (action === 'forward') video.currentTime = Math.min(video.duration || duration, video.currentTime + 10);
  });

  // ---- continue where the learner left off
  const resumeAt = Number(box.dataset.position) || 0;
  if (resumeAt > 0 && resumeAt < duration - 2) {
    const seek = () => {
      video.currentTime = resumeAt;
    };
    if (video.readyState >= 1) seek();
    else video.addEventListener('loadedmetadata', seek, { once: true });
  }

  // ---- watched stretches
  let pending = [];
  let start = null;
  let last = null;
  // Between two time updates playback moves at most this far; a bigger step is a seek.
  const maxStep = () => 1 + 0.5 * video.playbackRate;
  /** Ends the open stretch, at `at` when playback got there without a jump (pause, end of film). */
  const close = (at) => {
    if (start !== null && at !== undefined && at > last && at - last <= maxStep()) last = at;
    if (start !== null && last !== null && last > start) pending.push([start, last]);
    start = null;
    last = null;
  };
  video.addEventListener('playing', () => {
    if (start === null) {
      start = video.currentTime;
      last = start;
    }
  });
  video.addEventListener('timeupdate', () => {
    if (video.paused || video.seeking) return;
    const t = video.currentTime;
    if (start === null || t < last || t - last > maxStep()) {
      close();
      start = t;
    }
    last = t;
  });
  video.addEventListener('seeking', () => close());

  let sentPosition = -1;
  let inFlight = false;
  const send = async (keepalive = false) => {
    if (!url || !csrf || inFlight) return;
    if (start !== null && last !== null && last > start) {
      // Report the open stretch so far and keep going from where it got to.
      const at = last;
      close();
      start = at;
      last = at;
    }
    const position = Math.floor(video.currentTime);
    if (!pending.length && position === sentPosition) return;
    const intervals = pending;
    pending = [];
    inFlight = true;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ intervals, position }),
        credentials: 'same-origin',
        keepalive,
      });
      if (!res.ok) throw new Error(String(res.status));
      const r = await res.json();
      sentPosition = position;
      if (status)
        status.textContent = r.isLessonDone
          ? box.dataset.msgDone
          : fill(box.dataset.msgWatched, { watched: r.watchedSeconds, needed: r.secondsNeeded, total: duration });
      box.dataset.watched = String(r.watchedSeconds);
      box.dataset.done = r.isLessonDone ? 'true' : 'false';
    } catch {
      pending = intervals.concat(pending);
      if (status) status.textContent = box.dataset.msgOffline;
    } finally {
      inFlight = false;
    }
  };
  video.addEventListener('pause', () => {
    close(video.currentTime);
    send();
  });
  video.addEventListener('ended', () => {
    close(video.duration || duration);
    send();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') send(true);
  });
  setInterval(() => {
    if (!video.paused) send();
  }, 5000);
})();

// The lesson editor: a film over the page form's limit goes raw to the files API (streamed into
// the store, 2 GB), then the small form makes it the draft's film. Without script, the form posts it.
(() => {
  const box = document.querySelector('.video-upload[data-api]');
  const form = box?.querySelector('form[enctype="multipart/form-data"]');
  const use = box?.querySelector('form.use-video-form');
  if (!box || !form || !use) return;
  const status = box.querySelector('.upload-status');
  form.addEventListener('submit', async (event) => {
    const file = form.querySelector('input[type="file"]')?.files?.[0];
    if (!file || file.size <= Number(box.dataset.limit)) return;
    event.preventDefault();
    const csrf = form.querySelector('input[name="_csrf"]')?.value ?? '';
    if (status) status.textContent = box.dataset.msgUploading;
    try {
      const res = await fetch(`${box.dataset.api}?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'x-csrf-token': csrf },
        body: file,
        credentials: 'same-origin',
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body?.error?.message ?? String(res.status));
      use.querySelector('input[name="file_id"]').value = body.file.id;
      use.submit();
    } catch (err) {
      if (status) status.textContent = `${box.dataset.msgFailed} ${err.message}`;
    }
  });
})();
