// The app shell, cached so that a grid worker can open the console and record shifts with no network.
// API calls are never cached: they carry a person's token and data, and offline writes wait in IndexedDB instead.
const SHELL = 'shell-v1';
const FILES = ['/', '/index.html', '/styles.css', '/icon.svg', '/manifest.webmanifest', '/app/main.js', '/app/api.js',
  '/app/auth.js', '/app/i18n.js', '/app/ui.js', '/app/queue.js', '/app/charts.js', '/app/grid.js', '/app/counter.js',
  '/app/staff.js', '/app/resident.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== SHELL).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')
      || url.pathname.startsWith('/console/') || url.pathname.startsWith('/q/')) {
    return;
  }
  // Network first, so a new release shows at once when online; the cached shell when not.
  const page = event.request.mode === 'navigate' ? '/index.html' : event.request;
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(SHELL).then((cache) => cache.put(page, copy));
    }
    return response;
  }).catch(() => caches.match(page, { ignoreSearch: true })));
});
