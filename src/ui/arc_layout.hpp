// Where relation arcs go in the article, brat-style: pure geometry (no ImGui, no document), so that
// it is tested headless. Label tags are placed first (shifted right so that none overlaps the one
// before it); each relation then runs through the arc band above the tags of its lines: up from
// its source's tag, along a level of the band (shorter arcs lower), down onto its target's tag. An
// arc between entities on different lines goes round the text through the column's margin; an arc
// whose other end is off screen becomes a stub with a count, one per tag and direction.
#pragma once
#include <cstddef>
#include <vector>

namespace aa::ui::arcs {

struct Pt {
    float x = 0, y = 0;
};
struct RectF {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool meets(const RectF& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// A visible line of the article, screen coordinates.
struct Line {
    float band_top = 0;  // top of its arc band
    float tag_top = 0;   // top of its label tags: the band's bottom
};

// An entity starting on a visible line: its tag goes above its start, at `x` or right of the tag
// at its left on the same line (tags are placed by their `x`, in any order given: in right-to-left
// text the entities of a line come right to left).
struct TagRequest {
    size_t line = 0;
    float x = 0;
    float width = 0, height = 0;
};

// One end of a relation: the tag of a visible entity, or an entity above / below the view.
struct End {
    enum class Kind { Tag, Above, Below };
    Kind kind = Kind::Tag;
    size_t tag = 0;  // Kind::Tag: index into the tag requests
};

struct Request {
    End from, to;       // at least one of them a tag (else the relation is not drawn)
    float label_w = 0;  // its label's size (the relation type's name, padded)
};

struct Params {
    float left = 0, right = 0;  // the text column
    float step = 16;            // from one level of a band to the next (a label's height)
    int levels = 3;             // levels in a band (more arcs share the top one)
    float lane = 4;             // between the vertical runs of arcs in the margin
    float gutter = 24;          // room for them beside the column
    float stub_len = 10;        // a stub's run before its badge
    float digit_w = 8;          // a badge is a triangle and its count's digits
};

struct Arc {
    size_t request = 0;
    std::vector<Pt> points;  // from the source's tag to the target's (or to the stub's badge)
    RectF label;             // the type name's box, on the arc's first run along a band
    int level = 0;
    bool routed = false;  // ends on different lines: round the text through the margin
};

struct Stub {
    size_t tag = 0;
    int dir = -1;                  // -1: the other ends are above the view, +1: below
    std::vector<size_t> requests;  // the relations it stands for (its count)
    std::vector<Pt> points;        // from the tag up to the band and along to the badge
    RectF badge;
};

struct Layout {
    std::vector<RectF> tags;  // per tag request
    std::vector<Arc> arcs;    // relations with both ends on screen
    std::vector<Stub> stubs;
};

Layout layout(const std::vector<Line>& lines, const std::vector<TagRequest>& tags, const std::vector<Request>& requests,
              const Params& p);

// The digits of a stub's count, for its badge's width.
int digits(size_t n);

}  // namespace aa::ui::arcs
