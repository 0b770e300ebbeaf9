#pragma once
// A lesson for the app's own tests (never shipped): two labs, one of which computes its
// figure in the background, so navigation and `render` can be tested before and
// independently of the real lessons.
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <vector>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/lesson.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"

namespace minima {

class TestLesson : public Lesson {
public:
    explicit TestLesson(QString id = QStringLiteral("test-lesson"), QString title = QStringLiteral("A test lesson"))
        : id_(std::move(id)), title_(std::move(title)) {}
    QString id() const override { return id_; }
    QString title() const override { return title_; }
    QString summary() const override { return QStringLiteral("A lesson the tests use."); }
    QWidget* createPage(LessonContext& context, QWidget* parent) const override
    {
        auto* page = new LessonPage(context, id_, parent);

        // Lab 1: a parabola computed in the background.
        auto* figure = new QWidget;
        auto* layout = new QVBoxLayout(figure);
        auto* chart = new FigureChart(figure);
        chart->setObjectName(QStringLiteral("testChart"));
        auto* series = new QLineSeries;
        series->setName(QStringLiteral("x squared"));
        chart->chart()->addSeries(series);
        chart->chart()->setTitle(QStringLiteral("A parabola"));
        chart->chart()->createDefaultAxes();
        layout->addWidget(chart);
        auto* job = new FigureJob(context, figure);
        job->start<std::vector<QPointF>>(
            [](Progress&) {
                std::vector<QPointF> pts;
                for (int i = -20; i <= 20; ++i) pts.emplace_back(i / 10.0, (i / 10.0) * (i / 10.0));
                return pts;
            },
            [series, chart](const std::vector<QPointF>& pts) {
                series->replace(QList<QPointF>(pts.begin(), pts.end()));
                chart->chart()->axes(Qt::Horizontal).first()->setRange(-2, 2);
                chart->chart()->axes(Qt::Vertical).first()->setRange(0, 4);
                chart->restyle();
            });
        page->addLab(QStringLiteral("Parabola"), QStringLiteral(":/lessons/test-lesson/parabola.md"), figure);

        // Lab 2: a label.
        auto* second = new QLabel(QStringLiteral("Second lab"));
        second->setObjectName(QStringLiteral("secondLab"));
        page->addLab(QStringLiteral("Second"), QStringLiteral(":/lessons/test-lesson/missing.md"), second);
        return page;
    }

private:
    QString id_, title_;
};

inline LessonList testLessons()
{
    return {std::make_shared<TestLesson>(), std::make_shared<TestLesson>(QStringLiteral("other-lesson"), QStringLiteral("Another test lesson"))};
}

} // namespace minima
