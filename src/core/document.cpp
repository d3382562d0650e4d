// Document (document.hpp): the text with its labels, entities, relations and document labels, and
// the checked inserts, replaces and erases that apply_op (editor.cpp) makes through it.
#include "core/document.hpp"

#include "core/utf8.hpp"

namespace aa {

Status Document::check_span(size_t start, size_t end) const {
    if (end > text_.size())
        return make_error("end " + std::to_string(end) + " is past the end of the text (" +
                          std::to_string(text_.size()) + " code points)");
    if (start >= end)
        return make_error("empty span: end (" + std::to_string(end) + ") is not after start (" + std::to_string(start) +
                          ")");
    return {};
}

Result<Slot> Document::insert_entity(Entity e) {
    if (auto s = check_span(e.start, e.end); !s) return s.error();
    return entities_.insert(std::move(e));
}

bool Document::erase_entity(std::string_view id) { return entities_.erase(id); }

Status Document::insert_entities(std::vector<Entity> es) {
    for (const Entity& e : es)
        if (auto s = check_span(e.start, e.end); !s) return s;
    return entities_.insert_all(std::move(es));
}

Status Document::replace_entity(const Entity& e) {
    if (auto s = check_span(e.start, e.end); !s) return s;
    return entities_.replace(e);
}

Status Document::insert_relation(Relation r) {
    if (!entities_.find(r.from)) return make_error("relation \"" + r.id + "\": no entity with id \"" + r.from + "\"");
    if (!entities_.find(r.to)) return make_error("relation \"" + r.id + "\": no entity with id \"" + r.to + "\"");
    return relations_.insert(std::move(r));
}

Status Document::replace_relation(const Relation& r) {
    if (!entities_.find(r.from)) return make_error("relation \"" + r.id + "\": no entity with id \"" + r.from + "\"");
    if (!entities_.find(r.to)) return make_error("relation \"" + r.id + "\": no entity with id \"" + r.to + "\"");
    return relations_.replace(r);
}

Status Document::set_doc_labels(DocLabels d) {
    for (size_t i = 0; i < d.chosen.size(); ++i) {
        for (size_t j = 0; j < i; ++j)
            if (d.chosen[j] == d.chosen[i]) return make_error("document label \"" + d.chosen[i] + "\" chosen twice");
    }
    if (!d.multi && d.chosen.size() > 1)
        return make_error("single-choice document labels: " + std::to_string(d.chosen.size()) + " chosen");
    doc_labels_ = std::move(d);
    return {};
}

std::string Document::display_title(size_t max_chars) const {
    // The title when it has a visible character, else the text; of either, the first non-blank
    // line (a pasted title may carry line breaks too), trimmed, then cut to max_chars.
    constexpr std::string_view kBlank = " \t\r\n";
    std::string_view src = info.title;
    if (src.find_first_not_of(kBlank) == std::string_view::npos) src = text_.utf8();
    const size_t first = src.find_first_not_of(kBlank);
    if (first == std::string_view::npos) return {};
    src.remove_prefix(first);
    src = src.substr(0, src.find_first_of("\r\n"));
    std::string out;
    size_t i = 0, n = 0;
    while (i < src.size() && n < max_chars) {
        const size_t len = utf8::sequence_length(static_cast<unsigned char>(src[i]));
        out.append(src.substr(i, len));
        i += len;
        ++n;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();  // also after a cut
    return out;
}

}  // namespace aa
