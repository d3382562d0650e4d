# Real files from other tools (tests/fixtures/real, sources in its README) through the CLI: CoNLL
# files come back byte for byte through native (one native file per -DOCSTART- document, their
# CoNLL written back in order), GermEval's tag layer is chosen with --column, and the readers say
# what they skip (Prodigy answers, a doccano record's users) and why a guessed format was guessed;
# every fixture, its format detected, gives the entities its source says, with the messages below.
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P real_files.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(real "${FIXTURES}/real")

include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)  # run()

function(expect_equal what got want)
  if(NOT "${got}" STREQUAL "${want}")
    message(SEND_ERROR "${what}: got\n${got}\nexpected\n${want}")
  endif()
endfunction()

# conll -> native -> conll, byte for byte (the extra -- column options as each file needs them).
foreach(case "ner-token-per-line-conll2003.iob" "labeling.conll2003.user1" "labeling.conll2003.user2"
             "wnut17-dev-excerpt.conll" "NER-de-dev.tsv|--column|3" "NER-de-dev.tsv"
             "lener-br-ACO2821STF-excerpt.conll" "seqeval-ground_truth-excerpt.txt|--column|3")
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 name)
  list(REMOVE_AT parts 0)
  set(options ${parts})
  string(MAKE_C_IDENTIFIER "${case}" id)
  run(0 convert "${real}/conll/${name}" --from conll ${options} --to native -o "${WORK}/${id}.json")
  file(GLOB natives "${WORK}/${id}.json" "${WORK}/${id}-*.json")
  list(SORT natives COMPARE NATURAL)
  set(back "")
  foreach(n ${natives})
    run(0 convert "${n}" --to conll -o "${n}.conll")
    file(READ "${n}.conll" part)
    string(APPEND back "${part}")
  endforeach()
  file(READ "${real}/conll/${name}" original)
  expect_equal("${case} through native" "${back}" "${original}")
endforeach()
# The two-document file gives two native files, each with its own -DOCSTART- line.
if(NOT EXISTS "${WORK}/labeling_conll2003_user2-2.json")
  message(SEND_ERROR "labeling.conll2003.user2: expected one native file per document")
endif()

# GermEval's outer layer with --column 3: 3 entities; the last column: none in this sentence.
run(0 validate --column 3 "${real}/conll/NER-de-dev.tsv")
expect_equal("validate --column 3" "${out}" "${real}/conll/NER-de-dev.tsv: ok, 3 entities, 3 labels, 115 code points\n")
run(2 validate --column 0 "${real}/conll/NER-de-dev.tsv")
expect_equal("--column 0" "${err}"
  "annotator: --column needs a column number (1 is the first), got \"0\"\nTry 'annotator --help'.\n")

# doccano's shapes: entities read, never "0 entities" in silence.
run(0 validate "${real}/doccano/labeling_text_label.jsonl" "${real}/flair/testa.jsonl" --from doccano)
expect_equal("doccano shapes" "${out}"
  "${real}/doccano/labeling_text_label.jsonl: ok, 2 documents, 11 entities, 5 labels, 211 code points\n${real}/flair/testa.jsonl: ok, 3 documents, 5 entities, 4 labels, 81 code points\n")

# Prodigy: only accepted examples by default, the others counted; --answers reads them all.
run(0 validate --answers accept,reject,ignore "${real}/prodigy/annotated_reddit-PRODUCT-ner.jsonl")
expect_equal("prodigy all" "${out}"
  "${real}/prodigy/annotated_reddit-PRODUCT-ner.jsonl: ok, 7 documents, 7 entities, 7 labels, 721 code points\n")
run(2 validate --answers accept,maybe "${real}/prodigy/annotated_reddit-PRODUCT-ner.jsonl")

# Label Studio: --trust-offsets keeps the offsets of regions whose text disagrees.
run(1 validate "${real}/label-studio/disagreeing.json")
run(0 validate --trust-offsets "${real}/label-studio/disagreeing.json")

# A failed read of a guessed format says what was guessed and why.
file(WRITE "${WORK}/notes.tsv" "1\tAngela\tB-PER\n2\tMerkel\tX-PER\n")
run(1 validate "${WORK}/notes.tsv")
expect_equal("guess explained" "${err}"
  "${WORK}/notes.tsv:2:10: error: unknown tag \"X-PER\" (expected O, or B-, I-, L-, U-, E- or S- and a type)\n${WORK}/notes.tsv: note: read as conll: the extension .tsv (though the content does not look like it) (--from names the format)\n")

# IOB1 to IOB2, the reason --scheme exists: the CoNLL input is read with its own scheme, and a mixed
# column (seqeval's prediction) comes back as it was without --scheme, and in one scheme with it.
run(0 convert "${real}/conll/ner-token-per-line-conll2003.iob" --scheme iob1 -o "${WORK}/iob1.conll")
run(0 convert "${WORK}/iob1.conll" --scheme iob2 -o "${WORK}/iob2.conll")
file(READ "${real}/conll/ner-token-per-line-conll2003.iob" original)
file(READ "${WORK}/iob2.conll" back)
expect_equal("iob1 -> iob2" "${back}" "${original}")
run(0 convert "${real}/conll/seqeval-ground_truth-excerpt.txt" --to native -o "${WORK}/mixed.json")
run(0 convert "${WORK}/mixed.json" --to conll -o "${WORK}/mixed.conll")
file(READ "${real}/conll/seqeval-ground_truth-excerpt.txt" original)
file(READ "${WORK}/mixed.conll" back)
expect_equal("mixed starts through native" "${back}" "${original}")
run(0 convert "${WORK}/mixed.json" --to conll --scheme iob2 -o "${WORK}/mixed.iob2.conll")
run(0 validate --scheme iob2 --column 4 "${WORK}/mixed.iob2.conll")
run(1 validate --scheme iob2 "${real}/conll/seqeval-ground_truth-excerpt.txt")

# Every fixture, read with its format detected: the summary and every message, exactly.
function(sweep name expect_rc want_out want_err)
  execute_process(COMMAND ${ANNOTATOR} validate ${ARGN} ${name} WORKING_DIRECTORY "${real}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(SEND_ERROR "validate ${name}: exit ${rc}, expected ${expect_rc}\n${err}")
  endif()
  expect_equal("validate ${name} (stdout)" "${out}" "${want_out}")
  expect_equal("validate ${name} (stderr)" "${err}" "${want_err}")
endfunction()
set(conll_why "the content has conll's marks (a -DOCSTART- line) (--from names the format)")
set(doccano_why "the content has doccano's marks (\"start_offset\", or a \"label\" or \"labels\" list of [start, end, label]) (--from names the format)")
set(ls_why "the content has label-studio's marks (\"annotations\", \"completions\" or \"predictions\" with a \"result\") (--from names the format)")
set(w3c_why "the content has w3c's marks (the anno.jsonld context or a TextQuoteSelector or TextPositionSelector) (--from names the format)")
set(spacy_why "the content has spacy's marks (a list of [text, {...}] pairs, or spaCy v2's \"paragraphs\" with \"orth\" tokens) (--from names the format)")
set(u16 "the offsets count UTF-16 code units, not code points")

set(f conll/NER-de-dev.tsv)
sweep(${f} 0 "${f}: ok, 0 entities, 0 labels, 115 code points\n"
  "${f}: warning: the tag column read (column 4, the last) marks no entity, but column 3 holds tags too, 3 of them not O: --column 3 reads them\n${f}: note: read as conll: the extension .tsv, and the content does not rule it out (--from names the format)\n")
set(f conll/labeling.conll2003.user1)
sweep(${f} 0 "${f}: ok, 5 entities, 2 labels, 110 code points\n" "${f}: note: read as conll: ${conll_why}\n")
set(f conll/labeling.conll2003.user2)
sweep(${f} 0 "${f}: ok, 2 documents, 11 entities, 5 labels, 211 code points\n" "${f}: note: read as conll: ${conll_why}\n")
set(f conll/lener-br-ACO2821STF-excerpt.conll)
sweep(${f} 0 "${f}: ok, 7 entities, 5 labels, 401 code points\n"
  "${f}: note: read as conll: the extension .conll, and the content does not rule it out (--from names the format)\n")
set(f conll/ner-token-per-line-conll2003.iob)
sweep(${f} 0 "${f}: ok, 7 entities, 4 labels, 334 code points\n" "${f}: note: read as conll: ${conll_why}\n")
set(f conll/seqeval-ground_truth-excerpt.txt)
sweep(${f} 0 "${f}: ok, 16 entities, 3 labels, 176 code points\n"
  "${f}: warning: the tags mix iob1 entity starts (I- after O or another type: 5, the first on line 1) and iob2 entity starts (B- after O or another type: 9, the first on line 7): read with both starting an entity; a CoNLL write gives each start back as it was, --scheme writes them all in one scheme\n${f}: note: read as conll: the content fits only conll (--from names the format)\n")
set(f conll/wnut17-dev-excerpt.conll)
string(ASCII 239 184 143 u_fe0f)  # U+FE0F in UTF-8
set(fe0f "token \"${u_fe0f}\" is only whitespace or invisible characters: kept as a token of its own (columns are separated by spaces and tabs)")
sweep(${f} 0 "${f}: ok, 1 entities, 1 labels, 202 code points\n"
  "${f}:28:1: warning: ${fe0f}\n${f}:45:1: warning: ${fe0f}\n${f}: note: read as conll: the extension .conll, and the content does not rule it out (--from names the format)\n")
set(f doccano/labeling.jsonl)
sweep(${f} 0 "${f}: ok, 2 documents, 11 entities, 5 labels, 211 code points\n"
  "${f}: warning: the labels are doccano label ids (12, 13, 14), as doccano 1.0 exported them: read as those names\n${f}: warning: 1 record holds the spans of several users (1, 2): read together, a span marked alike by several users once, its \"users\" attribute naming them (--split-users reads one document per user)\n${f}: note: read as doccano: ${doccano_why}\n")
sweep(${f} 0 "${f}: ok, 3 documents, 16 entities, 7 labels, 321 code points\n"
  "${f}: warning: the labels are doccano label ids (12, 13, 14), as doccano 1.0 exported them: read as those names\n${f}: warning: 1 record holds the spans of several users (1, 2): read as one document per user, its \"user\" attribute naming them\n${f}: note: read as doccano: ${doccano_why}\n"
  --split-users)
set(f doccano/labeling_text_label.jsonl)
sweep(${f} 0 "${f}: ok, 2 documents, 11 entities, 5 labels, 211 code points\n" "${f}: note: read as doccano: ${doccano_why}\n")
set(f flair/testa.jsonl)
sweep(${f} 0 "${f}: ok, 3 documents, 5 entities, 4 labels, 81 code points\n" "${f}: note: read as doccano: ${doccano_why}\n")
set(f label-studio/disagreeing.json)
sweep(${f} 1 ""
  "${f}:33:23: error: [0].annotations[0].result[1].value.text: region \"r2\": \" Paris\" does not match the document text at [24, 29): \"Paris\"\n${f}:47:23: error: [0].annotations[0].result[2].value.text: region \"r3\": \"1 Main St.\\\\nSpringfield\" does not match the document text at [44, 66): \"1 Main St.\\nSpringfield\"\n${f}: note: read as label-studio: ${ls_why}\n")
set(f label-studio/utf16.json)
sweep(${f} 0 "${f}: ok, 2 entities, 2 labels, 41 code points\n"
  "${f}:1:1: warning: ${u16}: the text of 2 of 2 entities matches only so (as older doccano and Label Studio releases wrote them); read as UTF-16 (--in-offsets overrides)\n${f}: note: read as label-studio: ${ls_why}\n")
set(f prodigy/annotated_reddit-PRODUCT-ner.jsonl)
sweep(${f} 0 "${f}: ok, 4 documents, 4 entities, 4 labels, 519 code points\n"
  "${f}: warning: skipped 3 examples for their answer (1 \"ignore\", 2 \"reject\"): only \"accept\" are read (--answers accept,reject,ignore chooses)\n${f}: note: read as prodigy: the content has prodigy's marks (\"spans\", \"tokens\", \"token_start\" or \"_input_hash\") (--from names the format)\n")
set(f recogito/annotations.w3c.json)
sweep(${f} 0 "${f}: ok, 2 entities, 2 labels, 1370 code points\n"
  "${f}:22:12: warning: [0].target.selector[1]: annotation \"#ce0ed291-766b-4763-8e91-90ce1d04e706\": the position [124, 128) holds \"ad s\", not the quote \"Troy\"; re-anchored by the quote to [163, 167)\n${f}:28:8: warning: [1]: annotation \"#447d4bea-08dc-4bd0-ae51-31f5ed7a95a0\" has no tagging body (a label): not kept\n${f}:46:8: warning: [2]: annotation \"#d7197c87-b45d-4217-9c4f-27573030448f\" has no tagging body (a label): not kept\n${f}:76:10: warning: [3].target[1]: no entity with id \"#447d4bea-08dc-4bd0-ae51-31f5ed7a95a0\": the relation is dropped\n${f}: note: read as w3c: ${w3c_why}\n"
  --text recogito/index.txt)
set(f recogito/utf16.w3c.json)
sweep(${f} 0 "${f}: ok, 3 entities, 2 labels, 76 code points\n"
  "${f}:1:1: warning: ${u16}: the quote of 3 of 3 annotations matches only so (as RecogitoJS and other tools counting JavaScript string indices wrote them); read as UTF-16 (--in-offsets overrides)\n${f}: note: read as w3c: ${w3c_why}\n"
  --text recogito/utf16.txt)
set(f spacy2/ner-token-per-line-conll2003.json)
sweep(${f} 0 "${f}: ok, 7 entities, 4 labels, 334 code points\n" "${f}: note: read as spacy: ${spacy_why}\n")
set(f spacy2/training-data.json)
sweep(${f} 0 "${f}: ok, 11 entities, 6 labels, 256 code points\n" "${f}: note: read as spacy: ${spacy_why}\n")
# The sweep covers every fixture: a new one needs its line above.
file(GLOB_RECURSE all RELATIVE "${real}" "${real}/*")
list(REMOVE_ITEM all README.md recogito/index.txt recogito/utf16.txt)
list(LENGTH all count)
if(NOT count EQUAL 17)
  message(SEND_ERROR "tests/fixtures/real holds ${count} data files, the sweep reads 17: ${all}")
endif()
