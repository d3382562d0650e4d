// The design document a team project's database carries (_design/annotator) and its _security
// object: who may write what is decided by the server, not by the page. The page itself is added
// as attachments of the same design document by `annotator publish` (src/cli/team.cpp).
#include "io/json_read.hpp"
#include "io/team.hpp"

namespace aa::io::team {

// CouchDB runs this (JavaScript, as a string in the design document) on every write, replication
// included. Roles (from the _users database): annotator, reviewer, reader; server and database
// admins pass. Messages name the document and the rule so that a refused write explains itself.
std::string validate_doc_update_source() {
    return R"JS(function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  function has(role) { return roles.indexOf(role) !== -1; }
  if (has('_admin')) return;
  var admins = (secObj && secObj.admins) || {};
  if ((admins.names || []).indexOf(userCtx.name) !== -1) return;
  for (var i = 0; i < (admins.roles || []).length; i++) if (has(admins.roles[i])) return;
  var id = newDoc._id;
  function refuse(why) { throw({forbidden: why}); }
  function kindOf(id) {
    if (id === 'project') return 'project';
    var m = /^(article|gold):([A-Za-z0-9._-]{1,128})$/.exec(id);
    if (m) return m[1];
    if (/^ann:[A-Za-z0-9._-]{1,128}:[^:]+$/.test(id)) return 'ann';
    return '';
  }
  var kind = kindOf(id);
  if (kind === '') refuse('unknown document ' + id + ' (expected project, article:<id>, ann:<article>:<user> or gold:<article>)');
  if (kind === 'ann') {
    var parts = id.split(':');
    if (!has('annotator')) refuse(id + ': only annotators write ann: documents');
    if (parts[2] !== userCtx.name) refuse(id + ': ' + userCtx.name + ' may write only ann:<article>:' + userCtx.name);
    if (!newDoc._deleted && (newDoc.user !== parts[2] || newDoc.article !== parts[1]))
      refuse(id + ': article and user must be those of the _id');
  } else if (!has('reviewer')) {
    refuse(id + ': only reviewers write ' + (kind === 'project' ? 'the project' : kind + ': documents'));
  }
  if (newDoc._deleted) return;
  if (newDoc.type !== kind) refuse(id + ': type must be "' + kind + '"');
  if ((kind === 'ann' || kind === 'gold') && !Array.isArray(newDoc.entities)) refuse(id + ': entities must be an array');
  if (kind === 'article' && typeof newDoc.text !== 'string') refuse(id + ': text must be a string');
  if (kind === 'project' && !Array.isArray(newDoc.labels)) refuse(id + ': labels must be an array');
})JS";
}

// The project's queue without its documents (the page reads it instead of replicating every
// article and everyone's ann:, docs/team.md "The queue"): one row per document keyed by its
// article, so that an article's rows are adjacent and one key reads one article's state. Values:
// an article's title and assignment, an ann:'s user and status, a gold:'s existence. Deleted
// documents are not mapped (CouchDB's rule), so a deletion removes its row.
std::string queue_view_map_source() {
    return R"JS(function (doc) {
  var p = doc._id.split(':');
  if (p[0] === 'article' && p.length === 2)
    emit(p[1], {title: typeof doc.title === 'string' ? doc.title : '', assigned: Array.isArray(doc.assigned) ? doc.assigned : []});
  else if (p[0] === 'ann' && p.length === 3)
    emit(p[1], {user: p[2], status: typeof doc.status === 'string' ? doc.status : 'todo'});
  else if (p[0] === 'gold' && p.length === 2)
    emit(p[1], {gold: true});
})JS";
}

std::string design_document_json() {
    json::ojson d = json::ojson::object();
    d["_id"] = "_design/annotator";
    d["language"] = "javascript";
    d["validate_doc_update"] = validate_doc_update_source();
    d["views"]["queue"]["map"] = queue_view_map_source();
    return json::dump(d);
}

// Members may read (CouchDB answers 401 to anyone else); the roles decide writes above.
std::string security_json() {
    return R"({"admins":{"names":[],"roles":[]},"members":{"names":[],"roles":["annotator","reviewer","reader"]}})";
}

}  // namespace aa::io::team
