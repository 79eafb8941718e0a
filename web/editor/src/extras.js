// What an editor can do without for its first second, in a chunk of its own (editor.js
// loads it once the first decision is painted): completions from the playground, search,
// closing brackets and the keys of both.
import { autocompletion, closeBrackets, closeBracketsKeymap, startCompletion } from "@codemirror/autocomplete";
import { search, searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { keymap } from "@codemirror/view";

export { startCompletion };

// The extensions for the editor whose test id is `testid` (the playground's completions
// are asked for by it).
export function extensions(testid) {
  return [
    closeBrackets(),
    highlightSelectionMatches(),
    search({ top: true }),
    // completions from the playground (window.IamplayComplete, set by the wasm app):
    // actions, condition operators and keys, element names, declared names
    autocompletion({
      // the list follows each keystroke at once (the default waits 100 ms)
      activateOnTypingDelay: 0,
      override: [
        (ctx) => {
          const found = window.IamplayComplete?.(testid, ctx.state.doc.toString(), ctx.pos);
          if (!found) return null;
          return { from: found.from, options: found.options, validFor: /^[\w:*\-\/.@${}]*$/ };
        },
      ],
    }),
    keymap.of([...closeBracketsKeymap, ...searchKeymap]),
  ];
}
