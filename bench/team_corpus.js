// The corpus of the team benchmarks (bench/team_sync.js, bench/team_page.mjs): the sample article
// made distinct N times ("Article i. " first), each annotator's 15 entities on every third capitalised
// word from her own offset, written as native files, one directory per annotator, for `annotator push`.
'use strict';
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const SAMPLE = resolve(__dirname, '..', 'tests/fixtures/suggest/news-article-syria-talks.txt');

// Annotator `user`'s entities in `text`.
function entities(text, user) {
  const out = [];
  const re = /[A-Z][a-z]+/g;
  let m, n = 0;
  while ((m = re.exec(text)) && out.length < 15) {
    if (n++ % 3 !== user % 3) continue;
    out.push({ id: `e${out.length + 1}`, start: m.index, end: m.index + m[0].length, label: ['PER', 'ORG', 'LOC', 'MISC'][out.length % 4], text: m[0] });
  }
  return out;
}

// Makes `dir` and writes annotator `user`'s n articles in it (a00000.json ...).
function writeAnnotatorFiles(dir, n, user) {
  const sample = readFileSync(SAMPLE, 'utf8');
  mkdirSync(dir);
  for (let i = 0; i < n; ++i) {
    const text = `Article ${i}. ` + sample;
    writeFileSync(join(dir, `a${String(i).padStart(5, '0')}.json`), JSON.stringify({ format: 'article-annotator', version: 1, text, entities: entities(text, user) }));
  }
}

module.exports = { writeAnnotatorFiles };
