// Sphinx's search scores (its defaults), and one rule of the book's: the
// bibliography names every word of every source, so it comes after the
// chapters that tell the story. Read by tracingbook.sphinx.search.
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    return docname.endsWith("references") ? score - 100 : score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
