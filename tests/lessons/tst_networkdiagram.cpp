#include <QtTest>

#include <QImage>
#include <QSignalSpy>

#include <memory>

#include "engine/nn/network.h"
#include "engine/symmetry/symmetry.h"
#include "lessons/common/networkdiagram.h"

using namespace minima;

// A 2-3-1 tanh network whose parameters are 1, 2, 3, ... in layout order, so every weight
// is distinct and tells where it came from.
static Network numberedNetwork()
{
    Network net({2, 3, 1}, {Activation::Tanh});
    for (Eigen::Index i = 0; i < net.parameterCount(); ++i) net.parameters()(i) = 0.1 * double(i + 1) * (i % 2 ? -1 : 1);
    return net;
}

class TestNetworkDiagram : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<NetworkDiagram> diagram;
    Network net;

private slots:
    void init()
    {
        net = numberedNetwork();
        diagram = std::make_unique<NetworkDiagram>();
        diagram->resize(480, 360);
        diagram->setNetwork(net, net.parameters());
        diagram->show();
        QVERIFY(QTest::qWaitForWindowExposed(diagram.get()));
    }
    void cleanup() { diagram.reset(); }

    void movedOrder_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<std::vector<int>>("expected");
        QTest::newRow("first to last") << 4 << 0 << 3 << std::vector<int>{1, 2, 3, 0};
        QTest::newRow("last to first") << 4 << 3 << 0 << std::vector<int>{3, 0, 1, 2};
        QTest::newRow("one down") << 4 << 1 << 2 << std::vector<int>{0, 2, 1, 3};
        QTest::newRow("stays") << 3 << 1 << 1 << std::vector<int>{0, 1, 2};
        QTest::newRow("single neuron") << 1 << 0 << 0 << std::vector<int>{0};
    }
    void movedOrder()
    {
        QFETCH(int, n);
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(std::vector<int>, expected);
        QCOMPARE(minima::movedOrder(n, from, to), expected);
    }

    void movedOrderRefusesBadPlaces()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, minima::movedOrder(3, 3, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, minima::movedOrder(3, 0, -1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, minima::movedOrder(0, 0, 0));
    }

    void refusesParametersOfAnotherLayout()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, diagram->setNetwork(net, Eigen::VectorXd::Zero(3)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, diagram->setParameters(Eigen::VectorXd::Zero(3)));
    }

    void everyNeuronIsFoundWhereItIsDrawn()
    {
        for (int l = 0; l < 3; ++l)
            for (int i = 0; i < net.widths()[std::size_t(l)]; ++i) {
                int gotL = -2, gotI = -2;
                QVERIFY(diagram->neuronAt(diagram->neuronCentre(l, i), &gotL, &gotI));
                QCOMPARE(gotL, l);
                QCOMPARE(gotI, i);
                QVERIFY(diagram->rect().contains(diagram->neuronCentre(l, i).toPoint()));
            }
        int l = 0, i = 0;
        QVERIFY(!diagram->neuronAt(QPointF(1, 1), &l, &i));
        QCOMPARE(l, -1);
        QVERIFY(diagram->neuronRadius() >= 4);
    }

    void defaultLabels()
    {
        QCOMPARE(diagram->neuronLabel(0, 1), QStringLiteral("x2"));
        QCOMPARE(diagram->neuronLabel(1, 2), QStringLiteral("h3"));
        QCOMPARE(diagram->neuronLabel(2, 0), QStringLiteral("y1"));
        diagram->setNeuronLabels(1, {QStringLiteral("c"), QStringLiteral("a")});
        QCOMPARE(diagram->neuronLabel(1, 0), QStringLiteral("c"));
        QCOMPARE(diagram->neuronLabel(1, 2), QString());   // padded
        QCOMPARE(diagram->neuronLabel(5, 0), QString());
    }

    void clickSelects()
    {
        QSignalSpy selected(diagram.get(), &NetworkDiagram::neuronSelected);
        QSignalSpy moved(diagram.get(), &NetworkDiagram::neuronMoved);
        QTest::mouseClick(diagram.get(), Qt::LeftButton, {}, diagram->neuronCentre(1, 2).toPoint());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toInt(), 1);
        QCOMPARE(selected.at(0).at(1).toInt(), 2);
        QCOMPARE(diagram->selectedLayer(), 1);
        QCOMPARE(diagram->selectedIndex(), 2);
        QCOMPARE(moved.count(), 0);   // a click is not a move
        QVERIFY(diagram->accessibleDescription().contains(QStringLiteral("h3")));
        QVERIFY(diagram->accessibleDescription().contains(QStringLiteral("place 3 of 3")));
        // A click on empty space keeps the selection.
        QTest::mouseClick(diagram.get(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(diagram->selectedIndex(), 2);
    }

    // Dragging the first hidden neuron onto the third place: the diagram asks for the move,
    // and the owner's permutation (movedOrder + permuteHiddenLayer) carries the neuron's
    // weights with it and leaves the function unchanged.
    void dragMovesAHiddenNeuron()
    {
        QSignalSpy moved(diagram.get(), &NetworkDiagram::neuronMoved);
        const QPoint from = diagram->neuronCentre(1, 0).toPoint();
        const QPoint to = diagram->neuronCentre(1, 2).toPoint();
        QTest::mousePress(diagram.get(), Qt::LeftButton, {}, from);
        QTest::mouseMove(diagram.get(), (from + to) / 2);
        QTest::mouseMove(diagram.get(), to);
        QTest::mouseRelease(diagram.get(), Qt::LeftButton, {}, to);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.at(0).at(0).toInt(), 0);
        QCOMPARE(moved.at(0).at(1).toInt(), 0);
        QCOMPARE(moved.at(0).at(2).toInt(), 2);
        QCOMPARE(diagram->selectedLayer(), 1);
        QCOMPARE(diagram->selectedIndex(), 2);   // the selection follows the neuron

        Eigen::VectorXd p = net.parameters();
        permuteHiddenLayer(net, p, 0, minima::movedOrder(3, 0, 2));
        // Old neuron 0 is now at place 2: its incoming row, bias and outgoing weight.
        const auto W0 = net.weightsIn(net.parameters().data(), 0);
        const auto W0p = net.weightsIn(p.data(), 0);
        QCOMPARE(W0p(2, 0), W0(0, 0));
        QCOMPARE(W0p(2, 1), W0(0, 1));
        QCOMPARE(W0p(0, 0), W0(1, 0));
        QCOMPARE(net.biasIn(p.data(), 0)(2), net.biasIn(net.parameters().data(), 0)(0));
        QCOMPARE(net.weightsIn(p.data(), 1)(0, 2), net.weightsIn(net.parameters().data(), 1)(0, 0));
        diagram->setParameters(p);
        QCOMPARE(diagram->parameters(), p);
        Eigen::MatrixXd X(2, 3);
        X << 0.3, -1.0, 2.0, 0.5, 0.25, -0.75;
        Workspace ws;
        const Eigen::MatrixXd before = forward(net, net.parameters(), X, ws);
        const Eigen::MatrixXd after = forward(net, p, X, ws);
        QVERIFY((after - before).cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY(p != net.parameters());
    }

    void dragUpToTheTop()
    {
        QSignalSpy moved(diagram.get(), &NetworkDiagram::neuronMoved);
        const QPoint from = diagram->neuronCentre(1, 2).toPoint();
        QTest::mousePress(diagram.get(), Qt::LeftButton, {}, from);
        QTest::mouseMove(diagram.get(), QPoint(from.x(), 0));   // beyond the layer: clamped to place 0
        QTest::mouseRelease(diagram.get(), Qt::LeftButton, {}, QPoint(from.x(), 0));
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.at(0).at(1).toInt(), 2);
        QCOMPARE(moved.at(0).at(2).toInt(), 0);
    }

    void shortOrInputDragsMoveNothing()
    {
        QSignalSpy moved(diagram.get(), &NetworkDiagram::neuronMoved);
        // A jitter shorter than the drag distance.
        const QPoint h = diagram->neuronCentre(1, 1).toPoint();
        QTest::mousePress(diagram.get(), Qt::LeftButton, {}, h);
        QTest::mouseMove(diagram.get(), h + QPoint(0, 1));
        QTest::mouseRelease(diagram.get(), Qt::LeftButton, {}, h + QPoint(0, 1));
        // Dropped back on its own place.
        QTest::mousePress(diagram.get(), Qt::LeftButton, {}, h);
        QTest::mouseMove(diagram.get(), h + QPoint(0, 20));
        QTest::mouseRelease(diagram.get(), Qt::LeftButton, {}, h + QPoint(0, 6));
        // Input neurons are not interchangeable.
        const QPoint x0 = diagram->neuronCentre(0, 0).toPoint(), x1 = diagram->neuronCentre(0, 1).toPoint();
        QTest::mousePress(diagram.get(), Qt::LeftButton, {}, x0);
        QTest::mouseMove(diagram.get(), x1);
        QTest::mouseRelease(diagram.get(), Qt::LeftButton, {}, x1);
        QCOMPARE(moved.count(), 0);
        // Nor anything when rearranging is off.
        diagram->setRearrangeable(false);
        const QPoint h0 = diagram->neuronCentre(1, 0).toPoint(), h2 = diagram->neuronCentre(1, 2).toPoint();
        QTest::mousePress(diagram.get(), Qt::LeftButton, {}, h0);
        QTest::mouseMove(diagram.get(), h2);
        QTest::mouseRelease(diagram.get(), Qt::LeftButton, {}, h2);
        QCOMPARE(moved.count(), 0);
    }

    void escapeCancelsADrag()
    {
        QSignalSpy moved(diagram.get(), &NetworkDiagram::neuronMoved);
        const QPoint h0 = diagram->neuronCentre(1, 0).toPoint(), h2 = diagram->neuronCentre(1, 2).toPoint();
        QTest::mousePress(diagram.get(), Qt::LeftButton, {}, h0);
        QTest::mouseMove(diagram.get(), h2);
        QTest::keyClick(diagram.get(), Qt::Key_Escape);
        QTest::mouseRelease(diagram.get(), Qt::LeftButton, {}, h2);
        QCOMPARE(moved.count(), 0);
    }

    void keyboardPicksAndMoves()
    {
        QSignalSpy selected(diagram.get(), &NetworkDiagram::neuronSelected);
        QSignalSpy moved(diagram.get(), &NetworkDiagram::neuronMoved);
        diagram->setFocus();
        QTest::keyClick(diagram.get(), Qt::Key_Down);   // first key: the first hidden neuron
        QCOMPARE(diagram->selectedLayer(), 1);
        QCOMPARE(diagram->selectedIndex(), 0);
        QTest::keyClick(diagram.get(), Qt::Key_Down);
        QCOMPARE(diagram->selectedIndex(), 1);
        QCOMPARE(selected.count(), 2);
        QTest::keyClick(diagram.get(), Qt::Key_Down, Qt::ShiftModifier);   // one place down
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.at(0), (QList<QVariant>{0, 1, 2}));
        QCOMPARE(diagram->selectedIndex(), 2);
        QTest::keyClick(diagram.get(), Qt::Key_Down, Qt::ShiftModifier);   // already last: nothing
        QCOMPARE(moved.count(), 1);
        QTest::keyClick(diagram.get(), Qt::Key_Up, Qt::ControlModifier);   // to the top
        QCOMPARE(moved.count(), 2);
        QCOMPARE(moved.at(1), (QList<QVariant>{0, 2, 0}));
        QCOMPARE(diagram->selectedIndex(), 0);
        // Left to the input layer, where nothing moves.
        QTest::keyClick(diagram.get(), Qt::Key_Left);
        QCOMPARE(diagram->selectedLayer(), 0);
        QTest::keyClick(diagram.get(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(moved.count(), 2);
        // Right twice: the output layer's only neuron (place clamped).
        QTest::keyClick(diagram.get(), Qt::Key_Down);
        QTest::keyClick(diagram.get(), Qt::Key_Right);
        QTest::keyClick(diagram.get(), Qt::Key_Right);
        QCOMPARE(diagram->selectedLayer(), 2);
        QCOMPARE(diagram->selectedIndex(), 0);
        QTest::keyClick(diagram.get(), Qt::Key_Right);   // stays on the last layer
        QCOMPARE(diagram->selectedLayer(), 2);
        QVERIFY(diagram->accessibleDescription().contains(QStringLiteral("output")));
        QVERIFY(!diagram->toolTip().isEmpty());
        QVERIFY(diagram->toolTip().contains(QStringLiteral("Shift+Up/Down")));
    }

    // Edge colours: a positive weight is drawn blue (0072B2), a negative one vermillion
    // (D55E00). Sample the middle of each edge of a 1-1-1 net.
    void edgesAreColouredBySign()
    {
        Network tiny({1, 1, 1}, {Activation::ReLU});
        Eigen::VectorXd p(4);
        p << 2.0, 0.0, -2.0, 0.0;   // W0 = 2, b0 = 0, W1 = -2, b1 = 0
        diagram->setNetwork(tiny, p);
        const QImage image = diagram->grab().toImage();
        auto midpoint = [&](int l) {
            const QPointF m = (diagram->neuronCentre(l, 0) + diagram->neuronCentre(l + 1, 0)) / 2;
            return image.pixelColor(int(m.x() * image.devicePixelRatio()), int(m.y() * image.devicePixelRatio()));
        };
        const QColor positive = midpoint(0), negative = midpoint(1);
        QVERIFY2(positive.blue() > positive.red() + 60, qPrintable(positive.name()));
        QVERIFY2(negative.red() > negative.blue() + 60, qPrintable(negative.name()));
    }

    void emptyDiagramPaints()
    {
        NetworkDiagram empty;
        empty.resize(200, 160);
        QVERIFY(!empty.grab().isNull());
        QCOMPARE(empty.selectedLayer(), -1);
        empty.setSelected(1, 0);   // nothing to select
        QCOMPARE(empty.selectedLayer(), -1);
    }

    // A neuron's own fill replaces the bias tint until a new network; clearing leaves a diagram
    // that says it has no network.
    void fillsColourNeuronsUntilANewNetwork()
    {
        const QColor green(0, 158, 115);
        diagram->setNeuronFills(1, {green, QColor(), green}, QStringLiteral("fill: matched pair"));
        QCOMPARE(diagram->neuronFill(1, 0), green);
        QVERIFY(!diagram->neuronFill(1, 1).isValid());
        QVERIFY(!diagram->neuronFill(0, 0).isValid());
        const QImage image = diagram->grab().toImage();
        const QPointF c = diagram->neuronCentre(1, 2) + QPointF(diagram->neuronRadius() * 0.6, 0);
        const QColor drawn = image.pixelColor(int(c.x() * image.devicePixelRatio()), int(c.y() * image.devicePixelRatio()));
        QVERIFY2(std::abs(drawn.green() - 158) < 8 && drawn.red() < 20, qPrintable(drawn.name()));
        diagram->setNetwork(net, net.parameters());
        QVERIFY(!diagram->neuronFill(1, 0).isValid());
        diagram->clearNetwork();
        QVERIFY(diagram->network().widths().empty());
        QVERIFY(!diagram->grab().isNull());
        QVERIFY(!diagram->neuronAt(QPointF(100, 100), nullptr, nullptr));
    }

    void selectionSurvivesANewNetworkOnlyIfItExists()
    {
        diagram->setSelected(1, 2);
        Network smaller({2, 2, 1}, {Activation::ReLU});
        diagram->setNetwork(smaller, Eigen::VectorXd::Zero(smaller.parameterCount()));
        QCOMPARE(diagram->selectedLayer(), -1);
        diagram->setSelected(1, 1);
        diagram->setNetwork(net, net.parameters());
        QCOMPARE(diagram->selectedLayer(), 1);
        QCOMPARE(diagram->selectedIndex(), 1);
    }
};

QTEST_MAIN(TestNetworkDiagram)
#include "tst_networkdiagram.moc"
