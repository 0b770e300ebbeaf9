#pragma once
// The keys the 2-D surface experiments (optimize, basins, convexity) share on the command
// line: the surface and optimizer, and the options of the bowl and the terrain.
#include <functional>
#include <string>

#include "engine/experiments/params.h"
#include "engine/optim/optimizer.h"
#include "engine/surfaces/surface.h"

namespace minima {

// An angle member in radians, given in degrees.
template <typename P, typename Field>
ParamList<P>& degreesKey(ParamList<P>& list, std::string name, Field field, std::string help)
{
    constexpr double pi = 3.14159265358979323846;
    return list.custom(
        std::move(name), std::move(help),
        [field, name](P& p, const std::string& text) { std::invoke(field, p) = parseDouble(text, name) * pi / 180.0; },
        [field](const P& p) { return formatNumber(std::invoke(field, p) * 180.0 / pi); });
}

// lambda1, lambda2 and angle of the bowl, on the member `options` of P (anything with the
// fields bowlLambda1, bowlLambda2 and bowlAngle); `lambdaNote` ends the eigenvalues' help.
template <typename P, typename Options>
ParamList<P>& bowlKeys(ParamList<P>& list, Options options, const std::string& lambdaNote, const std::string& angleHelp)
{
    list.real("lambda1", [options](auto& p) -> auto& { return std::invoke(options, p).bowlLambda1; },
              "bowl: first eigenvalue" + lambdaNote)
        .real("lambda2", [options](auto& p) -> auto& { return std::invoke(options, p).bowlLambda2; },
              "bowl: second eigenvalue" + lambdaNote);
    return degreesKey(list, "angle", [options](auto& p) -> auto& { return std::invoke(options, p).bowlAngle; }, angleHelp);
}

// surface, optimizer, lr and momentum of a run on a 2-D surface (P has the fields surface
// and optimizer); `optimizerSet` takes the optimizer's kind.
template <typename P, typename SetKind>
ParamList<P> surfaceRunKeys(SetKind optimizerSet)
{
    ParamList<P> list;
    list.choice("surface", &P::surface, surfaceKeys(), "bowl | himmelblau | camel | rosenbrock | beale | rastrigin | terrain")
        .custom("optimizer", "gd | momentum | nesterov | adagrad | rmsprop | adam",
                [optimizerSet](P& p, const std::string& text) {
                    optimizerSet(p.optimizer, optimizerFromKey(parseChoice(text, "optimizer", optimizerKeys())));
                },
                [](const P& p) { return optimizerKey(p.optimizer.kind); })
        .real("lr", [](auto& p) -> auto& { return p.optimizer.learningRate; }, "learning rate, > 0")
        .real("momentum", [](auto& p) -> auto& { return p.optimizer.momentum; },
              "momentum beta for momentum and nesterov, in [0, 1)");
    return list;
}

// terrain-wells, on the member surfaceOptions of P.
template <typename P>
ParamList<P>& terrainKeys(ParamList<P>& list)
{
    return list.integer("terrain-wells", [](auto& p) -> auto& { return p.surfaceOptions.terrainWells; }, 1, 64,
                        "terrain: number of Gaussian wells, 1..64 (drawn from --seed)");
}

} // namespace minima
