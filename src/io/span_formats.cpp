// Machinery shared by the interchange formats (span_formats.hpp): entity checks and re-anchoring,
// JSON Lines, the pretty layout, and the report of what a writer dropped.
//
// [SECTION] DocBuilder  [SECTION] reading helpers  [SECTION] layout  [SECTION] writers
// [SECTION] sniffing
#include "io/span_formats.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "core/utf8.hpp"

namespace aa::io::spans {

size_t to_unit(const Text& text, size_t cp, OffsetUnit unit) {
    switch (unit) {
        case OffsetUnit::CodePoint: return cp;
        case OffsetUnit::Utf16: return text.utf16_of(cp);
        case OffsetUnit::Utf8: return text.byte_of(cp);
    }
    return cp;
}

// ---- [SECTION] DocBuilder ----

JsonPath Candidate::part(Part which) const {
    const JsonPath& given = which == Part::Start   ? start_path
                            : which == Part::End   ? end_path
                            : which == Part::Label ? label_path
                                                   : text_path;
    const char* name = which == Part::Start   ? start_key
                       : which == Part::End   ? end_key
                       : which == Part::Label ? label_key
                                              : text_key;
    if (!given.empty() || !name) return given;
    JsonPath p = within ? path / std::string(within) : path;
    p = std::move(p) / std::string(name);
    if (which == Part::Label && label_index != kNoIndex) p = std::move(p) / label_index;
    return p;
}

std::string Candidate::name() const { return region ? "region " + json::quote(*region) : format_path(path); }

std::optional<size_t> DocBuilder::offset(uint64_t v, const JsonPath& p, bool report) {
    const size_t limit = text_.size_in(unit_);
    if (v > limit) {
        if (report)
            r_.error(p, std::to_string(v) + " is past the end of the text (" + std::to_string(limit) + " " +
                            unit_words(unit_) + ")");
        return std::nullopt;
    }
    const auto cp = text_.convert(static_cast<size_t>(v), unit_, OffsetUnit::CodePoint);
    if (!cp) {
        if (!report) return std::nullopt;
        const size_t at = static_cast<size_t>(v);  // v <= limit: checked above
        const size_t c = unit_ == OffsetUnit::Utf8 ? text_.cp_of_byte(at) : text_.cp_of_utf16(at);
        const size_t from = text_.convert(c, OffsetUnit::CodePoint, unit_).value_or(0);
        const size_t to = text_.convert(c + 1, OffsetUnit::CodePoint, unit_).value_or(0);
        r_.error(p, std::string(offset_unit_name(unit_)) + " offset " + std::to_string(v) +
                        " is inside the character " + json::quote(text_.slice(c, c + 1)) + " (" +
                        offset_unit_name(unit_) + " " + std::to_string(from) + " to " + std::to_string(to) + ")");
    }
    return cp;
}

// ---- [SECTION] quote index ----

// Suffix array by prefix doubling with counting sorts: O(n log n) even for "aaaa...".
static std::vector<uint32_t> suffix_array(const std::string& s) {
    const size_t n = s.size();
    std::vector<uint32_t> sa(n), tmp(n), rank(n), cnt(std::max<size_t>(n, 256) + 1);
    for (size_t i = 0; i < n; ++i) rank[i] = static_cast<unsigned char>(s[i]);
    for (size_t i = 0; i < n; ++i) ++cnt[rank[i]];
    for (size_t i = 1; i < cnt.size(); ++i) cnt[i] += cnt[i - 1];
    for (size_t i = n; i-- > 0;) sa[--cnt[rank[i]]] = static_cast<uint32_t>(i);
    for (size_t k = 1; n > 1; k <<= 1) {
        // Order by the second key (rank at i + k; missing sorts first), then stably by the first.
        size_t j = 0;
        for (size_t i = n - std::min(n, k); i < n; ++i) tmp[j++] = static_cast<uint32_t>(i);
        for (size_t x = 0; x < n; ++x)
            if (sa[x] >= k) tmp[j++] = static_cast<uint32_t>(sa[x] - k);
        std::fill(cnt.begin(), cnt.end(), 0);
        for (size_t i = 0; i < n; ++i) ++cnt[rank[i]];
        for (size_t i = 1; i < cnt.size(); ++i) cnt[i] += cnt[i - 1];
        for (size_t x = n; x-- > 0;) sa[--cnt[rank[tmp[x]]]] = tmp[x];
        const auto second = [&](size_t i) { return i + k < n ? static_cast<int64_t>(rank[i + k]) : -1; };
        tmp[sa[0]] = 0;
        for (size_t x = 1; x < n; ++x) {
            const bool same = rank[sa[x]] == rank[sa[x - 1]] && second(sa[x]) == second(sa[x - 1]);
            tmp[sa[x]] = tmp[sa[x - 1]] + (same ? 0 : 1);
        }
        rank.swap(tmp);
        if (rank[sa[n - 1]] == n - 1) break;
    }
    return sa;
}

QuoteIndex::QuoteIndex(const std::string& text)
    : text_(text), sa_(suffix_array(text)), budget_(kQuoteScanFloor + kQuoteScanPerByte * text.size()) {}

bool QuoteIndex::charge(size_t n) {
    spent_ += n;
    return spent_ <= budget_;
}

const std::vector<uint32_t>* QuoteIndex::occurrences(std::string_view quote) {
    if (auto it = cache_.find(std::string(quote)); it != cache_.end()) return charge(0) ? &it->second : nullptr;
    const auto prefix = [&](uint32_t at) { return std::string_view(text_).substr(at, quote.size()); };
    auto lo = std::lower_bound(sa_.begin(), sa_.end(), quote,
                               [&](uint32_t at, std::string_view q) { return prefix(at) < q; });
    auto hi = std::upper_bound(lo, sa_.end(), quote, [&](std::string_view q, uint32_t at) { return q < prefix(at); });
    if (!charge(static_cast<size_t>(hi - lo))) return nullptr;
    std::vector<uint32_t> at(lo, hi);
    std::sort(at.begin(), at.end());
    return &cache_.emplace(std::string(quote), std::move(at)).first->second;
}

void DocBuilder::over_budget(const JsonPath& p) {
    if (!over_budget_)
        r_.error(p, "matching quotes against the text would examine more than " + std::to_string(quotes_->budget()) +
                        " occurrences (the limit is " + std::to_string(kQuoteScanPerByte) + " per byte of text plus " +
                        std::to_string(kQuoteScanFloor) +
                        ", kQuoteScanPerByte): too many entities quote text that repeats");
    over_budget_ = true;
    ok_ = false;
}

const std::vector<uint32_t>* DocBuilder::occurrences(std::string_view quote, const JsonPath& p) {
    if (!quotes_) quotes_ = std::make_shared<QuoteIndex>(text_.utf8());
    const auto* at = over_budget_ ? nullptr : quotes_->occurrences(quote);
    if (!at) over_budget(p);
    return at;
}

bool DocBuilder::charge(size_t n, const JsonPath& p) {
    if (!quotes_) quotes_ = std::make_shared<QuoteIndex>(text_.utf8());
    if (over_budget_ || !quotes_->charge(n)) {
        over_budget(p);
        return false;
    }
    return true;
}

// The occurrence of `quoted` nearest to code point `near`; nullopt when there is none or two are
// equally near. `count` receives the number of occurrences. O(log n) once the quote is indexed.
std::optional<size_t> DocBuilder::nearest_occurrence(std::string_view quoted, size_t near, size_t& count,
                                                     const JsonPath& p) {
    count = 0;
    if (quoted.empty()) return std::nullopt;
    const std::vector<uint32_t>* all = occurrences(quoted, p);
    if (!all || all->empty()) return std::nullopt;
    count = all->size();
    // Code points grow with bytes, so the nearest is beside the first occurrence at or after `near`.
    const size_t near_byte = near >= text_.size() ? text_.utf8().size() : text_.byte_of(near);
    auto it = std::lower_bound(all->begin(), all->end(), near_byte);
    std::optional<size_t> best;
    size_t best_distance = 0;
    bool tie = false;
    for (auto c : {it == all->begin() ? all->end() : it - 1, it}) {
        if (c == all->end()) continue;
        const size_t cp = text_.cp_of_byte(*c);
        const size_t distance = cp > near ? cp - near : near - cp;
        if (!best || distance < best_distance) {
            best = cp;
            best_distance = distance;
            tie = false;
        } else if (distance == best_distance) {
            tie = true;
        }
    }
    if (tie) return std::nullopt;
    return best;
}

std::optional<std::pair<size_t, size_t>> DocBuilder::reanchor(std::string_view quoted, size_t near, const JsonPath& p) {
    size_t count = 0;
    const auto at = nearest_occurrence(quoted, near, count, p);
    if (!at) return std::nullopt;
    return std::make_pair(*at, *at + utf8::count_code_points(quoted));
}

static std::string span_words(uint64_t s, uint64_t e) {
    return "[" + std::to_string(s) + ", " + std::to_string(e) + ")";
}

DocBuilder::DocBuilder(json::Reporter& r, Text text, const ReadOptions& o)
    : r_(r), text_(std::move(text)), unit_(read_unit(o)), repair_(o.repair), trust_(o.trust_offsets) {
    detect_unit_ = !o.offsets && text_.size_in(OffsetUnit::Utf16) != text_.size();
}

bool quote_matches(const Text& text, const QuotedSpan& q, OffsetUnit unit) {
    if (q.start > text.size_in(unit) || q.end > text.size_in(unit)) return false;
    const auto s = text.convert(static_cast<size_t>(q.start), unit, OffsetUnit::CodePoint);
    const auto e = text.convert(static_cast<size_t>(q.end), unit, OffsetUnit::CodePoint);
    return s && e && *e > *s && text.slice(*s, *e) == q.quoted;
}

std::optional<std::string> utf16_detected(const Text& text, const std::vector<QuotedSpan>& quoted,
                                          std::string_view what, std::string_view writers) {
    if (quoted.empty() || text.size_in(OffsetUnit::Utf16) == text.size()) return std::nullopt;
    size_t cp_miss = 0;
    for (const QuotedSpan& q : quoted) {
        if (!quote_matches(text, q, OffsetUnit::Utf16)) return std::nullopt;
        cp_miss += !quote_matches(text, q, OffsetUnit::CodePoint);
    }
    if (cp_miss == 0) return std::nullopt;
    return "the offsets count UTF-16 code units, not code points: the " + std::string(what.substr(0, what.find(' '))) +
           " of " + std::to_string(cp_miss) + " of " + std::to_string(quoted.size()) + " " +
           std::string(what.substr(what.find(' ') + 1)) + " matches only so (as " + std::string(writers) +
           " wrote them); read as UTF-16 (--in-offsets overrides)";
}

// Code points unless some quoted entity misses in code points and every one matches in UTF-16.
void DocBuilder::settle_unit() {
    detect_unit_ = false;
    std::vector<QuotedSpan> quoted;
    for (const Candidate& c : pending_)
        if (c.quoted) quoted.push_back({c.start, c.end, *c.quoted});
    if (auto why = utf16_detected(text_, quoted, "text entities", "older doccano and Label Studio releases")) {
        unit_ = OffsetUnit::Utf16;
        r_.warning({}, *why);
    }
    std::vector<Candidate> waiting = std::move(pending_);
    pending_.clear();
    for (Candidate& c : waiting) add_now(std::move(c));
}

bool DocBuilder::add(Candidate c) {
    if (detect_unit_) {
        pending_.push_back(std::move(c));
        return true;
    }
    return add_now(std::move(c));
}

bool DocBuilder::add_now(Candidate c) {
    const bool can_repair = repair_ && c.quoted && !c.quoted->empty();
    // (Asked quietly first: the paths are made only for a message.)
    auto s = offset(c.start, {}, false);
    if (!s && !can_repair) offset(c.start, c.part(Candidate::Part::Start), true);
    auto e = offset(c.end, {}, false);
    if (!e && !can_repair) offset(c.end, c.part(Candidate::Part::End), true);
    if (s && e && *e > *s) return add_resolved(*s, *e, std::move(c));
    if (can_repair) {
        const size_t near = s ? *s : text_.size();
        if (auto span = reanchor(*c.quoted, near, c.path)) {
            r_.warning(c.path, "offsets " + span_words(c.start, c.end) +
                                   " are not a span of the text; re-anchored by its text " + json::quote(*c.quoted) +
                                   " to " + span_words(span->first, span->second));
            c.quoted.reset();
            return add_resolved(span->first, span->second, std::move(c));
        }
        ++disagreed_;
        unplaced_.push_back(c.name());
        offset(c.start, c.part(Candidate::Part::Start), true);
        offset(c.end, c.part(Candidate::Part::End), true);
    }
    if (s && e)
        r_.error(c.part(Candidate::Part::End),
                 std::to_string(c.end) + " is not after start " + std::to_string(c.start));
    ok_ = false;
    return false;
}

bool DocBuilder::add_resolved(size_t start, size_t end, Candidate c) {
    bool ok = true;
    if (Status st = check_label_name(c.label); !st) {
        r_.error(c.part(Candidate::Part::Label), st.error().message);
        ok = false;
    }
    if (c.quoted) {
        const std::string_view actual = text_.slice(start, end);
        if (*c.quoted != actual) {
            ++disagreed_;
            std::string msg = (c.region ? c.name() + ": " : "") + json::quote(*c.quoted) +
                              " does not match the document text at " + span_words(c.start, c.end) + ": " +
                              json::quote(actual);
            size_t count = 0;
            const auto at = repair_ ? nearest_occurrence(*c.quoted, start, count, c.path) : std::nullopt;
            if (trust_) {
                r_.warning(c.part(Candidate::Part::Text), msg + "; kept at its offsets (--trust-offsets)");
            } else if (at) {
                const size_t new_end = *at + utf8::count_code_points(*c.quoted);
                r_.warning(c.part(Candidate::Part::Text),
                           msg + "; re-anchored by its text to " + span_words(*at, new_end));
                start = *at;
                end = new_end;
            } else {
                if (repair_) {
                    unplaced_.push_back(c.name());
                    msg += count == 0
                               ? " (cannot re-anchor: the text does not occur in the document)"
                               : " (cannot re-anchor: it occurs " + std::to_string(count) + " times, none nearest)";
                }
                r_.error(c.part(Candidate::Part::Text), msg);
                ok = false;
            }
        }
    }
    if (!ok) {
        ok_ = false;
        return false;
    }
    // (A duplicate's key names the one kept.)
    if (!c.key.empty()) given_keys_.emplace_back(std::move(c.key), SpanKey{start, end, c.label});
    uint32_t& slot = seen_slot(start, end, c.label);
    if (slot != 0) {
        r_.warning(c.path, "duplicate of " + format_path(paths_[slot - 1]) + " (same start, end and label): dropped");
        return true;
    }
    slot = static_cast<uint32_t>(entities_.size() + 1);
    paths_.push_back(std::move(c.path));
    Entity ent;
    ent.start = start;
    ent.end = end;
    ent.label = std::move(c.label);
    ent.note = std::move(c.note);
    ent.kb_id = std::move(c.kb_id);
    ent.attributes = std::move(c.attributes);
    ent.annotator = std::move(c.annotator);
    ent.created = std::move(c.created);
    entities_.push_back(std::move(ent));
    return true;
}

uint32_t& DocBuilder::seen_slot(size_t start, size_t end, const std::string& label) {
    if (2 * (entities_.size() + 1) > seen_.size()) {  // grow: every kept entity again
        std::vector<uint32_t> old = std::move(seen_);
        seen_.assign(std::max<size_t>(64, old.size() * 2), 0);
        for (uint32_t i : old)
            if (i != 0) {
                const Entity& e = entities_[i - 1];
                seen_slot(e.start, e.end, e.label) = i;
            }
    }
    const size_t mask = seen_.size() - 1;
    uint64_t h = std::hash<std::string>()(label) ^ (start * 0x9E3779B97F4A7C15ull) ^ (end * 0xC2B2AE3D27D4EB4Full);
    h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
    for (size_t i = static_cast<size_t>(h ^ (h >> 32)) & mask;; i = (i + 1) & mask) {
        uint32_t& slot = seen_[i];
        if (slot == 0) return slot;
        const Entity& e = entities_[slot - 1];
        if (e.start == start && e.end == end && e.label == label) return slot;
    }
}

std::optional<Document> DocBuilder::finish(DocumentInfo info) {
    if (detect_unit_) settle_unit();
    if (repair_ && !unplaced_.empty() && disagreed_ > 1) {  // one alone is said by its own message
        std::string list;
        for (size_t i = 0; i < unplaced_.size() && i < 8; ++i) list += (i ? ", " : "") + unplaced_[i];
        if (unplaced_.size() > 8) list += ", ...";
        r_.warning({}, "--repair placed " + std::to_string(disagreed_ - unplaced_.size()) + " of the " +
                           std::to_string(disagreed_) +
                           " entities whose text disagrees with their offsets; it could "
                           "not place " +
                           list + " (--trust-offsets keeps the offsets instead)");
    }
    if (!ok_) return std::nullopt;
    LabelSet labels;
    for (const Entity& e : entities_) {
        if (labels.find(e.label)) continue;
        Label l{e.label, labels.next_color(), labels.next_key(), {}};
        if (Status s = labels.insert(labels.size(), std::move(l)); !s) {
            r_.error({}, s.error().message);  // names were checked in add(): not expected
            return std::nullopt;
        }
    }
    Document doc(std::move(text_), std::move(labels));
    doc.info = std::move(info);
    // Ids in document order, not input order: a writer that writes ids (Label Studio, W3C) must write
    // the same file after a re-import, which reads its entities in document order (found by fuzz/).
    // (Their indices are sorted, not the entities: each is moved once, into the document.)
    std::vector<uint32_t> order(entities_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
        const Entity &a = entities_[x], &b = entities_[y];
        return std::tie(a.start, b.end, a.label) < std::tie(b.start, a.end, b.label);
    });
    size_t n = 0;
    for (uint32_t i : order) {
        Entity& e = entities_[i];
        e.id = "e" + std::to_string(++n);
        auto ins = doc.insert_entity(std::move(e));
        if (!ins.ok()) {
            r_.error({}, ins.error().message);  // every check ran before: not expected
            return std::nullopt;
        }
    }
    if (!relations_.empty())
        for (auto& [key, span] : given_keys_) keys_.insert_or_assign(std::move(key), std::move(span));
    finish_relations(doc);
    if (!ok_) return std::nullopt;
    return doc;
}

// An end of a relation: the entity its key names, or the one at its span; nullopt after reporting.
std::optional<std::string> DocBuilder::resolve_end(const Document& doc, const RelationCandidate& c, bool from) {
    const JsonPath& p = from ? c.from_path : c.to_path;
    const std::optional<SpanRef>& span = from ? c.from_span : c.to_span;
    if (!span) {
        const std::string& key = from ? c.from_key : c.to_key;
        auto k = keys_.find(key);
        if (k == keys_.end()) {
            if (c.unmatched_warns) {
                r_.warning(p, "no entity with id " + json::quote(key) + ": the relation is dropped");
            } else {
                r_.error(p, "no entity with id " + json::quote(key));
                ok_ = false;
            }
            return std::nullopt;
        }
        const auto& [start, end, label] = k->second;
        std::vector<Slot> at;
        doc.entities().at(start, at);
        for (Slot s : at)
            if (const Entity& e = doc.entities().get(s); e.start == start && e.end == end && e.label == label)
                return e.id;
        return std::nullopt;  // every key names an entity kept: not expected
    }
    const Text& text = doc.text();
    const auto start = span->code_points ? std::optional<size_t>(span->start)
                                         : text.convert(static_cast<size_t>(span->start), unit_, OffsetUnit::CodePoint);
    const auto end = span->code_points ? std::optional<size_t>(span->end)
                                       : text.convert(static_cast<size_t>(span->end), unit_, OffsetUnit::CodePoint);
    if (start && end && span->start <= text.size_in(unit_) && span->end <= text.size_in(unit_)) {
        std::vector<Slot> at;
        doc.entities().at(*start, at);
        for (Slot s : at) {
            const Entity& e = doc.entities().get(s);
            if (e.start == *start && e.end == *end && (span->label.empty() || e.label == span->label)) return e.id;
        }
    }
    const std::string what = "no entity at " + span_words(span->start, span->end) +
                             (span->label.empty() ? "" : " labelled " + json::quote(span->label));
    if (c.unmatched_warns) {
        r_.warning(p, what + ": the relation is dropped");
    } else {
        r_.error(p, what);
        ok_ = false;
    }
    return std::nullopt;
}

void DocBuilder::finish_relations(Document& doc) {
    LabelSet palette = doc.labels();  // relation type colours continue the labels' palette
    size_t n = 0;
    for (RelationCandidate& c : relations_) {
        auto from = resolve_end(doc, c, true);
        // A relation dropped with a warning is said once, for its first missing end.
        auto to = from || !c.unmatched_warns ? resolve_end(doc, c, false) : std::nullopt;
        if (!from || !to) continue;
        if (*from == *to) {
            r_.warning(c.path, "a relation of an entity to itself: dropped");
            continue;
        }
        if (Status st = check_label_name(c.type); !st) {
            r_.error(c.path, st.error().message);
            ok_ = false;
            continue;
        }
        if (!doc.relation_types().find(c.type)) {
            RelationType t;
            t.name = c.type;
            t.color = palette.next_color();
            t.symmetric = c.symmetric;
            (void)palette.insert(palette.size(), Label{"relation " + c.type, t.color, {}, {}});
            (void)doc.insert_relation_type(doc.relation_types().size(), std::move(t));
        }
        Relation rel{"r" + std::to_string(++n), c.type, *from, *to, std::move(c.note), std::move(c.annotator),
                     std::move(c.created)};
        if (Status st = doc.insert_relation(std::move(rel)); !st) {
            r_.error(c.path, st.error().message);
            ok_ = false;
        }
    }
    finish_doc_labels(doc, palette);
}

void DocBuilder::finish_doc_labels(Document& doc, LabelSet& palette) {
    auto declare = [&](const std::string& name, const JsonPath& p) {
        if (Status st = check_label_name(name); !st) {
            r_.error(p, st.error().message);
            ok_ = false;
            return false;
        }
        if (!doc.doc_label_types().find(name)) {
            const Color color = palette.next_color();
            (void)doc.insert_doc_label_type(doc.doc_label_types().size(), Label{name, color, {}, {}});
            (void)palette.insert(palette.size(), Label{"document " + name, color, {}, {}});
        }
        return true;
    };
    for (auto& [name, p] : doc_label_types_) declare(name, p);
    DocLabels chosen;
    for (auto& [name, p] : doc_labels_) {
        if (!declare(name, p)) continue;
        if (std::find(chosen.chosen.begin(), chosen.chosen.end(), name) == chosen.chosen.end())
            chosen.chosen.push_back(name);
    }
    chosen.multi = multi_.value_or(chosen.chosen.size() > 1) || chosen.chosen.size() > 1;
    (void)doc.set_doc_labels(std::move(chosen));
}

std::unordered_map<std::string, size_t> entity_indexes(const Document& d) {
    std::unordered_map<std::string, size_t> out;
    size_t i = 0;
    for (Slot s : d.entities().ordered()) out.emplace(d.entities().get(s).id, i++);
    return out;
}

// ---- [SECTION] reading helpers ----

void warn_unknown(json::Reporter& r, const ojson& obj, const JsonPath& path, std::initializer_list<const char*> known) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool ok = false;
        for (const char* k : known) ok |= it.key() == k;
        if (!ok) r.warning(path / it.key(), "unknown field (ignored)");
    }
}

bool looks_like_spans(const ojson& v) {
    if (!v.is_array() || v.empty()) return false;
    const ojson& e = v[0];
    if (e.is_array()) return e.size() >= 2 && e[0].is_number_integer() && e[1].is_number_integer();
    if (!e.is_object()) return false;
    for (const char* k : {"start", "end", "start_offset", "end_offset", "begin", "startOffset", "token_start"})
        if (e.contains(k)) return true;
    return false;
}

bool require_array(const ojson& v, const JsonPath& path, json::Reporter& r) {
    if (v.is_array()) return true;
    r.error(path, "expected an array, got " + json::describe(v, r.raw(path)));
    return false;
}

bool read_triples(const ojson& list, const JsonPath& lp, json::Reporter& r, DocBuilder& b) {
    if (!require_array(list, lp, r)) return false;
    for (size_t j = 0; j < list.size(); ++j) {
        const ojson& e = list[j];
        const JsonPath q = lp / j;
        if (!e.is_array() || e.size() != 3) {
            const std::string got =
                e.is_array() ? "an array of " + std::to_string(e.size()) + " elements" : json::describe(e, r.raw(q));
            r.error(q, "expected [start, end, label], got " + got);
            b.fail();
            continue;
        }
        Candidate c;
        c.path = q;
        c.start_path = q / size_t{0};
        c.end_path = q / size_t{1};
        c.label_path = q / size_t{2};
        const auto s = json::as_uint(e[0], c.start_path, r);
        const auto en = json::as_uint(e[1], c.end_path, r);
        if (!e[2].is_string())
            r.error(c.label_path, "expected a label (a string), got " + json::describe(e[2], r.raw(c.label_path)));
        if (!s || !en || !e[2].is_string()) {
            b.fail();
            continue;
        }
        c.start = *s;
        c.end = *en;
        c.label = e[2].get<std::string>();
        b.add(std::move(c));
    }
    return true;
}

std::vector<JsonLine> split_lines(std::string_view input) {
    std::vector<JsonLine> out;
    size_t line = 1, at = 0;
    while (at <= input.size()) {
        const detail::LineEnd le = detail::line_end(input, at);  // \n, \r\n or a lone \r
        std::string_view l = input.substr(at, le.end - at);
        std::string_view content = line == 1 && l.substr(0, 3) == "\xEF\xBB\xBF" ? l.substr(3) : l;
        if (content.find_first_not_of(" \t\r") != std::string_view::npos) out.push_back({line, l});
        if (le.next == std::string_view::npos) break;
        at = le.next;
        ++line;
    }
    return out;
}

// ---- [SECTION] layout ----

namespace {

// Appends v's one-line form; gives up (returns false) once `out` is longer than `limit` bytes.
bool append_inline(std::string& out, const ojson& v, size_t limit = SIZE_MAX) {
    if (v.is_object()) {
        if (v.empty()) {
            out += "{}";
            return out.size() <= limit;
        }
        out += '{';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!first) out += ", ";
            first = false;
            out += json::dump(ojson(it.key()));
            out += ": ";
            if (out.size() > limit || !append_inline(out, it.value(), limit)) return false;
        }
        out += '}';
    } else if (v.is_array()) {
        if (v.empty()) {
            out += "[]";
            return out.size() <= limit;
        }
        out += '[';
        for (size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out += ", ";
            if (out.size() > limit || !append_inline(out, v[i], limit)) return false;
        }
        out += ']';
    } else {
        out += json::dump(v);
    }
    return out.size() <= limit;
}

size_t columns(std::string_view s) { return utf8::count_code_points(s); }  // dump() output is valid UTF-8

void put(std::string& out, const ojson& v, size_t indent, size_t used, size_t width) {
    // A list of several objects (entities, tasks) reads best one per line, even when short.
    size_t objects = 0;
    if (v.is_array())
        for (const ojson& x : v) objects += x.is_object();
    if (!v.is_structured() || v.empty()) {
        out += inline_json(v);
        return;
    }
    if (objects < 2) {
        // The one-line form only up to what could fit (a code point is at most 4 bytes): serialising
        // every value whole at every depth made pretty() cost the output size times the nesting depth.
        const size_t room = width > used ? width - used : 0;
        std::string one;
        if (append_inline(one, v, 4 * room) && used + columns(one) + 1 <= width) {
            out += one;
            return;
        }
    }
    const std::string pad(indent + 2, ' ');
    out += v.is_object() ? "{\n" : "[\n";
    size_t i = 0;
    for (auto it = v.begin(); it != v.end(); ++it, ++i) {
        out += pad;
        size_t u = indent + 2;
        if (v.is_object()) {
            const std::string k = json::dump(ojson(it.key())) + ": ";
            out += k;
            u += columns(k);
        }
        put(out, it.value(), indent + 2, u, width);
        out += i + 1 < v.size() ? ",\n" : "\n";
    }
    out += std::string(indent, ' ');
    out += v.is_object() ? '}' : ']';
}

}  // namespace

std::string inline_json(const ojson& v) {
    std::string out;
    append_inline(out, v);
    return out;
}

std::string pretty(const ojson& v, size_t width) {
    std::string out;
    put(out, v, 0, 0, width);
    return out + "\n";
}

// ---- [SECTION] writers ----

Diagnostic warning(std::string message) {
    Diagnostic d;
    d.severity = Diagnostic::Severity::Warning;
    d.message = std::move(message);
    return d;
}

Diagnostic error(std::string message) {
    Diagnostic d;
    d.message = std::move(message);
    return d;
}

void Losses::entity(const char* field, const Entity& e, size_t doc_index) {
    auto [it, fresh] = entity_.try_emplace(field);
    if (fresh) entity_order_.push_back(field);
    it->second.push_back(doc_index == 0 ? e.id : e.id + " of document " + std::to_string(doc_index + 1));
}

void Losses::document(const char* field) {
    if (document_.insert(field).second) document_order_.push_back(field);
}

void Losses::check(const Document& d, size_t doc_index, std::initializer_list<const char*> held) {
    auto holds = [&](std::string_view f) {
        for (const char* h : held)
            if (f == h) return true;
        return false;
    };
    for (Slot s : d.entities().ordered()) {
        const Entity& e = d.entities().get(s);
        if (!e.note.empty() && !holds("note")) entity("note", e, doc_index);
        if (!e.kb_id.empty() && !holds("kb_id")) entity("kb_id", e, doc_index);
        if (!e.attributes.empty() && !holds("attributes")) entity("attributes", e, doc_index);
        if ((!e.annotator.empty() || !e.created.empty()) && !holds("annotator"))
            entity("annotator and time", e, doc_index);
    }
    if (holds("relations"))
        for (const auto& [id, r] : d.relations().all()) {
            if (!r.note.empty() && !holds("relation note")) ++relation_["note"];
            if ((!r.annotator.empty() || !r.created.empty()) && !holds("relation annotator"))
                ++relation_["annotator and time"];
        }
    const DocumentInfo& i = d.info;
    if (!i.title.empty() && !holds("title")) document("title");
    if (!i.source.empty() && !holds("source")) document("source");
    if (!i.created.empty() && !holds("created")) document("created");
    if (!i.modified.empty() && !holds("modified")) document("modified");
    if (!i.note.empty() && !holds("document note")) document("note");
    if (!i.attributes.empty() && !holds("document attributes")) document("attributes");
}

void Losses::report(std::vector<Diagnostic>& out) const {
    for (const std::string& field : entity_order_) {
        const auto& names = entity_.at(field);
        std::string list;
        for (size_t i = 0; i < names.size() && i < 8; ++i) list += (i ? ", " : "") + names[i];
        if (names.size() > 8) list += ", ...";
        out.push_back(warning(format_ + " has no place for an entity's " + field + ": dropped from " +
                              std::to_string(names.size()) + (names.size() == 1 ? " entity (" : " entities (") + list +
                              ")"));
    }
    if (!document_order_.empty()) {
        std::string list;
        for (size_t i = 0; i < document_order_.size(); ++i)
            list += (i == 0 ? "" : i + 1 == document_order_.size() ? " and " : ", ") + document_order_[i];
        out.push_back(warning(format_ + " has no place for the document's " + list + ": dropped"));
    }
    for (const auto& [field, n] : relation_)
        out.push_back(warning(format_ + " has no place for a relation's " + field + ": dropped from " +
                              std::to_string(n) + (n == 1 ? " relation" : " relations")));
    for (const std::string& m : others_) out.push_back(warning(m));
}

namespace {
std::optional<Diagnostic> count_error(std::string_view format, const std::vector<const Document*>& docs, bool multi) {
    for (const Document* d : docs)
        if (!d) return error("no document to write");
    if (docs.empty()) return error("no document to write");
    if (!multi && docs.size() != 1)
        return error("the " + std::string(format) + " format holds exactly one document (got " +
                     std::to_string(docs.size()) + ")");
    return std::nullopt;
}
}  // namespace

std::optional<WriteResult> refuse_count(std::string_view format, const std::vector<const Document*>& docs, bool multi) {
    auto d = count_error(format, docs, multi);
    if (!d) return std::nullopt;
    WriteResult refused;
    refused.diagnostics.push_back(std::move(*d));
    return refused;
}

void add_line_diagnostics(std::vector<Diagnostic> diags, const JsonLine& l, std::string_view input,
                          std::vector<Diagnostic>& out) {
    for (Diagnostic& d : diags) {
        d.line = l.line;  // the column stands
        if (d.offset != Diagnostic::kNoOffset) d.offset += static_cast<size_t>(l.text.data() - input.data());
        out.push_back(std::move(d));
    }
}

void warn_overlaps(const Document& d, std::string_view what, std::vector<Diagnostic>& out) {
    const EntityStore& store = d.entities();
    std::vector<std::string> pairs;
    size_t count = 0;
    // The entities that may still overlap the next one, as a min-heap on their end: counting the
    // pairs costs O(n log n) even when thousands of spans nest (a list scanned per entity was n^2).
    struct Open {
        size_t end, seq;
        Slot slot;
    };
    const auto later_end = [](const Open& a, const Open& b) { return a.end > b.end; };
    std::vector<Open> open;
    size_t seq = 0;
    for (Slot s : store.ordered()) {
        const Entity& e = store.get(s);
        while (!open.empty() && open.front().end <= e.start) {
            std::pop_heap(open.begin(), open.end(), later_end);
            open.pop_back();
        }
        if (count < 5 && !open.empty()) {  // the first pairs are named, in the order the entities came
            std::vector<Open> first(open);
            std::sort(first.begin(), first.end(), [](const Open& a, const Open& b) { return a.seq < b.seq; });
            for (size_t i = 0; i < first.size() && count + i < 5; ++i)
                pairs.push_back(store.get(first[i].slot).id + " and " + e.id);
        }
        count += open.size();
        open.push_back({e.end, seq++, s});
        std::push_heap(open.begin(), open.end(), later_end);
    }
    if (count == 0) return;
    std::string list;
    for (size_t i = 0; i < pairs.size(); ++i) list += (i ? ", " : "") + pairs[i];
    if (count > pairs.size()) list += ", ...";
    out.push_back(warning(std::to_string(count) + (count == 1 ? " pair" : " pairs") + " of entities overlap (" + list +
                          "), which " + std::string(what) + ": written as they are"));
}

// ---- [SECTION] sniffing ----

bool has_key(std::string_view content, std::string_view key) {
    const std::string needle = "\"" + std::string(key) + "\"";
    for (size_t at = content.find(needle); at != std::string_view::npos; at = content.find(needle, at + 1)) {
        if (at > 0 && content[at - 1] == '\\') continue;
        const size_t j = content.find_first_not_of(" \t\r\n", at + needle.size());
        if (j != std::string_view::npos && content[j] == ':') return true;
    }
    return false;
}

char first_char(std::string_view content) {
    size_t i = content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    i = content.find_first_not_of(" \t\r\n", i);
    return i == std::string_view::npos ? '\0' : content[i];
}

}  // namespace aa::io::spans
