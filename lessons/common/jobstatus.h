#pragma once
// A progress bar, a status line and a Stop button for a lab's background run.
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace minima {

class FigureJob;

class JobStatus : public QWidget {
    Q_OBJECT
public:
    explicit JobStatus(QWidget* parent = nullptr);
    // Follows the job: shows the bar while it runs, hides it after.
    void follow(FigureJob* job);
    // A sentence for the learner, e.g. "Diverged at step 12: the learning rate is above 2/λmax."
    void setMessage(const QString& text, bool warning = false);
    QString message() const;

private:
    QProgressBar* bar_;
    QPushButton* stop_;
    QLabel* message_;
};

} // namespace minima
