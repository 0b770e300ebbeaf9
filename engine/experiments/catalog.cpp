#include "engine/experiments/catalog.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace minima {

// Each experiment's adapter lives beside the experiment (engine/experiments/<name>.cpp)
// and is listed here once, in the order `minima run --help` shows them.
// The declarations below are defined in those files.
//   ExperimentInfo optimizeExperiment(); ...
ExperimentInfo depthExperiment(), pretrainingExperiment(), recipesExperiment();   // depth.cpp
ExperimentInfo optimizeExperiment();
ExperimentInfo basinsExperiment();
ExperimentInfo escapeExperiment();
ExperimentInfo convexityExperiment();
ExperimentInfo landscapeExperiment();
ExperimentInfo interpolateExperiment();
ExperimentInfo permutationsExperiment();
ExperimentInfo rescaleExperiment();

static std::vector<ExperimentInfo> makeCatalog()
{
    std::vector<ExperimentInfo> list;
    for (auto* e : {depthExperiment, pretrainingExperiment, recipesExperiment}) list.push_back(e());
    list.push_back(optimizeExperiment());
    list.push_back(basinsExperiment());
    list.push_back(escapeExperiment());
    list.push_back(convexityExperiment());
    list.push_back(landscapeExperiment());
    list.push_back(interpolateExperiment());
    list.push_back(permutationsExperiment());
    list.push_back(rescaleExperiment());
    return list;
}

const std::vector<ExperimentInfo>& experiments()
{
    static const std::vector<ExperimentInfo> catalog = makeCatalog();
    return catalog;
}

const ExperimentInfo* findExperiment(const std::string& name)
{
    for (const auto& e : experiments())
        if (e.name == name) return &e;
    return nullptr;
}

std::string experimentHelp(const ExperimentInfo& info)
{
    std::ostringstream out;
    out << "minima run " << info.name << " [--set key=value ...] [--seed N]\n" << info.summary << "\n\nKeys:\n";
    for (const auto& k : info.keys)
        out << "  " << k.name << " (default " << (k.defaultValue.empty() ? "none" : k.defaultValue) << "): " << k.help << "\n";
    return out.str();
}

std::string runExperiment(const ExperimentInfo& info, const std::map<std::string, std::string>& settings,
                          std::uint64_t seed, Progress& progress)
{
    std::map<std::string, std::string> full;
    for (const auto& k : info.keys) full[k.name] = k.defaultValue;
    for (const auto& [key, value] : settings) {
        if (!full.count(key)) throw ParameterError("unknown key '" + key + "' for experiment '" + info.name + "'");
        full[key] = value;
    }
    return info.run(full, seed, progress);
}

static const std::string& lookup(const std::map<std::string, std::string>& s, const std::string& key)
{
    const auto it = s.find(key);
    if (it == s.end()) throw ParameterError("missing key '" + key + "'");
    return it->second;
}

double parseDouble(const std::map<std::string, std::string>& s, const std::string& key)
{
    const std::string& text = lookup(s, key);
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v))
        throw ParameterError("bad value '" + text + "' for key '" + key + "': expected a finite number");
    return v;
}

long long parseInt(const std::map<std::string, std::string>& s, const std::string& key, long long min, long long max)
{
    const std::string& text = lookup(s, key);
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
        throw ParameterError("bad value '" + text + "' for key '" + key + "': expected an integer");
    if (v < min || v > max)
        throw ParameterError("value " + text + " for key '" + key + "' is out of range [" + std::to_string(min) + ", "
                             + std::to_string(max) + "]");
    return v;
}

static std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> parts;
    std::string cur;
    for (char c : text) {
        if (c == ',') { parts.push_back(cur); cur.clear(); }
        else if (c != ' ') cur += c;
    }
    parts.push_back(cur);
    return parts;
}

std::vector<double> parseDoubleList(const std::map<std::string, std::string>& s, const std::string& key)
{
    std::vector<double> out;
    for (const auto& part : splitList(lookup(s, key))) out.push_back(parseDouble({{key, part}}, key));
    return out;
}

std::vector<long long> parseIntList(const std::map<std::string, std::string>& s, const std::string& key,
                                    long long min, long long max)
{
    std::vector<long long> out;
    for (const auto& part : splitList(lookup(s, key))) out.push_back(parseInt({{key, part}}, key, min, max));
    return out;
}

std::string parseChoice(const std::map<std::string, std::string>& s, const std::string& key,
                        const std::vector<std::string>& allowed)
{
    const std::string& text = lookup(s, key);
    for (const auto& a : allowed)
        if (a == text) return text;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw ParameterError("bad value '" + text + "' for key '" + key + "': expected one of " + list);
}

} // namespace minima
