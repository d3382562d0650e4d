// HTTP for the team-project commands (publish, push, pull) through libcurl, natively only. libcurl
// is optional at build time: without it (or in the WebAssembly build) every request fails with a
// message saying how to get it, and the rest of the CLI works as before.
#pragma once
#include <string>
#include <string_view>

namespace aa::cli {

struct HttpResponse {
    long status = 0;    // HTTP status, 0 when no answer came
    std::string body;   // the answer's body
    std::string error;  // transport problem (connection refused, timeout, no libcurl), "" if answered
    bool ok() const { return error.empty() && status >= 200 && status < 300; }
    // For messages: the transport error, or "HTTP 403 forbidden: <reason>" from CouchDB's JSON.
    std::string describe() const;
};

class Http {
public:
    // `user` empty: no credentials (or those in the URL's user:password@, which libcurl uses).
    Http(std::string user, std::string password);
    ~Http();
    Http(const Http&) = delete;
    Http& operator=(const Http&) = delete;

    HttpResponse get(const std::string& url);
    // A request with a body; `content_type` "application/json" for documents.
    HttpResponse send(const char* method, const std::string& url, std::string_view body,
                      const std::string& content_type = "application/json");

    // Percent-encodes a document id or attachment name for a URL path ("ann:a1:bob" -> "ann%3Aa1%3Abob").
    static std::string escape(std::string_view s);
    static bool available();

private:
    std::string user_, password_;
    void* curl_ = nullptr;
};

// A URL without its user:password@ part, for messages.
std::string redact(const std::string& url);

}  // namespace aa::cli
