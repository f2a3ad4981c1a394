// An album's slideshow: one picture at a time, the next every few seconds; arrow keys step,
// space pauses, Escape leaves. Pictures load as they come up.
'use strict';

(() => {
  const root = document.getElementById('slideshow');
  const slides = [...root.querySelectorAll('.slide')];
  const pause = document.getElementById('slide-pause');
  const position = document.getElementById('slide-position');
  let current = 0;
  let timer = null;

  function show(n) {
    if (slides.length === 0) return;
    slides[current].hidden = true;
    current = (n + slides.length) % slides.length;
    slides[current].hidden = false;
    slides[current].loading = 'eager';
    const next = slides[(current + 1) % slides.length];
    next.loading = 'eager';
    position.textContent = position.dataset.msg.replace('{0}', current + 1).replace('{1}', slides.length);
  }

  function play(on) {
    clearInterval(timer);
    timer = on ? setInterval(() => show(current + 1), Number(root.dataset.seconds) * 1000) : null;
    pause.textContent = on ? pause.dataset.pause : pause.dataset.play;
  }

  document.getElementById('slide-previous').addEventListener('click', () => { show(current - 1); play(timer !== null); });
  document.getElementById('slide-next').addEventListener('click', () => { show(current + 1); play(timer !== null); });
  pause.addEventListener('click', () => play(timer === null));
  document.addEventListener('keydown', event => {
    if (event.key === 'ArrowRight') show(current + 1);
    else if (event.key === 'ArrowLeft') show(current - 1);
    else if (event.key === ' ' && event.target === document.body) { event.preventDefault(); play(timer === null); }
    else if (event.key === 'Escape') location.assign(document.getElementById('slide-close').href);
  });
  show(0);
  play(true);
})();
