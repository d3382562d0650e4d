// libcurl behind cli/http.hpp: one easy handle reused for every request (keep-alive), JSON bodies,
// a connect timeout so that a dead server fails fast. Built without libcurl, every request says so.
#include "cli/http.hpp"

#if AA_HAVE_CURL
#include <curl/curl.h>
#endif

#include <algorithm>
#include <cstring>

#include "io/couch.hpp"

namespace aa::cli {

std::string HttpResponse::describe() const {
    if (!error.empty()) return error;
    std::string out = "HTTP " + std::to_string(status);
    const std::string e = io::couch::string_field(body, "error"), r = io::couch::string_field(body, "reason");
    if (!e.empty()) out += " " + e;
    if (!r.empty()) out += ": " + r;
    return out;
}

std::string redact(const std::string& url) {
    const size_t scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    const size_t at = url.find('@', scheme + 3);
    const size_t slash = url.find('/', scheme + 3);
    if (at == std::string::npos || (slash != std::string::npos && at > slash)) return url;
    return url.substr(0, scheme + 3) + url.substr(at + 1);
}

std::string Http::escape(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '.' || c == '_' || c == '~' || c == '/';
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

#if AA_HAVE_CURL

namespace {
size_t on_data(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}
struct Upload {
    std::string_view body;
    size_t at = 0;
};
size_t on_read(char* out, size_t size, size_t n, void* user) {
    auto* u = static_cast<Upload*>(user);
    const size_t k = std::min(size * n, u->body.size() - u->at);
    std::memcpy(out, u->body.data() + u->at, k);
    u->at += k;
    return k;
}
}  // namespace

bool Http::available() { return true; }

Http::Http(std::string user, std::string password) : user_(std::move(user)), password_(std::move(password)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl_ = curl_easy_init();
}

Http::~Http() {
    if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResponse Http::get(const std::string& url) { return send("GET", url, {}, {}); }

HttpResponse Http::send(const char* method, const std::string& url, std::string_view body,
                        const std::string& content_type) {
    HttpResponse r;
    CURL* c = static_cast<CURL*>(curl_);
    if (!c) {
        r.error = "cannot start libcurl";
        return r;
    }
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (!user_.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, user_.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, password_.c_str());
    }
    curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
    Upload up{body, 0};
    if (std::string_view(method) != "GET") {
        headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(c, CURLOPT_READDATA, &up);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
        headers = curl_slist_append(headers, "Expect:");
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        r.error = std::string(curl_easy_strerror(rc));
        return r;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    return r;
}

#else

bool Http::available() { return false; }
Http::Http(std::string user, std::string password) : user_(std::move(user)), password_(std::move(password)) {}
Http::~Http() = default;
HttpResponse Http::get(const std::string& url) { return send("GET", url, {}, {}); }
HttpResponse Http::send(const char*, const std::string&, std::string_view, const std::string&) {
    HttpResponse r;
    r.error = "this annotator was built without libcurl (install libcurl4-openssl-dev and rebuild)";
    return r;
}

#endif

}  // namespace aa::cli
