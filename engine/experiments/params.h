#pragma once
// One declaration of an experiment's command-line keys, from which come its `--set key=value`
// parsing, its `minima run <name> --help` lines and the JSON echo of its parameters.
//
// A ParamList<P> lists, for each key of a Params struct P, its name, the member it sets (a
// pointer to member, or a lambda `[](auto& p) -> auto& { return p.a.b; }` for a nested one),
// its range where it has one, and one line of help that names the unit and allowed values.
// Defaults are never written as text: the help shows the member's value in a default
// constructed P.
//
//     ParamList<EscapeParams>()
//         .integer("runs", &EscapeParams::runs, 1, 100000, "SGD runs per batch size and start, 1..100000")
//         .real("lr", &EscapeParams::learningRate, "learning rate, > 0");
//
// Keys are parsed in the order they are declared, so a setter may rely on the ones before it.
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/common/json.h"
#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"

namespace minima {

// Text parsers: each throws ParameterError naming the key.
double parseDouble(const std::string& text, const std::string& key);
long long parseInt(const std::string& text, const std::string& key, long long min, long long max);
std::vector<double> parseDoubleList(const std::string& text, const std::string& key);
std::vector<long long> parseIntList(const std::string& text, const std::string& key, long long min, long long max);
const std::string& parseChoice(const std::string& text, const std::string& key, const std::vector<std::string>& allowed);

// The shortest text that reads back as v: 0.05 -> "0.05", 1.0 -> "1".
std::string formatNumber(double v);
// Comma-separated, no spaces: {1, 2, 4} -> "1,2,4".
template <typename Range>
std::string formatList(const Range& values)
{
    std::string text;
    for (const auto& v : values) {
        if (!text.empty()) text += ',';
        text += formatNumber(double(v));
    }
    return text;
}

// Runs f, turning the std::invalid_argument of a run function into a ParameterError.
template <class F>
auto asParameterError(F f) -> decltype(f())
{
    try {
        return f();
    } catch (const ParameterError&) {
        throw;
    } catch (const std::invalid_argument& e) {
        throw ParameterError(e.what());
    }
}

template <typename P>
struct Param {
    std::string name;
    std::string help;
    std::function<void(P&, const std::string& text)> set;   // throws ParameterError
    std::function<std::string(const P&)> show;               // the value as --set would take it
    std::function<void(JsonWriter&, const P&)> json;         // the value as JSON
};

template <typename P>
class ParamList {
public:
    using Setter = std::function<void(P&, const std::string& text)>;
    using Shower = std::function<std::string(const P&)>;

    // Any key: how its text sets P, and how P shows it (the JSON echo is that text).
    ParamList& custom(std::string name, std::string help, Setter set, Shower show)
    {
        auto json = [show](JsonWriter& j, const P& p) { j.value(show(p)); };
        params_.push_back({std::move(name), std::move(help), std::move(set), std::move(show), std::move(json)});
        return *this;
    }

    // Rewrites the help of a key already listed (an experiment that narrows a shared key's
    // range says so in its own help). Throws std::logic_error for a key not listed.
    ParamList& describe(const std::string& name, std::string help)
    {
        for (auto& p : params_)
            if (p.name == name) {
                p.help = std::move(help);
                return *this;
            }
        throw std::logic_error("no key " + name + " to describe");
    }

    // A floating-point member; its range is checked by the experiment's run function.
    template <typename Field>
    ParamList& real(std::string name, Field field, std::string help)
    {
        return add(std::move(name), std::move(help),
                   [field](P& p, const std::string& text, const std::string& key) { member(field, p) = parseDouble(text, key); },
                   [field](const P& p) { return formatNumber(double(member(field, p))); },
                   [field](JsonWriter& j, const P& p) { j.value(double(member(field, p))); });
    }

    // An integer member in [min, max].
    template <typename Field>
    ParamList& integer(std::string name, Field field, long long min, long long max, std::string help)
    {
        using T = Member<Field>;
        return add(std::move(name), std::move(help),
                   [field, min, max](P& p, const std::string& text, const std::string& key) {
                       member(field, p) = T(parseInt(text, key, min, max));
                   },
                   [field](const P& p) { return std::to_string(member(field, p)); },
                   [field](JsonWriter& j, const P& p) { j.value(member(field, p)); });
    }

    // A std::vector of integers, each in [min, max], written "a,b,c".
    template <typename Field>
    ParamList& integers(std::string name, Field field, long long min, long long max, std::string help)
    {
        using T = typename Member<Field>::value_type;
        return add(std::move(name), std::move(help),
                   [field, min, max](P& p, const std::string& text, const std::string& key) {
                       auto& list = member(field, p);
                       list.clear();
                       for (long long v : parseIntList(text, key, min, max)) list.push_back(T(v));
                   },
                   [field](const P& p) { return formatList(member(field, p)); },
                   [field](JsonWriter& j, const P& p) { j.numbers(member(field, p)); });
    }

    // A std::string member that is one of `allowed`.
    template <typename Field>
    ParamList& choice(std::string name, Field field, std::vector<std::string> allowed, std::string help)
    {
        return add(std::move(name), std::move(help),
                   [field, allowed](P& p, const std::string& text, const std::string& key) {
                       member(field, p) = parseChoice(text, key, allowed);
                   },
                   [field](const P& p) { return std::string(member(field, p)); },
                   [field](JsonWriter& j, const P& p) { j.value(member(field, p)); });
    }

    // A member of any type (an enum, a bool) named by one of `allowed`: fromKey maps a name
    // to the value, toKey the value back to its name.
    template <typename Field, typename FromKey, typename ToKey>
    ParamList& named(std::string name, Field field, std::vector<std::string> allowed, FromKey fromKey, ToKey toKey,
                     std::string help)
    {
        return add(std::move(name), std::move(help),
                   [field, allowed, fromKey](P& p, const std::string& text, const std::string& key) {
                       member(field, p) = fromKey(parseChoice(text, key, allowed));
                   },
                   [field, toKey](const P& p) { return std::string(toKey(member(field, p))); },
                   [field, toKey](JsonWriter& j, const P& p) { j.value(std::string(toKey(member(field, p)))); });
    }

    // A bool member written as one of two words.
    template <typename Field>
    ParamList& flag(std::string name, Field field, std::string yes, std::string no, std::string help)
    {
        return named(
            std::move(name), field, {yes, no}, [yes](const std::string& text) { return text == yes; },
            [yes, no](bool v) { return v ? yes : no; }, std::move(help));
    }

    // All keys of another declaration, on the member `part` of P (a lambda returning it).
    template <typename Q, typename Part>
    ParamList& include(const ParamList<Q>& other, Part part)
    {
        for (const Param<Q>& q : other.params())
            params_.push_back({q.name, q.help, [set = q.set, part](P& p, const std::string& text) { set(member(part, p), text); },
                               [show = q.show, part](const P& p) { return show(member(part, p)); },
                               [json = q.json, part](JsonWriter& j, const P& p) { json(j, member(part, p)); }});
        return *this;
    }

    const std::vector<Param<P>>& params() const { return params_; }

    // The catalog's key list: each default is the value in a default-constructed P.
    std::vector<ExperimentKey> keys() const
    {
        const P defaults = P();
        std::vector<ExperimentKey> list;
        for (const auto& param : params_) list.push_back({param.name, param.show(defaults), param.help});
        return list;
    }

    // A P with every key of `settings` set, in the order the keys are declared.
    P parse(const std::map<std::string, std::string>& settings) const
    {
        P p{};
        for (const auto& param : params_) {
            const auto it = settings.find(param.name);
            if (it != settings.end()) param.set(p, it->second);
        }
        return p;
    }

    // "name": value for the named keys, in that order.
    void echo(JsonWriter& j, const P& p, const std::vector<std::string>& names) const
    {
        for (const auto& name : names)
            for (const auto& param : params_)
                if (param.name == name) param.json(j.key(name), p);
    }

private:
    template <typename Field>
    static decltype(auto) member(Field field, P& p) { return std::invoke(field, p); }
    template <typename Field>
    static decltype(auto) member(Field field, const P& p) { return std::invoke(field, p); }
    template <typename Field>
    using Member = std::remove_cvref_t<std::invoke_result_t<Field, P&>>;

    template <typename Set, typename Show, typename Json>
    ParamList& add(std::string name, std::string help, Set set, Show show, Json json)
    {
        Setter setter = [set, name](P& p, const std::string& text) { set(p, text, name); };
        params_.push_back({std::move(name), std::move(help), std::move(setter), std::move(show), std::move(json)});
        return *this;
    }

    std::vector<Param<P>> params_;
};

// An ExperimentInfo from a declaration: its keys and defaults come from `params`; a run
// parses the settings into a P and writes {"experiment": name, the `echoed` keys with their
// values, then what write(j, p, seed, progress) adds: it runs the experiment and writes its
// result}.
template <typename P, typename Write>
ExperimentInfo declareExperiment(std::string name, std::string summary, ParamList<P> params,
                                 std::vector<std::string> echoed, Write write)
{
    ExperimentInfo info;
    info.name = std::move(name);
    info.summary = std::move(summary);
    info.keys = params.keys();
    info.run = [name = info.name, params = std::move(params), echoed = std::move(echoed),
                write](const std::map<std::string, std::string>& s, std::uint64_t seed, Progress& progress) {
        P p = params.parse(s);
        JsonWriter j;
        j.beginObject();
        j.key("experiment").value(name);
        params.echo(j, p, echoed);
        write(j, p, seed, progress);
        j.endObject();
        return j.str();
    };
    return info;
}

template <typename P, typename Write>
ExperimentInfo declareExperiment(std::string name, std::string summary, ParamList<P> params, Write write)
{
    return declareExperiment(std::move(name), std::move(summary), std::move(params), {}, std::move(write));
}

} // namespace minima
