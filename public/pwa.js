// Registers the service worker that shows /offline.html when the network is gone.
// A separate file (not inline) so the Content-Security-Policy needs no exception.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* the portal works without it */ });
  });
}
