// The book's live examples: loads embed.js of the playground, which turns every
// ```iamplay block of the page into an embedded playground (see embedding.md). Where the
// playground is: scripts/build-book --playground URL writes its address here.
(() => {
  const PLAYGROUND = "http://127.0.0.1:8080/";
  const script = document.createElement("script");
  script.src = new URL("embed.js", PLAYGROUND).href;
  script.async = true;
  document.head.append(script);
})();
