// Infinite scroll for the library grid: when the link to older items comes into view, the next
// days are fetched as HTML and put in its place. Without JavaScript the link still works.
(function () {
  const grid = document.getElementById('grid');
  if (!grid || !('IntersectionObserver' in window)) {
    return;
  }
  let loading = false;
  const observer = new IntersectionObserver(async (entries) => {
    const more = document.getElementById('more');
    if (!more || loading || !entries.some((e) => e.isIntersecting)) {
      return;
    }
    loading = true;
    try {
      const response = await fetch(more.dataset.page, {credentials: 'same-origin'});
      if (response.ok) {
        const holder = more.closest('p');
        const next = document.createElement('div');
        next.innerHTML = await response.text();
        holder.replaceWith(...next.childNodes);
        watch();
      }
    } finally {
      loading = false;
    }
  }, {rootMargin: '800px'});
  function watch() {
    const more = document.getElementById('more');
    if (more) {
      observer.observe(more);
    }
  }
  watch();
})();
