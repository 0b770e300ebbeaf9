#include "lessons/relu-rescaling/relurescalinglesson.h"

#include <QCoreApplication>

#include "lessons/common/lessonpage.h"
#include "lessons/relu-rescaling/homogeneitylab.h"
#include "lessons/relu-rescaling/rescalelab.h"
#include "lessons/relu-rescaling/sharpnesslab.h"
#include "lessons/relu-rescaling/valleylab.h"

namespace minima {

QString ReluRescalingLesson::id() const { return QStringLiteral("relu-rescaling"); }

QString ReluRescalingLesson::title() const { return tr("ReLU rescaling"); }

QString ReluRescalingLesson::summary() const
{
    return tr("Scale a ReLU neuron's incoming weights by k and its outgoing weights by 1/k: the same network for "
              "k > 0, a different one for k < 0, and a different sharpness either way.");
}

QWidget* ReluRescalingLesson::createPage(LessonContext& context, QWidget* parent) const
{
    auto* page = new LessonPage(context, id(), parent);
    page->addLab(tr("Rescale a neuron"), QStringLiteral(":/lessons/relu-rescaling/rescale.md"), new RescaleLab(context));
    page->addLab(tr("The proof, visualised"), QStringLiteral(":/lessons/relu-rescaling/proof.md"), new HomogeneityLab(context));
    page->addLab(tr("A valley of minima"), QStringLiteral(":/lessons/relu-rescaling/valley.md"), new ValleyLab(context));
    page->addLab(tr("Same function, different sharpness"), QStringLiteral(":/lessons/relu-rescaling/sharpness.md"),
                 new SharpnessLab(context));
    page->addExercises();
    return page;
}

} // namespace minima
