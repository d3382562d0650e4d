// spaCy v2's JSON training format, still the format of many published datasets (read only):
//   [{"id": 0, "paragraphs": [{"raw": T, "sentences": [{"tokens": [{"orth": "Angela", "ner": "B-PER"},
//     ...]}]}]}]
// One document per paragraph. Tokens are placed in "raw" in order; a token whose form is not in
// the text as written (spaCy v2 wrote `` for a double quote) takes the characters up to the next
// token. Without "raw", the text is the tokens joined by spaces, as spaCy v2 built it. "ner" tags
// are BILUO (B- I- L- U-, O, "-" unknown); IOB tags read as well.
#include "io/span_formats.hpp"

namespace aa::io::spans {
namespace {

struct V2Token {
    std::string orth, ner;
    JsonPath ner_path;
    size_t start = 0, end = 0;  // code points in the paragraph's text, once placed
};

// The paragraph's tokens in order, across its sentences; nullopt after reporting a malformed one.
std::optional<std::vector<V2Token>> tokens_of(const ojson& para, const JsonPath& pp, json::Reporter& r) {
    std::vector<V2Token> out;
    auto sit = para.find("sentences");
    if (sit == para.end()) return out;
    const JsonPath sp = pp / std::string("sentences");
    if (!require_array(*sit, sp, r)) return std::nullopt;
    bool ok = true;
    for (size_t i = 0; i < sit->size(); ++i) {
        const ojson& s = (*sit)[i];
        if (!json::require_object(s, sp / i, r)) return std::nullopt;
        auto tit = s.find("tokens");
        if (tit == s.end()) continue;
        const JsonPath tp = sp / i / std::string("tokens");
        if (!require_array(*tit, tp, r)) return std::nullopt;
        for (size_t j = 0; j < tit->size(); ++j) {
            const ojson& t = (*tit)[j];
            if (!json::require_object(t, tp / j, r)) return std::nullopt;
            const auto orth = json::get_string(t, tp / j, "orth", true, r);
            const auto ner = json::get_string(t, tp / j, "ner", false, r);
            if (!orth || (t.contains("ner") && !ner)) {
                ok = false;
                continue;
            }
            out.push_back({*orth, ner.value_or("-"), tp / j / std::string("ner"), 0, 0});
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

bool is_space(std::string_view s) { return s == " " || s == "\n" || s == "\t" || s == "\r"; }

// Places each token in `text` (code points); false after reporting one that cannot be placed.
bool place(std::vector<V2Token>& toks, const Text& text, const JsonPath& raw_path, json::Reporter& r) {
    const std::string& t = text.utf8();
    size_t at = 0;  // bytes
    auto skip_space = [&] {
        while (at < t.size() && (t[at] == ' ' || t[at] == '\n' || t[at] == '\t' || t[at] == '\r')) ++at;
    };
    for (size_t i = 0; i < toks.size(); ++i) {
        skip_space();
        V2Token& k = toks[i];
        if (t.compare(at, k.orth.size(), k.orth) == 0 && !k.orth.empty()) {
            k.start = text.cp_of_byte(at);
            at += k.orth.size();
            k.end = text.cp_of_byte(at);
            continue;
        }
        // Written differently in the text: up to where the next token is found, without the space.
        size_t next = t.size();
        if (i + 1 < toks.size() && !toks[i + 1].orth.empty()) {
            next = t.find(toks[i + 1].orth, at + 1);
            if (next == std::string::npos) next = t.size();
        }
        size_t stop = next;
        while (stop > at && is_space(std::string_view(t).substr(stop - 1, 1))) --stop;
        if (stop == at) {
            r.error(raw_path, "token " + std::to_string(i) + " " + json::quote(k.orth) +
                                  " cannot be placed in the text at code point " + std::to_string(text.cp_of_byte(at)));
            return false;
        }
        k.start = text.cp_of_byte(at);
        k.end = text.cp_of_byte(stop);
        at = stop;
    }
    return true;
}

// BILUO (or IOB) tags into entities of `b`.
void entities(const std::vector<V2Token>& toks, DocBuilder& b, json::Reporter& r) {
    std::optional<size_t> open;  // token index where the current entity began
    std::string open_label;
    auto close = [&](size_t last) {
        Candidate c;
        c.path = toks[*open].ner_path;
        c.label_path = c.path;
        c.label = open_label;
        b.add_resolved(toks[*open].start, toks[last].end, std::move(c));
        open.reset();
    };
    for (size_t i = 0; i < toks.size(); ++i) {
        const std::string& tag = toks[i].ner;
        const char kind = tag.size() > 2 && tag[1] == '-'             ? tag[0]
                          : (tag == "O" || tag == "-" || tag.empty()) ? 'O'
                                                                      : '?';
        const std::string label = kind == 'O' || kind == '?' ? "" : tag.substr(2);
        if (kind == '?' || (kind != 'O' && std::string_view("BILU").find(kind) == std::string_view::npos)) {
            r.error(toks[i].ner_path,
                    "unknown tag " + json::quote(tag) + " (expected B-, I-, L-, U- with a label, O or -)");
            b.fail();
            return;
        }
        const bool continues = (kind == 'I' || kind == 'L') && open && open_label == label;
        if (open && !continues) close(i - 1);
        if (kind == 'O') continue;
        if (!open) {
            open = i;
            open_label = label;
        }
        if (kind == 'L' || kind == 'U') close(i);
    }
    if (open) close(toks.size() - 1);
}

}  // namespace

bool read_spacy_cats(const ojson& cats, const JsonPath& cp, json::Reporter& r, DocBuilder& b) {
    // {"label": score} (spaCy v3's Example dict) or [{"label", "value"}] (v2's JSON paragraphs): every
    // label a document label type, the ones scored above 0.5 chosen.
    auto one = [&](const std::string& name, const ojson& score, const JsonPath& p) {
        if (!score.is_number()) {
            r.error(p, "expected a score (a number), got " + json::describe(score, r.raw(p)));
            b.fail();
            return false;
        }
        b.doc_label_type(name, p);
        if (score.get<double>() > 0.5) b.doc_label(name, p);
        return true;
    };
    if (cats.is_object()) {
        for (auto it = cats.begin(); it != cats.end(); ++it)
            if (!one(it.key(), it.value(), cp / it.key())) return false;
        return true;
    }
    if (!require_array(cats, cp, r)) {
        b.fail();
        return false;
    }
    for (size_t k = 0; k < cats.size(); ++k) {
        const JsonPath q = cp / k;
        if (!json::require_object(cats[k], q, r)) return false;
        auto label = json::get_string(cats[k], q, "label", true, r);
        auto v = cats[k].find("value");
        if (!label) return false;
        if (v == cats[k].end()) {
            r.error(q, "missing required field \"value\"");
            return false;
        }
        if (!one(*label, *v, q / std::string("value"))) return false;
    }
    return true;
}

void read_spacy_v2(const ojson& root, const ReadOptions& options, json::Reporter& r, std::vector<Document>& out) {
    for (size_t i = 0; i < root.size(); ++i) {
        const JsonPath dp = JsonPath{} / i;
        if (!json::require_object(root[i], dp, r)) continue;
        auto pit = root[i].find("paragraphs");
        if (pit == root[i].end()) {
            r.error(dp, "missing required field \"paragraphs\"");
            continue;
        }
        if (!require_array(*pit, dp / std::string("paragraphs"), r)) continue;
        for (size_t j = 0; j < pit->size(); ++j) {
            const JsonPath pp = dp / std::string("paragraphs") / j;
            if (!json::require_object((*pit)[j], pp, r)) continue;
            auto toks = tokens_of((*pit)[j], pp, r);
            if (!toks) continue;
            auto raw = json::get_string((*pit)[j], pp, "raw", false, r);
            if (!raw && (*pit)[j].contains("raw")) continue;
            if (!raw) {
                raw.emplace();
                for (const V2Token& t : *toks) *raw += (raw->empty() ? "" : " ") + t.orth;
            }
            auto text = Text::from_utf8(std::move(*raw));
            if (!text.ok()) {
                r.error(pp / std::string("raw"), text.error().message);
                continue;
            }
            ReadOptions o = options;
            o.offsets = OffsetUnit::CodePoint;  // placed by the reader: no offsets in the file
            DocBuilder b(r, std::move(text.value()), o);
            if (!place(*toks, b.text(), pp / std::string("raw"), r)) continue;
            entities(*toks, b, r);
            if (auto c = (*pit)[j].find("cats");
                c != (*pit)[j].end() && !read_spacy_cats(*c, pp / std::string("cats"), r, b))
                continue;
            if (auto d = b.finish({})) out.push_back(std::move(*d));
        }
    }
}

}  // namespace aa::io::spans
