#pragma once
// A layout that places its items left to right and wraps to a new row when the width runs
// out, so a lab's controls and a chart's key never need to elide at a narrow width or a
// large font (the row count grows instead).
#include <QLayout>
#include <QList>

namespace minima {

class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget* parent = nullptr, int hSpacing = -1, int vSpacing = -1);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

private:
    int arrange(const QRect& rect, bool apply) const;
    int spacing(Qt::Orientation o) const;

    QList<QLayoutItem*> items_;
    int hSpacing_;
    int vSpacing_;
};

} // namespace minima
