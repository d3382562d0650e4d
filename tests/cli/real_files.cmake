# Real files from other tools (tests/fixtures/real, sources in its README) through the CLI: CoNLL
# files come back byte for byte through native (one native file per -DOCSTART- document, their
# CoNLL written back in order), GermEval's tag layer is chosen with --column, and the readers say
# what they skip (Prodigy answers, a doccano record's users) and why a guessed format was guessed.
# Run by ctest: cmake -DANNOTATOR=<exe> -DFIXTURES=<tests/fixtures> -DWORK=<scratch> -P real_files.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(real "${FIXTURES}/real")

function(run expect_rc)
  execute_process(COMMAND ${ANNOTATOR} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "annotator ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

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
run(0 validate "${real}/prodigy/annotated_reddit-PRODUCT-ner.jsonl")
expect_equal("prodigy accept" "${err}"
  "${real}/prodigy/annotated_reddit-PRODUCT-ner.jsonl: warning: skipped 3 examples for their answer (1 \"ignore\", 2 \"reject\"): only \"accept\" are read (--answers accept,reject,ignore chooses)\n")
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
