#pragma once
// Why deep networks were hard to train, and what changed: the experiments of the lesson
// "challenges" (Fundamentals of Deep Learning, ch. 4, opening).
//
// 1. Deeper is harder: sigmoid networks of increasing depth, naive small initialisation,
//    plain mini-batch SGD, the same budget. Backpropagation multiplies the error signal of
//    each layer by W^T and by sigmoid'(z) <= 1/4, so with small weights the gradient of the
//    early layers shrinks geometrically with depth (Glorot & Bengio 2010, fig. 7) and
//    those layers barely learn.
// 2. Greedy layer-wise pre-training (Bengio, Lamblin, Popovici & Larochelle 2007): each
//    hidden layer is first trained as an autoencoder of the layer below, then the whole
//    network is fine-tuned with the same SGD as the randomly initialised twin.
// 3. What changed: the same deep network with ReLU units and He initialisation (He et al.
//    2015), trained end to end with SGD, momentum or Adam (Kingma & Ba 2015).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "engine/nn/pretraining.h"

namespace minima {

// The data and the shape shared by the three experiments: a binary classifier
// 2 -> width -> ... -> width -> 1 (sigmoid output, binary cross-entropy).
struct DeepTask {
    std::string dataset = "moons";   // any of datasetNames() with 2-D inputs
    int samples = 200;
    double noise = 0.1;
    int width = 16;                  // units per hidden layer
    std::uint64_t seed = 1;          // data, initialisation and mini-batch order

    void validate() const;           // std::invalid_argument naming the value
    Dataset data() const;
};

// The widths {2, width x depth, 1} of a network with `depth` hidden layers.
std::vector<int> deepWidths(int inputs, int width, int depth);

// A sigmoid network of `depth` hidden layers with naive initialisation U(-scale, scale),
// sigmoid output. The lab's 0.5 is a little wider than the heuristic U(+-1/sqrt(n)) of LeCun
// et al. (1998), the "standard" initialisation of Glorot & Bengio (2010), +-0.25 for n = 16,
// and near their normalised range +-sqrt(6 / (n_in + n_out)) = +-0.43.
Network naiveSigmoidNetwork(int inputs, int width, int depth, double scale, std::uint64_t seed);

// ||dLoss/dW_l||_F for every weight layer of net at its current parameters, input side
// first (full-batch binary cross-entropy).
std::vector<double> initialGradientNorms(const Network& net, const Dataset& data);

// ---- 1. Deeper is harder -------------------------------------------------------------

struct DepthParams {
    DeepTask task;
    int minDepth = 1, maxDepth = 8;  // hidden layers
    double initScale = 0.5;          // naive U(-scale, scale)
    double learningRate = 0.5;       // plain SGD
    int batchSize = 20;
    int epochs = 150;
};

struct DepthRun {
    int depth = 0;
    std::vector<double> losses;             // before training, then after each epoch
    std::vector<double> gradientNorms;      // per weight layer at initialisation, input side first
    bool diverged = false;
    int divergedAtEpoch = -1;
};

struct DepthResult {
    std::vector<DepthRun> runs;             // one per depth, minDepth first
    bool stopped = false;
};

// Throws std::invalid_argument for out-of-range parameters.
DepthResult deeperIsHarder(const DepthParams& params, Progress& progress = Progress::none());

// ---- 2. Greedy layer-wise pre-training -----------------------------------------------

struct PretrainingParams {
    DeepTask task;
    int depth = 5;
    double initScale = 0.5;
    int pretrainEpochs = 150;        // per hidden layer, Adam on the reconstruction MSE
    double pretrainRate = 0.02;
    double learningRate = 0.5;       // fine-tuning, plain SGD, as for the random twin
    int batchSize = 20;
    int epochs = 150;
};

struct PretrainingResult {
    std::vector<double> randomLosses;       // same network from its naive initialisation
    std::vector<double> pretrainedLosses;   // after pre-training, fine-tuned
    PretrainingRecord pretraining;          // reconstruction loss per hidden layer
    std::vector<double> randomGradientNorms, pretrainedGradientNorms;   // at the start of SGD
    bool randomDiverged = false, pretrainedDiverged = false;
    int randomDivergedAtEpoch = -1, pretrainedDivergedAtEpoch = -1;
    bool stopped = false;
};

PretrainingResult compareWithPretraining(const PretrainingParams& params, Progress& progress = Progress::none());

// ---- 3. What changed -----------------------------------------------------------------

enum class DeepRecipe {
    SigmoidNaiveSgd,    // the 2006 set-up of experiment 1
    ReluHeSgd,          // ReLU units, He initialisation, plain SGD
    ReluHeMomentum,     // ... with heavy-ball momentum 0.9
    ReluHeAdam,         // ... with Adam
};
std::string_view recipeName(DeepRecipe r);   // a label for a legend
std::string_view recipeKey(DeepRecipe r);    // sigmoid-sgd, relu-sgd, relu-momentum, relu-adam
const std::vector<DeepRecipe>& allRecipes();

struct RecipeParams {
    DeepTask task;
    int depth = 5;
    double initScale = 0.5;          // naive scale of the sigmoid recipe
    double sgdRate = 0.5;            // sigmoid SGD
    double reluSgdRate = 0.05;       // ReLU SGD and momentum
    double momentum = 0.9;
    double adamRate = 0.005;
    int batchSize = 20;
    int epochs = 150;
    std::vector<DeepRecipe> recipes = allRecipes();
};

struct RecipeRun {
    DeepRecipe recipe = DeepRecipe::SigmoidNaiveSgd;
    std::vector<double> losses;
    std::vector<double> gradientNorms;   // at initialisation
    bool diverged = false;
    int divergedAtEpoch = -1;
};

struct RecipeResult {
    std::vector<RecipeRun> runs;   // in the order of params.recipes
    bool stopped = false;
};

RecipeResult compareRecipes(const RecipeParams& params, Progress& progress = Progress::none());

ExperimentInfo depthExperiment();         // "depth"
ExperimentInfo pretrainingExperiment();   // "pretraining"
ExperimentInfo recipesExperiment();       // "recipes"

} // namespace minima
