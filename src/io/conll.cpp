// CoNLL (token per line, the tag in the last column or ReadOptions::column): the reader and writer,
// with the schemes iob1, iob2 (the default) and bilou (alias biluo; IOBES's E-/S- read as L-/U-).
// -DOCSTART- lines separate documents; a blank line ends a sentence; a line starting with "#" that
// holds no tag is a comment (GermEval, CoNLL-U style); a first column counting the tokens of each
// sentence (GermEval) is an index, the word after it. The reader rebuilds the text with single
// spaces and a newline between sentences unless ReadOptions::text gives the original, to which it
// aligns the tokens.
//
// Token-exact round trips: the reader keeps the file's tokens, their other columns and the lines
// without a token in the document's TokenLayer; the writer writes a document that has one line for
// line as it came (only the tags are written anew, from the entities), so conll -> native -> conll
// gives the same bytes. A document without a layer is tokenized with core/tokenizer, its sentences
// broken with split_sentences, as below.
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
// scheme, the reader detects it (any L-/U-/E-/S- tag: bilou; else the IOB flavour most entity
// starts have); where IOB1 and IOB2 starts are mixed it reads both as starts, says so, and keeps
// the minority's starts in the layer (TokenLayer::other_starts) so that the file comes back as it was.
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
    std::vector<std::string_view> others;  // the line's other columns, in order
};

struct Sentence {
    std::vector<Tok> tokens;
};

struct DocIn {
    std::vector<Sentence> sentences;
    size_t line = 0;                      // the -DOCSTART- line or the first token's
    std::vector<TokenLayer::Line> lines;  // lines without a token, `before` counted in this document
    size_t tokens = 0;
};

// A token line as a layer writes it: the word, the tag and the others in their columns.
std::string layer_line(std::string_view word, std::string_view tag, const std::vector<std::string_view>& others,
                       size_t word_column, size_t tag_column, std::string_view sep) {
    const size_t n = others.size() + 2;
    if (tag_column >= n) tag_column = n - 1;  // a shorter line: its tag is its last column
    std::string out;
    size_t o = 0;
    for (size_t i = 0; i < n; ++i) {
        if (i > 0) out += sep;
        if (i == word_column)
            out += word;
        else if (i == tag_column)
            out += tag;
        else
            out += others[o++];
    }
    return out;
}

// Whether the first column counts the tokens of each sentence from 1 (GermEval's index column):
// then the word is the second column. Blank lines, "#" lines and -DOCSTART- lines are skipped.
bool has_index_column(std::string_view input) {
    size_t i = 0, position = 0, seen = 0;
    while (i < input.size()) {
        size_t j = input.find('\n', i);
        if (j == std::string_view::npos) j = input.size();
        const std::string_view line = input.substr(i, j - i);
        i = j + 1;
        if (is_blank(line)) {
            position = 0;
            continue;
        }
        if (line[0] == '#') continue;
        const auto cols = columns(line);
        if (cols[0] == "-DOCSTART-") continue;
        if (cols.size() < 3 || cols[0] != std::to_string(++position)) return false;
        ++seen;
    }
    return seen > 0;
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
// (WNUT17's lone U+FE0F, a no-break space before the tag) is kept as a token of its own, with a
// warning: the document's token layer writes it back, where the tokenizer would lose it.
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

namespace {

// A token span of an entity, in token indices flattened over the document.
struct Span {
    size_t first, last;
    std::string label;
    size_t line;
};

// Code points [start, end) of each token of a document, flattened.
using TokenOffsets = std::vector<std::pair<size_t, size_t>>;

// The read in phases: lines -> documents of tokens -> the scheme -> entity spans -> documents.
// Every phase reports into result.diagnostics; an error stops the read after its phase (a read
// is atomic: documents only when no error).
struct ConllReader {
    ConllReader(const ReadOptions& o, std::optional<Scheme> n) : options(o), named(n) {}
    const ReadOptions& options;
    std::optional<Scheme> named;  // the scheme the options name, if any (then tags are checked strictly)
    ReadResult result;
    size_t errors = 0;
    // The layout of the token lines, from the first one: what a layer writes back.
    size_t word_column = 0;
    std::optional<size_t> tag_column;  // 0-based, once the first token line is read
    std::string separator;
    size_t first_token_line = 0, uneven_line = 0;  // the first line a layer would write differently
    bool iobes = false;                            // E- / S- tags (written back as such)
    // Per column of the first token line: whether every line has a tag there, and how many are not O.
    // A read whose tag column marks no entity names a column that would (GermEval's two layers).
    struct ColumnTags {
        bool tags = true;
        size_t not_o = 0;
    };
    std::vector<ColumnTags> column_tags;
    size_t read_column = 0;  // the tag column of the first token line (0-based)
    bool final_newline = true;
    std::string newline = "\n";  // the first line's end

    void error(size_t line, size_t col, std::string m) {
        result.diagnostics.push_back(diag(Diagnostic::Severity::Error, line, col, std::move(m)));
        ++errors;
    }
    void warning(size_t line, size_t col, std::string m) {
        result.diagnostics.push_back(diag(Diagnostic::Severity::Warning, line, col, std::move(m)));
    }

    std::vector<DocIn> documents(std::string_view input);
    std::optional<Tok> token(std::string_view line, size_t n, bool quiet = false);
    TokenLayer layer(const DocIn& doc, const TokenOffsets& at, Scheme scheme, bool last) const;
    Scheme detect_scheme(const std::vector<DocIn>& docs);
    std::vector<Span> spans(const DocIn& doc, Scheme scheme);
    void spans_bilou(const Sentence& s, size_t flat, std::vector<Span>& out);
    void spans_iob(const Sentence& s, size_t flat, Scheme scheme, std::vector<Span>& out);
    void other_tag_column();
    std::optional<Text> aligned_text(const DocIn& doc, TokenOffsets& at);
    std::optional<Text> rebuilt_text(const DocIn& doc, TokenOffsets& at);
    void add_document(Text text, const std::vector<Span>& spans, const TokenOffsets& at, TokenLayer layer);
};

// -- lines -> documents, sentences, tokens; the lines without a token kept where they were --
std::vector<DocIn> ConllReader::documents(std::string_view input) {
    std::vector<DocIn> docs(1);
    docs.back().sentences.emplace_back();
    if (has_index_column(input)) word_column = 1;
    size_t i = input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    final_newline = input.empty() || input.back() == '\n' || input.back() == '\r';
    if (const LineEnd first = line_end(input, i); first.next != std::string_view::npos)
        newline = std::string(input.substr(first.end, first.next - first.end));
    auto keep_line = [&](std::string_view line) {
        docs.back().lines.push_back({docs.back().tokens, std::string(line)});
    };
    for (size_t n = 1; i < input.size(); ++n) {
        const LineEnd le = line_end(input, i);
        std::string_view line = input.substr(i, le.end - i);
        i = le.next == std::string_view::npos ? input.size() : le.next;
        if (is_blank(line)) {  // ends the sentence, if one is open
            if (!docs.back().sentences.back().tokens.empty()) docs.back().sentences.emplace_back();
            keep_line(line);
            continue;
        }
        if (columns(line)[0] == "-DOCSTART-") {
            if (docs.back().tokens > 0) docs.emplace_back();
            docs.back().sentences.assign(1, Sentence{});
            docs.back().line = n;
            keep_line(line);
            continue;
        }
        // A "#" line is a comment unless it reads as a token (a "#" word with its tag).
        std::optional<Tok> tok = token(line, n, line[0] == '#');
        if (!tok) {
            if (line[0] == '#') keep_line(line);
            continue;
        }
        if (docs.back().line == 0) docs.back().line = n;
        docs.back().sentences.back().tokens.push_back(std::move(*tok));
        ++docs.back().tokens;
    }
    // A document without tokens (a -DOCSTART- at the end) gives its lines to the one before.
    for (size_t d = docs.size(); d-- > 1;)
        if (docs[d].tokens == 0) {
            for (TokenLayer::Line& l : docs[d].lines)
                docs[d - 1].lines.push_back({docs[d - 1].tokens, std::move(l.text)});
            docs.erase(docs.begin() + static_cast<std::ptrdiff_t>(d));
        }
    for (DocIn& d : docs)
        while (!d.sentences.empty() && d.sentences.back().tokens.empty()) d.sentences.pop_back();
    docs.erase(std::remove_if(docs.begin(), docs.end(), [](const DocIn& d) { return d.sentences.empty(); }),
               docs.end());
    if (errors == 0 && docs.empty()) error(0, 0, "the input holds no tokens");
    if (uneven_line > 0)
        warning(uneven_line, 1,
                "the columns of this line are not separated as on line " + std::to_string(first_token_line) + " (" +
                    (separator == "\t" ? "one tab" : "one space") +
                    "): a CoNLL write separates them so (the file's other lines come back as they are)");
    return docs;
}

// One token line (not blank, not -DOCSTART-), or nullopt after reporting why not (`quiet`: a "#"
// line that is no token line is a comment, and not reported).
std::optional<Tok> ConllReader::token(std::string_view line, size_t n, bool quiet) {
    const auto cols = columns(line);
    const size_t want = options.column > 0 ? options.column : word_column + 2;
    if (cols.size() < 2 || cols.size() < want || cols.size() < word_column + 2) {
        if (quiet) return std::nullopt;
        if (options.column > 0 && cols.size() >= 2)
            error(n, 1,
                  "expected at least " + std::to_string(options.column) + " columns (--column " +
                      std::to_string(options.column) + "), found " + std::to_string(cols.size()));
        else
            error(n, 1,
                  std::string("expected at least ") +
                      (word_column ? "3 columns (INDEX WORD ... TAG)" : "2 columns (WORD ... TAG)") + ", found " +
                      std::to_string(cols.size()));
        return std::nullopt;
    }
    const size_t tc = options.column > 0 ? options.column - 1 : cols.size() - 1;
    if (tc == word_column) {
        error(n, 1, "--column " + std::to_string(options.column) + " is the word's column, not a tag's");
        return std::nullopt;
    }
    const std::string_view tag = cols[tc];
    const size_t col = 1 + utf8::count_code_points(line.substr(0, static_cast<size_t>(tag.data() - line.data())));
    auto t = parse_tag(tag);
    if (!t) {
        if (quiet) return std::nullopt;
        error(n, col, "unknown tag " + quote(tag) + " (expected O, or B-, I-, L-, U-, E- or S- and a type)");
        return std::nullopt;
    }
    if (named && *named != Scheme::Bilou && (t->prefix == 'L' || t->prefix == 'U')) {
        error(n, col, "tag " + quote(tag) + " is not in the " + scheme_name(*named) + " scheme (B-, I-, O)");
        return std::nullopt;
    }
    iobes |= tag[0] == 'E' || tag[0] == 'S';
    const std::string_view word = cols[word_column];
    if (!holds_a_token(word))
        warning(n, 1,
                "token " + quote(word) +
                    " is only whitespace or invisible characters: kept as a token of its own (columns are "
                    "separated by spaces and tabs)");
    Tok tok{word, std::move(*t), std::string(tag), n, col, {}};
    // Without --column the tag is each line's last column. A line with more columns than the first
    // token line cannot be written back with its tag in the layer's tag column and still be read
    // the same (its last column would be taken for the tag), so its extra columns are not kept.
    const bool longer = options.column == 0 && tag_column && tc > *tag_column;
    for (size_t c = 0; c < cols.size(); ++c)
        if (c != word_column && c != tc && (!longer || c < *tag_column)) tok.others.push_back(cols[c]);
    if (longer)
        warning(n, 1,
                "this line has " + std::to_string(cols.size()) + " columns, more than the " +
                    std::to_string(*tag_column + 1) + " of the first token line (line " +
                    std::to_string(first_token_line) + "): its extra columns are not kept");
    if (column_tags.empty()) column_tags.assign(cols.size(), ColumnTags{});
    for (size_t c = 0; c < column_tags.size(); ++c) {
        ColumnTags& ct = column_tags[c];
        const std::optional<Tag> other = ct.tags && c < cols.size() ? parse_tag(cols[c]) : std::nullopt;
        ct.tags = other.has_value();
        ct.not_o += other && other->prefix != 'O';
    }
    if (!tag_column) {
        read_column = tc;
        tag_column = tc;
        separator = line.find('\t') != std::string_view::npos ? "\t" : " ";
        first_token_line = n;
    }
    if (uneven_line == 0 && layer_line(word, tag, tok.others, word_column, *tag_column, separator) != line)
        uneven_line = n;
    return tok;
}

// -- the scheme, when the options name none --
// An entity start that only IOB1 writes (I- after O or another type), or only IOB2 (B- there).
char iob_start(const Sentence& s, size_t k) {
    const Tag& t = s.tokens[k].tag;
    const bool continues = k > 0 && s.tokens[k - 1].tag.prefix != 'O' && s.tokens[k - 1].tag.type == t.type;
    return !continues && (t.prefix == 'I' || t.prefix == 'B') ? t.prefix : 0;
}

// Any L-/U- tag: bilou. Else the IOB flavour of the starts; a file that mixes them (seqeval's test
// data) takes the flavour most of its starts have, and the other starts are kept in the layer.
Scheme ConllReader::detect_scheme(const std::vector<DocIn>& docs) {
    bool bilou = false;
    size_t first_i_start = 0, first_b_start = 0;  // lines of the first IOB1-style and IOB2-style starts
    size_t i_starts = 0, b_starts = 0;
    for (const DocIn& d : docs)
        for (const Sentence& s : d.sentences)
            for (size_t k = 0; k < s.tokens.size(); ++k) {
                bilou |= s.tokens[k].tag.prefix == 'L' || s.tokens[k].tag.prefix == 'U';
                const char start = iob_start(s, k);
                if (start == 'I' && i_starts++ == 0) first_i_start = s.tokens[k].line;
                if (start == 'B' && b_starts++ == 0) first_b_start = s.tokens[k].line;
            }
    if (bilou) return Scheme::Bilou;
    const Scheme scheme = i_starts >= b_starts && i_starts > 0 ? Scheme::Iob1 : Scheme::Iob2;
    if (i_starts > 0 && b_starts > 0)
        warning(0, 0,
                "the tags mix iob1 entity starts (I- after O or another type: " + std::to_string(i_starts) +
                    ", the first on line " + std::to_string(first_i_start) +
                    ") and iob2 entity starts (B- after O or another type: " + std::to_string(b_starts) +
                    ", the first on line " + std::to_string(first_b_start) +
                    "): read with both starting an entity; a CoNLL write gives each start back as it was, "
                    "--scheme writes them all in one scheme");
    return scheme;
}

// -- a read that found no entity, with a column that holds some: never 0 entities in silence --
void ConllReader::other_tag_column() {
    for (size_t c = 0; c < column_tags.size(); ++c)
        if (c != read_column && c != word_column && column_tags[c].tags && column_tags[c].not_o > 0) {
            warning(0, 0,
                    "the tag column read (column " + std::to_string(read_column + 1) +
                        (options.column > 0 ? "" : ", the last") + ") marks no entity, but column " +
                        std::to_string(c + 1) + " holds tags too, " + std::to_string(column_tags[c].not_o) +
                        " of them not O: --column " + std::to_string(c + 1) + " reads them");
            return;
        }
}

// -- tags -> token spans of entities --
std::vector<Span> ConllReader::spans(const DocIn& doc, Scheme scheme) {
    std::vector<Span> out;
    size_t flat = 0;
    for (const Sentence& s : doc.sentences) {
        if (scheme == Scheme::Bilou)
            spans_bilou(s, flat, out);
        else
            spans_iob(s, flat, scheme, out);
        flat += s.tokens.size();
    }
    return out;
}

// "\"I-PER\" follows O" / "\"I-PER\" starts a sentence": the token's tag in its context.
std::string tag_in_context(const Sentence& s, size_t k) {
    return quote(s.tokens[k].tag_written) + " " +
           (k == 0 ? std::string("starts a sentence") : "follows " + s.tokens[k - 1].tag_written);
}

// BILOU: an open entity (B-, I-) must end with L- before anything else starts or an O.
void ConllReader::spans_bilou(const Sentence& s, size_t flat, std::vector<Span>& out) {
    std::optional<Span> open;
    for (size_t k = 0; k < s.tokens.size(); ++k, ++flat) {
        const Tok& tok = s.tokens[k];
        const Tag& t = tok.tag;
        const bool continues = open && open->label == t.type;
        if ((t.prefix == 'B' || t.prefix == 'U' || t.prefix == 'O') && open) {
            error(tok.line, tok.tag_column,
                  tag_in_context(s, k) + ": the entity started at line " + std::to_string(open->line) +
                      " is not closed with L-" + open->label);
            open.reset();
        }
        if (t.prefix == 'I' && !continues) {
            error(tok.line, tok.tag_column,
                  tag_in_context(s, k) + ": a bilou entity starts with B-" + t.type + " or U-" + t.type);
            open.reset();
        } else if (t.prefix == 'L' && !continues) {
            error(tok.line, tok.tag_column, tag_in_context(s, k) + ": L-" + t.type + " without B-" + t.type);
            open.reset();
        } else if (t.prefix == 'B') {
            open = Span{flat, flat, t.type, tok.line};
        } else if (t.prefix == 'I') {
            open->last = flat;
        } else if (t.prefix == 'L') {
            open->last = flat;
            out.push_back(*open);
            open.reset();
        } else if (t.prefix == 'U') {
            out.push_back(Span{flat, flat, t.type, tok.line});
        }
    }
    if (open) {
        const Tok& last = s.tokens.back();
        error(last.line, last.tag_column,
              "the entity started at line " + std::to_string(open->line) + " is not closed with L-" + open->label +
                  " before the end of its sentence");
    }
}

// IOB1 / IOB2: strict (a named scheme) refuses the other's starts; detected reads both as starts.
void ConllReader::spans_iob(const Sentence& s, size_t flat, Scheme scheme, std::vector<Span>& out) {
    const bool strict = named.has_value();
    std::optional<Span> open;
    auto close = [&] {
        if (open) out.push_back(*open);
        open.reset();
    };
    for (size_t k = 0; k < s.tokens.size(); ++k, ++flat) {
        const Tok& tok = s.tokens[k];
        const Tag& t = tok.tag;
        const bool continues = open && open->label == t.type;
        if (t.prefix == 'O') {
            close();
            continue;
        }
        // After such an error the entity is taken as started, so that its next tokens are not
        // reported too ("I-PER" follows I-PER).
        if (strict && scheme == Scheme::Iob2 && t.prefix == 'I' && !continues)
            error(tok.line, tok.tag_column, tag_in_context(s, k) + ": an iob2 entity starts with B-" + t.type);
        if (strict && scheme == Scheme::Iob1 && t.prefix == 'B' && !continues)
            error(tok.line, tok.tag_column,
                  tag_in_context(s, k) + ": in iob1, B- only starts an entity right after another " + t.type);
        if (t.prefix == 'B' || !continues) {
            close();
            open = Span{flat, flat, t.type, tok.line};
        } else {
            open->last = flat;
        }
    }
    close();
}

// -- text and token offsets: the tokens found in order in the text the options give --
std::optional<Text> ConllReader::aligned_text(const DocIn& doc, TokenOffsets& at) {
    const Text& text = *options.text;
    const std::string& s = text.utf8();
    size_t pos = 0;  // bytes
    for (const Sentence& se : doc.sentences)
        for (const Tok& tok : se.tokens) {
            const size_t found = s.find(tok.word, pos);
            if (found == std::string::npos) {
                error(tok.line, 1,
                      "token " + quote(tok.word) + " not found in the text after code point " +
                          std::to_string(text.cp_of_byte(pos)));
                return std::nullopt;
            }
            const std::string_view skipped(s.data() + pos, found - pos);
            if (!is_blank(skipped) && skipped.find_first_not_of(" \t\r\n") != std::string_view::npos)
                warning(
                    tok.line, 1,
                    "text " + quote(skipped) + " before token " + quote(tok.word) + " has no line in the CoNLL input");
            const size_t cs = text.cp_of_byte(found);
            at.emplace_back(cs, cs + utf8::count_code_points(tok.word));
            pos = found + tok.word.size();
        }
    return text;
}

// -- or the text rebuilt: tokens joined by single spaces, a newline between sentences --
std::optional<Text> ConllReader::rebuilt_text(const DocIn& doc, TokenOffsets& at) {
    std::string s;
    size_t cp = 0;
    for (const Sentence& se : doc.sentences) {
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
        error(doc.line, 1, made.error().message);
        return std::nullopt;
    }
    return std::move(made.value());
}

// -- the token layer: the tokens at their offsets, their other columns, the lines between --
TokenLayer ConllReader::layer(const DocIn& doc, const TokenOffsets& at, Scheme scheme, bool last) const {
    TokenLayer l;
    l.tokens.reserve(at.size());
    size_t k = 0;
    for (const Sentence& se : doc.sentences)
        for (const Tok& tok : se.tokens) {
            TokenLayer::Token t{at[k].first, at[k].second, {}};
            for (std::string_view c : tok.others) t.columns.emplace_back(c);
            l.tokens.push_back(std::move(t));
            ++k;
        }
    l.lines = doc.lines;
    l.word_column = word_column;
    l.tag_column = tag_column.value_or(word_column + 1);
    l.separator = separator.empty() ? " " : separator;
    l.scheme = iobes ? "iobes" : scheme_name(scheme);
    // The starts written the other IOB way (a mixed file, read with its scheme detected).
    if (!named && scheme != Scheme::Bilou) {
        size_t flat = 0;
        for (const Sentence& se : doc.sentences)
            for (size_t j = 0; j < se.tokens.size(); ++j, ++flat)
                if (const char start = iob_start(se, j); start && start != (scheme == Scheme::Iob1 ? 'I' : 'B'))
                    l.other_starts.push_back(flat);
    }
    l.final_newline = !last || final_newline;
    l.newline = newline;
    return l;
}

// -- the document: labels in order of first use, entities numbered e1, e2, ... --
void ConllReader::add_document(Text text, const std::vector<Span>& spans, const TokenOffsets& at, TokenLayer layer) {
    LabelSet labels;
    for (const Span& sp : spans)
        if (!labels.find(sp.label)) {
            if (Status st = labels.insert(labels.size(), {sp.label, labels.next_color(), labels.next_key(), {}}); !st)
                error(sp.line, 1, st.error().message);
        }
    Document doc(std::move(text), std::move(labels));
    doc.info.source = options.source_name;
    doc.token_layer = std::move(layer);
    size_t n = 0;
    for (const Span& sp : spans) {
        Entity e;
        e.id = "e" + std::to_string(++n);
        e.start = at[sp.first].first;
        e.end = at[sp.last].second;
        e.label = sp.label;
        if (auto ins = doc.insert_entity(std::move(e)); !ins.ok()) error(sp.line, 1, ins.error().message);
    }
    result.documents.push_back(std::move(doc));
}

}  // namespace

ReadResult read_conll(std::string_view input, const ReadOptions& options) {
    bool scheme_ok = true;
    ConllReader r{options, parse_scheme(options.scheme, scheme_ok)};
    if (!scheme_ok) {
        r.error(0, 0, "unknown CoNLL scheme " + quote(options.scheme) + kSchemeError);
        return std::move(r.result);
    }
    if (auto bad = utf8::validate(input)) {
        r.error(0, 0, bad->message);
        return std::move(r.result);
    }
    const std::vector<DocIn> docs = r.documents(input);
    if (r.errors > 0) return std::move(r.result);
    const Scheme scheme = r.named ? *r.named : r.detect_scheme(docs);
    std::vector<std::vector<Span>> spans;
    size_t entities = 0;
    for (const DocIn& d : docs) {
        spans.push_back(r.spans(d, scheme));
        entities += spans.back().size();
    }
    if (r.errors > 0) return std::move(r.result);
    if (entities == 0) r.other_tag_column();
    if (options.text && docs.size() > 1) {
        r.error(0, 0,
                "the text given holds one document, but the input has " + std::to_string(docs.size()) +
                    " (-DOCSTART- lines)");
        return std::move(r.result);
    }
    for (size_t di = 0; di < docs.size(); ++di) {
        TokenOffsets at;
        std::optional<Text> text = options.text ? r.aligned_text(docs[di], at) : r.rebuilt_text(docs[di], at);
        if (text) r.add_document(std::move(*text), spans[di], at, r.layer(docs[di], at, scheme, di + 1 == docs.size()));
    }
    if (r.errors > 0) r.result.documents.clear();
    return std::move(r.result);
}

// ---- [SECTION] writer ----

namespace {

// The writer's state across documents: the output, and what it could not hold (reported once at
// the end, summed over the documents).
struct ConllWriter {
    std::optional<Scheme> named;                        // the scheme the options name
    Scheme scheme = Scheme::Iob2;                       // this document's
    bool iobes = false;                                 // write L- and U- as E- and S-
    const std::vector<size_t>* other_starts = nullptr;  // this document's, kept unless a scheme is named
    WriteResult result;
    std::string out;
    size_t nested = 0, notes = 0, attrs = 0, kb = 0, respaced = 0;
    bool title = false, doc_note = false, doc_attrs = false;
    std::string nested_list;
    std::map<std::string, std::string> renamed;

    void warn(std::string m) { result.diagnostics.push_back(diag(Diagnostic::Severity::Warning, 0, 0, std::move(m))); }
    void document(const Document& doc, const std::string& in_doc);
    bool layer_document(const Document& doc, const std::string& in_doc);
    std::vector<const Entity*> owners(const Document& doc, const std::vector<Token>& tokens, const std::string& in_doc);
    std::string tag(const std::vector<const Entity*>& owner, size_t k, const TokenRange& r);
    void report();
};

// The entity each token belongs to: entities by length (longest first), each kept that overlaps
// nothing kept; the others are counted as nested.
std::vector<const Entity*> ConllWriter::owners(const Document& doc, const std::vector<Token>& tokens,
                                               const std::string& in_doc) {
    std::vector<const Entity*> by_length;
    for (Slot s : doc.entities().ordered()) by_length.push_back(&doc.entities().get(s));
    std::stable_sort(by_length.begin(), by_length.end(),
                     [](const Entity* a, const Entity* b) { return a->length() > b->length(); });
    std::vector<const Entity*> owner(tokens.size(), nullptr);
    auto describe = [&](const Entity& e) {
        return e.id + " " + quote(doc.text_of(e)) + " [" + std::to_string(e.start) + ", " + std::to_string(e.end) +
               ") " + e.label + in_doc;
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
            warn("entity " + describe(*e) + " covers no token: dropped");
            continue;
        }
        const size_t a = static_cast<size_t>(first - tokens.begin()), b = static_cast<size_t>(last - tokens.begin());
        bool taken = false;
        for (size_t k = a; k < b; ++k) taken |= owner[k] != nullptr;
        if (taken) {
            ++nested;
            if (nested <= 10) nested_list += (nested_list.empty() ? "" : "; ") + describe(*e);
            continue;
        }
        if (tokens[a].start != e->start || tokens[b - 1].end != e->end)
            warn("entity " + describe(*e) + " does not start and end at token boundaries: written as the tokens " +
                 quote(doc.text().slice(tokens[a].start, tokens[b - 1].end)));
        for (size_t k = a; k < b; ++k) owner[k] = e;
    }
    return owner;
}

// The tag of token k of sentence r.
std::string ConllWriter::tag(const std::vector<const Entity*>& owner, size_t k, const TokenRange& r) {
    const Entity* e = owner[k];
    if (!e) return "O";
    std::string type = e->label;
    std::replace(type.begin(), type.end(), ' ', '_');
    if (type != e->label) renamed.emplace(e->label, type);
    const bool is_first = k == 0 || owner[k - 1] != e || k == r.begin;
    const bool is_last = k + 1 == owner.size() || owner[k + 1] != e || k + 1 == r.end;
    char prefix = 'I';
    switch (scheme) {
        case Scheme::Iob2: prefix = is_first ? 'B' : 'I'; break;
        case Scheme::Iob1:
            // B- only where this entity follows another of the same type directly.
            prefix = is_first && k > r.begin && owner[k - 1] && owner[k - 1]->label == e->label ? 'B' : 'I';
            break;
        case Scheme::Bilou: prefix = is_first && is_last ? 'U' : is_first ? 'B' : is_last ? 'L' : 'I'; break;
    }
    // A start the file wrote the other IOB way, given back so where either way reads as a start.
    const bool after_same = k > r.begin && owner[k - 1] && owner[k - 1]->label == e->label;
    if (is_first && !after_same && other_starts && (scheme == Scheme::Iob1 || scheme == Scheme::Iob2) &&
        std::binary_search(other_starts->begin(), other_starts->end(), k))
        prefix = scheme == Scheme::Iob1 ? 'B' : 'I';
    if (iobes && prefix == 'L') prefix = 'E';
    if (iobes && prefix == 'U') prefix = 'S';
    return std::string(1, prefix) + "-" + type;
}

// A document read from CoNLL, written line for line as it came: its token layer's lines and token
// lines, the tags from the entities. False (nothing written) when the layer does not fit the text.
bool ConllWriter::layer_document(const Document& doc, const std::string& in_doc) {
    const TokenLayer& l = doc.token_layer;
    std::vector<Token> tokens;
    tokens.reserve(l.tokens.size());
    for (const TokenLayer::Token& t : l.tokens) {
        if (t.end <= t.start || t.end > doc.text().size() || (!tokens.empty() && t.start < tokens.back().end))
            return false;
        tokens.push_back(Token{t.start, t.end, TokenKind::Word, false});
    }
    const std::vector<const Entity*> owner = owners(doc, tokens, in_doc);
    // Sentences: between blank lines (a blank line ends any entity).
    std::vector<size_t> sentence_start(tokens.size() + 1, 0);
    size_t begin = 0;
    for (size_t k = 0, li = 0; k < tokens.size(); ++k) {
        for (; li < l.lines.size() && l.lines[li].before <= k; ++li)
            if (is_blank(l.lines[li].text) && k > begin) begin = k;
        sentence_start[k] = begin;
    }
    std::vector<size_t> sentence_end(tokens.size(), tokens.size());
    for (size_t k = tokens.size(); k-- > 1;)
        sentence_end[k - 1] = sentence_start[k] == sentence_start[k - 1] ? sentence_end[k] : k;
    size_t li = 0;
    for (size_t k = 0; k <= tokens.size(); ++k) {
        for (; li < l.lines.size() && l.lines[li].before <= k; ++li) out += l.lines[li].text + l.newline;
        if (k == tokens.size()) break;
        const TokenRange r{sentence_start[k], sentence_end[k]};
        std::vector<std::string_view> others(l.tokens[k].columns.begin(), l.tokens[k].columns.end());
        out += layer_line(doc.text().slice(tokens[k].start, tokens[k].end), tag(owner, k, r), others, l.word_column,
                          l.tag_column, l.separator);
        out += l.newline;
    }
    if (!l.final_newline && out.size() >= l.newline.size() &&
        out.compare(out.size() - l.newline.size(), l.newline.size(), l.newline) == 0)
        out.resize(out.size() - l.newline.size());
    return true;
}

void ConllWriter::document(const Document& doc, const std::string& in_doc) {
    bool known = true;
    const std::optional<Scheme> own = parse_scheme(doc.token_layer.scheme, known);
    scheme = named ? *named : own.value_or(Scheme::Iob2);
    iobes = !named && doc.token_layer.scheme == "iobes";
    other_starts = named || doc.token_layer.other_starts.empty() ? nullptr : &doc.token_layer.other_starts;
    title |= !doc.info.title.empty();
    doc_note |= !doc.info.note.empty();
    doc_attrs |= !doc.info.attributes.empty();
    if (!doc.token_layer.empty()) {
        if (layer_document(doc, in_doc)) return;
        warn("the token layer" + in_doc + " does not fit the text: written from the tokenizer's tokens instead");
    }
    other_starts = nullptr;  // indexes the layer's tokens, not the tokenizer's
    const Text& text = doc.text();
    const std::vector<Token> tokens = tokenize(text);
    out += "-DOCSTART- -X- O O\n\n";
    const std::vector<const Entity*> owner = owners(doc, tokens, in_doc);

    // Sentences, merged where an entity would cross a break (a blank line ends any entity).
    std::vector<TokenRange> sentences;
    for (const TokenRange& r : conll_sentences(text, tokens)) {
        if (!sentences.empty() && r.begin > 0 && owner[r.begin] && owner[r.begin] == owner[r.begin - 1])
            sentences.back().end = r.end;
        else
            sentences.push_back(r);
    }
    std::string rebuilt;  // the text a reader will rebuild, to tell whether the spacing is lost
    for (const TokenRange& r : sentences) {
        for (size_t k = r.begin; k < r.end; ++k) {
            const std::string_view word = text.slice(tokens[k].start, tokens[k].end);
            rebuilt += k > r.begin ? " " : rebuilt.empty() ? "" : "\n";
            rebuilt += word;
            out += word;
            out += ' ' + tag(owner, k, r) + '\n';
        }
        out += '\n';
    }
    respaced += rebuilt != text.utf8();
}

void ConllWriter::report() {
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
}

}  // namespace

WriteResult write_conll(const std::vector<const Document*>& docs, const WriteOptions& options) {
    bool scheme_ok = true;
    const std::optional<Scheme> named = parse_scheme(options.scheme, scheme_ok);
    if (!scheme_ok) {
        WriteResult result;
        result.diagnostics.push_back(
            diag(Diagnostic::Severity::Error, 0, 0, "unknown CoNLL scheme " + quote(options.scheme) + kSchemeError));
        return result;
    }
    // CoNLL is a list of tokens: an article without any has nothing to write, and a file of
    // -DOCSTART- alone is not one its reader accepts. Refused, by document.
    for (size_t di = 0; di < docs.size(); ++di)
        if (docs[di] && tokenize(docs[di]->text()).empty()) {
            WriteResult result;
            result.diagnostics.push_back(
                diag(Diagnostic::Severity::Error, 0, 0,
                     std::string("the article") +
                         (docs.size() > 1 ? " in document " + std::to_string(di + 1) : std::string()) +
                         " has no words: CoNLL holds tokens and cannot hold an empty article"));
            return result;
        }
    ConllWriter w;
    w.named = named;
    for (size_t di = 0; di < docs.size(); ++di)
        if (docs[di]) w.document(*docs[di], docs.size() > 1 ? " in document " + std::to_string(di + 1) : "");
    w.report();
    w.result.output = std::move(w.out);
    return std::move(w.result);
}

Sniff sniff_conll(std::string_view content) {
    size_t i = content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    size_t seen = 0;
    while (i < content.size() && seen < 20) {
        const LineEnd le = line_end(content, i);
        std::string_view line = content.substr(i, le.end - i);
        i = le.next == std::string_view::npos ? content.size() : le.next;
        if (is_blank(line) || line[0] == '#') continue;  // "#" comments: GermEval, CoNLL-U style
        // The first and the last column, without splitting the whole line: a native JSON file is
        // one line of megabytes (its words as views were a 32 MB vector at 10 MB, issue 11).
        const size_t a = line.find_first_not_of(" \t");
        if (a == std::string_view::npos) return Sniff::No;
        const size_t a_end = std::min(line.size(), line.find_first_of(" \t", a));
        if (line.substr(a, a_end - a) == "-DOCSTART-") return Sniff::Yes;
        const size_t z = line.find_last_not_of(" \t") + 1;
        const size_t last = line.find_last_of(" \t", z - 1) + 1;  // npos + 1: the line's start
        if (last <= a || !parse_tag(line.substr(last, z - last))) return Sniff::No;
        ++seen;
    }
    return Sniff::Maybe;
}

}  // namespace aa::io::detail
