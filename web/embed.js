// For pages that embed the IAM policy playground (the snippet of "Copy embed snippet"
// loads it): each embedded playground tells its page how tall its content is (a number,
// nothing else), and this sets the height of its frame, so the example shows whole.
// Only messages from this script's own origin are read.
(() => {
  const origin = new URL(document.currentScript ? document.currentScript.src : location.href).origin;
  addEventListener("message", (event) => {
    if (event.origin !== origin) return;
    const height = event.data && event.data.iamplayEmbedHeight;
    if (typeof height !== "number" || !(height > 0) || height > 20000) return;
    for (const frame of document.getElementsByTagName("iframe")) {
      if (frame.contentWindow === event.source) frame.height = String(Math.ceil(height));
    }
  });
})();
