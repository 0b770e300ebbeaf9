#pragma once
// A small JSON writer for experiment results (the engine has no JSON library; the Qt
// side reads JSON with QJsonDocument). Numbers are written with 17 significant digits so
// they read back exactly; non-finite numbers are written as null, never as NaN.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace minima {

class JsonWriter {
public:
    JsonWriter& beginObject() { separate(); out_ += '{'; first_.push_back(true); return *this; }
    JsonWriter& endObject() { out_ += '}'; first_.pop_back(); return *this; }
    JsonWriter& beginArray() { separate(); out_ += '['; first_.push_back(true); return *this; }
    JsonWriter& endArray() { out_ += ']'; first_.pop_back(); return *this; }

    // Inside an object: the key of the next value.
    JsonWriter& key(std::string_view k)
    {
        separate();
        writeString(k);
        out_ += ':';
        afterKey_ = true;
        return *this;
    }

    JsonWriter& value(double v)
    {
        separate();
        if (!std::isfinite(v)) { out_ += "null"; return *this; }
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        out_ += buf;
        return *this;
    }
    JsonWriter& value(int v) { return value(static_cast<long long>(v)); }
    JsonWriter& value(long v) { return value(static_cast<long long>(v)); }
    JsonWriter& value(unsigned v) { return value(static_cast<unsigned long long>(v)); }
    JsonWriter& value(unsigned long v) { return value(static_cast<unsigned long long>(v)); }
    JsonWriter& value(long long v) { separate(); out_ += std::to_string(v); return *this; }
    JsonWriter& value(unsigned long long v) { separate(); out_ += std::to_string(v); return *this; }
    JsonWriter& value(bool v) { separate(); out_ += v ? "true" : "false"; return *this; }
    JsonWriter& value(std::string_view s) { separate(); writeString(s); return *this; }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& null() { separate(); out_ += "null"; return *this; }

    template <typename Range>
    JsonWriter& numbers(const Range& r)
    {
        beginArray();
        for (const auto& x : r) value(static_cast<double>(x));
        return endArray();
    }

    const std::string& str() const { return out_; }

private:
    void separate()
    {
        if (afterKey_) { afterKey_ = false; return; }
        if (!first_.empty()) {
            if (!first_.back()) out_ += ',';
            first_.back() = false;
        }
    }
    void writeString(std::string_view s)
    {
        out_ += '"';
        for (const unsigned char c : s) {
            switch (c) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\n': out_ += "\\n"; break;
            case '\r': out_ += "\\r"; break;
            case '\t': out_ += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out_ += buf;
                } else {
                    out_ += char(c);
                }
            }
        }
        out_ += '"';
    }

    std::string out_;
    std::vector<bool> first_;
    bool afterKey_ = false;
};

} // namespace minima
