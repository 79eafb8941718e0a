// For pages that embed the IAM policy playground. Two things:
//
// 1. Each embedded playground tells its page how tall its content is (a number, nothing
//    else), and this sets the height of its frame, so the example shows whole. Only
//    messages from this script's own origin are read.
// 2. Plain code blocks become playgrounds: `<pre data-iamplay>` and the blocks a Markdown
//    fence ```iamplay makes (`<pre><code class="language-iamplay">`), holding a scenario
//    (`policies`, `principals`, `requests`) or a policy and a request
//    (`{"policy": {…}, "request": {…}}`, or `"requests": […]`, each request's caller
//    `user/alice` unless it names one). The text reaches the frame in its address's fragment (`#s=…`, a share link made
//    here: never sent to any server); `data-iamplay="policies,request"` chooses the panes,
//    `data-readonly="0"` lets the reader edit. A block that is not such JSON stays as it
//    is, and without this script every block stays readable code.
(() => {
  const script = document.currentScript;
  const playground = new URL(".", script ? script.src : location.href);
  const origin = playground.origin;
  addEventListener("message", (event) => {
    if (event.origin !== origin) return;
    const height = event.data && event.data.iamplayEmbedHeight;
    if (typeof height !== "number" || !(height > 0) || height > 20000) return;
    for (const frame of document.getElementsByTagName("iframe")) {
      if (frame.contentWindow === event.source) frame.height = String(Math.ceil(height));
    }
  });

  const pretty = (value) => JSON.stringify(value, null, 2);

  // The playground's three texts for a block's JSON, or null when it is neither form.
  function texts(value) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    if (value.policies || value.principals) {
      const requests = value.requests ?? value.request ?? [];
      return { policies: pretty(value.policies ?? {}), principals: pretty(value.principals ?? {}), request: pretty(requests), panes: "policies,principals,request" };
    }
    const requests = value.requests ?? (value.request ? [value.request] : null);
    if (value.policy && Array.isArray(requests)) {
      const asked = requests.map((r) => (r && typeof r === "object" && !Array.isArray(r) ? { principal: "user/alice", ...r } : r));
      const principals = { account: "111122223333", users: { alice: { policies: ["policy"] } } };
      return { policies: pretty({ policy: value.policy }), principals: pretty(principals), request: pretty(asked), panes: "policies,request" };
    }
    return null;
  }

  // A share link's fragment for the texts: the playground's own format (v1., the JSON of
  // the three texts, raw deflate, base64url).
  async function fragment(t) {
    const json = JSON.stringify({ v: 1, policies: t.policies, principals: t.principals, request: t.request });
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return "v1." + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  async function embed(pre) {
    let value;
    try {
      // the code element's text: a docs site may add buttons beside it inside the <pre>
      value = JSON.parse((pre.querySelector(":scope > code") ?? pre).textContent);
    } catch {
      return; // not JSON: the block stays readable code
    }
    const t = texts(value);
    if (!t || typeof CompressionStream !== "function") return;
    const panes = pre.dataset.iamplay || t.panes;
    const readOnly = pre.dataset.readonly === "0" ? "" : "&readonly=1";
    const frame = document.createElement("iframe");
    frame.src = `${playground.href}?embed=${encodeURIComponent(panes)}${readOnly}#s=${await fragment(t)}`;
    frame.width = "100%";
    frame.height = "430";
    frame.loading = "lazy";
    frame.title = pre.getAttribute("aria-label") || "IAM policy example";
    frame.style.border = "0";
    frame.dataset.iamplayEmbed = "";
    pre.replaceWith(frame);
  }

  function embedAll() {
    const blocks = new Set(document.querySelectorAll("pre[data-iamplay]"));
    for (const code of document.querySelectorAll("pre > code.language-iamplay")) blocks.add(code.parentElement);
    for (const pre of blocks) embed(pre);
  }
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", embedAll);
  else embedAll();
})();
