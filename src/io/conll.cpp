// CoNLL (token per line, the tag in the last column): the reader and writer, with the schemes
// iob1, iob2 (the default) and bilou (alias biluo; IOBES's E-/S- read as L-/U-). -DOCSTART- lines
// separate documents; a blank line ends a sentence. The reader rebuilds the text with single spaces
// and a newline between sentences unless ReadOptions::text gives the original, to which it aligns
// the tokens. The writer tokenizes with core/tokenizer and breaks sentences with split_sentences.
//
// Idempotence (write -> read -> write gives the same file; found by fuzz/): a file keeps the tokens
// and the line breaks between them, not whether two tokens touched ("Paris." and "Paris ." write the
// same lines). So the writer decides sentences from what its reader will give back: every line
// break ends a sentence (the reader puts one between sentences), and split_sentences runs on the
// tokens re-spaced with single spaces, a "." glued to the word before it (so that "Mr. Smith" stays
// one sentence spaced or not) and a closing bracket or curly quote to the terminator before it. An
// ASCII quote after a terminator opens the next sentence (a file cannot tell "said.\" He" from
// "said. \"He"). A token the tokenizer splits further (".I-ORG" read from a file) is
// written as its pieces, with the re-spacing warning: from the second write on, the file is stable.
//
// Leniency: with a scheme named in the options, a tag sequence that breaks it is an error. With no
// scheme, the reader detects it (any L-/U-/E-/S- tag: bilou; else any entity starting with I-:
// iob1; else iob2); where IOB1 and IOB2 starts are mixed it reads both as starts and says so.
//
// [SECTION] helpers  [SECTION] reader  [SECTION] writer
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/tokenizer.hpp"
#include "core/utf8.hpp"
#include "io/formats_internal.hpp"
#include "io/json_read.hpp"

namespace aa::io::detail {
namespace {

using json::quote;

// ---- [SECTION] helpers ----

enum class Scheme { Iob1, Iob2, Bilou };

const char* scheme_name(Scheme s) {
    switch (s) {
        case Scheme::Iob1: return "iob1";
        case Scheme::Iob2: return "iob2";
        case Scheme::Bilou: return "bilou";
    }
    return "";
}

// "" -> nullopt with ok; an unknown name -> nullopt with !ok.
std::optional<Scheme> parse_scheme(std::string_view name, bool& ok) {
    ok = true;
    if (name == "iob1") return Scheme::Iob1;
    if (name == "iob2" || name == "bio") return Scheme::Iob2;
    if (name == "bilou" || name == "biluo" || name == "iobes") return Scheme::Bilou;
    ok = name.empty();
    return std::nullopt;
}

const char* kSchemeError = " (expected iob1, iob2 or bilou)";

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

std::vector<std::string_view> columns(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        if (i == s.size()) break;
        size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
        out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

struct Tag {
    char prefix = 'O';  // O, B, I, L, U (E and S are stored as L and U)
    std::string type;
    friend bool operator==(const Tag&, const Tag&) = default;
};

std::optional<Tag> parse_tag(std::string_view s) {
    if (s == "O") return Tag{};
    if (s.size() < 3 || s[1] != '-') return std::nullopt;
    const std::string_view pre = "BILUES";
    if (pre.find(s[0]) == std::string_view::npos) return std::nullopt;
    Tag t{s[0] == 'E' ? 'L' : s[0] == 'S' ? 'U' : s[0], std::string(s.substr(2))};
    if (!check_label_name(t.type)) return std::nullopt;
    return t;
}

struct Tok {
    std::string_view word;
    Tag tag;
    std::string tag_written;  // as in the file, for messages
    size_t line = 0;
    size_t tag_column = 1;
};

struct Sentence {
    std::vector<Tok> tokens;
};

struct DocIn {
    std::vector<Sentence> sentences;
    size_t line = 0;  // the -DOCSTART- line or the first token's
};

// "title, note and attributes": the document metadata a format without any drops (empty when none).
std::string metadata_dropped(bool title, bool note, bool attributes) {
    std::vector<std::string> parts;
    if (title) parts.push_back("title");
    if (note) parts.push_back("note");
    if (attributes) parts.push_back("attributes");
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    return out;
}

Diagnostic diag(Diagnostic::Severity sev, size_t line, size_t column, std::string message) {
    Diagnostic d;
    d.severity = sev;
    d.line = line;
    d.column = column;
    d.message = std::move(message);
    return d;
}

// Whether the tokenizer finds a token in `word`: a word of whitespace or invisible characters only
// (a stray "\r" or a no-break space before the tag) could not be written back as a line, so the
// reader refuses it rather than read an entity its writer drops (found by fuzz/).
bool holds_a_token(std::string_view word) {
    for (unsigned char c : word)
        if (c > 0x20 && c < 0x7F) return true;
    auto text = Text::from_utf8(std::string(word));
    return text.ok() && !tokenize(*text).empty();
}

// A line break in the whitespace between two tokens, as split_sentences counts them.
bool has_line_break(std::string_view gap) {
    for (std::string_view mark : {"\n", "\r", "\x0B", "\x0C", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"})
        if (gap.find(mark) != std::string_view::npos) return true;
    return false;
}

// A closing bracket or quote that never opens one (not " or ', which do both): glued in the
// re-spaced text to a terminator before it, so that "Paris.)" ends its sentence after the ")".
bool is_closer_only(std::string_view w) {
    for (std::string_view c :
         {")", "]", "\xE2\x80\x99", "\xE2\x80\x9D", "\xE3\x80\x8D", "\xE3\x80\x8F", "\xEF\xBC\x89"})
        if (w == c) return true;
    return false;
}

// The writer's sentences: split_sentences over the tokens as the reader rebuilds them (single
// spaces, a line break where the text had one), a "." glued to a word before it and a closer to a
// terminator (what the text most likely had; the same whatever it had), plus a break at
// every line break. These depend on the token strings and the line breaks only, which is all a
// CoNLL file keeps, so the text read back from the output splits into the same sentences.
std::vector<TokenRange> conll_sentences(const Text& text, const std::vector<Token>& tokens) {
    const size_t n = tokens.size();
    std::vector<bool> line(n, false);  // a line break between token k and k + 1
    std::vector<Token> respaced;
    respaced.reserve(n);
    std::string s;
    size_t cp = 0;
    for (size_t k = 0; k < n; ++k) {
        const std::string_view word = text.slice(tokens[k].start, tokens[k].end);
        if (k > 0) {
            line[k - 1] = has_line_break(text.slice(tokens[k - 1].end, tokens[k].start));
            const std::string_view before = text.slice(tokens[k - 1].start, tokens[k - 1].end);
            const bool glued =
                (word == "." && tokens[k - 1].kind == TokenKind::Word) ||
                (is_closer_only(word) && (before == "." || before == "!" || before == "?" || before == "\xE2\x80\xA6"));
            if (!glued) s += line[k - 1] ? '\n' : ' ', ++cp;
        }
        Token t = tokens[k];
        t.start = cp;
        t.end = cp + (tokens[k].end - tokens[k].start);
        cp = t.end;
        respaced.push_back(t);
        s += word;
    }
    auto made = Text::from_utf8(std::move(s));  // whole tokens of a valid text: cannot fail
    const std::vector<TokenRange> split = made.ok() ? split_sentences(*made, respaced) : split_sentences(text, tokens);
    std::vector<TokenRange> out;
    for (const TokenRange& r : split) {
        size_t begin = r.begin;
        for (size_t k = r.begin; k + 1 < r.end; ++k)
            if (line[k]) out.push_back({begin, k + 1}), begin = k + 1;
        out.push_back({begin, r.end});
    }
    return out;
}

}  // namespace

// ---- [SECTION] reader ----

ReadResult read_conll(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    auto& diags = result.diagnostics;
    size_t errors = 0;
    auto error = [&](size_t line, size_t col, std::string m) {
        diags.push_back(diag(Diagnostic::Severity::Error, line, col, std::move(m)));
        ++errors;
    };
    auto warning = [&](size_t line, size_t col, std::string m) {
        diags.push_back(diag(Diagnostic::Severity::Warning, line, col, std::move(m)));
    };
    bool scheme_ok = true;
    const std::optional<Scheme> named = parse_scheme(options.scheme, scheme_ok);
    if (!scheme_ok) {
        error(0, 0, "unknown CoNLL scheme " + quote(options.scheme) + kSchemeError);
        return result;
    }
    if (auto bad = utf8::validate(input)) {
        error(0, 0, bad->message);
        return result;
    }

    // -- lines -> documents, sentences, tokens --
    std::vector<DocIn> docs(1);
    size_t i = input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    auto end_sentence = [&] {
        if (!docs.back().sentences.empty() && !docs.back().sentences.back().tokens.empty())
            docs.back().sentences.emplace_back();
    };
    docs.back().sentences.emplace_back();
    for (size_t n = 1; i <= input.size(); ++n) {
        size_t j = input.find('\n', i);
        if (j == std::string_view::npos) j = input.size();
        std::string_view line = input.substr(i, j - i);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        i = j + 1;
        if (is_blank(line)) {
            end_sentence();
            continue;
        }
        const auto cols = columns(line);
        if (cols[0] == "-DOCSTART-") {
            const bool empty = docs.back().sentences.size() == 1 && docs.back().sentences[0].tokens.empty();
            if (!empty) docs.emplace_back();
            docs.back().sentences.assign(1, Sentence{});
            docs.back().line = n;
            continue;
        }
        if (cols.size() < 2) {
            error(n, 1, "expected at least 2 columns (WORD ... TAG), found 1");
            continue;
        }
        const std::string_view tag = cols.back();
        const size_t col = 1 + utf8::count_code_points(line.substr(0, static_cast<size_t>(tag.data() - line.data())));
        auto t = parse_tag(tag);
        if (!t) {
            error(n, col, "unknown tag " + quote(tag) + " (expected O, or B-, I-, L-, U-, E- or S- and a type)");
            continue;
        }
        if (named && *named != Scheme::Bilou && (t->prefix == 'L' || t->prefix == 'U')) {
            error(n, col, "tag " + quote(tag) + " is not in the " + scheme_name(*named) + " scheme (B-, I-, O)");
            continue;
        }
        if (!holds_a_token(cols[0])) {
            error(n, 1,
                  "token " + quote(cols[0]) +
                      " is only whitespace or invisible characters (columns are separated by "
                      "spaces and tabs)");
            continue;
        }
        if (docs.back().line == 0) docs.back().line = n;
        docs.back().sentences.back().tokens.push_back({cols[0], std::move(*t), std::string(tag), n, col});
    }
    for (DocIn& d : docs)
        while (!d.sentences.empty() && d.sentences.back().tokens.empty()) d.sentences.pop_back();
    docs.erase(std::remove_if(docs.begin(), docs.end(), [](const DocIn& d) { return d.sentences.empty(); }),
               docs.end());
    if (errors == 0 && docs.empty()) error(0, 0, "the input holds no tokens");
    if (errors > 0) return result;

    // -- the scheme: named, or detected --
    Scheme scheme = named.value_or(Scheme::Iob2);
    size_t first_i_start = 0, first_b_start = 0;  // lines of the first IOB1-style and IOB2-style starts
    if (!named) {
        bool bilou = false;
        for (const DocIn& d : docs)
            for (const Sentence& s : d.sentences)
                for (size_t k = 0; k < s.tokens.size(); ++k) {
                    const Tag& t = s.tokens[k].tag;
                    bilou |= t.prefix == 'L' || t.prefix == 'U';
                    const bool continues =
                        k > 0 && s.tokens[k - 1].tag.prefix != 'O' && s.tokens[k - 1].tag.type == t.type;
                    if (t.prefix == 'I' && !continues && first_i_start == 0) first_i_start = s.tokens[k].line;
                    if (t.prefix == 'B' && !continues && first_b_start == 0) first_b_start = s.tokens[k].line;
                }
        scheme = bilou ? Scheme::Bilou : first_i_start > 0 ? Scheme::Iob1 : Scheme::Iob2;
        if (!bilou && first_i_start > 0 && first_b_start > 0)
            warning(0, 0,
                    "the tags mix iob1 entity starts (I- after O or another type, line " +
                        std::to_string(first_i_start) + ") and iob2 entity starts (B- after O or another type, line " +
                        std::to_string(first_b_start) + "): read with both starting an entity");
    }
    const bool strict = named.has_value();

    // -- tags -> token spans of entities --
    struct Span {
        size_t first, last;  // token indices within the document (flattened)
        std::string label;
        size_t line;
    };
    std::vector<std::vector<Span>> spans(docs.size());
    for (size_t di = 0; di < docs.size(); ++di) {
        size_t flat = 0;
        for (const Sentence& s : docs[di].sentences) {
            std::optional<Span> open;
            auto close = [&] {
                if (open) spans[di].push_back(*open);
                open.reset();
            };
            auto prev_words = [&](size_t k) -> std::string {
                return k == 0 ? std::string("starts a sentence") : "follows " + s.tokens[k - 1].tag_written;
            };
            for (size_t k = 0; k < s.tokens.size(); ++k, ++flat) {
                const Tok& tok = s.tokens[k];
                const Tag& t = tok.tag;
                const bool continues = open && open->label == t.type;
                const std::string what = quote(tok.tag_written) + " " + prev_words(k);
                if (scheme == Scheme::Bilou) {
                    // An open entity (B-, I-) must end with L- before anything else starts or an O.
                    if ((t.prefix == 'B' || t.prefix == 'U' || t.prefix == 'O') && open) {
                        error(tok.line, tok.tag_column,
                              what + ": the entity started at line " + std::to_string(open->line) +
                                  " is not closed with L-" + open->label);
                        open.reset();
                    }
                    if (t.prefix == 'I' && !continues) {
                        error(tok.line, tok.tag_column,
                              what + ": a bilou entity starts with B-" + t.type + " or U-" + t.type);
                        open.reset();
                        continue;
                    }
                    if (t.prefix == 'L' && !continues) {
                        error(tok.line, tok.tag_column, what + ": L-" + t.type + " without B-" + t.type);
                        open.reset();
                        continue;
                    }
                    if (t.prefix == 'B')
                        open = Span{flat, flat, t.type, tok.line};
                    else if (t.prefix == 'I')
                        open->last = flat;
                    else if (t.prefix == 'L')
                        open->last = flat, close();
                    else if (t.prefix == 'U')
                        open = Span{flat, flat, t.type, tok.line}, close();
                    continue;
                }
                if (t.prefix == 'O') {
                    close();
                    continue;
                }
                bool start = t.prefix == 'B' || !continues;
                if (strict && scheme == Scheme::Iob2 && t.prefix == 'I' && !continues) {
                    error(tok.line, tok.tag_column, what + ": an iob2 entity starts with B-" + t.type);
                    continue;
                }
                if (strict && scheme == Scheme::Iob1 && t.prefix == 'B' && !continues) {
                    error(tok.line, tok.tag_column,
                          what + ": in iob1, B- only starts an entity right after another " + t.type);
                    continue;
                }
                if (start) {
                    close();
                    open = Span{flat, flat, t.type, tok.line};
                } else {
                    open->last = flat;
                }
            }
            if (scheme == Scheme::Bilou && open) {
                const Tok& last = s.tokens.back();
                error(last.line, last.tag_column,
                      "the entity started at line " + std::to_string(open->line) + " is not closed with L-" +
                          open->label + " before the end of its sentence");
                open.reset();
            }
            close();
        }
    }
    if (errors > 0) return result;

    // -- text and token offsets --
    if (options.text && docs.size() > 1) {
        error(0, 0,
              "the text given holds one document, but the input has " + std::to_string(docs.size()) +
                  " (-DOCSTART- lines)");
        return result;
    }
    for (size_t di = 0; di < docs.size(); ++di) {
        std::vector<std::pair<size_t, size_t>> at;  // code points per flattened token
        std::optional<Text> text;
        if (options.text) {
            const std::string& s = options.text->utf8();
            size_t pos = 0;  // bytes
            for (const Sentence& se : docs[di].sentences)
                for (const Tok& tok : se.tokens) {
                    const size_t found = s.find(tok.word, pos);
                    if (found == std::string::npos) {
                        error(tok.line, 1,
                              "token " + quote(tok.word) + " not found in the text after code point " +
                                  std::to_string(options.text->cp_of_byte(pos)));
                        goto next_doc;
                    }
                    const std::string_view skipped(s.data() + pos, found - pos);
                    if (!is_blank(skipped) && skipped.find_first_not_of(" \t\r\n") != std::string_view::npos)
                        warning(tok.line, 1,
                                "text " + quote(skipped) + " before token " + quote(tok.word) +
                                    " has no line in the CoNLL input");
                    const size_t cs = options.text->cp_of_byte(found);
                    at.emplace_back(cs, cs + utf8::count_code_points(tok.word));
                    pos = found + tok.word.size();
                }
            text = *options.text;
        } else {
            std::string s;
            size_t cp = 0;
            for (const Sentence& se : docs[di].sentences) {
                if (!s.empty()) s += '\n', ++cp;
                for (size_t k = 0; k < se.tokens.size(); ++k) {
                    if (k > 0) s += ' ', ++cp;
                    const size_t n = utf8::count_code_points(se.tokens[k].word);
                    at.emplace_back(cp, cp + n);
                    s += se.tokens[k].word;
                    cp += n;
                }
            }
            auto made = Text::from_utf8(std::move(s));  // pieces of validated input: cannot fail
            if (!made.ok()) {
                error(docs[di].line, 1, made.error().message);
                continue;
            }
            text = std::move(made.value());
        }
        {
            LabelSet labels;
            for (const Span& sp : spans[di])
                if (!labels.find(sp.label)) {
                    if (Status st =
                            labels.insert(labels.size(), {sp.label, labels.next_color(), labels.next_key(), {}});
                        !st)
                        error(sp.line, 1, st.error().message);
                }
            Document doc(std::move(*text), std::move(labels));
            doc.info.source = options.source_name;
            size_t n = 0;
            for (const Span& sp : spans[di]) {
                Entity e;
                e.id = "e" + std::to_string(++n);
                e.start = at[sp.first].first;
                e.end = at[sp.last].second;
                e.label = sp.label;
                if (auto ins = doc.insert_entity(std::move(e)); !ins.ok()) error(sp.line, 1, ins.error().message);
            }
            result.documents.push_back(std::move(doc));
        }
    next_doc:;
    }
    if (errors > 0) result.documents.clear();
    return result;
}

// ---- [SECTION] writer ----

WriteResult write_conll(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    auto warn = [&](std::string m) {
        result.diagnostics.push_back(diag(Diagnostic::Severity::Warning, 0, 0, std::move(m)));
    };
    bool scheme_ok = true;
    const std::optional<Scheme> named = parse_scheme(options.scheme, scheme_ok);
    if (!scheme_ok) {
        result.diagnostics.push_back(
            diag(Diagnostic::Severity::Error, 0, 0, "unknown CoNLL scheme " + quote(options.scheme) + kSchemeError));
        return result;
    }
    const Scheme scheme = named.value_or(Scheme::Iob2);
    std::string out;
    size_t nested = 0, notes = 0, attrs = 0, kb = 0, respaced = 0;
    bool title = false, doc_note = false, doc_attrs = false;
    std::string nested_list;
    std::map<std::string, std::string> renamed;
    for (size_t di = 0; di < docs.size(); ++di) {
        if (!docs[di]) continue;
        const Document& doc = *docs[di];
        const Text& text = doc.text();
        const std::string in_doc = docs.size() > 1 ? " in document " + std::to_string(di + 1) : "";
        const std::vector<Token> tokens = tokenize(text);
        out += "-DOCSTART- -X- O O\n\n";
        title |= !doc.info.title.empty();
        doc_note |= !doc.info.note.empty();
        doc_attrs |= !doc.info.attributes.empty();

        // Entities by length (longest first): keep each that overlaps nothing kept.
        std::vector<const Entity*> by_length;
        for (Slot s : doc.entities().ordered()) by_length.push_back(&doc.entities().get(s));
        std::stable_sort(by_length.begin(), by_length.end(),
                         [](const Entity* a, const Entity* b) { return a->length() > b->length(); });
        std::vector<const Entity*> owner(tokens.size(), nullptr);
        auto describe = [&](const Entity& e) {
            return e.id + " " + quote(doc.text_of(e)) + " [" + std::to_string(e.start) + ", " + std::to_string(e.end) +
                   ") " + e.label;
        };
        auto drop = [&](const Entity& e) {
            ++nested;
            if (nested <= 10) nested_list += (nested_list.empty() ? "" : "; ") + describe(e) + in_doc;
        };
        for (const Entity* e : by_length) {
            notes += !e->note.empty();
            attrs += !e->attributes.empty();
            kb += !e->kb_id.empty();
            auto first =
                std::partition_point(tokens.begin(), tokens.end(), [&](const Token& t) { return t.end <= e->start; });
            auto last =
                std::partition_point(tokens.begin(), tokens.end(), [&](const Token& t) { return t.start < e->end; });
            if (first >= last) {
                warn("entity " + describe(*e) + in_doc + " covers no token: dropped");
                continue;
            }
            const size_t a = static_cast<size_t>(first - tokens.begin()),
                         b = static_cast<size_t>(last - tokens.begin());
            bool taken = false;
            for (size_t k = a; k < b; ++k) taken |= owner[k] != nullptr;
            if (taken) {
                drop(*e);
                continue;
            }
            if (tokens[a].start != e->start || tokens[b - 1].end != e->end)
                warn("entity " + describe(*e) + in_doc +
                     " does not start and end at token boundaries: written as the tokens " +
                     quote(text.slice(tokens[a].start, tokens[b - 1].end)));
            for (size_t k = a; k < b; ++k) owner[k] = e;
        }

        // Sentences, merged where an entity would cross a break (a blank line ends any entity).
        std::vector<TokenRange> sentences;
        for (const TokenRange& r : conll_sentences(text, tokens)) {
            if (!sentences.empty() && r.begin > 0 && owner[r.begin] && owner[r.begin] == owner[r.begin - 1])
                sentences.back().end = r.end;
            else
                sentences.push_back(r);
        }
        std::string rebuilt;
        for (const TokenRange& r : sentences) {
            for (size_t k = r.begin; k < r.end; ++k) {
                const Token& t = tokens[k];
                const std::string_view word = text.slice(t.start, t.end);
                rebuilt += k > r.begin ? " " : rebuilt.empty() ? "" : "\n";
                rebuilt += word;
                out += word;
                const Entity* e = owner[k];
                if (!e) {
                    out += " O\n";
                    continue;
                }
                std::string type = e->label;
                std::replace(type.begin(), type.end(), ' ', '_');
                if (type != e->label) renamed.emplace(e->label, type);
                const bool is_first = k == 0 || owner[k - 1] != e || k == r.begin;
                const bool is_last = k + 1 == tokens.size() || owner[k + 1] != e || k + 1 == r.end;
                char prefix = 'I';
                switch (scheme) {
                    case Scheme::Iob2: prefix = is_first ? 'B' : 'I'; break;
                    case Scheme::Iob1:
                        // B- only where this entity follows another of the same type directly.
                        prefix = is_first && k > r.begin && owner[k - 1] && owner[k - 1]->label == e->label ? 'B' : 'I';
                        break;
                    case Scheme::Bilou:
                        prefix = is_first && is_last ? 'U' : is_first ? 'B' : is_last ? 'L' : 'I';
                        break;
                }
                out += ' ';
                out += prefix;
                out += '-';
                out += type;
                out += '\n';
            }
            out += '\n';
        }
        respaced += rebuilt != text.utf8();
    }
    for (const auto& [from, to] : renamed)
        warn("label " + quote(from) + " written as " + quote(to) + " (CoNLL columns are separated by spaces)");
    if (nested > 0)
        warn(std::to_string(nested) + " nested or overlapping entit" + (nested == 1 ? "y" : "ies") +
             " cannot be expressed in CoNLL and " + (nested == 1 ? "was" : "were") +
             " dropped (the outermost kept): " + nested_list + (nested > 10 ? "; ..." : ""));
    if (notes + attrs + kb > 0) {
        std::string what;
        auto add = [&](size_t n, const char* name) {
            if (n)
                what += (what.empty() ? "" : ", ") + std::string(name) + " of " + std::to_string(n) + " entit" +
                        (n == 1 ? "y" : "ies");
        };
        add(notes, "the notes");
        add(attrs, "the attributes");
        add(kb, "the kb_id");
        warn("CoNLL holds tags only: dropped " + what);
    }
    if (const std::string m = metadata_dropped(title, doc_note, doc_attrs); !m.empty())
        warn("the document's " + m + " are dropped: CoNLL holds no document metadata");
    if (respaced > 0)
        warn(
            "the text's own spacing and line breaks are not kept: a reader rebuilds the text with single spaces (give "
            "it "
            "the original text to keep the offsets)");
    result.output = std::move(out);
    return result;
}

Sniff sniff_conll(std::string_view content) {
    size_t i = content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    size_t seen = 0;
    while (i < content.size() && seen < 20) {
        size_t j = content.find('\n', i);
        if (j == std::string_view::npos) j = content.size();
        std::string_view line = content.substr(i, j - i);
        i = j + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (is_blank(line)) continue;
        const auto cols = columns(line);
        if (cols[0] == "-DOCSTART-") return Sniff::Yes;
        if (cols.size() < 2 || !parse_tag(cols.back())) return Sniff::No;
        ++seen;
    }
    return Sniff::Maybe;
}

}  // namespace aa::io::detail
