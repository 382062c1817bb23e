// The actor filter: what people type ("HTS", "Syrian army", "rebels", "regime") against every name an actor goes
// by in the picture: its canonical name, its aliases, the words the articles used for it (mentions) and its kind.
// Every typed word must fit one of the actor's words: as the start of a word still being typed ("hay" for Hayat),
// or as a form of the same word ("syrian"/"syria", "rebel"/"rebels", "turkish"/"turkey": a shared stem of at
// least four letters that leaves at most two letters of the shorter word).
"use strict";

const MIN_STEM = 4; // shorter shared starts ("iran"/"iraq" share "ira") are different words
const MAX_ENDING = 2; // letters of the shorter word past the shared stem: -n, -s, -ey, -ish...

export function words(text) {
  return String(text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function sharedStart(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

export function wordFits(typed, word) {
  if (word.startsWith(typed)) return true;
  const stem = sharedStart(typed, word);
  return stem >= MIN_STEM && Math.min(typed.length, word.length) - stem <= MAX_ENDING;
}

export function actorWords(actor) {
  const texts = [actor.id, actor.name, actor.kind && actor.kind.replace(/_/g, " "), ...(actor.aliases || []),
    ...(actor.mentions || []).map((m) => m.text)];
  return new Set(texts.flatMap(words));
}

// The ids of the actors a query names; null for an empty query (no filter).
export function matchingActors(query, actors) {
  const typed = words(query);
  if (!typed.length) return null;
  const found = new Set();
  for (const actor of actors) {
    const own = [...actorWords(actor)];
    if (typed.every((t) => own.some((w) => wordFits(t, w)))) found.add(actor.id);
  }
  return found;
}
