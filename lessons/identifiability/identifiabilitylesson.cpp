#include "lessons/identifiability/identifiabilitylesson.h"

#include <QCoreApplication>

#include "lessons/common/lessonpage.h"
#include "lessons/identifiability/bruteforcelab.h"
#include "lessons/identifiability/countlab.h"
#include "lessons/identifiability/manyminimalab.h"
#include "lessons/identifiability/rearrangelab.h"

namespace minima {

QString IdentifiabilityLesson::id() const { return QStringLiteral("identifiability"); }

QString IdentifiabilityLesson::title() const
{
    return tr("Model identifiability");
}

QString IdentifiabilityLesson::summary() const
{
    return tr("Rearranging a layer's neurons gives the same network: n!^l equivalent "
                                       "arrangements, and as many equivalent minima.");
}

QWidget* IdentifiabilityLesson::createPage(LessonContext& context, QWidget* parent) const
{
    auto* page = new LessonPage(context, id(), parent);
    page->addLab(tr("Rearrange the neurons"), QStringLiteral(":/lessons/identifiability/rearrange.md"),
                 new RearrangeLab(context));
    page->addLab(tr("Count"), QStringLiteral(":/lessons/identifiability/count.md"), new CountLab(context));
    page->addLab(tr("Check by brute force"), QStringLiteral(":/lessons/identifiability/bruteforce.md"),
                 new BruteForceLab(context));
    page->addLab(tr("Many minima"), QStringLiteral(":/lessons/identifiability/minima.md"), new ManyMinimaLab(context));
    page->addExercises();
    return page;
}

} // namespace minima
