// Label Studio task lists: a realistic export (per-region notes, other result types, a task with
// only predictions), older UTF-16 exports, the quoted text checked and repaired, the Unicode
// cases, round trips, and exact errors.
#include <doctest/doctest.h>

#include "io/fast_read_checks.hpp"
#include "io/formats_internal.hpp"

using namespace aa::test;

TEST_CASE("label-studio reads an export: one document per task, notes from per-region text areas") {
    aa::io::ReadResult r = read_file("label-studio", "label-studio/merkel.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 2);
    const aa::Document& d = r.documents[0];
    CHECK(rows(d) == std::vector<Row>{{0, 13, "PER", "Angela Merkel"}, {22, 27, "LOC", "Paris"}});
    CHECK(d.entities().get(d.entities().ordered()[1]).note == "the city, not the team");
    // The second task has no annotation: its predictions (pre-annotations) are read.
    CHECK(rows(r.documents[1]) == std::vector<Row>{{4, 18, "ORG", "Bank of France"}});
    // Its "choices" result: the document's label (issue 16).
    CHECK(d.doc_labels() == aa::DocLabels{false, {"Politics"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "72:20: warning: [1].predictions: no annotation to read: read the prediction instead"});
}

TEST_CASE(
    "label-studio reads an older export's UTF-16 offsets when told or detected, and says what is wrong when told "
    "otherwise") {
    aa::io::ReadOptions utf16;
    utf16.offsets = aa::OffsetUnit::Utf16;
    aa::io::ReadResult r = read_file("label-studio", "label-studio/unicode_utf16.json", utf16);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.documents[0].text().utf8() == kUnicodeText);
    CHECK(rows(r.documents[0]) == unicode_rows());

    // Without --in-offsets: every region's text matches in UTF-16 units and not in code points.
    r = read_file("label-studio", "label-studio/unicode_utf16.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == unicode_rows());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:1: warning: the offsets count UTF-16 code units, not code points: the text of 6 of 8 entities "
              "matches only so (as older doccano and Label Studio releases wrote them); read as UTF-16 "
              "(--in-offsets overrides)"});

    aa::io::ReadOptions cp;
    cp.offsets = aa::OffsetUnit::CodePoint;
    r = read_file("label-studio", "label-studio/unicode_utf16.json", cp);
    CHECK(r.documents.empty());
    const auto messages = described(r.diagnostics);
    AA_REQUIRE(!messages.empty());
    CHECK(messages[0] ==
          "43:23: error: [0].annotations[0].result[2].value.text: region \"r2\": \"Paris\" does not match the document "
          "text at [29, "
          "34): \"aris,\"");
}

TEST_CASE("label-studio keeps the Unicode cases in code points") {
    aa::io::ReadResult r = read_file("label-studio", "label-studio/unicode.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == unicode_rows());
}

TEST_CASE("label-studio round trips keep spans, labels and notes in all three units") {
    for (auto unit : {aa::OffsetUnit::CodePoint, aa::OffsetUnit::Utf16, aa::OffsetUnit::Utf8}) {
        check_round_trip("label-studio", "native/article.json", true, false, unit);
        check_round_trip("label-studio", "native/unicode.json", true, false, unit);
    }
}

TEST_CASE("label-studio writes an importable task with ids, the region text and title and source in data") {
    aa::io::ReadResult r = aa::io::read("displacy", read_fixture("displacy/merkel.json"));
    AA_REQUIRE(r.ok());
    r.documents[0].info.title = "Merkel in Paris";
    aa::io::WriteOptions wo;
    wo.pretty = false;
    aa::io::WriteResult w = aa::io::write("label-studio", r.documents[0], wo);
    CHECK(w.output ==
          "[{\"id\":1,\"data\":{\"text\":\"Angela Merkel visited Paris.\",\"title\":\"Merkel in "
          "Paris\"},\"annotations\":[{\"id\":1,\"result\":["
          "{\"id\":\"e1\",\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\",\"origin\":\"manual\","
          "\"value\":{\"start\":0,"
          "\"end\":13,\"text\":\"Angela "
          "Merkel\",\"labels\":[\"PER\"]}},{\"id\":\"e2\",\"from_name\":\"label\",\"to_name\":\"text\","
          "\"type\":\"labels\",\"origin\":\"manual\",\"value\":{\"start\":22,\"end\":27,\"text\":\"Paris\",\"labels\":["
          "\"LOC\"]}}],"
          "\"was_cancelled\":false,\"ground_truth\":false}],\"predictions\":[]}]\n");
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: label-studio has no place for an entity's kb_id: dropped from 1 entity (e2)"});
    aa::io::ReadResult back = aa::io::read("label-studio", w.output);
    AA_REQUIRE(back.ok());
    CHECK(back.documents[0].info.title == "Merkel in Paris");
}

TEST_CASE("label-studio with repair re-anchors a region by its text at the nearest occurrence, and refuses a tie") {
    const std::string drifted =
        "[{\"data\": {\"text\": \"Paris, Texas is not Paris.\"}, \"annotations\": [{\"result\": [{\"type\": "
        "\"labels\", "
        "\"value\": {\"start\": 19, \"end\": 24, \"text\": \"Paris\", \"labels\": [\"LOC\"]}}]}]}]";
    aa::io::ReadResult r = aa::io::read("label-studio", drifted);
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:140: error: [0].annotations[0].result[0].value.text: \"Paris\" does not match "
                                   "the document text at [19, 24): \" Pari\""});
    aa::io::ReadOptions ro;
    ro.repair = true;
    r = aa::io::read("label-studio", drifted, ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{20, 25, "LOC", "Paris"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:140: warning: [0].annotations[0].result[0].value.text: \"Paris\" does not match "
                                   "the document text at [19, 24): "
                                   "\" Pari\"; re-anchored by its text to [20, 25)"});
    r = aa::io::read("label-studio",
                     "[{\"data\": {\"text\": \"ab..ab\"}, \"annotations\": [{\"result\": [{\"type\": \"labels\", "
                     "\"value\": {\"start\": 2, \"end\": 4, \"text\": \"ab\", \"labels\": [\"X\"]}}]}]}]",
                     ro);
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:118: error: [0].annotations[0].result[0].value.text: \"ab\" does not match the "
                                   "document text at [2, 4): \"..\" "
                                   "(cannot re-anchor: it occurs 2 times, none nearest)"});
}

TEST_CASE("label-studio reports bad inputs with exact messages and reads nothing") {
    struct Case {
        const char* input;
        std::vector<std::string> messages;
    };
    const Case cases[] = {
        {"3", {"1:1: error: expected a list of tasks, got 3"}},
        {"[{\"annotations\": []}]", {"1:2: error: [0]: missing required field \"data\""}},
        {"[{\"data\": {\"txt\": \"Paris\"}}]", {"1:11: error: [0].data: missing required field \"text\""}},
        {"[{\"data\": {\"text\": \"Paris\"}, \"annotations\": [{\"result\": [{\"type\": \"labels\", \"value\": "
         "{\"start\": 0, \"end\": 5, \"labels\": []}}]}]}]",
         {"1:119: error: [0].annotations[0].result[0].value.labels: a region needs at least one label"}},
        {"[{\"data\": {\"text\": \"Paris\"}, \"annotations\": [{\"result\": [{\"type\": \"labels\", \"value\": "
         "{\"start\": 0, \"end\": 5, \"labels\": [\"LOC\", 2]}}]}]}]",
         {"1:127: error: [0].annotations[0].result[0].value.labels[1]: expected a label (a string), got 2"}},
        {"[{\"data\": {\"text\": \"Paris\"}, \"annotations\": [{\"result\": [{\"value\": {\"start\": 0, \"end\": 5, "
         "\"labels\": [\"LOC\"]}}]}]}]",
         {"1:58: error: [0].annotations[0].result[0]: missing required field \"type\""}},
        {"[{\"data\": {\"text\": \"Paris\"}, \"annotations\": {}}]",
         {"1:45: error: [0].annotations: expected an array, got an object"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        aa::io::ReadResult r = aa::io::read("label-studio", c.input);
        CHECK(!r.ok());
        CHECK(r.documents.empty());
        CHECK(described(r.diagnostics) == c.messages);
    }
}

TEST_CASE("label-studio survives damaged input and keeps reads atomic") {
    check_damaged_inputs("label-studio", "label-studio/merkel.json");
    aa::io::ReadOptions utf16;
    utf16.offsets = aa::OffsetUnit::Utf16;
    check_damaged_inputs("label-studio", "label-studio/unicode_utf16.json", utf16);
}

TEST_CASE("an empty Label Studio task list is an error saying it holds no task") {
    const aa::io::ReadResult r = aa::io::read("label-studio", " [ ] ");
    CHECK(!r.ok());
    CHECK(r.documents.empty());
    CHECK(r.first_error() == "1:2: error: the task list is empty: it holds no task, so there is no document to read");
}

// ---- the fast read (result lists scanned, long texts decoded apart) against the tree read ----

namespace {

aa::test::Edits label_studio_edits() {
    return {{{"\"start\": ", "\"start\": -"},
             {"\"start\": ", "\"start\": 0, \"start\": "},
             {"\"end\": ", "\"end\": 1.5, \"x\": "},
             {"\"end\": ", "\"end\": 01, \"x\": "},
             {"\"labels\": [", "\"labels\": [3, "},
             {"\"labels\": [", "\"labels\": [], \"l\": ["},
             {"\"labels\": [\"", "\"labels\": [\"\\u0041"},
             {"[\"PER\"]", "[]"},
             {"[\"LOC\"]", "[\"LOC\", \"PER\"]"},
             {"\"type\": \"labels\"", "\"type\": \"textarea\""},
             {"\"type\": \"labels\"", "\"type\": \"lab\\u0065ls\""},
             {"\"type\": \"labels\"", "\"type\": \"choices\""},
             {"\"type\": ", "\"Type\": "},
             {"\"id\": \"", "\"id\": 7, \"i\": \""},
             {"\"value\": {", "\"value\": {}, \"v\": {"},
             {"\"value\": {", "\"value\": {\"labels\": [\"X\"], "},
             {"\"meta\": {", "\"meta\": {\"annotator\": 3, "},
             {"\"meta\": {", "\"meta\": 3, \"m\": {"},
             {"\"origin\": ", "\"origin\": null, \"o\": "},
             {"\"result\": [", "\"result\": [], \"result\": ["},
             {"\"result\": [", "\"result\": 7, \"r\": ["},
             {"\"text\": \"", "\"text\": \"\\u00e9"},
             {"\"text\": \"", "\"text\": \"\\ud800"},
             {"\"text\": \"", "\"te\\u0078t\": \""},
             {"\"was_cancelled\": false", "\"was_cancelled\": true"},
             {"\"annotations\": [", "\"annotations\": [{\"result\": []}, "},
             {"\"annotations\": [", "\"completions\": [], \"annotations\": ["},
             {"\"predictions\": []",
              "\"predictions\": [{\"result\": [{\"type\": \"labels\", \"value\": {\"start\": 0, \"end\": 1, "
              "\"labels\": [\"X\"]}}]}]"},
             {"\"data\": {", "\"data\": {\"title\": 1, "},
             {"\"data\": {", "\"data\": {\"text\": \"x\", "},
             {"{\"id\": ", "{\"data\": {}, \"id\": "}},
            {"start", "end", "labels", "text", "type", "value", "id", "meta", "result"},
            "\"result\""};
}

}  // namespace

TEST_CASE("label-studio's fast read gives the tree read's documents and messages: fixtures, written files, edits") {
    std::vector<std::string> inputs;
    for (const char* f : {"label-studio/merkel.json", "label-studio/relations.json", "label-studio/unicode.json",
                          "real/label-studio/disagreeing.json", "real/label-studio/utf16.json"})
        inputs.push_back(read_fixture(f));
    const size_t written = inputs.size();
    aa::io::WriteOptions compact;
    compact.pretty = false;
    const auto article = copies_of("native/article.json", 1, 1, false),
               unicode = copies_of("native/unicode.json", 1, 1, false),
               long_one = copies_of("native/article.json", 80, 3, false);
    AA_REQUIRE((article && unicode && long_one));
    AA_REQUIRE(long_one->text().utf8().size() > 5000);
    inputs.push_back(aa::io::write("label-studio", *article).output);
    inputs.push_back(aa::io::write("label-studio", *unicode, compact).output);
    inputs.push_back(aa::io::write("label-studio", {&*article, &*long_one, &*unicode}, compact).output);
    inputs.push_back(aa::io::write("label-studio", *long_one).output);
    auto fast = [](const std::string& in) { return aa::io::detail::read_label_studio(in, {}); };
    auto tree = [](const std::string& in) { return aa::io::detail::read_label_studio_tree(in, {}); };
    check_fast_read(fast, tree, inputs, written, label_studio_edits(), 200, 12);
}
